/// DEFLATE decompression (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks, with a cap on the output.
///
/// A small canonical-Huffman decoder in the manner of Mark Adler's `puff.c` (zlib's contrib/puff): each code is
/// decoded bit by bit from the counts of codes per length, which is slow next to zlib's tables but short enough to
/// read in one sitting, and fast enough for a student's upload (a few hundred kilobytes). Every read is bounds-checked:
/// malformed input throws `InflateError`, never traps, and the output never grows past `limit` bytes, so a zip bomb
/// stops at the cap.
public enum Inflate {
    /// Decompresses the raw DEFLATE stream `input` (no zlib or gzip header), refusing to produce more than `limit`
    /// bytes.
    /// - Throws: `InflateError.tooLarge` past `limit`, `.malformed` for anything RFC 1951 does not allow.
    public static func decompress(_ input: [UInt8], limit: Int) throws(InflateError) -> [UInt8] {
        var state = State(input: input, limit: limit)
        var last = false
        repeat {
            last = try state.bits(1) == 1
            switch try state.bits(2) {
            case 0: try state.stored()
            case 1: try state.codes(lengths: Huffman.fixedLengths, distances: Huffman.fixedDistances)
            case 2:
                let (lengths, distances) = try state.dynamicTables()
                try state.codes(lengths: lengths, distances: distances)
            default: throw .malformed("block type 3")
            }
        } while !last
        return state.output
    }

    /// Base lengths and extra bits of length symbols 257…285, and of distance symbols 0…29 (RFC 1951 §3.2.5).
    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
                                    115, 131, 163, 195, 227, 258]
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                      1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11,
                                       12, 12, 13, 13]

    /// A canonical Huffman code: how many codes have each length 0…15, and the symbols in code order.
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int]

        /// The code whose symbol `s` has code length `lengths[s]` (0: unused).
        /// - Throws: `.malformed` for an over-subscribed set of lengths, or an incomplete one (allowed for the fixed
        ///   distance code, `incompleteAllowed`, and for a code of one symbol, as RFC 1951 permits).
        init(lengths: [Int], incompleteAllowed: Bool = false) throws(InflateError) {
            symbols = [Int](repeating: 0, count: lengths.count)
            for length in lengths { counts[length] += 1 }
            var left = 1
            for length in 1..<16 {
                left = left * 2 - counts[length]
                if left < 0 { throw .malformed("over-subscribed Huffman code") }
            }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
            let used = lengths.filter { $0 != 0 }.count
            if left > 0 && used > 1 && !incompleteAllowed { throw .malformed("incomplete Huffman code") }
        }

        static let fixedLengths: Huffman = {
            let lengths = [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112)
                + [Int](repeating: 7, count: 24) + [Int](repeating: 8, count: 8)
            // The fixed code is complete by construction.
            return (try? Huffman(lengths: lengths)) ?? Huffman(empty: ())
        }()
        static let fixedDistances: Huffman = (try? Huffman(lengths: [Int](repeating: 5, count: 30), incompleteAllowed: true))
            ?? Huffman(empty: ())

        private init(empty: Void) { symbols = [] }
    }

    struct State {
        let input: [UInt8]
        let limit: Int
        var output: [UInt8] = []
        var position = 0
        var bitBuffer = 0
        var bitCount = 0

        init(input: [UInt8], limit: Int) {
            self.input = input
            self.limit = limit
            output.reserveCapacity(Swift.min(limit, input.count * 4))
        }

        /// The next `count` bits, least significant first.
        mutating func bits(_ count: Int) throws(InflateError) -> Int {
            var value = bitBuffer
            while bitCount < count {
                guard position < input.count else { throw .malformed("the stream ends early") }
                value |= Int(input[position]) << bitCount
                position += 1
                bitCount += 8
            }
            bitBuffer = value >> count
            bitCount -= count
            return value & ((1 << count) - 1)
        }

        mutating func append(_ byte: UInt8) throws(InflateError) {
            guard output.count < limit else { throw .tooLarge(limit) }
            output.append(byte)
        }

        /// A stored block: byte-aligned LEN and its complement, then LEN bytes.
        mutating func stored() throws(InflateError) {
            bitBuffer = 0
            bitCount = 0
            guard position + 4 <= input.count else { throw .malformed("the stream ends early") }
            let length = Int(input[position]) | Int(input[position + 1]) << 8
            let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
            position += 4
            guard length == ~complement & 0xFFFF else { throw .malformed("stored block length check") }
            guard position + length <= input.count else { throw .malformed("the stream ends early") }
            guard output.count + length <= limit else { throw .tooLarge(limit) }
            output += input[position..<position + length]
            position += length
        }

        /// One symbol of `code`, read bit by bit (codes are stored most significant bit first).
        mutating func decode(_ code: Huffman) throws(InflateError) -> Int {
            var value = 0
            var first = 0
            var index = 0
            for length in 1..<16 {
                value |= try bits(1)
                let count = code.counts[length]
                if value - count < first { return code.symbols[index + (value - first)] }
                index += count
                first = (first + count) << 1
                value <<= 1
            }
            throw .malformed("no Huffman code matches")
        }

        /// Literals and length–distance pairs until the end-of-block symbol.
        mutating func codes(lengths: Huffman, distances: Huffman) throws(InflateError) {
            while true {
                let symbol = try decode(lengths)
                if symbol < 256 {
                    try append(UInt8(symbol))
                } else if symbol == 256 {
                    return
                } else {
                    let index = symbol - 257
                    guard index < Inflate.lengthBase.count else { throw .malformed("length symbol \(symbol)") }
                    let length = Inflate.lengthBase[index] + (try bits(Inflate.lengthExtra[index]))
                    let code = try decode(distances)
                    guard code < Inflate.distanceBase.count else { throw .malformed("distance symbol \(code)") }
                    let distance = Inflate.distanceBase[code] + (try bits(Inflate.distanceExtra[code]))
                    guard distance <= output.count else { throw .malformed("distance too far back") }
                    guard output.count + length <= limit else { throw .tooLarge(limit) }
                    let start = output.count - distance
                    for offset in 0..<length { output.append(output[start + offset]) }
                }
            }
        }

        /// The literal/length and distance codes of a dynamic block, themselves Huffman-coded (RFC 1951 §3.2.7).
        mutating func dynamicTables() throws(InflateError) -> (Huffman, Huffman) {
            let literalCount = try bits(5) + 257
            let distanceCount = try bits(5) + 1
            let codeLengthCount = try bits(4) + 4
            guard literalCount <= 286, distanceCount <= 30 else { throw .malformed("too many codes") }
            let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
            var codeLengths = [Int](repeating: 0, count: 19)
            for index in 0..<codeLengthCount { codeLengths[order[index]] = try bits(3) }
            let codeLengthCode = try Huffman(lengths: codeLengths)
            var lengths: [Int] = []
            while lengths.count < literalCount + distanceCount {
                let symbol = try decode(codeLengthCode)
                switch symbol {
                case 0..<16: lengths.append(symbol)
                case 16:
                    guard let previous = lengths.last else { throw .malformed("repeat with no previous length") }
                    lengths += [Int](repeating: previous, count: 3 + (try bits(2)))
                case 17: lengths += [Int](repeating: 0, count: 3 + (try bits(3)))
                default: lengths += [Int](repeating: 0, count: 11 + (try bits(7)))
                }
            }
            guard lengths.count == literalCount + distanceCount else { throw .malformed("too many code lengths") }
            guard lengths[256] != 0 else { throw .malformed("no end-of-block code") }
            return (try Huffman(lengths: Array(lengths[..<literalCount])),
                    try Huffman(lengths: Array(lengths[literalCount...])))
        }
    }
}

/// Why a DEFLATE stream could not be decompressed.
public enum InflateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The output would pass this many bytes.
    case tooLarge(Int)
    /// The stream breaks RFC 1951 (what is wrong).
    case malformed(String)

    public var description: String {
        switch self {
        case .tooLarge(let limit): "larger than \(limit) bytes once decompressed"
        case .malformed(let what): "not a valid deflate stream (\(what))"
        }
    }
}
