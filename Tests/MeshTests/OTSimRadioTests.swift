import Foundation
import Testing
@testable import Mesh

/// OpenThread's simulation transport between two of our radios on loopback
/// (UDP multicast 224.0.0.116 from 127.0.0.1): what ot-cli-ftd nodes see.
@Suite("OTSimRadio on loopback", .serialized)
struct OTSimRadioTests {
    /// Ports of their own for each run.
    static let offset = 600 + Int(getpid() % 400)

    static func drain(_ radio: inout OTSimRadio, seconds: Double = 1, until done: ([ReceivedPSDU]) -> Bool)
        throws -> [ReceivedPSDU]
    {
        var got: [ReceivedPSDU] = []
        let end = Date().addingTimeInterval(seconds)
        while Date() < end && !done(got) {
            while let event = try radio.nextEvent() { if case .received(let psdu) = event { got.append(psdu) } }
            usleep(2_000)
        }
        return got
    }

    @Test func framesGoToOtherNodesOnTheSameChannelOnly() throws {
        var one = try OTSimRadio(nodeID: 1, portOffset: Self.offset, channel: 11)
        var two = try OTSimRadio(nodeID: 2, portOffset: Self.offset, channel: 11)
        var other = try OTSimRadio(nodeID: 3, portOffset: Self.offset, channel: 12)
        try one.start()
        try two.start()
        try other.start()
        defer {
            one.stop()
            two.stop()
            other.stop()
        }
        #expect(one.groupPort == UInt16(9000 + 34 * Self.offset) && one.nodePort == one.groupPort + 1)
        #expect(one.factoryExtendedAddress.hex == "18b4300000000001")
        let psdu = OpenThreadCapture.frames[0].psdu
        try one.transmit(psdu)
        #expect(try one.nextEvent() == .transmitDone)
        let atTwo = try Self.drain(&two) { !$0.isEmpty }
        #expect(atTwo.map(\.psdu) == [psdu])
        #expect(atTwo.first?.rssiDBm == -20)
        #expect((atTwo.first?.timestampMicros ?? 0) > 0)
        // The sender hears its own datagram on the group and drops it; channel 12 drops channel 11.
        let atOne = try Self.drain(&one, seconds: 0.2) { _ in false }
        let atOther = try Self.drain(&other, seconds: 0.2) { _ in false }
        #expect(atOne.isEmpty && atOther.isEmpty)
        #expect(one.droppedDatagrams >= 1 && other.droppedDatagrams >= 1)
        #expect(throws: MeshError.self) { try one.transmit([UInt8](repeating: 0, count: 128)) }
        #expect(throws: MeshError.self) { try OTSimRadio(nodeID: 34) }
        #expect(throws: MeshError.self) { try OTSimRadio(nodeID: 1, channel: 27) }
    }

    @Test func hostileDatagramsAreDropped() throws {
        var radio = try OTSimRadio(nodeID: 5, portOffset: Self.offset, channel: 11)
        #expect(radio.accept([], count: 0, fromPort: 1) == nil)
        #expect(radio.accept([11], count: 1, fromPort: 1) == nil)
        #expect(radio.accept([UInt8](repeating: 11, count: 129), count: 129, fromPort: 1) == nil)
        #expect(radio.accept([11, 1, 2], count: 3000, fromPort: 1) == nil)  // truncated by the socket
        #expect(radio.accept([11, 1, 2], count: 3, fromPort: radio.nodePort) == nil)  // our own
        #expect(radio.accept([11, 1, 2], count: 3, fromPort: 1) == [1, 2])
        #expect(radio.droppedDatagrams == 5)
    }
}
