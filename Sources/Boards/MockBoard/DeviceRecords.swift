import LoRaPHY
import LoRaWAN

public struct UplinkRecord: Sendable, Equatable {
    public var frameCounter: UInt32
    public var confirmed: Bool
    public var startMicros: UInt64
    public var endMicros: UInt64
    public var frequencyHz: UInt32
    public var parameters: LoRaParameters
    /// The PHYPayload as sent.
    public var phyPayload: [UInt8]
}

/// One JoinRequest the device sent (OTAA), and the JoinAccept it got for it.
public struct JoinRequestRecord: Sendable, Equatable {
    /// 0 for the first attempt.
    public var attempt: Int
    public var devNonce: UInt16
    public var startMicros: UInt64
    public var endMicros: UInt64
    public var frequencyHz: UInt32
    public var parameters: LoRaParameters
    public var phyPayload: [UInt8]
    /// Decoded (MIC verified with the AppKey) when caught in RX1 or RX2.
    public var accept: JoinAccept?
}

public enum ReceiveWindow: Sendable, Equatable {
    case rx1, rx2

    public var name: String { self == .rx1 ? "RX1" : "RX2" }
}

/// A downlink addressed to the device that appeared on one of its window
/// channels, whether it could catch it or not.
public struct DownlinkRecord: Sendable, Equatable {
    public var window: ReceiveWindow
    /// FCnt of the uplink whose windows it belongs to (for a JoinAccept:
    /// the join attempt).
    public var uplinkFrameCounter: UInt32
    /// When the receiver opened for that window.
    public var windowOpensMicros: UInt64
    public var startMicros: UInt64
    public var endMicros: UInt64
    /// Started inside the window the device could catch, strong enough, not
    /// lost in a collision (see `SimulatedDevice` for the exact rule).
    public var caught: Bool
    /// Why it was not caught ("" when caught).
    public var reason: String
    /// The decoded frame (MIC verified) when caught.
    public var frame: DataFrame?
    /// The decoded JoinAccept (MIC verified with the AppKey) when caught.
    public var joinAccept: JoinAccept? = nil
    public var decodeError: String?
}
