/// A typed MLE TLV: its code and a checked decoding of its value.
/// Layouts follow OpenThread `src/core/thread/mle_tlvs.hpp`.
public protocol MLETLVValue {
    static var type: UInt8 { get }
    init(value: [UInt8]) throws(MeshError)
    var value: [UInt8] { get }
}

extension MLETLVValue {
    public var tlv: MLETLV { MLETLV(type: Self.type, value: value) }

    static func require(_ value: [UInt8], count: Int, _ name: String) throws(MeshError) {
        guard value.count == count else { throw MeshError(.malformed, "MLE \(name) TLV must be \(count) bytes, got \(value.count)") }
    }
    static func require(_ value: [UInt8], atLeast: Int, _ name: String) throws(MeshError) {
        guard value.count >= atLeast else { throw MeshError(.malformed, "MLE \(name) TLV needs at least \(atLeast) bytes, got \(value.count)") }
    }
}

/// A 16-bit value TLV (Source Address, Address16, PAN ID, Version).
public protocol MLEUInt16TLV: MLETLVValue {
    var raw: UInt16 { get }
    init(raw: UInt16)
}
extension MLEUInt16TLV {
    public init(value: [UInt8]) throws(MeshError) {
        try Self.require(value, count: 2, "type \(Self.type)")
        self.init(raw: MLEBytes.be16(value, 0))
    }
    public var value: [UInt8] { var b: [UInt8] = []; MLEBytes.put16(raw, &b); return b }
}

/// A 32-bit value TLV (Timeout, frame counters).
public protocol MLEUInt32TLV: MLETLVValue {
    var raw: UInt32 { get }
    init(raw: UInt32)
}
extension MLEUInt32TLV {
    public init(value: [UInt8]) throws(MeshError) {
        try Self.require(value, count: 4, "type \(Self.type)")
        self.init(raw: MLEBytes.be32(value, 0))
    }
    public var value: [UInt8] { var b: [UInt8] = []; MLEBytes.put32(raw, &b); return b }
}

/// A one-byte TLV (Scan Mask, Link Margin, Status).
public protocol MLEUInt8TLV: MLETLVValue {
    var raw: UInt8 { get }
    init(raw: UInt8)
}
extension MLEUInt8TLV {
    public init(value: [UInt8]) throws(MeshError) {
        try Self.require(value, count: 1, "type \(Self.type)")
        self.init(raw: value[0])
    }
    public var value: [UInt8] { [raw] }
}
