/// A LoRaWAN 1.0.x JoinRequest (§6.2.4): the device asks to join with a
/// fresh DevNonce. On air: MHDR 0x00 | JoinEUI (8, LE) | DevEUI (8, LE) |
/// DevNonce (2, LE) | MIC (4) = 23 bytes, MIC = AES-CMAC(AppKey, MHDR..DevNonce)[0..3].
public struct JoinRequest: Equatable, Sendable {
    public var joinEUI: EUI64
    public var devEUI: EUI64
    public var devNonce: UInt16

    public init(joinEUI: EUI64, devEUI: EUI64, devNonce: UInt16) {
        self.joinEUI = joinEUI
        self.devEUI = devEUI
        self.devNonce = devNonce
    }

    public static let phyPayloadLength = 23

    /// The PHYPayload, signed with `appKey`.
    public func encode(appKey: AES128Key) throws(LoRaWANError) -> [UInt8] {
        var bytes: [UInt8] = [MessageType.joinRequest.mhdr]
        bytes.reserveCapacity(JoinRequest.phyPayloadLength)
        bytes.append(contentsOf: joinEUI.airBytes)
        bytes.append(contentsOf: devEUI.airBytes)
        bytes.append(UInt8(truncatingIfNeeded: devNonce))
        bytes.append(UInt8(truncatingIfNeeded: devNonce >> 8))
        bytes.append(contentsOf: try JoinRequest.mic(bytes, appKey: appKey))
        return bytes
    }

    /// Reads a JoinRequest and checks its MIC with `appKey` (find the key
    /// first from `DataFrameCodec.peek`'s DevEUI).
    public static func decode(_ phyPayload: [UInt8], appKey: AES128Key) throws(LoRaWANError) -> JoinRequest {
        let header = try DataFrameCodec.peek(phyPayload)
        guard header.messageType == .joinRequest, let joinEUI = header.joinEUI, let devEUI = header.devEUI,
              let devNonce = header.devNonce else {
            throw LoRaWANError("not a JoinRequest: \(header.messageType.name)")
        }
        guard header.major == 0 else {
            throw LoRaWANError("unsupported LoRaWAN major version \(header.major) (only 0, LoRaWAN R1)")
        }
        let expected = try mic(Array(phyPayload[0..<(phyPayloadLength - 4)]), appKey: appKey)
        guard expected == header.mic else {
            throw LoRaWANError("JoinRequest MIC mismatch for DevEUI \(devEUI.hex) DevNonce \(devNonce)")
        }
        return JoinRequest(joinEUI: joinEUI, devEUI: devEUI, devNonce: devNonce)
    }

    /// AES-CMAC(AppKey, MHDR | JoinEUI | DevEUI | DevNonce)[0..3] (§6.2.4).
    public static func mic(_ message: [UInt8], appKey: AES128Key) throws(LoRaWANError) -> [UInt8] {
        Array(try LoRaWANCrypto.aesCMAC(message, key: appKey)[0..<4])
    }
}
