import TextCoding

/// The 128-bit Thread network key (Pymesh's "master key").
public struct NetworkKey: Equatable, Sendable {
    public static let byteCount = 16
    public let bytes: [UInt8]

    /// Pymesh's default key (seed 002: `0134C0DE1AB51234C0DE1AB5CA1A110F`).
    public static let pymeshDefault = NetworkKey(
        uncheckedBytes: [0x01, 0x34, 0xC0, 0xDE, 0x1A, 0xB5, 0x12, 0x34, 0xC0, 0xDE, 0x1A, 0xB5, 0xCA, 0x1A, 0x11, 0x0F])

    /// Exactly 16 bytes.
    public init(bytes: [UInt8]) throws(MeshError) {
        guard bytes.count == NetworkKey.byteCount else {
            throw MeshError(.invalidArgument, "network key of \(bytes.count) bytes: need 16")
        }
        self.bytes = bytes
    }

    /// Pymesh's `Mesh(key=…)`: 1–16 bytes, a shorter key zero-padded on the
    /// right (seed 002: `112233` → `11223300000000000000000000000000`).
    public init(pymeshKey key: [UInt8]) throws(MeshError) {
        guard !key.isEmpty && key.count <= NetworkKey.byteCount else {
            throw MeshError(.invalidArgument, "Pymesh key of \(key.count) bytes: allowed 1-16")
        }
        bytes = key + [UInt8](repeating: 0, count: NetworkKey.byteCount - key.count)
    }

    /// OpenThread's `networkkey HEX`: exactly 32 hex digits.
    public init(hex: String) throws(MeshError) {
        guard let decoded = Hex.decode(hex), decoded.count == NetworkKey.byteCount else {
            throw MeshError(.invalidArgument, "network key \"\(hex)\": need 32 hex digits")
        }
        bytes = decoded
    }

    init(uncheckedBytes: [UInt8]) { bytes = uncheckedBytes }

    /// Lower-case hex as OpenThread's `networkkey` prints it.
    public var hex: String { Hex.encode(bytes, uppercase: false) }
}
