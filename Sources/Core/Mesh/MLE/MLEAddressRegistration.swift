/// Address Registration TLV: entries of a control byte (bit 7 = compressed, bits 3-0 = context
/// id) then an 8-byte interface identifier (compressed) or a full 16-byte IPv6 address.
/// OpenThread `AddressRegistrationTlv`.
public struct MLEAddressRegistration: MLETLVValue, Equatable, Sendable {
    public static let type = MLETLVType.addressRegistration

    public enum Entry: Equatable, Sendable {
        case compressed(contextID: UInt8, iid: [UInt8])
        case full([UInt8])
    }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public init(value: [UInt8]) throws(MeshError) {
        entries = []
        var i = 0
        while i < value.count {
            let control = value[i]
            let size = control & 0x80 != 0 ? 8 : 16
            guard value.count - (i + 1) >= size else { throw MeshError(.malformed, "MLE Address Registration entry truncated at byte \(i)") }
            let body = Array(value[(i + 1)..<(i + 1 + size)])
            entries.append(size == 8 ? .compressed(contextID: control & 0x0f, iid: body) : .full(body))
            i += 1 + size
        }
    }

    public var value: [UInt8] {
        var b: [UInt8] = []
        for e in entries {
            switch e {
            case .compressed(let c, let iid): b.append(0x80 | (c & 0x0f)); b += iid
            case .full(let a): b.append(0); b += a
            }
        }
        return b
    }
}
