/// MType, the top three bits of MHDR (LoRaWAN 1.0.x §4.2.1; RejoinRequest is
/// LoRaWAN 1.1's use of the value 1.0.x reserved as RFU).
public enum MessageType: UInt8, CaseIterable, Sendable {
    case joinRequest = 0
    case joinAccept
    case unconfirmedDataUp
    case unconfirmedDataDown
    case confirmedDataUp
    case confirmedDataDown
    case rejoinRequest
    case proprietary

    /// Sent by an end device. Proprietary frames have no defined direction and
    /// count as not uplink.
    public var isUplink: Bool {
        switch self {
        case .joinRequest, .unconfirmedDataUp, .confirmedDataUp, .rejoinRequest: return true
        case .joinAccept, .unconfirmedDataDown, .confirmedDataDown, .proprietary: return false
        }
    }

    /// Sent by the network server (join accept and data down).
    public var isDownlink: Bool {
        switch self {
        case .joinAccept, .unconfirmedDataDown, .confirmedDataDown: return true
        default: return false
        }
    }

    /// A confirmed data frame: the receiver must acknowledge it (ACK bit).
    public var isConfirmed: Bool { self == .confirmedDataUp || self == .confirmedDataDown }

    /// A data frame (MACPayload with FHDR, FPort, FRMPayload).
    public var isData: Bool {
        switch self {
        case .unconfirmedDataUp, .unconfirmedDataDown, .confirmedDataUp, .confirmedDataDown: return true
        default: return false
        }
    }

    /// The name used by the specification and by network-server logs.
    public var name: String {
        switch self {
        case .joinRequest: return "JoinRequest"
        case .joinAccept: return "JoinAccept"
        case .unconfirmedDataUp: return "UnconfirmedDataUp"
        case .unconfirmedDataDown: return "UnconfirmedDataDown"
        case .confirmedDataUp: return "ConfirmedDataUp"
        case .confirmedDataDown: return "ConfirmedDataDown"
        case .rejoinRequest: return "RejoinRequest"
        case .proprietary: return "Proprietary"
        }
    }

    /// The MHDR byte for this type with Major 0 (LoRaWAN R1).
    public var mhdr: UInt8 { rawValue << 5 }
}
