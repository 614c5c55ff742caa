/// The 802.15.4 frame type (FCF bits 0–2, 802.15.4-2006 §7.2.1.1.1).
public enum MACFrameType: UInt16, Sendable {
    case beacon = 0
    case data = 1
    case acknowledgment = 2
    case command = 3
}

/// The 16-bit frame control field (802.15.4-2006 §7.2.1.1), little-endian on air.
public struct FrameControl: Equatable, Sendable {
    public var rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }

    static let securityEnabledBit: UInt16 = 1 << 3
    static let framePendingBit: UInt16 = 1 << 4
    static let ackRequestBit: UInt16 = 1 << 5
    static let panIDCompressionBit: UInt16 = 1 << 6

    /// nil for the reserved types 4–7.
    public var frameType: MACFrameType? { MACFrameType(rawValue: rawValue & 0x7) }
    public var securityEnabled: Bool { rawValue & Self.securityEnabledBit != 0 }
    public var framePending: Bool { rawValue & Self.framePendingBit != 0 }
    public var ackRequest: Bool { rawValue & Self.ackRequestBit != 0 }
    public var panIDCompression: Bool { rawValue & Self.panIDCompressionBit != 0 }
    public var destinationMode: UInt16 { rawValue >> 10 & 0x3 }
    /// 0: 802.15.4-2003, 1: 2006, 2: 2015.
    public var frameVersion: UInt16 { rawValue >> 12 & 0x3 }
    public var sourceMode: UInt16 { rawValue >> 14 & 0x3 }

    public init(type: MACFrameType, security: Bool, framePending: Bool, ackRequest: Bool, panIDCompression: Bool,
                destinationMode: UInt16, frameVersion: UInt16, sourceMode: UInt16) {
        var value = type.rawValue
        if security { value |= Self.securityEnabledBit }
        if framePending { value |= Self.framePendingBit }
        if ackRequest { value |= Self.ackRequestBit }
        if panIDCompression { value |= Self.panIDCompressionBit }
        value |= (destinationMode & 0x3) << 10 | (frameVersion & 0x3) << 12 | (sourceMode & 0x3) << 14
        rawValue = value
    }
}
