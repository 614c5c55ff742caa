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

public enum ReceiveWindow: Sendable, Equatable {
    case rx1, rx2

    public var name: String { self == .rx1 ? "RX1" : "RX2" }
}

/// A downlink addressed to the device that appeared on one of its window
/// channels, whether it could catch it or not.
public struct DownlinkRecord: Sendable, Equatable {
    public var window: ReceiveWindow
    /// FCnt of the uplink whose windows it belongs to.
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
    public var decodeError: String?
}
