import Testing
@testable import Figures

@Test func colorHexRoundTrips() {
    #expect(Color(r: 0, g: 114, b: 178).hex == "#0072b2")
    #expect(Color(hex: "#FFF5F0") == Color(r: 255, g: 245, b: 240))
    #expect(Color(hex: "fff5f0") == nil)
    #expect(Color(hex: "#fff") == nil)
    #expect(Color(hex: "#+12345") == nil)
}

@Test func paletteIsOkabeItoAndWraps() {
    #expect(Color.palette.count == 8)
    #expect(Set(Color.palette).count == 8)
    #expect(Color.categorical(0) == .blue)
    #expect(Color.categorical(8) == .blue)
    #expect(Color.categorical(-1) == Color.palette[7])
}

@Test func redsMapEndsAndAnchors() {
    #expect(ColorMap.reds.color(at: 0).hex == "#fff5f0")
    #expect(ColorMap.reds.color(at: 1).hex == "#67000d")
    #expect(ColorMap.reds.color(at: 0.5).hex == "#fb6a4a")
    #expect(ColorMap.reds.color(at: -3).hex == "#fff5f0")
    #expect(ColorMap.reds.color(at: .nan).hex == "#fff5f0")
}

@Test func colorScaleNormalisesClampsAndQuantises() {
    let scale = ColorScale(domain: 0...0.5, label: "weight")
    #expect(scale.color(for: 0).hex == "#fff5f0")
    #expect(scale.color(for: 0.5).hex == "#67000d")
    #expect(scale.color(for: 7).hex == "#67000d")
    #expect(scale.color(for: -1).hex == "#fff5f0")
    let middle = scale.color(for: 0.25)
    let anchor = Color(r: 0xfb, g: 0x6a, b: 0x4a)
    #expect(abs(Int(middle.r) - Int(anchor.r)) <= 2 && abs(Int(middle.g) - Int(anchor.g)) <= 2
        && abs(Int(middle.b) - Int(anchor.b)) <= 2)
    #expect(scale.color(for: 0.2500001) == scale.color(for: 0.25))
}
