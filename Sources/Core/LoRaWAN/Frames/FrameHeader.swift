/// What a gateway or a network server can read from a PHYPayload without any
/// key (`DataFrameCodec.peek`): enough to log an uplink and to find the
/// device's keys.
public struct FrameHeader: Equatable, Sendable {
    public var messageType: MessageType
    /// MHDR Major: 0 is LoRaWAN R1; others are not understood.
    public var major: UInt8
    public var phyPayloadLength: Int
    /// The last four bytes (for a JoinAccept they are still encrypted).
    public var mic: [UInt8]

    // Data frames (nil / zero / false otherwise).
    public var devAddr: DevAddr?
    /// The raw FCtrl byte.
    public var fCtrl: UInt8
    public var adr: Bool { fCtrl & 0x80 != 0 }
    public var adrAckReq: Bool { fCtrl & 0x40 != 0 }
    public var ack: Bool { fCtrl & 0x20 != 0 }
    /// FPending (downlink) / Class B (uplink).
    public var fPending: Bool { fCtrl & 0x10 != 0 }
    public var classB: Bool { fPending }
    public var fOptsLength: Int { Int(fCtrl & 0x0F) }
    /// The 16 LSBs of the frame counter, as sent.
    public var fCnt16: UInt16
    /// FOpts as sent (clear text in LoRaWAN 1.0.x).
    public var fOpts: [UInt8]
    public var fPort: UInt8?
    public var frmPayloadLength: Int

    // JoinRequest frames (nil otherwise).
    public var joinEUI: EUI64?
    public var devEUI: EUI64?
    public var devNonce: UInt16?

    public init(
        messageType: MessageType, major: UInt8, phyPayloadLength: Int, mic: [UInt8],
        devAddr: DevAddr? = nil, fCtrl: UInt8 = 0, fCnt16: UInt16 = 0, fOpts: [UInt8] = [],
        fPort: UInt8? = nil, frmPayloadLength: Int = 0,
        joinEUI: EUI64? = nil, devEUI: EUI64? = nil, devNonce: UInt16? = nil
    ) {
        self.messageType = messageType
        self.major = major
        self.phyPayloadLength = phyPayloadLength
        self.mic = mic
        self.devAddr = devAddr
        self.fCtrl = fCtrl
        self.fCnt16 = fCnt16
        self.fOpts = fOpts
        self.fPort = fPort
        self.frmPayloadLength = frmPayloadLength
        self.joinEUI = joinEUI
        self.devEUI = devEUI
        self.devNonce = devNonce
    }
}
