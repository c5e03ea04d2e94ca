/// A recursive-descent parser from the TeX subset documented on ``TeX`` to a ``MathMLNode`` tree.
struct MathMLTeXParser {
    private let characters: [Character]
    private var position = 0
    private let display: Bool
    private var font = MathFont.italic

    /// What ended a list of atoms.
    private enum Stop: Equatable {
        case end, closeBrace, alignment, newRow, right, endEnvironment
    }

    /// One parsed atom, with how scripts attach to it.
    private struct Atom {
        var node: MathMLNode
        /// Scripts go under/over (in display style) rather than to the side.
        var limits = false
        /// A function name, followed by an invisible apply-function operator.
        var isFunction = false
    }

    /// Creates a parser for `tex`; `display` selects display style (limits under/over large operators).
    init(_ tex: String, display: Bool) {
        characters = Array(tex)
        self.display = display
    }

    /// Every command name the parser understands, sorted.
    static let supportedCommands: [String] = {
        let structural = [
            "frac", "dfrac", "tfrac", "sqrt", "left", "right", "mathbf", "mathbb", "mathcal", "mathrm", "mathit",
            "text", "textrm", "mbox", "operatorname", "mathop", "begin", "end", "\\",
        ]
        let tables = [
            Array(MathMLSymbols.greek.keys), Array(MathMLSymbols.ordinary.keys), Array(MathMLSymbols.operators.keys),
            Array(MathMLSymbols.fenceCommands.keys), Array(MathMLSymbols.largeOperators.keys),
            Array(MathMLSymbols.functions.keys), Array(MathMLSymbols.spaces.keys), Array(MathMLSymbols.accents.keys),
        ]
        return Set(structural + tables.joined()).sorted()
    }()

    /// Parses the whole formula.
    mutating func parseFormula() throws(TeXError) -> [MathMLNode] {
        let (nodes, stop) = try parseList()
        guard stop == .end else { throw Self.error(for: stop) }
        return nodes
    }

    // MARK: Lists and scripts

    private var current: Character? { position < characters.count ? characters[position] : nil }

    private mutating func skipSpaces() {
        while let character = current, character.isWhitespace { position += 1 }
    }

    /// Parses atoms until a closing brace, `&`, `\\`, `\right`, `\end` or the end, and says which one it was.
    private mutating func parseList() throws(TeXError) -> ([MathMLNode], Stop) {
        var nodes: [MathMLNode] = []
        while true {
            if let stop = peekStop() { return (nodes, stop) }
            nodes += try parseScripted()
        }
    }

    private mutating func peekStop() -> Stop? {
        skipSpaces()
        guard let character = current else { return .end }
        switch character {
        case "}": return .closeBrace
        case "&": return .alignment
        case "\\":
            switch commandName(at: position + 1)?.name {
            case "\\": return .newRow
            case "right": return .right
            case "end": return .endEnvironment
            default: return nil
            }
        default: return nil
        }
    }

    private static func error(for stop: Stop) -> TeXError {
        switch stop {
        case .end: return .unbalancedBraces("a { without a matching }")
        case .closeBrace: return .unbalancedBraces("a } without a matching {")
        case .alignment: return .unexpected("& outside an aligned, cases or matrix environment")
        case .newRow: return .unexpected("\\\\ outside an aligned, cases or matrix environment")
        case .right: return .unmatchedLeftRight("\\right without \\left")
        case .endEnvironment: return .unexpected("\\end without \\begin")
        }
    }

    /// Parses an atom with its `^`, `_` and `'` scripts; a function name is followed by an apply-function operator.
    private mutating func parseScripted() throws(TeXError) -> [MathMLNode] {
        let atom = current == "^" || current == "_" ? Atom(node: .row([])) : try parseAtom(single: false)
        var sub: MathMLNode?, sup: MathMLNode?, primes = ""
        scripts: while true {
            skipSpaces()
            switch current {
            case "^":
                guard sup == nil else { throw .unexpected("double superscript") }
                position += 1
                sup = try parseArgument("^")
            case "_":
                guard sub == nil else { throw .unexpected("double subscript") }
                position += 1
                sub = try parseArgument("_")
            case "'":
                guard sup == nil else { throw .unexpected("prime after a superscript") }
                position += 1
                primes += "′"
            default:
                break scripts
            }
        }
        if !primes.isEmpty {
            let prime = MathMLNode.op(primes, attributes: [])
            sup = sup.map { .row([prime, $0]) } ?? prime
        }
        let node = sub == nil && sup == nil
            ? atom.node : .scripts(base: atom.node, sub: sub, sup: sup, limits: display && atom.limits)
        guard atom.isFunction else { return [node] }
        let applyFunction = MathMLNode.op("\u{2061}", attributes: [])
        return startsWithOpeningFence() ? [node, applyFunction] : [node, applyFunction, .space(width: "0.1667em")]
    }

    /// Whether the next token opens a fence or ends the list; TeX puts a thin space after a function name otherwise.
    private mutating func startsWithOpeningFence() -> Bool {
        if peekStop() != nil { return true }
        guard let character = current else { return true }
        if "([|".contains(character) { return true }
        guard character == "\\", let name = commandName(at: position + 1)?.name else { return false }
        return ["left", "{", "langle", "lvert", "lVert", "|", "lfloor", "lceil"].contains(name)
    }

    /// Parses the argument of a command or script: a braced group or a single token.
    private mutating func parseArgument(_ command: String) throws(TeXError) -> MathMLNode {
        guard peekStop() == nil, let character = current, !"^_'".contains(character) else {
            throw .missingArgument(command)
        }
        return try parseAtom(single: true).node
    }

    /// Parses an argument with `newFont` selected.
    private mutating func parseArgument(_ command: String, font newFont: MathFont) throws(TeXError) -> MathMLNode {
        let saved = font
        font = newFont
        defer { font = saved }
        return try parseArgument(command)
    }

    // MARK: Atoms

    /// Parses one atom; `single` limits numbers and upright letter runs to one character (script arguments).
    private mutating func parseAtom(single: Bool) throws(TeXError) -> Atom {
        skipSpaces()
        guard let character = current else { throw .missingArgument("end of formula") }
        if character == "{" {
            position += 1
            let (nodes, stop) = try parseList()
            guard stop == .closeBrace else { throw Self.error(for: stop) }
            position += 1
            return Atom(node: .row(nodes))
        }
        if character == "\\" { return try parseCommand() }
        if Self.isDigit(character) || (character == "." && position + 1 < characters.count && Self.isDigit(characters[position + 1])) {
            return Atom(node: .number(readNumber(single: single)))
        }
        if character.isLetter {
            return Atom(node: readLetters(single: single))
        }
        position += 1
        switch character {
        case "~": return Atom(node: .space(width: MathMLSymbols.spaces[" "] ?? "0.25em"))
        case "%": throw .unexpected("% (write \\% for a percent sign)")
        case "$": throw .unexpected("$ inside math (write \\$ for a dollar sign)")
        case "#": throw .unexpected("# (write \\# for a hash sign)")
        case "'": throw .unexpected("' without a base")
        default: return Atom(node: Self.plainOperator(MathMLSymbols.operatorCharacters[character] ?? String(character)))
        }
    }

    private static func isDigit(_ character: Character) -> Bool { ("0"..."9").contains(character) }

    /// An `<mo>`; fences written without `\left`/`\right` do not stretch, as in TeX.
    /// Vertical bars are ordinary symbols in TeX, so they also get no space around them.
    private static func plainOperator(_ symbol: String) -> MathMLNode {
        guard MathMLSymbols.nonStretchingFences.contains(symbol) else { return .op(symbol, attributes: []) }
        let bar = symbol == "|" || symbol == "‖"
        return .op(symbol, attributes: [("stretchy", "false")] + (bar ? [("lspace", "0"), ("rspace", "0")] : []))
    }

    private mutating func readNumber(single: Bool) -> String {
        var digits = ""
        var seenPoint = false
        while let character = current {
            if Self.isDigit(character) {
                digits.append(MathMLSymbols.map(character, into: font))
            } else if character == ".", !seenPoint, position + 1 < characters.count, Self.isDigit(characters[position + 1]) {
                seenPoint = true
                digits.append(character)
            } else {
                break
            }
            position += 1
            if single { break }
        }
        return digits
    }

    /// One `<mi>` per letter, except in `\mathrm` where a run of letters is one upright `<mi>`.
    private mutating func readLetters(single: Bool) -> MathMLNode {
        guard font == .roman, !single else {
            let letter = characters[position]
            position += 1
            return .identifier(String(MathMLSymbols.map(letter, into: font)), upright: font == .roman)
        }
        var run = ""
        while let character = current, character.isLetter {
            run.append(character)
            position += 1
        }
        return .identifier(run, upright: true)
    }

    // MARK: Commands

    /// The name of the command whose backslash is just before `index`: a run of ASCII letters or one other character.
    private func commandName(at index: Int) -> (name: String, end: Int)? {
        guard index < characters.count else { return nil }
        guard characters[index].isASCII, characters[index].isLetter else { return (String(characters[index]), index + 1) }
        var end = index
        while end < characters.count, characters[end].isASCII, characters[end].isLetter { end += 1 }
        return (String(characters[index..<end]), end)
    }

    private mutating func readCommandName() throws(TeXError) -> String {
        guard let (name, end) = commandName(at: position + 1) else {
            throw .unexpected("\\ at the end of the formula")
        }
        position = end
        return name
    }

    private mutating func parseCommand() throws(TeXError) -> Atom {
        let name = try readCommandName()
        if let letter = MathMLSymbols.greek[name] {
            return Atom(node: .identifier(letter.character, upright: letter.upright))
        }
        if let symbol = MathMLSymbols.ordinary[name] {
            return Atom(node: .identifier(symbol, upright: name != "partial"))
        }
        if let symbol = MathMLSymbols.operators[name] ?? MathMLSymbols.fenceCommands[name] {
            return Atom(node: Self.plainOperator(symbol))
        }
        if let large = MathMLSymbols.largeOperators[name] {
            return Atom(node: .op(large.character, attributes: []), limits: large.limits)
        }
        if let limits = MathMLSymbols.functions[name] {
            return parseFunction(name, limits: limits)
        }
        if let width = MathMLSymbols.spaces[name] {
            return Atom(node: .space(width: width))
        }
        if let mark = MathMLSymbols.accents[name] {
            return Atom(node: .accent(try parseArgument("\\" + name), mark: mark))
        }
        return try parseStructure(name)
    }

    /// A function name; `\arg` directly followed by `\min` or `\max` becomes one "arg min"/"arg max" operator.
    private mutating func parseFunction(_ name: String, limits: Bool) -> Atom {
        if name == "arg" {
            skipSpaces()
            if current == "\\", let (next, end) = commandName(at: position + 1), next == "min" || next == "max" {
                position = end
                return Atom(node: .identifier("arg\u{2009}" + next, upright: true), limits: true, isFunction: true)
            }
        }
        return Atom(node: .identifier(name, upright: true), limits: limits, isFunction: true)
    }

    private mutating func parseStructure(_ name: String) throws(TeXError) -> Atom {
        switch name {
        case "frac", "dfrac", "tfrac":
            let numerator = try parseArgument("\\" + name)
            let denominator = try parseArgument("\\" + name)
            return Atom(node: .fraction(numerator: numerator, denominator: denominator))
        case "sqrt":
            let index = try parseRootIndex()
            return Atom(node: .root(try parseArgument("\\sqrt"), index: index))
        case "left":
            return Atom(node: try parseLeftRight())
        case "mathbf": return Atom(node: try parseArgument("\\mathbf", font: .bold))
        case "mathbb": return Atom(node: try parseArgument("\\mathbb", font: .blackboard))
        case "mathcal": return Atom(node: try parseArgument("\\mathcal", font: .calligraphic))
        case "mathrm": return Atom(node: try parseArgument("\\mathrm", font: .roman))
        case "mathit": return Atom(node: try parseArgument("\\mathit", font: .italic))
        case "text", "textrm", "mbox":
            return Atom(node: .text(try readTextArgument(name)))
        case "operatorname":
            skipSpaces()
            let starred = current == "*"
            if starred { position += 1 }
            return Atom(node: try parseArgument("\\operatorname", font: .roman), limits: starred, isFunction: true)
        case "mathop":
            return Atom(node: try parseArgument("\\mathop"), limits: true, isFunction: true)
        case "begin":
            return Atom(node: try parseEnvironment())
        case "tag":
            throw .unexpected("\\tag (allowed once per display formula, outside environments)")
        case "\\":
            throw Self.error(for: .newRow)
        default:
            throw .unknownCommand(name)
        }
    }

    /// The optional `[index]` of `\sqrt[index]{…}`.
    private mutating func parseRootIndex() throws(TeXError) -> MathMLNode? {
        skipSpaces()
        guard current == "[" else { return nil }
        position += 1
        var nodes: [MathMLNode] = []
        while true {
            if peekStop() != nil { throw .missingArgument("\\sqrt[…] (no closing ])") }
            if current == "]" { break }
            nodes += try parseScripted()
        }
        position += 1
        return .row(nodes)
    }

    /// The braced argument of `\text`, read literally; only `\{ \} \$ \% \& \# \_` escapes are allowed.
    /// Leading and trailing spaces become no-break spaces so that browsers keep them.
    private mutating func readTextArgument(_ command: String) throws(TeXError) -> String {
        skipSpaces()
        guard current == "{" else { throw .missingArgument("\\\(command) (write \\\(command){…})") }
        position += 1
        var text = ""
        var depth = 0
        while let character = current {
            position += 1
            switch character {
            case "\\":
                guard let escaped = current, "{}$%&#_ ".contains(escaped) else {
                    throw .unexpected("command inside \\\(command){…} (only \\{ \\} \\$ \\% \\& \\# \\_ are allowed)")
                }
                text.append(escaped)
                position += 1
            case "{":
                depth += 1
            case "}" where depth == 0:
                return Self.keepingEdgeSpaces(text)
            case "}":
                depth -= 1
            default:
                text.append(character.isWhitespace ? " " : character)
            }
        }
        throw .unbalancedBraces("a { without a matching } in \\\(command)")
    }

    private static func keepingEdgeSpaces(_ text: String) -> String {
        let leading = text.prefix { $0 == " " }.count
        let trailing = text.count == leading ? 0 : text.reversed().prefix { $0 == " " }.count
        let middle = text.dropFirst(leading).dropLast(trailing)
        return String(repeating: "\u{00A0}", count: leading) + middle + String(repeating: "\u{00A0}", count: trailing)
    }

    /// `\left X … \right Y` as an `<mrow>` with stretchy fences; `.` is an invisible fence.
    private mutating func parseLeftRight() throws(TeXError) -> MathMLNode {
        let open = try parseFence(after: "\\left", form: "prefix")
        let (content, stop) = try parseList()
        guard stop == .right else {
            throw stop == .end || stop == .closeBrace ? .unmatchedLeftRight("\\left without \\right") : Self.error(for: stop)
        }
        _ = try readCommandName()
        let close = try parseFence(after: "\\right", form: "postfix")
        return .row([open, .row(content), close].compactMap { $0 })
    }

    private mutating func parseFence(after command: String, form: String) throws(TeXError) -> MathMLNode? {
        skipSpaces()
        guard let character = current else { throw .missingArgument(command) }
        let symbol: String
        if character == "\\" {
            let name = try readCommandName()
            guard let fence = MathMLSymbols.fenceCommands[name] else {
                throw .unexpected("\\\(name) after \(command) (expected a fence such as ( [ | \\| \\{ \\langle or .)")
            }
            symbol = fence
        } else {
            position += 1
            if character == "." { return nil }
            guard MathMLSymbols.fenceCharacters.contains(character) else {
                throw .unexpected("\(character) after \(command) (expected a fence such as ( [ | \\| \\{ \\langle or .)")
            }
            symbol = String(character)
        }
        return Self.stretchyFence(symbol, form: form)
    }

    private static func stretchyFence(_ symbol: String, form: String) -> MathMLNode {
        .op(symbol, attributes: [("fence", "true"), ("form", form), ("stretchy", "true"), ("symmetric", "true")])
    }

    // MARK: Environments

    private mutating func readEnvironmentName(after command: String) throws(TeXError) -> String {
        skipSpaces()
        guard current == "{" else { throw .missingArgument("\(command) (write \(command){aligned})") }
        position += 1
        var name = ""
        while let character = current, character != "}" {
            name.append(character)
            position += 1
        }
        guard current == "}" else { throw .unbalancedBraces("a { without a matching } in \(command)") }
        position += 1
        return name
    }

    /// `\begin{name} … \end{name}` as an `<mtable>`, with fences for `cases`, `pmatrix` and `bmatrix`.
    private mutating func parseEnvironment() throws(TeXError) -> MathMLNode {
        let name = try readEnvironmentName(after: "\\begin")
        let layout: TableLayout
        let fences: (open: String, close: String?)?
        switch name {
        case "aligned": (layout, fences) = (.aligned, nil)
        case "cases": (layout, fences) = (.cases, ("{", nil))
        case "matrix": (layout, fences) = (.matrix, nil)
        case "pmatrix": (layout, fences) = (.matrix, ("(", ")"))
        case "bmatrix": (layout, fences) = (.matrix, ("[", "]"))
        default: throw .unknownEnvironment(name)
        }
        var rows: [[MathMLNode]] = []
        var cells: [MathMLNode] = []
        while true {
            let (nodes, stop) = try parseList()
            let alignedRelation = layout == .aligned && cells.count % 2 == 1 && Self.startsWithOperator(nodes)
            cells.append(.row(alignedRelation ? [.row([])] + nodes : nodes))
            switch stop {
            case .alignment:
                position += 1
            case .newRow:
                position += 2
                rows.append(cells)
                cells = []
            case .endEnvironment:
                _ = try readCommandName()
                let closing = try readEnvironmentName(after: "\\end")
                guard closing == name else { throw .mismatchedEnvironment(expected: name, found: closing) }
                let trailingEmptyRow = cells.count == 1 && nodes.isEmpty && !rows.isEmpty
                if !trailingEmptyRow { rows.append(cells) }
                let table = MathMLNode.table(rows: rows, layout: layout)
                guard let fences else { return table }
                return .row([Self.stretchyFence(fences.open, form: "prefix"), table]
                    + (fences.close.map { [Self.stretchyFence($0, form: "postfix")] } ?? []))
            case .end:
                throw .unexpected("end of formula inside \\begin{\(name)} (missing \\end{\(name)})")
            case .closeBrace, .right:
                throw Self.error(for: stop)
            }
        }
    }

    /// Whether a cell starts with an operator, which in `aligned` gets an empty base like TeX's `{}=`.
    private static func startsWithOperator(_ nodes: [MathMLNode]) -> Bool {
        guard let first = nodes.first, case .op = first else { return false }
        return true
    }
}
