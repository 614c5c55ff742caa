/// A LoRaWAN 1.0.x data frame (§4.3), with the payload in plain text and the
/// full 32-bit frame counter. `DataFrameCodec` turns it into a PHYPayload and back.
public struct DataFrame: Equatable, Sendable {
    /// One of the four data types; `DataFrameCodec.encode` refuses others.
    public var messageType: MessageType
    public var devAddr: DevAddr
    /// FCtrl.ADR.
    public var adr: Bool
    /// FCtrl.ADRACKReq (uplink only; bit 6 is RFU in downlinks).
    public var adrAckReq: Bool
    /// FCtrl.ACK: acknowledges the last confirmed frame received.
    public var ack: Bool
    /// FCtrl bit 4: FPending in a downlink, Class B in an uplink (same bit).
    public var fPending: Bool
    /// The full 32-bit FCntUp/FCntDown; only its 16 LSBs go on air, the rest
    /// enters the MIC and the encryption.
    public var frameCounter: UInt32
    /// MAC commands piggy-backed in FHDR, 0 to 15 bytes, sent in clear (1.0.x).
    public var fOpts: [UInt8]
    /// nil: no FPort and no FRMPayload. 0: FRMPayload holds MAC commands
    /// (encrypted with NwkSKey). 1-223: application. 224: test. 225-255: RFU.
    public var fPort: UInt8?
    /// The plaintext FRMPayload.
    public var frmPayload: [UInt8]

    public init(
        messageType: MessageType, devAddr: DevAddr, adr: Bool = false, adrAckReq: Bool = false,
        ack: Bool = false, fPending: Bool = false, frameCounter: UInt32, fOpts: [UInt8] = [],
        fPort: UInt8? = nil, frmPayload: [UInt8] = []
    ) {
        self.messageType = messageType
        self.devAddr = devAddr
        self.adr = adr
        self.adrAckReq = adrAckReq
        self.ack = ack
        self.fPending = fPending
        self.frameCounter = frameCounter
        self.fOpts = fOpts
        self.fPort = fPort
        self.frmPayload = frmPayload
    }

    /// Class B bit of an uplink: the same FCtrl bit as `fPending`.
    public var classB: Bool {
        get { fPending }
        set { fPending = newValue }
    }

    /// Size of the PHYPayload this frame encodes to:
    /// MHDR 1 + FHDR 7 + FOpts + (FPort 1 + FRMPayload) + MIC 4.
    public var phyPayloadLength: Int {
        12 + fOpts.count + (fPort == nil ? 0 : 1 + frmPayload.count)
    }
}
