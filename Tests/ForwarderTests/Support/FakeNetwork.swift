import HAL
import JSON
import LoRaPHY
import Runtime
import SX1276
import SX1276Emulator
@testable import Forwarder

/// An in-process network between the gateway's two transports and a fake
/// server, on the virtual clock (datagrams take `latencyMicros` each way).
/// The server's address can change (the name then resolves to the new one;
/// datagrams to the old one are lost) and may be IPv6.
final class FakeNetwork {
    let clock: VirtualClock
    var serverAddress = SocketAddress(family: 4, bytes: [192, 0, 2, 10], port: 1700)
    let gatewayAddress = SocketAddress(family: 4, bytes: [198, 51, 100, 7], port: 40_000)
    var latencyMicros: UInt64 = 10_000
    /// How long a name resolution takes (0: answered at once).
    var resolveLatencyMicros: UInt64 = 0
    var resolveFailuresLeft = 0
    var resolutions = 0
    var inbox: [Bool: [([UInt8], SocketAddress)]] = [true: [], false: []]
    /// Called with each datagram the gateway sends (up or down link) to the server's current address.
    var server: ((_ bytes: [UInt8], _ up: Bool) -> Void)?
    /// Datagrams sent to an address where no server listens.
    var lost = 0

    init(clock: VirtualClock) { self.clock = clock }

    func deliverToGateway(_ bytes: [UInt8], up: Bool, from: SocketAddress? = nil) {
        let source = from ?? serverAddress
        clock.schedule(at: clock.now + latencyMicros) { self.inbox[up, default: []].append((bytes, source)) }
    }
}

struct FakeTransport: DatagramTransport {
    let network: FakeNetwork
    let up: Bool
    final class Answer { var value: Result<SocketAddress, SystemError>? }
    let answer = Answer()

    var descriptor: Int32 { -1 }

    mutating func requestResolve(host: String, port: UInt16) {
        let network = self.network
        let answer = self.answer
        let resolve = {
            network.resolutions += 1
            if network.resolveFailuresLeft > 0 {
                network.resolveFailuresLeft -= 1
                answer.value = .failure(SystemError(operation: "resolve", code: -3, message: "cannot resolve \(host): Temporary failure in name resolution"))
                return
            }
            var address = network.serverAddress
            address.port = port
            answer.value = .success(address)
        }
        if network.resolveLatencyMicros == 0 {
            resolve()
        } else {
            network.clock.schedule(at: network.clock.now + network.resolveLatencyMicros, resolve)
        }
    }

    mutating func takeResolution() -> Result<SocketAddress, SystemError>? {
        defer { answer.value = nil }
        return answer.value
    }

    mutating func send(_ bytes: [UInt8], to address: SocketAddress) throws(SystemError) {
        let network = self.network
        let up = self.up
        guard address.family == network.serverAddress.family, address.bytes == network.serverAddress.bytes else {
            network.lost += 1
            return
        }
        network.clock.schedule(at: network.clock.now + network.latencyMicros) { network.server?(bytes, up) }
    }

    mutating func receive(into buffer: inout [UInt8]) throws(SystemError) -> (count: Int, from: SocketAddress)? {
        guard var queue = network.inbox[up], !queue.isEmpty else { return nil }
        let (bytes, from) = queue.removeFirst()
        network.inbox[up] = queue
        if bytes.count <= buffer.count {
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        return (bytes.count, from)
    }
}

/// Faults injected into the radio (shared with the test).
final class RadioFaults {
    let clock: VirtualClock
    /// Every radio operation fails until then.
    var brokenUntil: UInt64 = 0
    /// TxDone is swallowed (a lost interrupt).
    var dropTxDone = false
    var startAttempts: [UInt64] = []
    init(clock: VirtualClock) { self.clock = clock }
    var broken: Bool { clock.now < brokenUntil }
    func check(_ what: String) throws(SX1276Error) {
        if broken { throw SX1276Error(.hardware, "emulated fault: \(what)") }
    }
}

/// A `GatewayRadio` that passes through to the real driver unless a fault is injected.
struct FaultyRadio<Inner: GatewayRadio>: GatewayRadio {
    var inner: Inner
    let faults: RadioFaults
    /// Like the real driver after a failed initialisation: nothing expected, so the mode check passes.
    var lastStartFailed = false
    var interruptDescriptor: Int32 { inner.interruptDescriptor }

    mutating func start(receive settings: RadioSettings) throws(SX1276Error) {
        faults.startAttempts.append(faults.clock.now)
        do {
            try faults.check("no answer on SPI")
        } catch {
            lastStartFailed = true
            throw error
        }
        lastStartFailed = false
        try inner.start(receive: settings)
    }
    mutating func resumeReceive() throws(SX1276Error) {
        try faults.check("resume")
        try inner.resumeReceive()
    }
    mutating func nextEvent() throws(SX1276Error) -> RadioEvent? {
        try faults.check("DIO0")
        while let event = try inner.nextEvent() {
            if case .transmitted = event, faults.dropTxDone { continue }
            return event
        }
        return nil
    }
    mutating func prepareTransmit(_ payload: [UInt8], settings: RadioSettings, powerDBm: Int) throws(SX1276Error) {
        try faults.check("prepare")
        try inner.prepareTransmit(payload, settings: settings, powerDBm: powerDBm)
    }
    mutating func fireTransmit() throws(SX1276Error) {
        try faults.check("fire")
        try inner.fireTransmit()
    }
    mutating func modeIsAsExpected() -> Bool {
        if lastStartFailed { return true }
        return faults.broken ? false : inner.modeIsAsExpected()
    }
    mutating func sleep() throws(SX1276Error) { try inner.sleep() }
}

/// A network server stand-in: acknowledges, records, and answers confirmed
/// uplinks with an RX1 downlink (tmst + 1 s, same frequency and data rate).
final class FakeServer {
    let network: FakeNetwork
    var online = true
    var rxpks: [(value: JSONValue, at: UInt64)] = []
    var stats: [(value: JSONValue, at: UInt64)] = []
    var pulls: [UInt64] = []
    var txAcks: [UInt16: String] = [:]
    var requestLabels: [UInt16: String] = [:]
    var nextToken: UInt16 = 1
    var answerConfirmed = true
    /// The gateway's counter, known to the fake by peeking at the shared clock.
    var counter: UInt32 { UInt32(truncatingIfNeeded: network.clock.now) }

    init(network: FakeNetwork) {
        self.network = network
        network.server = { bytes, up in self.receive(bytes, up: up) }
    }

    func receive(_ bytes: [UInt8], up: Bool) {
        guard online, bytes.count >= 4 else { return }
        let token = UInt16(bytes[1]) << 8 | UInt16(bytes[2])
        switch bytes[3] {
        case 0:
            network.deliverToGateway(SemtechDatagram.ack(.pushAck, token: token), up: true)
            guard let value = try? JSONParser.parse(Array(bytes[12...])) else { return }
            if let list = value["rxpk"]?.arrayValue {
                for rx in list { uplink(rx) }
            }
            if let stat = value["stat"] { stats.append((stat, network.clock.now)) }
        case 2:
            pulls.append(network.clock.now)
            network.deliverToGateway(SemtechDatagram.ack(.pullAck, token: token), up: false)
        case 5:
            let value = try? JSONParser.parse(Array(bytes[12...]))
            txAcks[token] = value?["txpk_ack"]?["error"]?.stringValue ?? "?"
        default:
            break
        }
    }

    func uplink(_ rx: JSONValue) {
        rxpks.append((rx, network.clock.now))
        guard answerConfirmed, let data = rx["data"]?.stringValue, let payload = Base64.decode(data),
              payload.first == 0x80, let tmst = rx["tmst"]?.integerValue else { return }
        // Answer only fresh uplinks, as a real server's deduplication window would.
        guard counter &- UInt32(tmst) < 300_000 else { return }
        let ack: [UInt8] = [0x60] + Array(payload[1...4]) + [0x20, payload[6], payload[7], 0, 0, 0, 0]
        sendDownlink(tmst: UInt32(truncatingIfNeeded: tmst) &+ 1_000_000, frequencyMHz: rx["freq"]?.numberValue ?? 0,
                     datr: rx["datr"]?.stringValue ?? "", payload: ack, label: "rx1")
    }

    @discardableResult
    func sendDownlink(tmst: UInt32?, frequencyMHz: Double, datr: String, payload: [UInt8], label: String,
                      extra: String = "") -> UInt16 {
        var txpk = "{\"txpk\":{"
        if let tmst { txpk += "\"imme\":false,\"tmst\":\(tmst)" } else { txpk += "\"imme\":true" }
        txpk += ",\"freq\":\(frequencyMHz),\"rfch\":0,\"powe\":14,\"modu\":\"LORA\",\"datr\":\"\(datr)\",\"codr\":\"4/5\","
        txpk += "\"ipol\":true,\"size\":\(payload.count),\"data\":\"\(Base64.encode(payload))\"\(extra)}}"
        return sendRaw(txpk, label: label)
    }

    @discardableResult
    func sendRaw(_ json: String, label: String) -> UInt16 {
        let token = nextToken
        nextToken &+= 1
        requestLabels[token] = label
        network.deliverToGateway(SemtechDatagram.pullResp(token: token, json: json), up: false)
        return token
    }

    func acks(labelled label: String) -> [String] {
        var out: [String] = []
        for (token, name) in requestLabels.sorted(by: { $0.key < $1.key }) where name == label {
            out.append(txAcks[token] ?? "none")
        }
        return out
    }
}

/// A simulated Class A device on the emulated air: sends raw LoRaWAN-shaped
/// frames and records the downlinks it hears, with their start times.
final class TestDevice {
    let id: Int
    let devAddr: [UInt8]
    let air: Air
    let parameters: LoRaParameters
    var frameCounter: UInt16 = 0
    var sent: [(payload: [UInt8], confirmed: Bool, end: UInt64)] = []
    var heard: [AirFrame] = []

    init(id: Int, air: Air, parameters: LoRaParameters) {
        self.id = id
        self.air = air
        self.parameters = parameters
        devAddr = [UInt8(id), 0x11, 0x01, 0x26]
        air.addListener(nodeID: id) { frame in if frame.senderID == 0 { self.heard.append(frame) } }
    }

    func frame(confirmed: Bool) -> [UInt8] {
        frameCounter &+= 1
        return [confirmed ? 0x80 : 0x40] + devAddr + [0x00, UInt8(frameCounter & 0xFF), UInt8(frameCounter >> 8), 0x01,
                                                      UInt8(id), 0xAA, 0xBB, 1, 2, 3, 4]
    }

    /// Transmits so that the frame ends at `end` (or starts now).
    func transmit(confirmed: Bool, start: UInt64) {
        let payload = frame(confirmed: confirmed)
        let airFrame = air.transmit(from: id, frequencyHz: 868_100_000, parameters: parameters, syncWord: 0x34,
                                    invertedIQ: false, payload: payload, txPowerDBm: 14, startMicros: start)
        sent.append((payload, confirmed, airFrame.endMicros))
    }
}

/// The gateway on the emulated SX1276 + a fake network, all on one virtual clock.
final class GatewayHarness {
    typealias Driver = SX1276<EmulatedSPIDevice, EmulatedControlLines>
    typealias ChipRadio = SX1276GatewayRadio<EmulatedSPIDevice, EmulatedControlLines>
    typealias Radio = FaultyRadio<ChipRadio>
    typealias Gateway = PacketForwarder<VirtualReactor, Radio, FakeTransport, VirtualUTCClock>

    let clock: VirtualClock
    let air: Air
    let chip: SX1276Chip
    let network: FakeNetwork
    let server: FakeServer
    let loop: EventLoop<VirtualReactor>
    let faults: RadioFaults
    let gateway: Gateway
    var logLines: [String] = []
    var notifications: [String] = []
    static let utcEpoch: Int64 = 1_700_000_000_000_000

    init(start: UInt64, configure: (inout ForwarderConfiguration) -> Void = { _ in }) {
        clock = VirtualClock(startMicros: start)
        air = Air(clock: clock)
        chip = SX1276Chip(clock: clock, air: air, nodeID: 0)
        network = FakeNetwork(clock: clock)
        server = FakeServer(network: network)
        loop = EventLoop(reactor: VirtualReactor(clock: clock))
        let driver = Driver(bus: chip.spiDevice, lines: chip.controlLines, busName: "emulator")
        var configuration = ForwarderConfiguration(gatewayEUI: GatewayEUI(hex: "B827EBFFFE000001")!)
        configuration.serverAddress = "ns.example"
        configuration.radio = RadioConfiguration(region: .eu868, frequencyHz: 868_100_000, dataRate: DataRateName("SF7BW125")!)
        configure(&configuration)
        faults = RadioFaults(clock: clock)
        gateway = Gateway(loop: loop, radio: Radio(inner: ChipRadio(driver: driver), faults: faults), upLink: FakeTransport(network: network, up: true),
                          downLink: FakeTransport(network: network, up: false),
                          utc: VirtualUTCClock(clock: clock, utcAtZeroMicros: Self.utcEpoch), configuration: configuration)
        gateway.log = { [unowned self] line in self.logLines.append(line) }
        gateway.notify = { [unowned self] state in self.notifications.append(state) }
    }

    func run(until deadline: UInt64) throws { try loop.run(until: deadline) }
}
