import Testing
import TextCoding
@testable import Mesh

/// OpenThread's own MLE messages (MLEFixtures.swift) decrypt, parse, and re-seal byte for byte.
@Suite struct MLECaptureTests {
    let keys = try! KeyManager(networkKey: NetworkKey(hex: OTCapture.networkKey))

    func open(_ name: String) throws -> MLESecurity.Opened {
        let c = OTCapture.named(name)
        return try MLESecurity.open(c.mleBytes, keyManager: keys, source: c.sourceBytes, destination: c.destinationBytes)
    }

    @Test func everyCapturedMessageResealsByteForByte() throws {
        for c in OTCapture.all {
            let opened = try MLESecurity.open(c.mleBytes, keyManager: keys, source: c.sourceBytes, destination: c.destinationBytes)
            let resealed = try MLESecurity.seal(opened.message, keys: keys.current, frameCounter: opened.frameCounter,
                                                source: c.sourceBytes, destination: c.destinationBytes)
            #expect(resealed == c.mleBytes, "\(c.name)")
        }
    }

    @Test func parentRequestAsksRoutersWithAnFTDMode() throws {
        let o = try open("parentRequest")
        #expect(o.message.command == .parentRequest)
        #expect(o.senderExtAddress == Hex.decode(OTCapture.leaderExtAddress)!)
        #expect(try o.message.require(MLEMode.self) == MLEMode.ftd)
        #expect(try o.message.require(MLEScanMask.self).raw == MLEScanMask.routers)
        #expect(try o.message.require(MLEChallenge.self).value.count == 8)
        #expect(try o.message.require(MLEVersion.self).raw == 5)
    }

    @Test func parentResponseCarriesLeaderDataAndConnectivity() throws {
        let o = try open("parentResponse")
        #expect(o.message.command == .parentResponse)
        #expect(try o.message.require(MLESourceAddress.self).raw == 0xf800)
        let leader = try o.message.require(MLELeaderData.self)
        #expect(leader.weighting == 64 && leader.leaderRouterID == 62)
        let conn = try o.message.require(MLEConnectivity.self)
        #expect(conn.activeRouters == 1 && conn.sedBufferSize == 1280)
        #expect(try o.message.require(MLELinkMargin.self).raw > 0)
        // Its Response TLV answers the Parent Request's Challenge.
        let request = try open("parentRequestFromChild")
        #expect(try o.message.require(MLEResponse.self).value == request.message.require(MLEChallenge.self).value)
    }

    @Test func childIDRequestAsksForAddressNetworkDataAndRoutes() throws {
        let o = try open("childIDRequest")
        #expect(o.message.command == .childIDRequest)
        #expect(try o.message.require(MLETimeout.self).raw == 240)
        #expect(try o.message.require(MLETLVRequest.self).value
            == [MLETLVType.address16, MLETLVType.networkData, MLETLVType.route64])
    }

    @Test func advertisementRoute64ListsBothRouters() throws {
        let o = try open("advertisement")
        #expect(o.message.command == .advertisement)
        let route = try o.message.require(MLERoute64.self)
        #expect(route.entries.map(\.routerID) == [59, 62])
        #expect(route.entry(for: 59)?.linkQualityIn == 3)
        #expect(route.value == o.message.tlvs.first { $0.type == MLETLVType.route64 }!.value)
    }

    @Test func wrongKeyIsASecurityError() throws {
        let wrong = try KeyManager(networkKey: NetworkKey.pymeshDefault)
        let c = OTCapture.named("parentRequest")
        #expect(throws: MeshError.self) {
            try MLESecurity.open(c.mleBytes, keyManager: wrong, source: c.sourceBytes, destination: c.destinationBytes)
        }
    }

    @Test func alteredAddressFailsTheMIC() throws {
        var c = OTCapture.named("parentRequest").destinationBytes
        c[15] = 1
        let p = OTCapture.named("parentRequest")
        #expect(throws: MeshError.self) {
            try MLESecurity.open(p.mleBytes, keyManager: keys, source: p.sourceBytes, destination: c)
        }
    }
}
