extension Color {
    /// The nearest colour the given tier can show.
    ///
    /// RGB → nearest entry of the 256 palette (cube or grey ramp); 256 → nearest of the 16 ANSI colours
    /// (by the xterm palette's RGB values); 16 → 8 by dropping brightness; `.none` → `.default`.
    /// Colours already within the tier are returned unchanged.
    public func degraded(to tier: ColorTier) -> Color {
        switch (self, tier) {
        case (.default, _), (_, .none):
            return .default
        case (.ansi(let index), _) where index > 15:
            return Color.indexed(index).degraded(to: tier)
        case (.ansi(let index), .ansi8):
            return .ansi(index % 8)
        case (.ansi, _):
            return self
        case (.indexed(let index), .ansi8), (.indexed(let index), .ansi16):
            let ansi = index < 16 ? index : Palette.nearestANSI(to: Palette.rgb(ofIndexed: index))
            return Color.ansi(ansi).degraded(to: tier)
        case (.indexed, _):
            return self
        case (.rgb, .truecolor):
            return self
        case (.rgb(let red, let green, let blue), _):
            let indexed = Color.indexed(Palette.nearestIndexed(to: (red, green, blue)))
            return tier == .indexed256 ? indexed : indexed.degraded(to: tier)
        }
    }
}

/// The xterm default palette, used to find nearest colours.
enum Palette {
    typealias RGB = (UInt8, UInt8, UInt8)

    /// xterm's 16 ANSI colours.
    static let ansi: [RGB] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    /// The six levels of each axis of the 6×6×6 cube (indices 16–231).
    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// The RGB value of a 256-palette entry.
    static func rgb(ofIndexed index: UInt8) -> RGB {
        switch index {
        case 0..<16:
            return ansi[Int(index)]
        case 16..<232:
            let cube = Int(index) - 16
            return (cubeLevels[cube / 36], cubeLevels[cube / 6 % 6], cubeLevels[cube % 6])
        default:
            let grey = UInt8(8 + 10 * (Int(index) - 232))
            return (grey, grey, grey)
        }
    }

    /// The 256-palette index (16–255; the ANSI entries are skipped as terminals redefine them) nearest to `color`.
    static func nearestIndexed(to color: RGB) -> UInt8 {
        nearest(to: color, among: 16...255)
    }

    /// The ANSI colour (0–15) nearest to `color`.
    static func nearestANSI(to color: RGB) -> UInt8 {
        nearest(to: color, among: 0...15)
    }

    private static func nearest(to color: RGB, among candidates: ClosedRange<UInt8>) -> UInt8 {
        candidates.min { distance(rgb(ofIndexed: $0), color) < distance(rgb(ofIndexed: $1), color) } ?? candidates.lowerBound
    }

    /// Squared distance, weighted roughly by how sensitive the eye is to each channel.
    private static func distance(_ lhs: RGB, _ rhs: RGB) -> Int {
        let red = Int(lhs.0) - Int(rhs.0)
        let green = Int(lhs.1) - Int(rhs.1)
        let blue = Int(lhs.2) - Int(rhs.2)
        return 3 * red * red + 4 * green * green + 2 * blue * blue
    }
}
