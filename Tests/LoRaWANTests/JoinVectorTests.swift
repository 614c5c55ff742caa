import Testing
@testable import LoRaWAN

/// LoRaWAN 1.0.x join frames and session keys published with their keys by
/// other implementations, copied here with where they came from:
/// - brocaar/lorawan (ChirpStack) phypayload_test.go at commit
///   0508bca7d832e3756c2d71514ffee45f6a29e216 (TestPHYPayloadJoinRequest,
///   ExampleNewPHYPayload_joinRequest, TestPHYPayloadJoinAccept,
///   ExampleNewPHYPayload_joinAcceptSend);
/// - TheThingsNetwork/lorawan-stack pkg/crypto/join_messages_test.go at
///   26a6db4cd623abd6a21105c935d6a34d2056f1fa (TestJoinAcceptEncryption,
///   TestComputeJoinRequestMIC, TestComputeLegacyJoinAcceptMIC) and
///   pkg/crypto/key_derivation_test.go at 13d2f9d6ccd7ffac56b144507e3a5ac65d464717
///   (TestKeyDerivation: DeriveLegacyNwkSKey / DeriveLegacyAppSKey);
/// - anthonykirby/lora-packet test/test_keygen.js at
///   0db06218353648be5d35d6d704a196b11dec4763 (generateSessionKeys).
/// Those projects write EUIs, NetID, AppNonce and DevNonce most significant
/// byte first, as `EUI64(hex:)` and the integer fields here do.
@Suite struct JoinVectorTests {
    // MARK: JoinRequest

    @Test func chirpStackJoinRequestMICVerifies() throws {
        let phy = bytes("00040302010403020105040302050403022d106a990e12")  // AAQDAgEEAwIBBQQDAgUEAwItEGqZDhI=
        let request = try JoinRequest.decode(phy, appKey: repeatedKey(1))
        #expect(request == JoinRequest(
            joinEUI: EUI64(0x0102_0304_0102_0304), devEUI: EUI64(0x0203_0405_0203_0405), devNonce: 0x102D))
        #expect(try request.encode(appKey: repeatedKey(1)) == phy)
    }

    @Test func chirpStackJoinRequestEncodes() throws {
        let request = JoinRequest(joinEUI: EUI64(0x0101_0101_0101_0101), devEUI: EUI64(0x0202_0202_0202_0202), devNonce: 0x0303)
        let expected: [UInt8] = [0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 9, 185, 123, 50]
        #expect(try request.encode(appKey: AES128Key(bytes: Array(1...16))!) == expected)
    }

    @Test func theThingsStackJoinRequestMIC() throws {
        let message = bytes("00 0807060504030201 0807060504030201 0201")
        #expect(try JoinRequest.mic(message, appKey: repeatedKey(1)) == bytes("e6e10c55"))
        let request = JoinRequest(joinEUI: EUI64(0x0102_0304_0506_0708), devEUI: EUI64(0x0102_0304_0506_0708), devNonce: 0x0102)
        #expect(try request.encode(appKey: repeatedKey(1)) == message + bytes("e6e10c55"))
    }

    @Test func joinRequestWithAnotherKeyIsRefused() {
        let phy = bytes("00040302010403020105040302050403022d106a990e12")
        let message = errorMessage { () throws(LoRaWANError) in try JoinRequest.decode(phy, appKey: repeatedKey(2)) }
        #expect(message == "JoinRequest MIC mismatch for DevEUI 0203040502030405 DevNonce 4141")
    }

    // MARK: JoinAccept

    @Test func chirpStackJoinAcceptDecrypts() throws {
        let phy = bytes("20493eeb51fba2116f810edb3742975142")
        let appKey = key("00112233445566778899aabbccddeeff")
        let accept = try JoinAccept.decode(phy, appKey: appKey)
        #expect(accept == JoinAccept(appNonce: 0x570BC7, netID: 0x221101, devAddr: DevAddr(0x0203_1980), rxDelay: 0))
        #expect(try accept.encode(appKey: appKey) == phy)
        // The MIC, {67, 72, 91, 188}, is inside the encrypted part.
        let plain = try LoRaWANCrypto.aes128Encrypt(blocks: Array(phy[1...]), key: appKey)
        #expect(Array(plain[12...]) == [67, 72, 91, 188])
    }

    @Test func chirpStackJoinAcceptEncodes() throws {
        let accept = JoinAccept(appNonce: 0x010101, netID: 0x020202, devAddr: DevAddr(0x0102_0304), rxDelay: 0)
        let expected: [UInt8] = [32, 35, 207, 51, 84, 137, 170, 227, 24, 60, 11, 224, 186, 168, 222, 229, 243]
        #expect(try accept.encode(appKey: AES128Key(bytes: Array(1...16))!) == expected)
    }

    @Test func theThingsStackJoinAcceptEncryptionAndMIC() throws {
        let accept = JoinAccept(appNonce: 0x010203, netID: 0x010203, devAddr: DevAddr(0x0102_0304), rxDelay: 1)
        let plain = bytes("20 030201 030201 04030201 00 01")
        #expect(try JoinAccept.mic(plain, appKey: repeatedKey(1)) == bytes("32f54ab3"))
        let phy = try accept.encode(appKey: repeatedKey(1))
        #expect(phy == bytes("20") + bytes("c9fbb259e11649096a568a9e3b7117c3"))
        #expect(try JoinAccept.decode(phy, appKey: repeatedKey(1)) == accept)
    }

    @Test func joinAcceptWithCFListRoundTrips() throws {
        // EU868 CFList: 867.1, 867.3, 867.5, 867.7, 867.9 MHz, CFListType 0.
        var list: [UInt8] = []
        for hz: UInt32 in [867_100_000, 867_300_000, 867_500_000, 867_700_000, 867_900_000] {
            list.append(contentsOf: JoinAccept.littleEndian24(hz / 100))
        }
        list.append(0)
        let accept = JoinAccept(appNonce: 0xE5063A, netID: 0x13, devAddr: DevAddr(0x2601_2E43), rx1DataRateOffset: 0,
                                rx2DataRate: 3, rxDelay: 1, cfList: list)
        let phy = try accept.encode(appKey: repeatedKey(7))
        #expect(phy.count == 33)
        let back = try JoinAccept.decode(phy, appKey: repeatedKey(7))
        #expect(back == accept)
        #expect(back.dlSettings == 0x03)
        #expect(back.cfListFrequenciesHz == [867_100_000, 867_300_000, 867_500_000, 867_700_000, 867_900_000])
    }

    @Test func joinAcceptWithAnotherKeyOrBadFieldsIsRefused() throws {
        let phy = bytes("20493eeb51fba2116f810edb3742975142")
        #expect(errorMessage { () throws(LoRaWANError) in try JoinAccept.decode(phy, appKey: repeatedKey(0)) }
            == "JoinAccept MIC mismatch (wrong AppKey, or not for this device)")
        #expect(errorMessage { () throws(LoRaWANError) in try JoinAccept.decode(Array(phy[0..<16]), appKey: repeatedKey(0)) }
            == "JoinAccept must be 17 or 33 bytes (33 with a CFList), got 16")
        let wide = JoinAccept(appNonce: 0x0100_0000, netID: 0, devAddr: DevAddr(1))
        #expect(errorMessage { () throws(LoRaWANError) in try wide.encode(appKey: repeatedKey(0)) }
            == "AppNonce 16777216 does not fit in 24 bits")
        let shortList = JoinAccept(appNonce: 1, netID: 0, devAddr: DevAddr(1), cfList: [1, 2, 3])
        #expect(errorMessage { () throws(LoRaWANError) in try shortList.encode(appKey: repeatedKey(0)) }
            == "CFList must be 16 bytes, got 3")
    }

    // MARK: Session keys

    @Test func theThingsStackLegacySessionKeys() throws {
        let keys = try SessionKeys.derive(
            appKey: key("BEC499C69E9C939E413B663961636C61"), appNonce: 0xAE3B1C, netID: 0x020101, devNonce: 0x7369)
        #expect(keys.nwkSKey == key("0DB924EE6AF90698E05FC7CE48303C01"))
        #expect(keys.appSKey == key("8C1E0543A229088DE6F84E74BB46BD62"))
    }

    @Test func loraPacketSessionKeys() throws {
        let keys = try SessionKeys.derive(
            appKey: key("98929b92c49edba9676d646d3b612456"), appNonce: 0x376338, netID: 0xAABBCC, devNonce: 0xF18E)
        #expect(keys.nwkSKey == key("4e3d6e6afbcc67af2ba3c8e8ec4acf4b"))
        #expect(keys.appSKey == key("610897aa6f1460623443b527d3ac6a9d"))
    }
}
