/// A LoRaWAN 1.0.x JoinAccept (§6.2.5), in plain text. On air:
///
///     MHDR 0x20 | aes128_decrypt(AppKey, AppNonce(3) | NetID(3) | DevAddr(4) |
///                                DLSettings(1) | RxDelay(1) | [CFList(16)] | MIC(4))
///
/// (17 or 33 bytes; multi-byte fields little-endian), MIC = AES-CMAC(AppKey,
/// MHDR | AppNonce .. CFList)[0..3]. The server applies AES *decryption* so
/// that the device, which has only AES encryption, can read the frame.
public struct JoinAccept: Equatable, Sendable {
    /// AppNonce (JoinNonce in 1.1): 24 bits chosen by the server.
    public var appNonce: UInt32
    /// NetID: 24 bits, the network's identifier.
    public var netID: UInt32
    public var devAddr: DevAddr
    /// DLSettings bits 6-4: RX1 data rate = uplink data rate - offset.
    public var rx1DataRateOffset: UInt8
    /// DLSettings bits 3-0: the RX2 data rate index of the region.
    public var rx2DataRate: UInt8
    /// RxDelay bits 3-0: seconds from uplink end to RX1 (0 means 1).
    public var rxDelay: UInt8
    /// Optional 16-byte channel list (for EU868: five frequencies in 100 Hz, 3 bytes LE each, then CFListType 0).
    public var cfList: [UInt8]?

    public init(
        appNonce: UInt32, netID: UInt32, devAddr: DevAddr, rx1DataRateOffset: UInt8 = 0, rx2DataRate: UInt8 = 0,
        rxDelay: UInt8 = 1, cfList: [UInt8]? = nil
    ) {
        self.appNonce = appNonce
        self.netID = netID
        self.devAddr = devAddr
        self.rx1DataRateOffset = rx1DataRateOffset
        self.rx2DataRate = rx2DataRate
        self.rxDelay = rxDelay
        self.cfList = cfList
    }

    /// RECEIVE_DELAY1 the device uses after joining (§5.7: RxDelay 0 means 1 s).
    public var receiveDelay1Seconds: Int { rxDelay == 0 ? 1 : Int(rxDelay) }

    /// The DLSettings byte (bit 7 is RFU in 1.0.x).
    public var dlSettings: UInt8 { rx1DataRateOffset << 4 | rx2DataRate }

    /// The frequencies of a type-0 CFList, in Hz (zeros are unused slots);
    /// nil without a CFList or with another CFListType.
    public var cfListFrequenciesHz: [UInt32]? {
        guard let list = cfList, list.count == 16, list[15] == 0 else { return nil }
        var out: [UInt32] = []
        for slot in 0..<5 {
            let i = slot * 3
            out.append((UInt32(list[i]) | UInt32(list[i + 1]) << 8 | UInt32(list[i + 2]) << 16) * 100)
        }
        return out
    }

    /// The encrypted PHYPayload: MIC computed first, then all but the MHDR
    /// passed through aes128_decrypt(AppKey).
    public func encode(appKey: AES128Key) throws(LoRaWANError) -> [UInt8] {
        guard appNonce <= 0xFF_FFFF else { throw LoRaWANError("AppNonce \(appNonce) does not fit in 24 bits") }
        guard netID <= 0xFF_FFFF else { throw LoRaWANError("NetID \(netID) does not fit in 24 bits") }
        guard rx1DataRateOffset <= 7, rx2DataRate <= 15, rxDelay <= 15 else {
            throw LoRaWANError(
                "JoinAccept fields out of range: RX1DROffset \(rx1DataRateOffset) (0-7), RX2DataRate \(rx2DataRate) (0-15), RxDelay \(rxDelay) (0-15)")
        }
        if let list = cfList, list.count != 16 {
            throw LoRaWANError("CFList must be 16 bytes, got \(list.count)")
        }
        var plain: [UInt8] = [MessageType.joinAccept.mhdr]
        plain.append(contentsOf: JoinAccept.littleEndian24(appNonce))
        plain.append(contentsOf: JoinAccept.littleEndian24(netID))
        plain.append(contentsOf: devAddr.airBytes)
        plain.append(dlSettings)
        plain.append(rxDelay)
        plain.append(contentsOf: cfList ?? [])
        plain.append(contentsOf: try JoinAccept.mic(plain, appKey: appKey))
        let encrypted = try LoRaWANCrypto.aes128Decrypt(blocks: Array(plain[1...]), key: appKey)
        return [plain[0]] + encrypted
    }

    /// Decrypts a JoinAccept with `appKey` (aes128_encrypt, §6.2.5) and checks its MIC.
    public static func decode(_ phyPayload: [UInt8], appKey: AES128Key) throws(LoRaWANError) -> JoinAccept {
        let header = try DataFrameCodec.peek(phyPayload)
        guard header.messageType == .joinAccept else {
            throw LoRaWANError("not a JoinAccept: \(header.messageType.name)")
        }
        guard header.major == 0 else {
            throw LoRaWANError("unsupported LoRaWAN major version \(header.major) (only 0, LoRaWAN R1)")
        }
        let plain = [phyPayload[0]] + (try LoRaWANCrypto.aes128Encrypt(blocks: Array(phyPayload[1...]), key: appKey))
        let micStart = plain.count - 4
        let expected = try mic(Array(plain[0..<micStart]), appKey: appKey)
        guard expected == Array(plain[micStart...]) else {
            throw LoRaWANError("JoinAccept MIC mismatch (wrong AppKey, or not for this device)")
        }
        return JoinAccept(
            appNonce: UInt32(plain[1]) | UInt32(plain[2]) << 8 | UInt32(plain[3]) << 16,
            netID: UInt32(plain[4]) | UInt32(plain[5]) << 8 | UInt32(plain[6]) << 16,
            devAddr: DevAddr(airBytes: plain[7..<11]), rx1DataRateOffset: plain[11] >> 4 & 0x07,
            rx2DataRate: plain[11] & 0x0F, rxDelay: plain[12] & 0x0F,
            cfList: plain.count == 33 ? Array(plain[13..<29]) : nil)
    }

    /// AES-CMAC(AppKey, MHDR | AppNonce | NetID | DevAddr | DLSettings | RxDelay | CFList)[0..3].
    public static func mic(_ message: [UInt8], appKey: AES128Key) throws(LoRaWANError) -> [UInt8] {
        Array(try LoRaWANCrypto.aesCMAC(message, key: appKey)[0..<4])
    }

    static func littleEndian24(_ value: UInt32) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value >> 16)]
    }
}
