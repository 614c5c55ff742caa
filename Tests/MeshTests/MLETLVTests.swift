import Testing
@testable import Mesh

@Suite struct MLETLVTests {
    @Test func tlvLengthBeyondTheMessageIsRejected() {
        #expect(throws: MeshError.self) { try MLETLV.decodeAll([0x00, 0x05, 0x01][...]) }
        #expect(throws: MeshError.self) { try MLETLV.decodeAll([0x00][...]) }
        #expect(throws: MeshError.self) { try MLETLV.decodeAll([0x00, 0xff][...]) }
    }

    @Test func fixedSizeTLVsCheckTheirLength() {
        #expect(throws: MeshError.self) { try MLESourceAddress(value: [1]) }
        #expect(throws: MeshError.self) { try MLELeaderData(value: [1, 2, 3]) }
        #expect(throws: MeshError.self) { try MLEChallenge(value: [1, 2, 3]) }
        #expect(throws: MeshError.self) { try MLEConnectivity(value: [1, 2, 3, 4, 5, 6, 7, 8]) }
    }

    @Test func route64NeedsOneRouteBytePerRouter() {
        // Mask with ids 0 and 1, only one route byte.
        #expect(throws: MeshError.self) { try MLERoute64(value: [1, 0xc0, 0, 0, 0, 0, 0, 0, 0, 0x11]) }
        // Router id 63 is never allocated.
        #expect(throws: MeshError.self) { try MLERoute64(value: [1, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x11]) }
    }

    @Test func route64RoundTrips() throws {
        let r = MLERoute64(idSequence: 7, entries: [
            .init(routerID: 62, linkQualityOut: 0, linkQualityIn: 0, routeCost: 1),
            .init(routerID: 3, linkQualityOut: 3, linkQualityIn: 2, routeCost: 1),
        ])
        let back = try MLERoute64(value: r.value)
        #expect(back == r)
        #expect(back.entries.map(\.routerID) == [3, 62])
    }

    @Test func addressRegistrationRoundTripsAndChecksTruncation() throws {
        let a = MLEAddressRegistration(entries: [.compressed(contextID: 0, iid: [1, 2, 3, 4, 5, 6, 7, 8]),
                                                 .full([UInt8](repeating: 0xfd, count: 16))])
        #expect(try MLEAddressRegistration(value: a.value) == a)
        #expect(throws: MeshError.self) { try MLEAddressRegistration(value: [0x80, 1, 2]) }
    }

    @Test func messageWithUnknownCommandOrTruncatedTLVIsRejected() {
        #expect(throws: MeshError.self) { try MLEMessage(decoding: []) }
        #expect(throws: MeshError.self) { try MLEMessage(decoding: [200]) }
        #expect(throws: MeshError.self) { try MLEMessage(decoding: [9, 1, 4, 0]) }
    }
}
