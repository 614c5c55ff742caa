import Testing
@testable import LoRaWAN

@Suite struct DataFrameCodecTests {
    let keys = SessionKeys(
        nwkSKey: key("2B7E151628AED2A6ABF7158809CF4F3C"), appSKey: key("000102030405060708090A0B0C0D0E0F"))
    let devAddr = DevAddr(hex: "26011BDA")!

    func roundTrip(_ frame: DataFrame, hint: UInt32? = nil) throws -> DataFrame {
        let phy = try DataFrameCodec.encode(frame, keys: keys)
        #expect(phy.count == frame.phyPayloadLength)
        return try DataFrameCodec.decode(phy, keys: keys, frameCounterHint: hint ?? frame.frameCounter)
    }

    @Test(arguments: [MessageType.unconfirmedDataUp, .confirmedDataUp, .unconfirmedDataDown, .confirmedDataDown])
    func everyDataTypeRoundTrips(type: MessageType) throws {
        let frame = DataFrame(
            messageType: type, devAddr: devAddr, adr: true, ack: true, frameCounter: 5, fPort: 42,
            frmPayload: Array(0..<40))
        #expect(try roundTrip(frame) == frame)
    }

    @Test func payloadIsEncryptedWithAppSKeyOnApplicationPorts() throws {
        let frame = DataFrame(
            messageType: .unconfirmedDataUp, devAddr: devAddr, frameCounter: 1, fPort: 1, frmPayload: Array("hello".utf8))
        let phy = try DataFrameCodec.encode(frame, keys: keys)
        #expect(Array(phy[9..<14]) != Array("hello".utf8))
        // Decrypting with the NwkSKey instead gives something else.
        let wrong = try DataFrameCodec.cipher(
            Array(phy[9..<14]), key: keys.nwkSKey, devAddr: devAddr, frameCounter: 1, uplink: true)
        #expect(wrong != Array("hello".utf8))
    }

    @Test func portZeroPayloadIsEncryptedWithNwkSKey() throws {
        let frame = DataFrame(
            messageType: .unconfirmedDataDown, devAddr: devAddr, frameCounter: 7, fPort: 0, frmPayload: [0x06])  // DevStatusReq
        let phy = try DataFrameCodec.encode(frame, keys: keys)
        let expected = try DataFrameCodec.cipher([0x06], key: keys.nwkSKey, devAddr: devAddr, frameCounter: 7, uplink: false)
        #expect(phy[9] == expected[0])
        #expect(try roundTrip(frame) == frame)
        // Swapping the AppSKey does not matter for FPort 0.
        let other = SessionKeys(nwkSKey: keys.nwkSKey, appSKey: repeatedKey(0x55))
        #expect(try DataFrameCodec.decode(phy, keys: other, frameCounterHint: 7) == frame)
    }

    @Test func fOptsTravelInClearAndRoundTrip() throws {
        let fOpts: [UInt8] = [0x02, 0x03, 0x05, 0x07]  // LinkCheckReq, LinkADRAns...
        let frame = DataFrame(
            messageType: .unconfirmedDataUp, devAddr: devAddr, adrAckReq: true, frameCounter: 9, fOpts: fOpts,
            fPort: 3, frmPayload: [1, 2, 3])
        let phy = try DataFrameCodec.encode(frame, keys: keys)
        #expect(phy[5] == 0x40 | 4)  // FCtrl: ADRACKReq, FOptsLen 4
        #expect(Array(phy[8..<12]) == fOpts)
        let header = try DataFrameCodec.peek(phy)
        #expect(header.fOptsLength == 4)
        #expect(header.fOpts == fOpts)
        #expect(header.fPort == 3)
        #expect(header.frmPayloadLength == 3)
        #expect(try roundTrip(frame) == frame)
    }

    @Test func fifteenBytesOfFOptsWithoutPayloadRoundTrip() throws {
        let frame = DataFrame(
            messageType: .confirmedDataDown, devAddr: devAddr, fPending: true, frameCounter: 3, fOpts: Array(1...15))
        #expect(try roundTrip(frame) == frame)
    }

    @Test func classBBitIsTheFPendingBit() throws {
        var frame = DataFrame(messageType: .unconfirmedDataUp, devAddr: devAddr, frameCounter: 0)
        frame.classB = true
        #expect(frame.fPending)
        let header = try DataFrameCodec.peek(try DataFrameCodec.encode(frame, keys: keys))
        #expect(header.classB)
        #expect(header.fCtrl == 0x10)
    }

    @Test func devAddrIsLittleEndianOnAir() throws {
        let frame = DataFrame(messageType: .unconfirmedDataUp, devAddr: devAddr, frameCounter: 0x1234)
        let phy = try DataFrameCodec.encode(frame, keys: keys)
        #expect(Array(phy[0..<8]) == [0x40, 0xDA, 0x1B, 0x01, 0x26, 0x00, 0x34, 0x12])
    }

    @Test(arguments: [UInt32(65_535), 65_536, 70_000, 0x00AB_CDEF, 0xFFFF_FFFF])
    func countersAbove16BitsRoundTrip(counter: UInt32) throws {
        let frame = DataFrame(
            messageType: .confirmedDataUp, devAddr: devAddr, frameCounter: counter, fPort: 1, frmPayload: [9, 8, 7])
        let phy = try DataFrameCodec.encode(frame, keys: keys)
        #expect(try DataFrameCodec.peek(phy).fCnt16 == UInt16(truncatingIfNeeded: counter))
        // The hint is the next expected counter: a little behind the real one.
        let hint = counter > 10 ? counter - 10 : 0
        #expect(try DataFrameCodec.decode(phy, keys: keys, frameCounterHint: hint) == frame)
    }

    @Test func wrongUpperCounterBitsFailTheMIC() throws {
        // The upper 16 bits enter the MIC: with a hint far from the real counter
        // the rebuilt counter is wrong and the frame is refused.
        let frame = DataFrame(messageType: .unconfirmedDataUp, devAddr: devAddr, frameCounter: 0x0003_0005, fPort: 1)
        let phy = try DataFrameCodec.encode(frame, keys: keys)
        let message = errorMessage { () throws(LoRaWANError) in
            try DataFrameCodec.decode(phy, keys: keys, frameCounterHint: 0)
        }
        #expect(message == "MIC mismatch for DevAddr 26011BDA FCnt 5")
    }

    @Test func fullFrameCounterIsTheNearestToTheHint() {
        #expect(DataFrameCodec.fullFrameCounter(fCnt16: 5, nearest: 0) == 5)
        #expect(DataFrameCodec.fullFrameCounter(fCnt16: 2, nearest: 0xFFFE) == 0x1_0002)
        #expect(DataFrameCodec.fullFrameCounter(fCnt16: 0xFFFE, nearest: 0x1_0001) == 0xFFFE)
        #expect(DataFrameCodec.fullFrameCounter(fCnt16: 0x8000, nearest: 0) == 0x8000)  // tie goes forward
        #expect(DataFrameCodec.fullFrameCounter(fCnt16: 0xFFFF, nearest: 0) == 0xFFFF)  // no negative counters
        #expect(DataFrameCodec.fullFrameCounter(fCnt16: 1, nearest: 0xFFFF_FFF0) == 0xFFFF_0001)  // no overflow
    }

    @Test func uplinkAndDownlinkUseDifferentDirections() throws {
        let up = DataFrame(messageType: .unconfirmedDataUp, devAddr: devAddr, frameCounter: 1, fPort: 1, frmPayload: [0])
        var down = up
        down.messageType = .unconfirmedDataDown
        let upBytes = try DataFrameCodec.encode(up, keys: keys)
        let downBytes = try DataFrameCodec.encode(down, keys: keys)
        #expect(upBytes[9] != downBytes[9])  // different keystream (Dir in A1)
        #expect(Array(upBytes.suffix(4)) != Array(downBytes.suffix(4)))
    }

    @Test func anyFlippedBitFailsTheMIC() throws {
        let frame = DataFrame(
            messageType: .confirmedDataUp, devAddr: devAddr, frameCounter: 5, fPort: 2, frmPayload: Array(0..<20))
        let phy = try DataFrameCodec.encode(frame, keys: keys)
        for index in 0..<phy.count {
            var damaged = phy
            damaged[index] ^= 0x01
            #expect(throws: LoRaWANError.self) { try DataFrameCodec.decode(damaged, keys: keys, frameCounterHint: 5) }
        }
        let wrongKeys = SessionKeys(nwkSKey: repeatedKey(1), appSKey: keys.appSKey)
        #expect(errorMessage { () throws(LoRaWANError) in try DataFrameCodec.decode(phy, keys: wrongKeys, frameCounterHint: 5) }
            == "MIC mismatch for DevAddr 26011BDA FCnt 5")
    }

    @Test func truncatedFramesAreRefused() throws {
        #expect(errorMessage { () throws(LoRaWANError) in try DataFrameCodec.peek([]) } == "PHYPayload is empty")
        #expect(errorMessage { () throws(LoRaWANError) in try DataFrameCodec.peek(Array(repeating: 0x40, count: 9)) }
            == "PHYPayload too short: 9 bytes, a data frame needs at least 12")
        // FCtrl announces 3 bytes of FOpts that are not there.
        let phy: [UInt8] = [0x40, 1, 2, 3, 4, 0x03, 0, 0, 0xAA, 0xBB, 0xCC, 0xDD]
        #expect(errorMessage { () throws(LoRaWANError) in try DataFrameCodec.peek(phy) }
            == "PHYPayload too short: 12 bytes, FCtrl announces 3 bytes of FOpts so the frame needs at least 15")
        // Every prefix of a real frame is either refused or fails its MIC.
        let full = try DataFrameCodec.encode(
            DataFrame(messageType: .unconfirmedDataUp, devAddr: devAddr, frameCounter: 1, fOpts: [2], fPort: 1, frmPayload: [1, 2]),
            keys: keys)
        for length in 0..<full.count {
            #expect(throws: LoRaWANError.self) {
                try DataFrameCodec.decode(Array(full[0..<length]), keys: keys, frameCounterHint: 1)
            }
        }
    }

    @Test func joinFramesHaveFixedLengths() {
        #expect(errorMessage { () throws(LoRaWANError) in try DataFrameCodec.peek(Array(repeating: 0, count: 22)) }
            == "JoinRequest must be 23 bytes (MHDR, JoinEUI, DevEUI, DevNonce, MIC), got 22")
        #expect(errorMessage { () throws(LoRaWANError) in try DataFrameCodec.peek([0x20] + Array(repeating: 0, count: 20)) }
            == "JoinAccept must be 17 or 33 bytes (33 with a CFList), got 21")
        #expect((try? DataFrameCodec.peek([0x20] + Array(repeating: 0, count: 16)))?.messageType == .joinAccept)
        #expect((try? DataFrameCodec.peek([0xE0, 1, 2, 3, 4, 5]))?.messageType == .proprietary)
    }

    @Test func decodeRefusesNonDataFramesAndOtherMajors() throws {
        let join = Array(repeating: UInt8(0), count: 23)
        #expect(errorMessage { () throws(LoRaWANError) in try DataFrameCodec.decode(join, keys: keys) }
            == "not a data frame: JoinRequest")
        var phy = try DataFrameCodec.encode(DataFrame(messageType: .unconfirmedDataUp, devAddr: devAddr, frameCounter: 0), keys: keys)
        phy[0] |= 0x01
        #expect(try DataFrameCodec.peek(phy).major == 1)
        #expect(errorMessage { () throws(LoRaWANError) in try DataFrameCodec.decode(phy, keys: keys) }
            == "unsupported LoRaWAN major version 1 (only 0, LoRaWAN R1)")
    }

    @Test func encodeRefusesInvalidFrames() {
        func encodeError(_ frame: DataFrame) -> String? {
            errorMessage { () throws(LoRaWANError) in try DataFrameCodec.encode(frame, keys: keys) }
        }
        #expect(encodeError(DataFrame(messageType: .joinRequest, devAddr: devAddr, frameCounter: 0))
            == "cannot encode a JoinRequest as a data frame")
        #expect(encodeError(DataFrame(messageType: .unconfirmedDataUp, devAddr: devAddr, frameCounter: 0, fOpts: Array(0..<16)))
            == "FOpts is 16 bytes; at most 15 fit in FCtrl.FOptsLen")
        #expect(encodeError(DataFrame(messageType: .unconfirmedDataUp, devAddr: devAddr, frameCounter: 0, frmPayload: [1]))
            == "FRMPayload of 1 bytes needs an FPort")
        #expect(encodeError(DataFrame(messageType: .unconfirmedDataUp, devAddr: devAddr, frameCounter: 0, fOpts: [2], fPort: 0))
            == "MAC commands cannot be in FOpts and in an FPort 0 payload at once (LoRaWAN 1.0.x §4.3.1.6)")
        #expect(encodeError(DataFrame(
            messageType: .unconfirmedDataUp, devAddr: devAddr, frameCounter: 0, fPort: 1, frmPayload: Array(repeating: 0, count: 243)))
            == "PHYPayload would be 256 bytes; LoRa carries at most 255")
        #expect(encodeError(DataFrame(
            messageType: .unconfirmedDataUp, devAddr: devAddr, frameCounter: 0, fPort: 1, frmPayload: Array(repeating: 0, count: 242)))
            == nil)
    }

    @Test func messageTypeProperties() {
        #expect(MessageType.confirmedDataUp.name == "ConfirmedDataUp")
        #expect(MessageType.confirmedDataUp.isUplink && MessageType.confirmedDataUp.isConfirmed)
        #expect(!MessageType.unconfirmedDataDown.isUplink && MessageType.unconfirmedDataDown.isDownlink)
        #expect(MessageType.joinRequest.isUplink && !MessageType.joinRequest.isData)
        #expect(!MessageType.proprietary.isUplink && !MessageType.proprietary.isDownlink)
        #expect(MessageType.allCases.filter(\.isData).count == 4)
        #expect(MessageType.confirmedDataDown.mhdr == 0xA0)
    }
}

/// The example of docs/lorawan.md, kept true.
@Test func documentationExample() throws {
    let keys = SessionKeys(nwkSKey: AES128Key(hex: "2B7E151628AED2A6ABF7158809CF4F3C")!,
                           appSKey: AES128Key(hex: "000102030405060708090A0B0C0D0E0F")!)
    let uplink = DataFrame(messageType: .confirmedDataUp, devAddr: DevAddr(hex: "26011BDA")!,
                           frameCounter: 70_000, fPort: 1, frmPayload: Array("hello".utf8))
    let phy = try DataFrameCodec.encode(uplink, keys: keys)
    #expect(phy.count == 18)
    let header = try DataFrameCodec.peek(phy)
    #expect(header.messageType == .confirmedDataUp && header.devAddr?.hex == "26011BDA" && header.fCnt16 == 0x1170)
    #expect(try DataFrameCodec.decode(phy, keys: keys, frameCounterHint: 69_990) == uplink)
}
