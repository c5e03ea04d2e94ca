/// The tables of TeX commands that map to a single MathML token, and the letter maps of the math alphabets.
enum MathMLSymbols {
    /// Greek letters. Lower case renders italic like TeX; upper case is upright (`mathvariant="normal"`).
    static let greek: [String: (character: String, upright: Bool)] = [
        "alpha": ("α", false), "beta": ("β", false), "gamma": ("γ", false), "delta": ("δ", false),
        "epsilon": ("ϵ", false), "varepsilon": ("ε", false), "zeta": ("ζ", false), "eta": ("η", false),
        "theta": ("θ", false), "vartheta": ("ϑ", false), "iota": ("ι", false), "kappa": ("κ", false),
        "lambda": ("λ", false), "mu": ("μ", false), "nu": ("ν", false), "xi": ("ξ", false),
        "pi": ("π", false), "varpi": ("ϖ", false), "rho": ("ρ", false), "varrho": ("ϱ", false),
        "sigma": ("σ", false), "varsigma": ("ς", false), "tau": ("τ", false), "upsilon": ("υ", false),
        "phi": ("ϕ", false), "varphi": ("φ", false), "chi": ("χ", false), "psi": ("ψ", false),
        "omega": ("ω", false),
        "Gamma": ("Γ", true), "Delta": ("Δ", true), "Theta": ("Θ", true), "Lambda": ("Λ", true),
        "Xi": ("Ξ", true), "Pi": ("Π", true), "Sigma": ("Σ", true), "Upsilon": ("Υ", true),
        "Phi": ("Φ", true), "Psi": ("Ψ", true), "Omega": ("Ω", true),
    ]

    /// Symbols that behave like ordinary identifiers (`<mi>`), e.g. `\infty`.
    static let ordinary: [String: String] = [
        "infty": "∞", "partial": "∂", "nabla": "∇", "top": "⊤", "emptyset": "∅", "ell": "ℓ",
        "forall": "∀", "exists": "∃", "%": "%", "$": "$", "#": "#", "&": "&", "_": "_",
    ]

    /// Symbols rendered as operators (`<mo>`): relations, binary operators, arrows, dots and non-stretching fences.
    static let operators: [String: String] = [
        "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "Leftarrow": "⇐",
        "leftrightarrow": "↔", "Leftrightarrow": "⇔", "mapsto": "↦", "in": "∈", "notin": "∉",
        "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "cup": "∪", "cap": "∩", "setminus": "∖",
        "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "ll": "≪", "gg": "≫",
        "approx": "≈", "sim": "∼", "simeq": "≃", "equiv": "≡", "propto": "∝", "cdot": "⋅", "times": "×",
        "div": "÷", "pm": "±", "mp": "∓", "circ": "∘", "odot": "⊙", "otimes": "⊗", "oplus": "⊕",
        "ldots": "…", "dots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱", "mid": "∣",
        "colon": ":",
    ]

    /// Fences usable after `\left`/`\right` and, without stretching, on their own.
    static let fenceCommands: [String: String] = [
        "|": "‖", "{": "{", "}": "}", "lvert": "|", "rvert": "|", "lVert": "‖", "rVert": "‖",
        "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
    ]

    /// Single characters usable as fences after `\left`/`\right`.
    static let fenceCharacters: Set<Character> = ["(", ")", "[", "]", "|", "/"]

    /// Large operators; the flag says whether limits go under/over in display style (`\int` keeps scripts).
    static let largeOperators: [String: (character: String, limits: Bool)] = [
        "sum": ("∑", true), "prod": ("∏", true), "coprod": ("∐", true), "bigcup": ("⋃", true),
        "bigcap": ("⋂", true), "int": ("∫", false), "oint": ("∮", false),
    ]

    /// Upright function names; the flag says whether subscripts become limits in display style.
    static let functions: [String: Bool] = [
        "exp": false, "log": false, "ln": false, "lg": false, "sin": false, "cos": false, "tan": false,
        "sinh": false, "cosh": false, "tanh": false, "arg": false, "dim": false, "ker": false, "deg": false,
        "max": true, "min": true, "sup": true, "inf": true, "det": true, "lim": true, "Pr": true,
        "gcd": true,
    ]

    /// Horizontal spaces and their widths.
    static let spaces: [String: String] = [
        "quad": "1em", "qquad": "2em", ",": "0.1667em", ":": "0.2222em", ">": "0.2222em",
        ";": "0.2778em", "!": "-0.1667em", " ": "0.25em",
    ]

    /// Accents placed over their argument with `<mover accent="true">`.
    static let accents: [String: String] = [
        "hat": "^", "widehat": "^", "bar": "¯", "overline": "¯", "tilde": "~", "widetilde": "~",
        "vec": "→", "dot": "˙", "ddot": "¨",
    ]

    /// Characters rendered as operators when typed directly, with their display form.
    static let operatorCharacters: [Character: String] = [
        "+": "+", "-": "−", "=": "=", "<": "<", ">": ">", "(": "(", ")": ")", "[": "[", "]": "]",
        ",": ",", ";": ";", ":": ":", "|": "|", "!": "!", "/": "/", "*": "∗", ".": ".", "?": "?",
        "@": "@", "\"": "\"",
    ]

    /// Operator characters that are fences and must not stretch unless written with `\left`/`\right`.
    static let nonStretchingFences: Set<String> = ["(", ")", "[", "]", "|", "‖", "{", "}", "⟨", "⟩", "⌊", "⌋", "⌈", "⌉", "/"]

    /// Maps a character into a math alphabet, or returns it unchanged when the alphabet has no such letter.
    static func map(_ character: Character, into font: MathFont) -> Character {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return character }
        let value = scalar.value
        let upper = (0x41...0x5A).contains(value), lower = (0x61...0x7A).contains(value), digit = (0x30...0x39).contains(value)
        switch font {
        case .italic, .roman:
            return character
        case .bold:
            if upper { return offset(0x1D400, value - 0x41) }
            if lower { return offset(0x1D41A, value - 0x61) }
            if digit { return offset(0x1D7CE, value - 0x30) }
        case .blackboard:
            if let special = blackboardExceptions[character] { return special }
            if upper { return offset(0x1D538, value - 0x41) }
            if lower { return offset(0x1D552, value - 0x61) }
            if digit { return offset(0x1D7D8, value - 0x30) }
        case .calligraphic:
            if let special = scriptExceptions[character] { return special }
            if upper { return offset(0x1D49C, value - 0x41) }
            if lower { return offset(0x1D4B6, value - 0x61) }
        }
        return character
    }

    private static func offset(_ base: UInt32, _ delta: UInt32) -> Character {
        Unicode.Scalar(base + delta).map(Character.init) ?? "?"
    }

    /// Letters that Unicode encodes in the Letterlike Symbols block instead of the double-struck alphabet.
    private static let blackboardExceptions: [Character: Character] = [
        "C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ",
    ]

    /// Letters that Unicode encodes in the Letterlike Symbols block instead of the script alphabet.
    private static let scriptExceptions: [Character: Character] = [
        "B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ",
        "e": "ℯ", "g": "ℊ", "o": "ℴ",
    ]
}

/// The math alphabet selected by `\mathbf`, `\mathbb`, `\mathcal` and `\mathrm`.
enum MathFont: Sendable {
    case italic, bold, blackboard, calligraphic, roman
}
