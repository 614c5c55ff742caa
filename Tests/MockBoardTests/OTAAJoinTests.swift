import HAL
import LoRaPHY
import LoRaWAN
import MockBoard
import SX1276Emulator
import Testing

let appKey = AES128Key(hex: "2B7E151628AED2A6ABF7158809CF4F3C")!
let credentials = OTAACredentials(
    devEUI: EUI64(hex: "70B3D57ED0000001")!, joinEUI: EUI64(hex: "70B3D57ED00000AA")!, appKey: appKey)

func otaaDevice(first: UInt64 = 1_000_000) -> DeviceDescription {
    DeviceDescription(name: "otaa-1", otaa: credentials, payloadBytes: 5, confirmed: false, periodMicros: 30_000_000,
                      firstUplinkMicros: first)
}

/// A network on the simulated air (node 1, beside the gateway's 0): hears
/// JoinRequests and answers through a `JoinServer` after `delayMicros`, on
/// RX1 (the uplink channel and rate) or RX2 (869.525 MHz SF12).
final class AirJoinServer {
    var server: JoinServer
    var answers: [JoinServer.Answer] = []
    var errors: [String] = []

    init(board: MockBoard, knows: OTAACredentials, delayMicros: UInt64 = JoinServer.joinAcceptDelay1Micros,
         rx2: Bool = false) {
        server = JoinServer()
        server.add(knows)
        board.air.addListener(nodeID: 1) { frame in
            guard !frame.invertedIQ, (try? DataFrameCodec.peek(frame.payload))?.messageType == .joinRequest else { return }
            do throws(LoRaWANError) {
                let answer = try self.server.answer(frame.payload)
                self.answers.append(answer)
                let parameters = rx2 ? LoRaParameters(spreadingFactor: .sf12, crcOn: false)
                    : LoRaParameters(spreadingFactor: frame.parameters.spreadingFactor, crcOn: false)
                let start = frame.endMicros + delayMicros
                board.clock.schedule(at: start) {
                    board.air.transmit(from: 1, frequencyHz: rx2 ? 869_525_000 : frame.frequencyHz, parameters: parameters,
                                       syncWord: 0x34, invertedIQ: true, payload: answer.phyPayload, txPowerDBm: 14,
                                       startMicros: start)
                }
            } catch {
                self.errors.append(error.message)
            }
        }
    }
}

@Suite struct OTAAJoinTests {
    @Test func deviceJoinsInRX1AndSendsDataWithTheDerivedKeys() throws {
        let board = MockBoard(seed: 3)
        let network = AirJoinServer(board: board, knows: credentials)
        let device = board.addDevice(otaaDevice())
        board.run(until: 120_000_000)
        #expect(network.errors.isEmpty)
        #expect(device.errors.isEmpty)
        #expect(device.joinRequests.count == 1)
        let request = try #require(device.joinRequests.first)
        #expect(try JoinRequest.decode(request.phyPayload, appKey: appKey).devNonce == request.devNonce)
        let answer = try #require(network.answers.first)
        #expect(device.isJoined && device.devAddr == answer.accept.devAddr && device.sessionKeys == answer.keys)
        #expect(board.device(answer.accept.devAddr) === device)
        let accept = try #require(device.downlinks.first)
        #expect(accept.window == .rx1 && accept.caught && accept.joinAccept == answer.accept)
        #expect(accept.windowOpensMicros == request.endMicros + 5_000_000)
        // Data frames from FCnt 0, signed and encrypted with the keys of the join.
        #expect(device.uplinks.count >= 3)
        #expect(device.uplinks[0].startMicros > accept.endMicros)
        for (index, uplink) in device.uplinks.enumerated() {
            let frame = try DataFrameCodec.decode(uplink.phyPayload, keys: answer.keys, frameCounterHint: UInt32(index))
            #expect(frame.devAddr == answer.accept.devAddr && frame.frameCounter == UInt32(index))
        }
    }

    @Test func joinAcceptInRX2SixSecondsLater() throws {
        let board = MockBoard(seed: 4)
        _ = AirJoinServer(board: board, knows: credentials, delayMicros: JoinServer.joinAcceptDelay2Micros, rx2: true)
        let device = board.addDevice(otaaDevice())
        board.run(until: 60_000_000)
        let accept = try #require(device.downlinks.first)
        #expect(accept.window == .rx2 && accept.caught)
        #expect(accept.windowOpensMicros == device.joinRequests[0].endMicros + 6_000_000)
        #expect(device.isJoined)
    }

    @Test func joinAcceptAtTheDataDelayIsMissed() throws {
        // RX1 of a join opens at 5 s, not at RECEIVE_DELAY1 (1 s): an accept sent 1 s after is not heard.
        let board = MockBoard(seed: 5)
        _ = AirJoinServer(board: board, knows: credentials, delayMicros: 1_000_000)
        let device = board.addDevice(otaaDevice())
        board.run(until: 8_000_000)
        #expect(!device.isJoined)
        #expect(device.uplinks.isEmpty)
    }

    @Test func withoutAnAcceptItRetriesWithBackoffAndFreshDevNonces() throws {
        let board = MockBoard(seed: 6)
        let device = board.addDevice(otaaDevice())
        board.run(until: 600_000_000)
        let starts = device.joinRequests.map { $0.startMicros }
        #expect(starts.count >= 4 && starts.count <= 7)
        #expect(Set(device.joinRequests.map { $0.devNonce }).count == starts.count)
        for i in 1..<starts.count {
            // RX2 closes ~7 s after the request; then 10 s · 2^(attempt) (capped) plus up to half of it.
            let wait = min(10_000_000 << UInt64(i - 1), 600_000_000)
            let gap = starts[i] - starts[i - 1]
            #expect(gap >= UInt64(wait) + 6_000_000 && gap <= UInt64(wait) * 3 / 2 + 8_000_000, "attempt \(i): \(gap)")
        }
        #expect(!device.isJoined && device.uplinks.isEmpty && device.downlinks.isEmpty)
    }

    @Test func anAcceptForAnotherKeyIsNotTaken() throws {
        let board = MockBoard(seed: 7)
        let device = board.addDevice(otaaDevice())
        board.run(until: 2_000_000)
        let request = try #require(device.joinRequests.first)
        // Right time, right channel, but encrypted and signed with another AppKey: not for this device.
        let foreign = try JoinAccept(appNonce: 1, netID: 0x13, devAddr: DevAddr(0x2601_2000))
            .encode(appKey: AES128Key(hex: "000102030405060708090A0B0C0D0E0F")!)
        let start = request.endMicros + 5_000_000
        board.clock.advance(to: start)
        board.air.transmit(from: 1, frequencyHz: 868_100_000, parameters: LoRaParameters(spreadingFactor: .sf7, crcOn: false),
                           syncWord: 0x34, invertedIQ: true, payload: foreign, txPowerDBm: 14, startMicros: start)
        board.run(until: 60_000_000)
        #expect(!device.isJoined && device.downlinks.isEmpty && device.joinRequests.count >= 2)
    }

    @Test func abpDevicesKeepTheirAddressWithoutJoining() {
        let board = MockBoard(seed: 8)
        let device = board.addDevice(description(0, first: 1_000))
        board.run(until: 10_000_000)
        #expect(device.isJoined && device.devAddr == DevAddr(0x2601_1000) && device.joinRequests.isEmpty)
    }
}
