import Foundation
import FoundationXML
import Testing
@testable import CourseSite

/// Parses `xml` and reports whether it is well-formed.
private func isWellFormedXML(_ xml: String) -> Bool {
    XMLParser(data: Data(("<root>" + xml + "</root>").utf8)).parse()
}

private func inline(_ tex: String) throws -> String { try TeX.mathML(tex, display: false) }
private func display(_ tex: String) throws -> String { try TeX.mathML(tex, display: true) }

@Test func lettersAreSeparateIdentifiersAndNumbersKeepDecimals() throws {
    #expect(try inline("ab") == "<math><mi>a</mi><mi>b</mi></math>")
    #expect(try inline("3.14 x") == "<math><mn>3.14</mn><mi>x</mi></math>")
    #expect(try display("") == "<math display=\"block\"></math>")
}

@Test func operatorsUseMinusSignAndEscapeLessThan() throws {
    #expect(try inline("a-b<c") == "<math><mi>a</mi><mo>−</mo><mi>b</mi><mo>&lt;</mo><mi>c</mi></math>")
    #expect(try inline("x \\le y") == "<math><mi>x</mi><mo>≤</mo><mi>y</mi></math>")
}

@Test func plainParenthesesDoNotStretch() throws {
    #expect(try inline("(x)") == "<math><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></math>")
}

@Test func scriptsTakeBracesOrSingleTokens() throws {
    #expect(try inline("x^2") == "<math><msup><mi>x</mi><mn>2</mn></msup></math>")
    #expect(try inline("x^23") == "<math><msup><mi>x</mi><mn>2</mn></msup><mn>3</mn></math>")
    #expect(try inline("x_{ij}") == "<math><msub><mi>x</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub></math>")
    #expect(try inline("x_i^2") == "<math><msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup></math>")
    #expect(try inline("f'") == "<math><msup><mi>f</mi><mo>′</mo></msup></math>")
}

@Test func sumUsesLimitsOnlyInDisplayStyle() throws {
    #expect(try display("\\sum_{i=1}^n")
        == "<math display=\"block\"><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover></math>")
    #expect(try inline("\\sum_i") == "<math><msub><mo>∑</mo><mi>i</mi></msub></math>")
    #expect(try display("\\int_0^1") == "<math display=\"block\"><msubsup><mo>∫</mo><mn>0</mn><mn>1</mn></msubsup></math>")
}

@Test func fractionsAndRoots() throws {
    #expect(try inline("\\frac{1}{2}") == "<math><mfrac><mn>1</mn><mn>2</mn></mfrac></math>")
    #expect(try inline("\\frac12") == "<math><mfrac><mn>1</mn><mn>2</mn></mfrac></math>")
    #expect(try inline("\\sqrt{x+1}") == "<math><msqrt><mi>x</mi><mo>+</mo><mn>1</mn></msqrt></math>")
    #expect(try inline("\\sqrt[3]{x}") == "<math><mroot><mi>x</mi><mn>3</mn></mroot></math>")
}

@Test func leftRightMakeStretchyFences() throws {
    let fence = "fence=\"true\" form=\"prefix\" stretchy=\"true\" symmetric=\"true\""
    let close = "fence=\"true\" form=\"postfix\" stretchy=\"true\" symmetric=\"true\""
    #expect(try inline("\\left( x \\right)") == "<math><mrow><mo \(fence)>(</mo><mi>x</mi><mo \(close)>)</mo></mrow></math>")
    #expect(try inline("\\left\\| x \\right\\|") == "<math><mrow><mo \(fence)>‖</mo><mi>x</mi><mo \(close)>‖</mo></mrow></math>")
    #expect(try inline("\\left. x \\right|") == "<math><mrow><mi>x</mi><mo \(close)>|</mo></mrow></math>")
}

@Test func normBarsAreNonStretchingOrdinarySymbols() throws {
    #expect(try inline("\\|x\\|")
        == "<math><mo stretchy=\"false\" lspace=\"0\" rspace=\"0\">‖</mo><mi>x</mi><mo stretchy=\"false\" lspace=\"0\" rspace=\"0\">‖</mo></math>")
}

@Test func alphabetsMapToUnicodeMathematicalLetters() throws {
    #expect(try inline("\\mathbf{q}") == "<math><mi>𝐪</mi></math>")
    #expect(try inline("\\mathbf{W1}") == "<math><mrow><mi>𝐖</mi><mn>𝟏</mn></mrow></math>")
    #expect(try inline("\\mathbb{R}\\mathbb{N}\\mathbb{Z}\\mathbb{Q}\\mathbb{C}")
        == "<math><mi>ℝ</mi><mi>ℕ</mi><mi>ℤ</mi><mi>ℚ</mi><mi>ℂ</mi></math>")
    #expect(try inline("\\mathcal{L}") == "<math><mi>ℒ</mi></math>")
    #expect(try inline("\\mathrm{d}x") == "<math><mi mathvariant=\"normal\">d</mi><mi>x</mi></math>")
    #expect(try inline("\\mathrm{ReLU}") == "<math><mi>ReLU</mi></math>")
}

@Test func textKeepsItsSpacesAsNoBreakSpaces() throws {
    #expect(try inline("\\text{ if }") == "<math><mtext>\u{00A0}if\u{00A0}</mtext></math>")
    #expect(try inline("\\textrm{Gaussian;}") == "<math><mtext>Gaussian;</mtext></math>")
}

@Test func accentsUseMover() throws {
    #expect(try inline("\\hat{y}") == "<math><mover accent=\"true\"><mi>y</mi><mo stretchy=\"false\">^</mo></mover></math>")
    #expect(try inline("\\bar{x}") == "<math><mover accent=\"true\"><mi>x</mi><mo stretchy=\"false\">¯</mo></mover></math>")
    #expect(try inline("\\tilde{w}") == "<math><mover accent=\"true\"><mi>w</mi><mo stretchy=\"false\">~</mo></mover></math>")
}

@Test func greekLettersLowerItalicUpperUpright() throws {
    #expect(try inline("\\alpha\\varepsilon\\sigma\\Sigma")
        == "<math><mi>α</mi><mi>ε</mi><mi>σ</mi><mi mathvariant=\"normal\">Σ</mi></math>")
}

@Test func functionNamesAreUprightAndApplied() throws {
    #expect(try inline("\\exp(x)") == "<math><mi>exp</mi><mo>⁡</mo><mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></math>")
    #expect(try inline("\\log x") == "<math><mi>log</mi><mo>⁡</mo><mspace width=\"0.1667em\"></mspace><mi>x</mi></math>")
    #expect(try display("\\max_x")
        == "<math display=\"block\"><munder><mi>max</mi><mi>x</mi></munder><mo>⁡</mo></math>")
    #expect(try display("\\arg\\min_w")
        == "<math display=\"block\"><munder><mi>arg\u{2009}min</mi><mi>w</mi></munder><mo>⁡</mo></math>")
    #expect(try inline("\\operatorname{softmax}(z)").hasPrefix("<math><mi>softmax</mi><mo>⁡</mo>"))
}

@Test func symbolsAndSpaces() throws {
    #expect(try inline("\\infty") == "<math><mi mathvariant=\"normal\">∞</mi></math>")
    #expect(try inline("x\\quad y") == "<math><mi>x</mi><mspace width=\"1em\"></mspace><mi>y</mi></math>")
    #expect(try inline("a \\cdot b \\to c")
        == "<math><mi>a</mi><mo>⋅</mo><mi>b</mi><mo>→</mo><mi>c</mi></math>")
    #expect(try inline("\\mathbf{x}^\\top") == "<math><msup><mi>𝐱</mi><mi mathvariant=\"normal\">⊤</mi></msup></math>")
}

@Test func alignedBlockBecomesTableWithAlternatingAlignment() throws {
    let tex = """
        \\begin{aligned}
        \\alpha(\\mathbf{q}, \\mathbf{k}) & = \\exp\\left(-\\frac{1}{2} \\|\\mathbf{q} - \\mathbf{k}\\|^2 \\right) && \\textrm{Gaussian;} \\\\
        \\alpha(\\mathbf{q}, \\mathbf{k}) & = 1 \\textrm{ if } \\|\\mathbf{q} - \\mathbf{k}\\| \\leq 1 && \\textrm{Boxcar;} \\\\
        \\alpha(\\mathbf{q}, \\mathbf{k}) & = \\mathop{\\mathrm{max}}\\left(0, 1 - \\|\\mathbf{q} - \\mathbf{k}\\|\\right) && \\textrm{Epanechikov.}
        \\end{aligned}
        """
    let math = try display(tex)
    // Too wide for a phone's column: it carries its estimated width for the style sheet.
    #expect(math.hasPrefix("<math display=\"block\" style=\"--math-width: "))
    #expect(math.contains("\"><mtable displaystyle=\"true\"><mtr><mtd style=\"text-align: right;"))
    #expect(math.components(separatedBy: "<mtr>").count == 4)
    #expect(math.components(separatedBy: "<mtd ").count == 13)
    #expect(math.contains("<mtd style=\"text-align: left; padding-left: 0; padding-right: 0\"><mrow></mrow><mo>=</mo><mi>exp</mi>"))
    #expect(math.contains("<mtd style=\"text-align: left; padding-left: 0; padding-right: 0\"><mtext>Epanechikov.</mtext></mtd>"))
    #expect(isWellFormedXML(math))
    #expect(!math.contains("\\"))
}

@Test func casesGetAStretchyBrace() throws {
    let math = try display("\\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}")
    #expect(math.hasPrefix("<math display=\"block\"><mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\" symmetric=\"true\">{</mo><mtable"))
    #expect(math.components(separatedBy: "<mtr>").count == 3)
}

@Test func nadarayaWatsonFormula() throws {
    let tex = "f(\\mathbf{q}) = \\sum_i \\mathbf{v}_i \\frac{\\alpha(\\mathbf{q}, \\mathbf{k}_i)}{\\sum_j \\alpha(\\mathbf{q}, \\mathbf{k}_j)}"
    let expected = "<math display=\"block\"><mi>f</mi><mo stretchy=\"false\">(</mo><mi>𝐪</mi><mo stretchy=\"false\">)</mo><mo>=</mo>"
        + "<munder><mo>∑</mo><mi>i</mi></munder><msub><mi>𝐯</mi><mi>i</mi></msub><mfrac>"
        + "<mrow><mi>α</mi><mo stretchy=\"false\">(</mo><mi>𝐪</mi><mo>,</mo><msub><mi>𝐤</mi><mi>i</mi></msub><mo stretchy=\"false\">)</mo></mrow>"
        + "<mrow><munder><mo>∑</mo><mi>j</mi></munder><mi>α</mi><mo stretchy=\"false\">(</mo><mi>𝐪</mi><mo>,</mo>"
        + "<msub><mi>𝐤</mi><mi>j</mi></msub><mo stretchy=\"false\">)</mo></mrow></mfrac></math>"
    #expect(try display(tex) == expected)
}

@Test func unknownCommandIsNamed() {
    #expect(throws: TeXError.unknownCommand("foo")) { try inline("x + \\foo") }
    let message = TeXError.unknownCommand("foo").description
    #expect(message.hasPrefix("unknown TeX command \\foo (supported: "))
    #expect(message.contains("\\alpha") && !message.contains("\n"))
}

@Test func unbalancedBracesAreErrors() {
    #expect(throws: TeXError.unbalancedBraces("a { without a matching }")) { try inline("\\frac{1}{2") }
    #expect(throws: TeXError.unbalancedBraces("a } without a matching {")) { try inline("x}") }
}

@Test func structuralMistakesAreErrors() {
    #expect(throws: TeXError.unmatchedLeftRight("\\left without \\right")) { try inline("\\left( x") }
    #expect(throws: TeXError.unmatchedLeftRight("\\right without \\left")) { try inline("x \\right)") }
    #expect(throws: TeXError.unknownEnvironment("array")) { try inline("\\begin{array} x \\end{array}") }
    #expect(throws: TeXError.mismatchedEnvironment(expected: "aligned", found: "cases")) {
        try inline("\\begin{aligned} x \\end{cases}")
    }
    #expect(throws: TeXError.missingArgument("\\frac")) { try inline("\\frac{1}") }
    #expect(throws: TeXError.missingArgument("^")) { try inline("x^") }
    #expect(throws: TeXError.unexpected("& outside an aligned, cases or matrix environment")) { try inline("a & b") }
    #expect(throws: TeXError.unexpected("double superscript")) { try inline("x^2^3") }
}

@Test func everyOutputIsWellFormedXMLWithoutBackslashes() throws {
    let formulas = [
        "\\hat{y} = \\sum_{i=1}^{n} \\operatorname{softmax}\\left(-\\frac{(x - x_i)^2}{2\\sigma^2}\\right) y_i",
        "\\mathcal{L}(\\theta) = \\frac{1}{n}\\sum_{i=1}^n \\left\\| \\hat{\\mathbf{y}}_i - \\mathbf{y}_i \\right\\|^2",
        "|x| = \\begin{cases} x & \\text{if } x \\ge 0 \\\\ -x & \\text{otherwise} \\end{cases}",
        "\\mathbf{W} = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}, \\langle a, b \\rangle, \\{1, 2\\}, 5\\%, \\$3",
        "a < b > c \\& \\text{\"q\" & 'k' \\{x\\}}",
    ]
    for tex in formulas {
        for style in [false, true] {
            let math = try TeX.mathML(tex, display: style)
            #expect(isWellFormedXML(math), "\(math)")
            #expect(!math.contains("\\"), "\(math)")
        }
    }
}
