/// An MLE message in the clear: command byte then TLVs.
public struct MLEMessage: Equatable, Sendable {
    public var command: MLECommand
    public var tlvs: [MLETLV]

    public init(_ command: MLECommand, _ tlvs: [MLETLV] = []) {
        self.command = command
        self.tlvs = tlvs
    }

    public init(decoding bytes: [UInt8]) throws(MeshError) {
        guard let first = bytes.first else { throw MeshError(.malformed, "MLE message is empty") }
        guard let command = MLECommand(rawValue: first) else { throw MeshError(.unsupported, "MLE command \(first) not handled") }
        self.command = command
        tlvs = try MLETLV.decodeAll(bytes[1...])
    }

    public var encoded: [UInt8] {
        var b: [UInt8] = [command.rawValue]
        for t in tlvs { t.encode(into: &b) }
        return b
    }

    public mutating func append<T: MLETLVValue>(_ value: T) { tlvs.append(value.tlv) }

    public func has(_ type: UInt8) -> Bool { tlvs.contains { $0.type == type } }

    /// The first TLV of this type decoded, nil when absent; a malformed one is an error.
    public func get<T: MLETLVValue>(_: T.Type) throws(MeshError) -> T? {
        guard let t = tlvs.first(where: { $0.type == T.type }) else { return nil }
        return try T(value: t.value)
    }

    /// Like `get`, but a missing TLV is an error naming the command.
    public func require<T: MLETLVValue>(_: T.Type) throws(MeshError) -> T {
        guard let v = try get(T.self) else {
            throw MeshError(.malformed, "MLE command \(command.rawValue) lacks TLV \(T.type)")
        }
        return v
    }
}
