/// A short address (RLOC16 in Thread) of 802.15.4.
public typealias ShortAddress = UInt16

extension ShortAddress {
    /// The broadcast short address.
    public static let broadcastShort: UInt16 = 0xFFFF
    /// "No short address assigned" (802.15.4 macShortAddress 0xFFFE).
    public static let invalidShort: UInt16 = 0xFFFE
}

/// A source or destination address of an 802.15.4 frame, by addressing mode
/// (802.15.4-2006 §7.2.1.1.6/§7.2.1.1.8: 0 none, 2 short, 3 extended).
public enum MACAddress: Equatable, Hashable, Sendable {
    case none
    case short(ShortAddress)
    case extended(ExtendedAddress)

    public static let broadcast = MACAddress.short(.broadcastShort)

    /// The 2-bit addressing mode code.
    public var mode: UInt16 {
        switch self {
        case .none: return 0
        case .short: return 2
        case .extended: return 3
        }
    }

    /// Octets the address takes in the header.
    public var byteCount: Int {
        switch self {
        case .none: return 0
        case .short: return 2
        case .extended: return 8
        }
    }

    public var isBroadcast: Bool { self == .broadcast }
}
