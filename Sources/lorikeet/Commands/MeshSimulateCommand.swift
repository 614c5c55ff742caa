import ArgumentParser
import Foundation
import HAL
import LoRaPHY
import Mesh
import Runtime
import SX1276
import SX1276Emulator

/// `lorikeet mesh simulate`: N nodes, each an emulated SX1276 with the real driver, on the
/// simulated air and the virtual clock (deterministic for a seed).
struct MeshSimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate N Pymesh nodes on the emulated LoRa air (virtual clock).",
        discussion: """
            Prints each node's role, RLOC16 and addresses, the router table of the leader, formation
            times, pings between pairs of nodes, and duty-cycle use (EU868 869.4-869.65 MHz, 10 %).
            MLE timers scaled from the frame airtime unless --timings openthread (OpenThread's own).
            Example:
              lorikeet mesh simulate --nodes 5 --topology line --seconds 120 --seed 1
            """
    )

    @Option(name: .customLong("nodes"), help: "Number of nodes (1-33).")
    var nodes: Int = 5

    @Option(name: .customLong("topology"), help: "line, grid, random or full.")
    var topology: String = "full"

    @Option(name: .customLong("seconds"), help: "Simulated seconds to let the mesh form (1-3600).")
    var seconds: Int = 120

    @Option(name: .customLong("seed"), help: "Seed for every random choice.")
    var seed: UInt64 = 1

    @Option(name: .customLong("timings"), help: "MLE timers: lora (scaled from the frame airtime) or openthread.")
    var timings: String = "lora"

    @Flag(name: .customLong("json"), help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        guard (1...33).contains(nodes) else { throw ValidationError("--nodes must be 1-33, got \(nodes)") }
        guard ["line", "grid", "random", "full"].contains(topology) else {
            throw ValidationError("--topology must be line, grid, random or full, got \"\(topology)\"")
        }
        guard (1...3600).contains(seconds) else { throw ValidationError("--seconds must be 1-3600, got \(seconds)") }
        guard ThreadTimingsChoice(timings) != nil else {
            throw ValidationError("--timings must be \(ThreadTimingsChoice.names), got \"\(timings)\"")
        }
    }

    func run() throws {
        let choice = ThreadTimingsChoice(timings) ?? .loRa
        let world = try MeshSimulation(nodes: nodes, topology: topology, seed: seed, settings: MeshSimulation.settings(choice))
        try world.start()
        try world.run(millis: UInt64(seconds) * 1000)
        let report = try world.report(pingPairs: nodes <= 10)
        print(json ? report.json : report.text, terminator: "")
    }
}

/// The simulated world behind `mesh simulate` and the mesh bench.
final class MeshSimulation {
    typealias Radio = SX1276MeshRadio<EmulatedSPIDevice, EmulatedControlLines>
    typealias Stack = MeshStack<Radio, VirtualReactor>
    let clock = VirtualClock()
    let air: Air
    let loop: EventLoop<VirtualReactor>
    var stacks: [Stack] = []
    var replies: [[Stack.EchoReply]] = []
    let startMicros: UInt64

    /// Whether nodes a and b (0-based) hear each other in a topology.
    static func linked(_ a: Int, _ b: Int, topology: String, count: Int, seed: UInt64) -> Bool {
        switch topology {
        case "line": return abs(a - b) == 1
        case "grid":
            let side = Int(Double(count).squareRoot().rounded(.up))
            let (ra, ca, rb, cb) = (a / side, a % side, b / side, b % side)
            return abs(ra - rb) + abs(ca - cb) == 1
        case "random":
            // A chain keeps the graph connected; other pairs are linked with probability 1/3.
            if abs(a - b) == 1 { return true }
            var r = MeshRandom(seed: seed ^ UInt64(min(a, b) * 64 + max(a, b)) &* 0x9E37_79B9_7F4A_7C15)
            return r.next(below: 3) == 0
        default: return true
        }
    }

    init(nodes count: Int, topology: String, seed: UInt64, settings: ThreadNode.Settings,
         radioSettings: RadioSettings = Radio.defaultSettings) throws {
        air = Air(clock: clock)
        loop = EventLoop(reactor: VirtualReactor(clock: clock))
        startMicros = clock.now
        for a in 0..<count {
            for b in (a + 1)..<max(count, a + 1) where !Self.linked(a, b, topology: topology, count: count, seed: seed) {
                air.setPathLoss(between: a + 1, and: b + 1, dB: 200)
            }
        }
        var parameters = MACParameters()
        parameters.dutyCyclePerMille = 100
        for i in 0..<count {
            let chip = SX1276Chip(clock: clock, air: air, nodeID: i + 1)
            let driver = SX1276(bus: chip.spiDevice, lines: chip.controlLines, busName: "node\(i + 1)")
            let stack = try Stack(radio: Radio(driver: driver, settings: radioSettings), loop: loop, dataset: .pymeshDefault,
                                  extAddress: ExtendedAddress(0x0201_0101_0101_0000 | UInt64(i + 1)), seed: seed &+ UInt64(i) &* 7919,
                                  settings: settings, macParameters: parameters, sensitivityDBm: -123)
            let index = i
            stack.onEchoReply = { [unowned self] r in self.replies[index].append(r) }
            stacks.append(stack)
            replies.append([])
        }
    }

    /// The chosen timings (LoRa-tuned from one full frame's airtime on `radio`), with the router
    /// selection jitter shortened for LoRa runs.
    static func settings(_ timings: ThreadTimingsChoice, radio: RadioSettings = Radio.defaultSettings) -> ThreadNode.Settings {
        var s = ThreadNode.Settings()
        s.routerSelectionJitterSeconds = 5
        s.timings = timings.timings(frameAirtimeMicros: frameAirtimeMicros(radio))
        return s
    }

    /// One 127-byte frame's airtime on `radio`.
    static func frameAirtimeMicros(_ radio: RadioSettings) -> UInt64 {
        UInt64(max(Airtime(payloadBytes: 127, parameters: radio.parameters).totalMicros, 0))
    }

    /// Nodes switch on one after another, 7 s apart (one attach round each), as a deployment would.
    func start(staggerMillis: UInt64 = 7_000) throws {
        for s in stacks {
            try s.start()
            try run(millis: staggerMillis)
        }
    }

    func run(millis: UInt64) throws { try loop.run(until: clock.now + millis * 1000) }

    func ping(from: Int, to address: IPv6Address, sequence: UInt16) throws -> UInt64? {
        let sent = clock.now
        stacks[from].sendEchoRequest(to: address, identifier: 0x50, sequence: sequence, dataBytes: 16, hopLimit: 64)
        while clock.now < sent + 15_000_000 {
            try run(millis: 50)
            if let r = replies[from].first(where: { $0.sequence == sequence }) { return (r.receivedMicros - sent) / 1000 }
        }
        return nil
    }

    struct Report {
        var text = ""
        var json = ""
    }

    func report(pingPairs: Bool) throws -> Report {
        var text = ""
        var nodesJSON: [String] = []
        for (i, s) in stacks.enumerated() {
            let n = s.node
            let formed = n.attachedAtMillis.map { "\(Int64($0) - Int64(startMicros / 1000)) ms" } ?? "never"
            let routerAt = n.becameRouterAtMillis ?? n.becameLeaderAtMillis
            let duty = s.link.mac.dutyCycle.usedMicros(nowMicros: clock.now)
            text += "node \(i + 1): \(n.role.name) rloc16 \(CLIText.hex16(n.rloc16)) extaddr \(n.extAddress.hex) attached \(formed)"
                + " airtime \(duty / 1000) ms (\(duty * 1000 / (Self.dutyWindowMicros(clock.now - startMicros)))‰ of the hour so far)"
                + " deferred \(s.link.mac.counters.dutyCycleDeferrals)\n"
            for a in s.unicastAddresses { text += "    \(a.description)\n" }
            nodesJSON.append("{\"node\":\(i + 1),\"role\":\"\(n.role.name)\",\"state\":\(n.role.rawValue),\"rloc16\":\"\(CLIText.hex16(n.rloc16))\","
                + "\"attachedMillis\":\(n.attachedAtMillis.map { "\(Int64($0) - Int64(startMicros / 1000))" } ?? "null"),"
                + "\"routerMillis\":\(routerAt.map { "\(Int64($0) - Int64(startMicros / 1000))" } ?? "null"),"
                + "\"airtimeMillis\":\(duty / 1000),\"dutyCycleDeferrals\":\(s.link.mac.counters.dutyCycleDeferrals),"
                + "\"addresses\":[\(s.unicastAddresses.map { "\"\($0.description)\"" }.joined(separator: ","))]}")
        }
        let partitions = Set(stacks.filter { $0.node.role.isAttached }.map(\.node.leaderData.partitionID))
        text += "partitions: \(partitions.count), leaders: \(stacks.filter { $0.node.role == .leader }.count), "
            + "routers: \(stacks.filter { $0.node.role == .router }.count), children: \(stacks.filter { $0.node.role == .child }.count)\n"
        var pings: [String] = []
        var sequence: UInt16 = 1
        let pairs = pingPairs ? stacks.indices.flatMap { a in stacks.indices.filter { $0 != a }.map { (a, $0) } }
            : stacks.indices.dropFirst().map { (0, $0) }
        for (a, b) in pairs {
            let target = stacks[b].node.meshLocalEID
            let rtt = try ping(from: a, to: target, sequence: sequence)
            sequence &+= 1
            text += "ping \(a + 1) -> \(b + 1) (\(target.description)): " + (rtt.map { "\($0) ms" } ?? "no reply") + "\n"
            pings.append("{\"from\":\(a + 1),\"to\":\(b + 1),\"rttMillis\":\(rtt.map { "\($0)" } ?? "null")}")
        }
        // The leader's `router table`, from a cli made last (it takes over the stack's callbacks).
        if let leader = stacks.first(where: { $0.node.role == .leader }) {
            text += "router table of the leader (node \(stacks.firstIndex { $0 === leader }! + 1)):\n"
            let cli = MeshCLI(stack: leader) { text += $0 + "\n" }
            cli.execute("router table")
        }
        let json = "{\"nodes\":[\(nodesJSON.joined(separator: ","))],\"partitions\":\(partitions.count),\"pings\":[\(pings.joined(separator: ","))]}\n"
        return Report(text: text, json: json)
    }

    static func dutyWindowMicros(_ elapsed: UInt64) -> UInt64 { max(1, min(elapsed, DutyCycle.windowMicros)) }
}
