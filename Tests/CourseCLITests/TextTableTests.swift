import Testing

@testable import CourseCLI

@Suite struct TextTableTests {
    @Test func columnsArePaddedToTheWidestCellAndNumbersAlignRight() {
        let table = TextTable(header: ["kernel", "MSE"], rows: [["Gaussian", "0.31"], ["σ = 0.1", "12.5"]],
                              rightAligned: [1])
        #expect(table.text == """
            kernel     MSE
            --------  ----
            Gaussian  0.31
            σ = 0.1   12.5
            """)
    }

    @Test func shortRowsArePaddedWithEmptyCells() {
        let table = TextTable(header: ["a", "b"], rows: [["x"]])
        #expect(table.text == "a  b\n-  -\nx")
    }
}
