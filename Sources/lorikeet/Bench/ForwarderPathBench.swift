import Forwarder
import HAL
import LoRaPHY
import Runtime
import SX1276

/// The radio + forwarder path of a forwarded uplink with nothing else around
/// it (issue 10: "≤ 5 allocations in the radio and forwarder path, the JSON
/// text and the datagram aside"): the SX1276 driver on a register image
/// (`RegisterImage`), a DIO0 edge per uplink, `PacketForwarder` on the
/// virtual clock, and a backhaul that answers each PUSH_DATA with its
/// PUSH_ACK at once without allocating. Both run lengths cover the same
/// virtual time (keep-alive, stat and watchdog cancel out in the difference);
/// only the number of uplinks differs.
enum ForwarderPathRig {
    static let virtualSeconds: UInt64 = 400

    /// `count` uplinks spread over `virtualSeconds`, each acknowledged
    /// before the next; returns how many the server acknowledged.
    static func forward(uplinks count: Int) throws(SX1276Error) -> UInt64 {
        let clock = VirtualClock(startMicros: 1_000_000)
        let image = RegisterImage(packet: RadioBenchRig.payload)
        let edges = ScriptedLine.State()
        let driver = SX1276(bus: image.spiDevice,
                            lines: ControlLines(reset: UnwiredOutputPin(), dio0: ScriptedLine(state: edges), dio1: UnwiredInterruptLine(),
                                                clock: clock),
                            busName: "register image")
        let server = AckingServer()
        let loop = EventLoop(reactor: VirtualReactor(clock: clock))
        let gateway = PacketForwarder(loop: loop, radio: SX1276GatewayRadio(driver: driver),
                                      upLink: AckingTransport(server: server, up: true), downLink: AckingTransport(server: server, up: false),
                                      utc: VirtualUTCClock(clock: clock, utcAtZeroMicros: 1_700_000_000_000_000),
                                      configuration: GatewayBenchRig.configuration())
        try gateway.start()
        let end = clock.now + virtualSeconds * 1_000_000
        let spacing = virtualSeconds * 1_000_000 / UInt64(max(count, 1))
        for _ in 0..<count {
            edges.pending.append(Edge(timestampMicros: clock.now))
            try? loop.run(until: clock.now + spacing)
        }
        try? loop.run(until: end)
        gateway.stop()
        return gateway.statistics.uplinksAcknowledged
    }

    /// What the forwarder builds as text and bytes for one uplink, alone: the
    /// `rxpk` object, the PUSH_DATA body around it (as `UplinkQueue.nextBatch`
    /// builds it for a batch of one: one reserved buffer) and the datagram.
    static func jsonAndDatagram(uplinks count: Int) -> Int {
        let packet = ReceivedPacket(payload: RadioBenchRig.payload, rssiDBm: -60, snrDB: 10, crc: .ok, frequencyErrorHz: 0,
                                    codingRate: .cr4_5, timestampMicros: 1_000_000, frequencyHz: 868_100_000,
                                    spreadingFactor: .sf7, bandwidth: .khz125)
        let eui = GatewayEUI(hex: "AA555A0000000001")!
        var bytes = 0
        for index in 0..<count {
            let rx = RxPacket(packet: packet, utcMicros: 1_700_000_000_000_000 + Int64(index) * 1_000, defaultCodingRate: .cr4_5)
            let object = rx.json
            var body = "{\"rxpk\":["
            body.reserveCapacity(object.utf8.count + 11)
            body += object
            body += "]}"
            bytes += SemtechDatagram.encode(.pushData, token: UInt16(truncatingIfNeeded: index), eui: eui, json: body).count
        }
        return bytes
    }
}

/// A DIO0 line whose edges the bench queues (capacity kept: no allocation per edge).
struct ScriptedLine: InterruptLine {
    typealias Failure = NoFailure

    final class State {
        var pending: [Edge] = []
        init() { pending.reserveCapacity(4) }
    }

    let state: State

    mutating func takeEdge() throws(NoFailure) -> Edge? {
        state.pending.isEmpty ? nil : state.pending.removeFirst()
    }

    mutating func waitForEdge(timeoutMicros: UInt64) throws(NoFailure) -> Edge? { try takeEdge() }
    mutating func isHigh() throws(NoFailure) -> Bool { !state.pending.isEmpty }
}

/// The server side of `AckingTransport`: the token of the PUSH_DATA not yet
/// acknowledged, and the PULL_DATA token to answer.
final class AckingServer {
    let address = SocketAddress(family: 4, bytes: [127, 0, 0, 2], port: 1700)
    var pushToken: UInt16?
    var pullToken: UInt16?
}

/// A backhaul that answers PUSH_DATA with PUSH_ACK and PULL_DATA with
/// PULL_ACK on the next receive (each on its own link), writing the 4-byte answer straight into the
/// forwarder's buffer: the bench counts the forwarder's allocations, not its own.
struct AckingTransport: DatagramTransport {
    let server: AckingServer
    /// The up link answers PUSH_DATA, the down link PULL_DATA.
    let up: Bool
    var answer: Result<SocketAddress, SystemError>?
    var descriptor: Int32 { -1 }

    init(server: AckingServer, up: Bool) {
        self.server = server
        self.up = up
    }

    mutating func requestResolve(host: String, port: UInt16) { answer = .success(server.address) }

    mutating func takeResolution() -> Result<SocketAddress, SystemError>? {
        defer { answer = nil }
        return answer
    }

    mutating func send(_ bytes: [UInt8], to address: SocketAddress) throws(SystemError) {
        guard bytes.count >= 4 else { return }
        let token = UInt16(bytes[1]) << 8 | UInt16(bytes[2])
        if bytes[3] == SemtechIdentifier.pushData.rawValue { server.pushToken = token }
        if bytes[3] == SemtechIdentifier.pullData.rawValue { server.pullToken = token }
    }

    mutating func receive(into buffer: inout [UInt8]) throws(SystemError) -> (count: Int, from: SocketAddress)? {
        let identifier: SemtechIdentifier
        let token: UInt16
        if up, let push = server.pushToken {
            (identifier, token) = (.pushAck, push)
            server.pushToken = nil
        } else if !up, let pull = server.pullToken {
            (identifier, token) = (.pullAck, pull)
            server.pullToken = nil
        } else {
            return nil
        }
        buffer[0] = SemtechDatagram.protocolVersion
        buffer[1] = UInt8(token >> 8)
        buffer[2] = UInt8(token & 0xFF)
        buffer[3] = identifier.rawValue
        return (4, server.address)
    }
}
