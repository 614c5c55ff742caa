/// LoRaWAN 1.0.x data frames to and from PHYPayload bytes:
///
///     PHYPayload = MHDR(1) | MACPayload | MIC(4)
///     MACPayload = FHDR | [FPort(1) | FRMPayload]
///     FHDR       = DevAddr(4, LE) | FCtrl(1) | FCnt(2, LE) | FOpts(0-15)
///
/// FRMPayload is encrypted with AppSKey, or NwkSKey when FPort is 0 (§4.3.3);
/// the MIC is the first four bytes of AES-CMAC(NwkSKey, B0 | MHDR..FRMPayload)
/// (§4.4), where B0 and the encryption blocks carry the full 32-bit counter.
public enum DataFrameCodec {
    /// MHDR + FHDR without FOpts + MIC: the smallest data frame.
    public static let minimumDataFrameLength = 12
    /// The largest frame an SX127x can carry (its FIFO and length register).
    public static let maximumPHYPayloadLength = 255

    // MARK: Encoding

    /// The PHYPayload of a data frame, encrypted and signed with `keys`.
    public static func encode(_ frame: DataFrame, keys: SessionKeys) throws(LoRaWANError) -> [UInt8] {
        guard frame.messageType.isData else {
            throw LoRaWANError("cannot encode a \(frame.messageType.name) as a data frame")
        }
        guard frame.fOpts.count <= 15 else {
            throw LoRaWANError("FOpts is \(frame.fOpts.count) bytes; at most 15 fit in FCtrl.FOptsLen")
        }
        if frame.fPort == nil && !frame.frmPayload.isEmpty {
            throw LoRaWANError("FRMPayload of \(frame.frmPayload.count) bytes needs an FPort")
        }
        if frame.fPort == 0 && !frame.fOpts.isEmpty {
            throw LoRaWANError("MAC commands cannot be in FOpts and in an FPort 0 payload at once (LoRaWAN 1.0.x §4.3.1.6)")
        }
        guard frame.phyPayloadLength <= maximumPHYPayloadLength else {
            throw LoRaWANError("PHYPayload would be \(frame.phyPayloadLength) bytes; LoRa carries at most \(maximumPHYPayloadLength)")
        }
        let uplink = frame.messageType.isUplink
        var fCtrl = UInt8(frame.fOpts.count)
        if frame.adr { fCtrl |= 0x80 }
        if frame.adrAckReq { fCtrl |= 0x40 }
        if frame.ack { fCtrl |= 0x20 }
        if frame.fPending { fCtrl |= 0x10 }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(frame.phyPayloadLength)
        bytes.append(frame.messageType.mhdr)
        bytes.append(contentsOf: frame.devAddr.airBytes)
        bytes.append(fCtrl)
        bytes.append(UInt8(truncatingIfNeeded: frame.frameCounter))
        bytes.append(UInt8(truncatingIfNeeded: frame.frameCounter >> 8))
        bytes.append(contentsOf: frame.fOpts)
        if let fPort = frame.fPort {
            bytes.append(fPort)
            let key = fPort == 0 ? keys.nwkSKey : keys.appSKey
            bytes.append(contentsOf: try cipher(
                frame.frmPayload, key: key, devAddr: frame.devAddr, frameCounter: frame.frameCounter, uplink: uplink))
        }
        bytes.append(contentsOf: try mic(
            bytes, key: keys.nwkSKey, devAddr: frame.devAddr, frameCounter: frame.frameCounter, uplink: uplink))
        return bytes
    }

    // MARK: Reading without keys

    /// The header fields of any PHYPayload, checked for length but not for
    /// integrity (no key is needed, none is used).
    public static func peek(_ phyPayload: [UInt8]) throws(LoRaWANError) -> FrameHeader {
        let count = phyPayload.count
        guard count > 0 else { throw LoRaWANError("PHYPayload is empty") }
        let mhdr = phyPayload[0]
        let type = MessageType(rawValue: mhdr >> 5)!
        let major = mhdr & 0x03
        let mic = count >= 5 ? Array(phyPayload[(count - 4)...]) : []
        var header = FrameHeader(messageType: type, major: major, phyPayloadLength: count, mic: mic)

        switch type {
        case .unconfirmedDataUp, .unconfirmedDataDown, .confirmedDataUp, .confirmedDataDown:
            guard count >= minimumDataFrameLength else {
                throw LoRaWANError("PHYPayload too short: \(count) bytes, a data frame needs at least \(minimumDataFrameLength)")
            }
            let fCtrl = phyPayload[5]
            let fOptsLength = Int(fCtrl & 0x0F)
            guard count >= minimumDataFrameLength + fOptsLength else {
                throw LoRaWANError(
                    "PHYPayload too short: \(count) bytes, FCtrl announces \(fOptsLength) bytes of FOpts so the frame needs at least \(minimumDataFrameLength + fOptsLength)")
            }
            header.devAddr = DevAddr(airBytes: phyPayload[1..<5])
            header.fCtrl = fCtrl
            header.fCnt16 = UInt16(phyPayload[6]) | UInt16(phyPayload[7]) << 8
            header.fOpts = Array(phyPayload[8..<(8 + fOptsLength)])
            let portIndex = 8 + fOptsLength
            if portIndex < count - 4 {
                header.fPort = phyPayload[portIndex]
                header.frmPayloadLength = count - 4 - portIndex - 1
            }
        case .joinRequest:
            guard count == 23 else {
                throw LoRaWANError("JoinRequest must be 23 bytes (MHDR, JoinEUI, DevEUI, DevNonce, MIC), got \(count)")
            }
            header.joinEUI = EUI64(airBytes: phyPayload[1..<9])
            header.devEUI = EUI64(airBytes: phyPayload[9..<17])
            header.devNonce = UInt16(phyPayload[17]) | UInt16(phyPayload[18]) << 8
        case .joinAccept:
            guard count == 17 || count == 33 else {
                throw LoRaWANError("JoinAccept must be 17 or 33 bytes (33 with a CFList), got \(count)")
            }
        case .rejoinRequest, .proprietary:
            guard count >= 5 else {
                throw LoRaWANError("PHYPayload too short: \(count) bytes, a \(type.name) needs at least 5 (MHDR and MIC)")
            }
        }
        return header
    }

    // MARK: Decoding with keys

    /// Verifies the MIC with NwkSKey and decrypts FRMPayload. The 32-bit
    /// frame counter is rebuilt from the 16 LSBs on air as the value nearest
    /// `frameCounterHint` (pass the next expected counter: last seen + 1).
    public static func decode(
        _ phyPayload: [UInt8], keys: SessionKeys, frameCounterHint: UInt32 = 0
    ) throws(LoRaWANError) -> DataFrame {
        let header = try peek(phyPayload)
        guard header.messageType.isData, let devAddr = header.devAddr else {
            throw LoRaWANError("not a data frame: \(header.messageType.name)")
        }
        guard header.major == 0 else {
            throw LoRaWANError("unsupported LoRaWAN major version \(header.major) (only 0, LoRaWAN R1)")
        }
        let uplink = header.messageType.isUplink
        let frameCounter = fullFrameCounter(fCnt16: header.fCnt16, nearest: frameCounterHint)
        let micStart = phyPayload.count - 4
        let expected = try mic(
            Array(phyPayload[0..<micStart]), key: keys.nwkSKey, devAddr: devAddr, frameCounter: frameCounter,
            uplink: uplink)
        guard expected == header.mic else {
            throw LoRaWANError("MIC mismatch for DevAddr \(devAddr.hex) FCnt \(frameCounter)")
        }
        if header.fPort == 0 && header.fOptsLength > 0 {
            throw LoRaWANError("MAC commands in FOpts and in an FPort 0 payload at once (LoRaWAN 1.0.x §4.3.1.6)")
        }
        var payload: [UInt8] = []
        if let fPort = header.fPort {
            let start = micStart - header.frmPayloadLength
            payload = try cipher(
                Array(phyPayload[start..<micStart]), key: fPort == 0 ? keys.nwkSKey : keys.appSKey, devAddr: devAddr,
                frameCounter: frameCounter, uplink: uplink)
        }
        return DataFrame(
            messageType: header.messageType, devAddr: devAddr, adr: header.adr, adrAckReq: header.adrAckReq,
            ack: header.ack, fPending: header.fPending, frameCounter: frameCounter, fOpts: header.fOpts,
            fPort: header.fPort, frmPayload: payload)
    }

    /// The 32-bit counter whose 16 LSBs are `fCnt16` and which is nearest to
    /// `hint` (ties go forward: counters only increase).
    public static func fullFrameCounter(fCnt16: UInt16, nearest hint: UInt32) -> UInt32 {
        let base = Int64(hint & 0xFFFF_0000) | Int64(fCnt16)
        var best = base
        for candidate in [base - 0x1_0000, base + 0x1_0000] where candidate >= 0 && candidate <= Int64(UInt32.max) {
            let distance = abs(candidate - Int64(hint))
            let bestDistance = abs(best - Int64(hint))
            if distance < bestDistance || (distance == bestDistance && candidate > best) {
                best = candidate
            }
        }
        return UInt32(best)
    }

    // MARK: The two primitives of §4.3.3 and §4.4

    /// FRMPayload encryption (and decryption: it is its own inverse): XOR with
    /// AES(K, A_i), A_i = 01 | 00000000 | Dir | DevAddr | FCnt(32) | 00 | i.
    public static func cipher(
        _ payload: [UInt8], key: AES128Key, devAddr: DevAddr, frameCounter: UInt32, uplink: Bool
    ) throws(LoRaWANError) -> [UInt8] {
        if payload.isEmpty { return [] }
        let blockCount = (payload.count + 15) / 16
        var blocks: [UInt8] = []
        blocks.reserveCapacity(blockCount * 16)
        for i in 1...blockCount {
            blocks.append(contentsOf: block(
                first: 0x01, devAddr: devAddr, frameCounter: frameCounter, uplink: uplink, last: UInt8(truncatingIfNeeded: i)))
        }
        let stream = try LoRaWANCrypto.aes128Encrypt(blocks: blocks, key: key)
        var out = payload
        for i in 0..<out.count { out[i] ^= stream[i] }
        return out
    }

    /// The 4-byte MIC of `message` (MHDR through FRMPayload):
    /// AES-CMAC(NwkSKey, B0 | message)[0..3],
    /// B0 = 49 | 00000000 | Dir | DevAddr | FCnt(32) | 00 | len(message).
    public static func mic(
        _ message: [UInt8], key: AES128Key, devAddr: DevAddr, frameCounter: UInt32, uplink: Bool
    ) throws(LoRaWANError) -> [UInt8] {
        var input = block(
            first: 0x49, devAddr: devAddr, frameCounter: frameCounter, uplink: uplink,
            last: UInt8(truncatingIfNeeded: message.count))
        input.append(contentsOf: message)
        let tag = try LoRaWANCrypto.aesCMAC(input, key: key)
        return Array(tag[0..<4])
    }

    private static func block(
        first: UInt8, devAddr: DevAddr, frameCounter: UInt32, uplink: Bool, last: UInt8
    ) -> [UInt8] {
        var b: [UInt8] = [first, 0, 0, 0, 0, uplink ? 0 : 1]
        b.append(contentsOf: devAddr.airBytes)
        b.append(UInt8(truncatingIfNeeded: frameCounter))
        b.append(UInt8(truncatingIfNeeded: frameCounter >> 8))
        b.append(UInt8(truncatingIfNeeded: frameCounter >> 16))
        b.append(UInt8(truncatingIfNeeded: frameCounter >> 24))
        b.append(0)
        b.append(last)
        return b
    }
}
