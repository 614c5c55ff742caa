import Testing
@testable import LoRaWAN

/// Frames published with their keys by other LoRaWAN implementations.
@Suite struct PublishedVectorTests {
    // lora-packet (anthonykirby/lora-packet) README and test/test_mic.js,
    // test/test_decrypt.js: DevAddr 49BE7DF1, FCnt 2, FPort 1, "test".
    let loraPacketKeys = SessionKeys(
        nwkSKey: key("44024241ed4ce9a68c6a8bc055233fd3"), appSKey: key("ec925802ae430ca77fd3dd73cb2cc588"))

    @Test func loraPacketUplinkDecodes() throws {
        let phy = bytes("40F17DBE4900020001954378762B11FF0D")
        let header = try DataFrameCodec.peek(phy)
        #expect(header.messageType == .unconfirmedDataUp)
        #expect(header.devAddr == DevAddr(0x49BE_7DF1))
        #expect(header.fCnt16 == 2)
        #expect(header.fPort == 1)
        #expect(header.frmPayloadLength == 4)
        #expect(header.mic == bytes("2b11ff0d"))

        let frame = try DataFrameCodec.decode(phy, keys: loraPacketKeys)
        #expect(frame.frameCounter == 2)
        #expect(frame.frmPayload == Array("test".utf8))
        #expect(try DataFrameCodec.encode(frame, keys: loraPacketKeys) == phy)
    }

    @Test func loraPacketLargeUplinkDecrypts() throws {
        let phy = bytes(
            "40f17dbe490004000155332de41a11adc072553544429ce7787707d1c316e027e7e5e334263376affb8aa17ad30075293f28dea8a20af3c5e7")
        let header = try DataFrameCodec.peek(phy)
        // Published for decryption only: decrypt the FRMPayload directly.
        let start = phy.count - 4 - header.frmPayloadLength
        let plain = try DataFrameCodec.cipher(
            Array(phy[start..<(phy.count - 4)]), key: loraPacketKeys.appSKey, devAddr: header.devAddr!,
            frameCounter: UInt32(header.fCnt16), uplink: true)
        #expect(plain == Array("The quick brown fox jumps over the lazy dog.".utf8))
    }

    @Test func loraPacketFrameWithEmptyPayloadDecodes() throws {
        let phy = bytes("40F17DBE49000300012A3518AF")  // FPort 1, no FRMPayload bytes
        let frame = try DataFrameCodec.decode(phy, keys: loraPacketKeys)
        #expect(frame.fPort == 1)
        #expect(frame.frmPayload.isEmpty)
        #expect(frame.frameCounter == 3)
        #expect(try DataFrameCodec.encode(frame, keys: loraPacketKeys) == phy)
    }

    @Test func loraPacketDownlinkAckDecodes() throws {
        let phy = bytes("60f17dbe4920020001f9d65d27")
        let frame = try DataFrameCodec.decode(phy, keys: loraPacketKeys)
        #expect(frame.messageType == .unconfirmedDataDown)
        #expect(frame.ack)
        #expect(frame.fPort == 1)
        #expect(frame.frmPayload.isEmpty)
        #expect(try DataFrameCodec.encode(frame, keys: loraPacketKeys) == phy)
    }

    @Test func loraPacketCorruptedMICIsDetected() {
        let message = errorMessage { () throws(LoRaWANError) in
            try DataFrameCodec.decode(bytes("40F17DBE49000300012A3518AA"), keys: loraPacketKeys)
        }
        #expect(message == "MIC mismatch for DevAddr 49BE7DF1 FCnt 3")
    }

    // brocaar/lorawan (ChirpStack) phypayload_test.go TestPHYPayloadData:
    // NwkSKey 02..02, AppSKey 01..01, DevAddr 01020304, ADR, FCnt 1, FPort 1, "hello".
    @Test func chirpStackUplinkDecodes() throws {
        let phy = bytes("400403020180010001a694642615d6c3b582")  // base64 QAQDAgGAAQABppRkJhXWw7WC
        let keys = SessionKeys(nwkSKey: repeatedKey(2), appSKey: repeatedKey(1))
        let frame = try DataFrameCodec.decode(phy, keys: keys)
        #expect(frame == DataFrame(
            messageType: .unconfirmedDataUp, devAddr: DevAddr(0x0102_0304), adr: true, frameCounter: 1, fPort: 1,
            frmPayload: Array("hello".utf8)))
        #expect(try DataFrameCodec.encode(frame, keys: keys) == phy)
    }

    // brocaar/lorawan ExampleNewPHYPayload: a ConfirmedDataUp built from keys.
    @Test func chirpStackConfirmedUplinkEncodes() throws {
        let keys = SessionKeys(
            nwkSKey: AES128Key(bytes: Array(1...16))!, appSKey: AES128Key(bytes: Array((1...16).reversed()))!)
        let frame = DataFrame(
            messageType: .confirmedDataUp, devAddr: DevAddr(0x0102_0304), frameCounter: 0, fPort: 10,
            frmPayload: [1, 2, 3, 4])
        let expected: [UInt8] = [128, 4, 3, 2, 1, 0, 0, 0, 10, 226, 100, 212, 247, 181, 106, 14, 117]
        #expect(try DataFrameCodec.encode(frame, keys: keys) == expected)
    }

    // brocaar/lorawan TestPHYPayloadJoinRequest: AppEUI 0102030401020304,
    // DevEUI 0203040502030405, DevNonce on air 2D 10.
    @Test func chirpStackJoinRequestPeeks() throws {
        let phy = bytes("00040302010403020105040302050403022d106a990e12")  // AAQDAgEEAwIBBQQDAgUEAwItEGqZDhI=
        let header = try DataFrameCodec.peek(phy)
        #expect(header.messageType == .joinRequest)
        #expect(header.joinEUI?.hex == "0102030401020304")
        #expect(header.devEUI?.hex == "0203040502030405")
        #expect(header.devNonce == 0x102D)
        #expect(header.devAddr == nil)
        #expect(header.mic == bytes("6a990e12"))
    }
}
