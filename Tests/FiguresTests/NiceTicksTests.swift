import Foundation
import Testing
@testable import Figures

/// The step between neighbouring ticks, reduced to its mantissa in [1, 10).
private func mantissa(of ticks: [Double]) -> Double {
    let step = ticks[1] - ticks[0]
    return step / pow(10, log10(step).rounded(.down))
}

@Test func unitRangeGetsTicksEveryFifth() {
    #expect(niceTicks(in: 0...1, approximately: 5) == [0, 0.2, 0.4, 0.6, 0.8, 1])
}

@Test func symmetricRangeGetsIntegerTicks() {
    #expect(niceTicks(in: -2.5...2.5, approximately: 5) == [-2, -1, 0, 1, 2])
}

@Test func rangeEndingOffTickStopsAtLastMultipleInside() {
    #expect(niceTicks(in: 0...4.9, approximately: 5) == [0, 1, 2, 3, 4])
}

@Test func smallRangeGetsDecimalTicksWithoutFloatNoise() {
    #expect(niceTicks(in: 0...0.037, approximately: 4) == [0, 0.01, 0.02, 0.03])
    #expect(niceTicks(in: 0...0.3, approximately: 3) == [0, 0.1, 0.2, 0.3])
}

@Test func negativeRangeGetsNegativeTicks() {
    #expect(niceTicks(in: -10 ... -2, approximately: 4) == [-10, -8, -6, -4, -2])
}

@Test func stepOfTwoAndAHalfIsUsed() {
    #expect(niceTicks(in: 0...10, approximately: 4) == [0, 2.5, 5, 7.5, 10])
}

@Test func degenerateAndNonFiniteRanges() {
    #expect(niceTicks(in: 3...3, approximately: 5) == [3])
    #expect(niceTicks(in: 0...Double.infinity, approximately: 5) == [])
}

@Test func ticksAreNiceNumbersInsideTheRangeAndCoverIt() {
    let ranges: [ClosedRange<Double>] = [
        0...1, -2.5...2.5, 0...4.9, 0...0.037, -7.3 ... -0.2, 1e-6...3e-6, 123...9876, -1e5...1e5, 0.1...0.11,
    ]
    for range in ranges {
        for count in [2, 4, 5, 8] {
            let ticks = niceTicks(in: range, approximately: count)
            #expect(!ticks.isEmpty, "\(range) \(count)")
            guard let first = ticks.first, let last = ticks.last else { continue }
            let step = ticks.count > 1 ? ticks[1] - ticks[0] : range.upperBound - range.lowerBound
            if ticks.count > 1 {
                #expect([1, 2, 2.5, 5].contains { abs(mantissa(of: ticks) - $0) < 1e-9 }, "\(range) \(count)")
            }
            #expect(ticks.allSatisfy { range.contains($0) }, "\(range) \(count)")
            #expect(first - range.lowerBound < step * (1 + 1e-9), "\(range) \(count)")
            #expect(range.upperBound - last < step * (1 + 1e-9), "\(range) \(count)")
            #expect(ticks.count <= 2 * count + 1, "\(range) \(count)")
        }
    }
}

@Test func tickLabelsHaveNoFloatNoiseAndShareDecimals() {
    #expect(tickLabels(for: [0, 0.1, 0.2, 0.30000000000000004]) == ["0.0", "0.1", "0.2", "0.3"])
    #expect(tickLabels(for: [-2.5, 0, 2.5]) == ["−2.5", "0.0", "2.5"])
    #expect(tickLabels(for: [0.001, 0.002]) == ["0.001", "0.002"])
    #expect(tickLabels(for: [1e-3]) == ["0.001"])
    #expect(tickLabels(for: [0, 10, 20]) == ["0", "10", "20"])
    #expect(tickLabels(for: [-0.0]) == ["0"])
    #expect(tickLabels(for: niceTicks(in: 0...1, approximately: 10)).allSatisfy { $0.count == 3 })
}

@Test func logTickLabelsArePlainDecimalsThenPowers() {
    #expect(logTickLabel(exponent: -3) == "0.001")
    #expect(logTickLabel(exponent: 2) == "100")
    #expect(logTickLabel(exponent: -5) == "10⁻⁵")
    #expect(logTickLabel(exponent: 12) == "10¹²")
}

@Test func svgNumbersHaveAtMostOneDecimalAndNoTrailingZeros() {
    #expect(svgNumber(12.34) == "12.3")
    #expect(svgNumber(12.0) == "12")
    #expect(svgNumber(-0.04) == "0")
    #expect(svgNumber(-3.25, decimals: 2) == "-3.25")
    #expect(svgNumber(1e300) == "1000000")
}
