import Testing
@testable import LoRaWAN

@Suite struct JoinServerTests {
    let device = OTAACredentials(
        devEUI: EUI64(0x70B3_D57E_D000_0001), joinEUI: EUI64(0x70B3_D57E_D000_00AA), appKey: key("2B7E151628AED2A6ABF7158809CF4F3C"))

    func request(_ nonce: UInt16, joinEUI: EUI64? = nil, appKey: AES128Key? = nil) throws -> [UInt8] {
        try JoinRequest(joinEUI: joinEUI ?? device.joinEUI, devEUI: device.devEUI, devNonce: nonce)
            .encode(appKey: appKey ?? device.appKey)
    }

    @Test func acceptDecryptsAtTheDeviceAndBothSidesHoldTheSameKeys() throws {
        var server = JoinServer(netID: 0x13, firstDevAddr: DevAddr(0x2601_2000), firstAppNonce: 0x00_0100)
        server.add(device)
        let answer = try server.answer(try request(0x1234))
        let accept = try JoinAccept.decode(answer.phyPayload, appKey: device.appKey)
        #expect(accept == answer.accept)
        #expect(accept.devAddr == DevAddr(0x2601_2000) && accept.netID == 0x13 && accept.appNonce == 0x100)
        #expect(accept.receiveDelay1Seconds == 1)
        #expect(try SessionKeys.derive(appKey: device.appKey, accept: accept, devNonce: 0x1234) == answer.keys)
    }

    @Test func aRepeatedDevNonceIsRefusedAndARejoinKeepsTheAddress() throws {
        var server = JoinServer()
        server.add(device)
        let first = try server.answer(try request(7))
        let message = errorMessage { () throws(LoRaWANError) in try server.answer(try! request(7)) }
        #expect(message == "JoinRequest from DevEUI 70B3D57ED0000001 repeats DevNonce 7: ignored (replay)")
        let second = try server.answer(try request(8))
        #expect(second.accept.devAddr == first.accept.devAddr)
        #expect(second.accept.appNonce == first.accept.appNonce + 1)
        #expect(second.keys != first.keys)
    }

    @Test func unknownDevicesWrongJoinEUIAndWrongKeysAreRefused() throws {
        var server = JoinServer()
        #expect(errorMessage { () throws(LoRaWANError) in try server.answer(try! request(1)) }
            == "JoinRequest from unknown DevEUI 70B3D57ED0000001")
        server.add(device)
        #expect(errorMessage { () throws(LoRaWANError) in try server.answer(try! request(1, joinEUI: EUI64(1))) }
            == "JoinRequest from DevEUI 70B3D57ED0000001 for JoinEUI 0000000000000001, expected 70B3D57ED00000AA")
        #expect(errorMessage { () throws(LoRaWANError) in try server.answer(try! request(1, appKey: repeatedKey(9))) }
            == "JoinRequest MIC mismatch for DevEUI 70B3D57ED0000001 DevNonce 1")
        let data = try DataFrameCodec.encode(
            DataFrame(messageType: .unconfirmedDataUp, devAddr: DevAddr(1), frameCounter: 0),
            keys: SessionKeys(nwkSKey: repeatedKey(1), appSKey: repeatedKey(2)))
        #expect(errorMessage { () throws(LoRaWANError) in try server.answer(data) } == "not a JoinRequest: UnconfirmedDataUp")
        // None of these used a DevNonce: the real request still joins.
        #expect(try server.answer(try request(1)).request.devNonce == 1)
    }

    @Test func addressesAreAllocatedOnePerDevice() throws {
        var server = JoinServer(firstDevAddr: DevAddr(0x2601_2000))
        server.add(device)
        var other = device
        other.devEUI = EUI64(0x70B3_D57E_D000_0002)
        server.add(other)
        let a = try server.answer(try request(1))
        let b = try server.answer(try JoinRequest(joinEUI: other.joinEUI, devEUI: other.devEUI, devNonce: 1).encode(appKey: other.appKey))
        #expect(a.accept.devAddr == DevAddr(0x2601_2000) && b.accept.devAddr == DevAddr(0x2601_2001))
    }

    @Test func reservedAddressesAreSkipped() throws {
        var server = JoinServer(firstDevAddr: DevAddr(0x2601_2000))
        server.add(device)
        server.reserve(DevAddr(0x2601_2000))
        server.reserve(DevAddr(0x2601_2001))
        #expect(try server.answer(try request(1)).accept.devAddr == DevAddr(0x2601_2002))
    }
}
