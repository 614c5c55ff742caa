/// The auxiliary security header (802.15.4-2006 §7.6.2): security
/// control, frame counter (LE32), key identifier. Thread uses level 5
/// (ENC-MIC-32) with key-id mode 1 (one key-index byte).
public struct SecurityHeader: Equatable, Sendable {
    /// 0 none … 5 ENC-MIC-32 … 7 ENC-MIC-128.
    public var level: UInt8
    /// 0 implicit, 1 key index, 2 4-byte source + index, 3 8-byte source + index.
    public var keyIDMode: UInt8
    public var frameCounter: UInt32
    public var keySource: [UInt8]
    public var keyIndex: UInt8

    public static let threadLevel: UInt8 = 5

    public init(level: UInt8 = SecurityHeader.threadLevel, keyIDMode: UInt8 = 1, frameCounter: UInt32,
                keySource: [UInt8] = [], keyIndex: UInt8) {
        self.level = level
        self.keyIDMode = keyIDMode
        self.frameCounter = frameCounter
        self.keySource = keySource
        self.keyIndex = keyIndex
    }

    /// MIC length of the level: 0, 4, 8 or 16 bytes.
    public var micLength: Int { SecurityHeader.micLength(level: level) }

    public static func micLength(level: UInt8) -> Int {
        switch level & 0x3 {
        case 0: return 0
        case 1: return 4
        case 2: return 8
        default: return 16
        }
    }

    public var encrypts: Bool { level & 0x4 != 0 }

    public var securityControl: UInt8 { level & 0x7 | (keyIDMode & 0x3) << 3 }

    var encoded: [UInt8] {
        var out: [UInt8] = [securityControl]
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: frameCounter >> UInt32(shift))) }
        if keyIDMode != 0 {
            out.append(contentsOf: keySource)
            out.append(keyIndex)
        }
        return out
    }

    /// Parses at `offset`; returns the header and the bytes it took.
    static func decode(_ bytes: [UInt8], at offset: Int, end: Int) throws(MeshError) -> (SecurityHeader, Int) {
        guard end - offset >= 5 else { throw MeshError(.malformed, "auxiliary security header truncated") }
        let control = bytes[offset]
        // Bits 5–7 are reserved in 2006 (2015 uses them for frame-counter
        // suppression and ASN nonces, which would change the layout).
        guard control & 0xE0 == 0 else {
            throw MeshError(.unsupported, "security control \(control): reserved bits set")
        }
        let mode = control >> 3 & 0x3
        let counter = UInt32(bytes[offset + 1]) | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3]) << 16
            | UInt32(bytes[offset + 4]) << 24
        let sourceLength = mode == 2 ? 4 : (mode == 3 ? 8 : 0)
        let length = 5 + (mode == 0 ? 0 : sourceLength + 1)
        guard end - offset >= length else { throw MeshError(.malformed, "key identifier truncated") }
        let source = Array(bytes[(offset + 5)..<(offset + 5 + sourceLength)])
        let index = mode == 0 ? 0 : bytes[offset + 5 + sourceLength]
        return (SecurityHeader(level: control & 0x7, keyIDMode: mode, frameCounter: counter, keySource: source,
                               keyIndex: index), length)
    }
}
