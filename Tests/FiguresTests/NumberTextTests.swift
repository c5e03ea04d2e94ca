import Testing
@testable import Figures

@Test func roundedToPlacesDropsTrailingZerosAndWritesTheMinusSign() {
    #expect(0.10.rounded(places: 2) == "0.1")
    #expect(2.0.rounded(places: 3) == "2")
    #expect((-0.25).rounded(places: 2) == "−0.25")
    #expect((-0.0001).rounded(places: 2) == "0")  // rounds to zero: no "−0"
    #expect(0.125.rounded(places: 2) == "0.13")  // halves away from zero
    #expect(1234.5678.rounded(places: 0) == "1235")
    #expect(Double.nan.rounded(places: 2) == "NaN")
    #expect(Double.infinity.rounded(places: 2) == "∞")
    #expect((-Double.infinity).rounded(places: 2) == "−∞")
}

@Test func significantDigitsAreCsPercentG() {
    #expect(1.46912.significant == "1.469")
    #expect(2186.4.significant == "2186")
    #expect(0.000004263.significant == "4.263e-06")
    #expect((-0.5).significant == "-0.5")  // ASCII, so that it reads as a number inside a TeX formula
    #expect(0.012345.significant(3) == "0.0123")
    #expect(0.012345.significant(2) == "0.012")
}

@Test func shortestTextReadsBackAsTheSameNumber() {
    #expect(5.0.shortest == "5")
    #expect((-0.0).shortest == "0")
    #expect(0.1.shortest == "0.1")
    #expect(1e-300.shortest == "1e-300")
    #expect(1e15.shortest == "1000000000000000")
    #expect(1.2345678901234568e20.shortest == "1.2345678901234568e+20")
    #expect(Double.nan.shortest == nil)
    #expect(Double.infinity.shortest == nil)
    for value: Double in [0.1, 1.0 / 3, -2.5e-7, 123456.789, 9.999e15] {
        #expect(value.shortest.flatMap(Double.init) == value)
    }
}

@Test func trailingZerosGoOnlyFromAFraction() {
    #expect(trimmingTrailingZeros("0.40") == "0.4")
    #expect(trimmingTrailingZeros("2.00") == "2")
    #expect(trimmingTrailingZeros("100") == "100")
}
