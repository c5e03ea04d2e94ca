import Figures
import Testing

@testable import CourseSite

private func figure(_ id: String) -> Figure {
    Figure(id: id, title: "A figure", description: "Two points.",
           panels: [.plot(PlotPanel(title: "Panel", xLabel: "x", yLabel: "y",
                                    series: [Series(label: nil, xs: [0, 1], ys: [0, 1], style: .line(color: .blue))]))])
}

private func pageFigure(_ id: String, data: [DataFile] = []) -> PageFigure {
    PageFigure(figure: figure(id), caption: "Caption of \(id)", data: data)
}

@Suite struct PageAssemblyTests {
    let prose = [ProseFile(name: "a.md", text: "# One\n\n{{figure: second}}\n\n{{table: t}}\n"),
                 ProseFile(name: "b.md", text: "## Two\n\n{{figure: first}}\n\n  {{figure: second}}  \n")]

    @Test func figuresAreNumberedInTheOrderTheProsePlacesThemEachOnce() throws {
        #expect(PageAssembly.figureNames(in: prose) == ["second", "first"])
        let page = try PageAssembly(
            prose: Array(prose.prefix(1)) + [ProseFile(name: "b.md", text: "## Two\n\n{{figure: first}}\n")],
            figures: ["first": pageFigure("first"), "second": pageFigure("second")],
            blocks: ["table: t": "<table></table>"],
            figureNumberPrefix: "11.2.", directory: "chapter-11-2", data: [])
        let second = try #require(page.bodyHTML.range(of: "Figure 11.2.1"))
        let first = try #require(page.bodyHTML.range(of: "Figure 11.2.2"))
        #expect(second.lowerBound < first.lowerBound)
        #expect(page.headings.map(\.title) == ["One", "Two"])
    }

    @Test func aFigureOrBlockThePageNeverPlacesIsAnError() {
        #expect(throws: ChapterPageError.notPlaced("figure: unused")) {
            try PageAssembly(prose: [ProseFile(name: "a.md", text: "Text.\n")],
                             figures: ["unused": pageFigure("unused")], figureNumberPrefix: "", directory: "d", data: [])
        }
        #expect(throws: ChapterPageError.notPlaced("table: t")) {
            try PageAssembly(prose: [ProseFile(name: "a.md", text: "Text.\n")], blocks: ["table: t": "<table></table>"],
                             figureNumberPrefix: "", directory: "d", data: [])
        }
    }

    @Test func dataFilesGoUnderTheDirectoryOnceEach() throws {
        let file = DataFile("x.csv", header: ["x"], rows: [[1], [nil]])
        let page = try PageAssembly(prose: [ProseFile(name: "a.md", text: "Text.\n")], figureNumberPrefix: "",
                                    directory: "exercises-11-2", data: [file])
        #expect(page.dataFiles.map(\.path) == ["exercises-11-2/data/x.csv"])
        #expect(throws: ChapterPageError.duplicate("data file x.csv")) {
            try PageAssembly(prose: [ProseFile(name: "a.md", text: "Text.\n")], figureNumberPrefix: "",
                             directory: "d", data: [file, file])
        }
    }
}
