/// An opaque sRGB colour with 8-bit channels, written into SVG as `#rrggbb`.
public struct Color: Sendable, Hashable {
    /// Red channel, 0–255.
    public var r: UInt8
    /// Green channel, 0–255.
    public var g: UInt8
    /// Blue channel, 0–255.
    public var b: UInt8

    /// Creates a colour from its three 8-bit channels.
    public init(r: UInt8, g: UInt8, b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Parses `#rrggbb` (case-insensitive); returns nil for any other form (no shorthand `#rgb`, no alpha).
    public init?(hex: String) {
        let body = hex.dropFirst()
        guard hex.first == "#", body.count == 6, body.allSatisfy(\.isHexDigit),
              let value = UInt32(body, radix: 16) else { return nil }
        self.init(r: UInt8(value >> 16), g: UInt8((value >> 8) & 0xff), b: UInt8(value & 0xff))
    }

    /// The colour as lowercase `#rrggbb`.
    public var hex: String {
        "#" + Self.byteHex[Int(r)] + Self.byteHex[Int(g)] + Self.byteHex[Int(b)]
    }

    /// "00" … "ff": a heatmap formats thousands of colours, so each byte's two digits are looked up, not built.
    private static let byteHex: [String] = (0..<256).map { byte in
        let digits = Array("0123456789abcdef")
        return String([digits[byte >> 4], digits[byte & 0x0f]])
    }

    /// The colour a `fraction` of the way from `self` to `other` in sRGB; `fraction` is clamped to 0...1.
    func mixed(with other: Color, fraction: Double) -> Color {
        let t = min(max(fraction, 0), 1)
        func channel(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded())
        }
        return Color(r: channel(r, other.r), g: channel(g, other.g), b: channel(b, other.b))
    }
}

extension Color {
    /// Okabe–Ito blue (#0072b2).
    public static let blue = Color(r: 0, g: 114, b: 178)
    /// Okabe–Ito vermillion (#d55e00).
    public static let vermillion = Color(r: 213, g: 94, b: 0)
    /// Okabe–Ito bluish green (#009e73).
    public static let bluishGreen = Color(r: 0, g: 158, b: 115)
    /// Okabe–Ito orange (#e69f00).
    public static let orange = Color(r: 230, g: 159, b: 0)
    /// Okabe–Ito reddish purple (#cc79a7).
    public static let reddishPurple = Color(r: 204, g: 121, b: 167)
    /// Okabe–Ito sky blue (#56b4e9).
    public static let skyBlue = Color(r: 86, g: 180, b: 233)
    /// Okabe–Ito yellow (#f0e442); pale on white, best for fills rather than thin lines.
    public static let yellow = Color(r: 240, g: 228, b: 66)
    /// Black (#000000).
    public static let black = Color(r: 0, g: 0, b: 0)
    /// Mid grey (#7f7f7f), for reference lines and de-emphasised data.
    public static let grey = Color(r: 127, g: 127, b: 127)
    /// White (#ffffff).
    public static let white = Color(r: 255, g: 255, b: 255)

    /// The Okabe–Ito categorical palette, safe for the common colour-vision deficiencies,
    /// ordered so the first colours contrast best on white.
    public static let palette: [Color] = [
        .blue, .vermillion, .bluishGreen, .orange, .reddishPurple, .skyBlue, .black, .yellow,
    ]

    /// The `index`-th palette colour; indices wrap around, negative ones count from the end.
    public static func categorical(_ index: Int) -> Color {
        let count = palette.count
        return palette[((index % count) + count) % count]
    }
}
