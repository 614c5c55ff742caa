/// One MLE TLV as it is on the wire: type (1 byte), length (1 byte), value.
/// Extended lengths (0xff) are not used by MLE and are rejected.
public struct MLETLV: Equatable, Sendable {
    public var type: UInt8
    public var value: [UInt8]

    public init(type: UInt8, value: [UInt8]) {
        self.type = type
        self.value = value
    }

    public func encode(into bytes: inout [UInt8]) {
        bytes.append(type)
        bytes.append(UInt8(min(value.count, 254)))
        bytes.append(contentsOf: value.prefix(254))
    }

    /// Splits a TLV sequence, checking each length against what is left.
    public static func decodeAll(_ bytes: ArraySlice<UInt8>) throws(MeshError) -> [MLETLV] {
        var tlvs: [MLETLV] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard bytes.endIndex - index >= 2 else { throw MeshError(.malformed, "MLE TLV header truncated at byte \(index - bytes.startIndex)") }
            let type = bytes[index]
            let length = Int(bytes[index + 1])
            guard length != 0xff else { throw MeshError(.malformed, "MLE TLV \(type) uses an extended length, not allowed in MLE") }
            let start = index + 2
            guard bytes.endIndex - start >= length else {
                throw MeshError(.malformed, "MLE TLV \(type) length \(length) exceeds the \(bytes.endIndex - start) bytes left")
            }
            tlvs.append(MLETLV(type: type, value: Array(bytes[start..<(start + length)])))
            index = start + length
        }
        return tlvs
    }
}

