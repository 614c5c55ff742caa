import ArgumentParser
import Forwarder
import Foundation
import HAL
import JSON
import LoRaPHY
import LoRaWAN
import MockBoard
import Runtime
import SX1276
import SX1276Emulator

/// `lorikeet bench gateway`: downlink start error against tmst and uplink
/// latency on the real clock (mock radio, uplink load), forwarding cost and
/// throughput through the whole pipeline, resident memory. Printed, never
/// asserted.
struct GatewayBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gateway", abstract: "Gateway timing, cost and memory.")

    @Option(help: "Seconds of each real-clock run (idle, then under CPU load) for the timing figures; a downlink every 40 ms.")
    var seconds: Double = 25

    @Flag(inversion: .prefixedNo,
          help: "Also run both cases with the radio loop at SCHED_FIFO 50 and memory locked (in a child process; needs CAP_SYS_NICE, else says why it skipped them).")
    var realtime = true

    @Flag(help: "Only the real-clock timing runs (no pipeline cost, no valgrind).")
    var timingOnly = false

    func validate() throws { try BenchLimits.checkSeconds(seconds) }

    func run() throws {
        // Idle, then one busy process per core, then (in a child process, as it
        // is not undone) the same with the radio loop at SCHED_FIFO: the
        // gateway's `realtime` option.
        // Uplinks alone first (a downlink every 40 ms leaves the receiver no time to hear them).
        let uplinkRun = GatewayBenchRig.realClockRun(seconds: 15, cpuLoad: false, downlinkLoad: false)
        print("gateway: uplink latency DIO0 edge -> PUSH_DATA sent (12 devices, RX1 answers, 15 s): p50 \(uplinkRun.uplinkLatencies.percentile(50)) µs, "
            + "p99 \(uplinkRun.uplinkLatencies.percentile(99)) µs over \(uplinkRun.uplinkLatencies.count) uplinks")
        GatewayBenchRig.downlinkRuns(seconds: seconds, scheduling: "")
        if realtime {
            let child = Process()
            child.executableURL = Bundle.main.executableURL
            child.arguments = ["bench", "gateway-realtime", "--seconds", "\(seconds)"]
            fflush(stdout)  // our lines first when stdout is a file or a pipe
            if (try? child.run()) != nil { child.waitUntilExit() }
        }
        if timingOnly { return }
        print("gateway: resident memory after the run: VmRSS \(GatewayBenchRig.status("VmRSS")), VmHWM \(GatewayBenchRig.status("VmHWM"))")

        let count = 20_000
        let cost = GatewayBenchRig.pipeline(uplinks: count)
        print("gateway: forwarding pipeline (emulated SX1276 + driver + forwarder + PUSH_DATA, virtual clock): "
            + "\(Int(cost.nanosPerUplink)) ns per uplink, \(Int(1e9 / cost.nanosPerUplink)) uplinks/s on one core")
        if let perUplink = GatewayBenchRig.valgrindCost() {
            print("gateway: per forwarded uplink (valgrind, difference of two run lengths): "
                + "\(perUplink.instructions) instructions, \(perUplink.allocations) allocations, \(perUplink.bytes) bytes allocated")
        } else {
            print("gateway: valgrind not found: instruction and allocation counts skipped")
        }
    }
}

/// Hidden helper: the idle and the loaded downlink runs with the radio loop
/// at SCHED_FIFO 50 and memory locked (not undone, hence its own process).
struct GatewayRealTimeBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gateway-realtime", abstract: "The downlink runs at SCHED_FIFO.",
                                                    shouldDisplay: false)
    @Option var seconds: Double = 25
    func validate() throws { try BenchLimits.checkSeconds(seconds) }
    func run() throws {
        if let problem = RealTimeScheduling.enable(priority: 50) {
            print("gateway: realtime runs skipped: \(problem)")
            return
        }
        GatewayBenchRig.downlinkRuns(seconds: seconds, scheduling: ", radio loop at SCHED_FIFO 50")
    }
}

/// Hidden helper for the valgrind measurement: runs the pipeline alone.
struct GatewayPipelineBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gateway-pipeline", abstract: "Run N uplinks through the pipeline (for valgrind).",
                                                    shouldDisplay: false)
    @Option var uplinks: Int = 1_000
    func validate() throws { try BenchLimits.checkCount(uplinks, name: "--uplinks") }
    func run() throws {
        let result = GatewayBenchRig.pipeline(uplinks: uplinks)
        print("gateway-pipeline: \(uplinks) uplinks sent, \(result.forwarded) acknowledged by the server")
    }
}

/// The benches' own flags, checked before they become durations or loop
/// bounds (a NaN or a negative count would trap).
enum BenchLimits {
    static func checkSeconds(_ seconds: Double) throws {
        guard seconds.isFinite, seconds >= 1, seconds <= 3_600 else {
            throw ValidationError("--seconds must be 1-3600 seconds, got \(seconds)")
        }
    }

    static func checkCount(_ count: Int, name: String) throws {
        guard count >= 1, count <= 10_000_000 else { throw ValidationError("\(name) must be 1-10000000, got \(count)") }
    }
}

extension Array where Element == Int64 {
    /// Nearest-rank percentile.
    func percentile(_ p: Double) -> Int64 {
        guard !isEmpty else { return 0 }
        let sorted = self.sorted()
        let rank = Int((Double(sorted.count) * p / 100).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }
}

/// An in-process server behind a transport: acknowledges every PUSH_DATA and
/// PULL_DATA at once and answers confirmed uplinks with an RX1 downlink.
final class InstantServer {
    let address = SocketAddress(family: 4, bytes: [127, 0, 0, 2], port: 1700)
    var inbox: [Bool: [[UInt8]]] = [true: [], false: []]
    var answerConfirmed = true

    func received(_ bytes: [UInt8], up: Bool) {
        guard bytes.count >= 4 else { return }
        let token = UInt16(bytes[1]) << 8 | UInt16(bytes[2])
        switch bytes[3] {
        case 0:
            inbox[true, default: []].append(SemtechDatagram.ack(.pushAck, token: token))
            guard answerConfirmed, bytes.count > 12, let value = try? JSONParser.parse(Array(bytes[12...])) else { return }
            for rx in value["rxpk"]?.arrayValue ?? [] {
                guard let data = rx["data"]?.stringValue.flatMap({ Base64.decode($0) }), data.first == 0x80,
                      let tmst = rx["tmst"]?.integerValue else { continue }
                let txpk = TxPacket(timing: .counter(UInt32(truncatingIfNeeded: tmst) &+ 1_000_000), frequencyHz: 868_100_000,
                                    powerDBm: 14, dataRate: DataRateName("SF7BW125")!, invertPolarity: true, noCRC: true,
                                    payload: [0x60] + Array(data[1...4]) + [0x20, 0, 0, 1, 2, 3, 4])
                inbox[false, default: []].append(SemtechDatagram.pullResp(token: token, json: txpk.json))
            }
        case 2:
            inbox[false, default: []].append(SemtechDatagram.ack(.pullAck, token: token))
        default:
            break
        }
    }
}

struct InstantTransport: DatagramTransport {
    let server: InstantServer
    let up: Bool
    var descriptor: Int32 { -1 }
    var answer: Result<SocketAddress, SystemError>?
    mutating func requestResolve(host: String, port: UInt16) { answer = .success(server.address) }
    mutating func takeResolution() -> Result<SocketAddress, SystemError>? {
        defer { answer = nil }
        return answer
    }
    mutating func send(_ bytes: [UInt8], to address: SocketAddress) throws(SystemError) { server.received(bytes, up: up) }
    mutating func receive(into buffer: inout [UInt8]) throws(SystemError) -> (count: Int, from: SocketAddress)? {
        guard var queue = server.inbox[up], !queue.isEmpty else { return nil }
        let bytes = queue.removeFirst()
        server.inbox[up] = queue
        for (index, byte) in bytes.enumerated() where index < buffer.count { buffer[index] = byte }
        return (bytes.count, server.address)
    }
}

enum GatewayBenchRig {
    struct Timing {
        var downlinkErrors: [Int64] = []
        var uplinkLatencies: [Int64] = []
        var uplinks = 0
        var refused: UInt64 = 0
        var requests = 0
    }

    static func configuration() -> ForwarderConfiguration {
        var c = ForwarderConfiguration(gatewayEUI: GatewayEUI(hex: "AA555A0000000001")!)
        c.radio = RadioConfiguration(region: .eu868, frequencyHz: 868_100_000, dataRate: DataRateName("SF7BW125")!)
        return c
    }

    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The idle run, then the one with a busy process per core, each printed;
    /// `scheduling` names how the radio loop runs ("" for normal scheduling).
    static func downlinkRuns(seconds: Double, scheduling: String) {
        for loaded in [false, true] {
            let load = loadAverage()
            let timing = realClockRun(seconds: seconds, cpuLoad: loaded)
            print(startErrorLine(timing, seconds: seconds,
                                 label: (loaded ? "\(cores) CPU-bound processes added" : "no load added") + scheduling
                                    + ", load average \(load) before"))
        }
    }

    static func startErrorLine(_ timing: Timing, seconds: Double, label: String) -> String {
        let e = timing.downlinkErrors
        if ProcessInfo.processInfo.environment["LORIKEET_BENCH_DEBUG"] != nil {
            // Where the tail is: the worst starts and their place in the run.
            let worst = e.indices.sorted { e[$0] > e[$1] }.prefix(10).map { "#\($0): \(e[$0]) µs" }
            print("gateway: worst starts: " + worst.joined(separator: ", "))
        }
        return "gateway: downlink start error at the emulated chip vs tmst (real clock, \(label), \(timing.requests) requests 40 ms apart, "
            + "\(timing.refused) refused): n \(e.count), p50 \(e.percentile(50)) µs, p99 \(e.percentile(99)) µs, "
            + "p99.9 \(e.percentile(99.9)) µs, max \(e.max() ?? 0) µs"
    }

    /// The 1-minute load average (/proc/loadavg), as text.
    static func loadAverage() -> String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        return String(text.split(separator: " ").first ?? "?")
    }

    /// The mock board on the real clock (PacedReactor) with 12 devices
    /// sending every 1-3 s, half of them confirmed, and a Class A downlink
    /// request every 40 ms (tmst 100 ms ahead, 869.525 MHz SF7BW250, 20 ms of air). The start error is
    /// the real clock read by the emulated chip the moment it takes OpMode TX
    /// (before its own modelling of the air), minus tmst. `cpuLoad`: one busy-looping process per core meanwhile.
    static func realClockRun(seconds: Double, cpuLoad: Bool, downlinkLoad: Bool = true) -> Timing {
        var hogs: [Process] = []
        if cpuLoad {
            for _ in 0..<cores {
                // Through `chrt -o 0`: a child of a SCHED_FIFO bench would inherit it and starve everything.
                let hog = Process()
                let chrt = "/usr/bin/chrt"
                let spin = ["/bin/sh", "-c", "while :; do :; done"]
                if FileManager.default.isExecutableFile(atPath: chrt) {
                    hog.executableURL = URL(fileURLWithPath: chrt)
                    hog.arguments = ["-o", "0"] + spin
                } else {
                    hog.executableURL = URL(fileURLWithPath: spin[0])
                    hog.arguments = Array(spin.dropFirst())
                }
                if (try? hog.run()) != nil { hogs.append(hog) }
            }
        }
        defer { for hog in hogs { hog.terminate(); hog.waitUntilExit() } }
        let board = MockBoard(seed: 7, startMicros: SystemMonotonicClock().nowMicros())
        for index in 0..<12 {
            let key = AES128Key(bytes: [UInt8](repeating: UInt8(index + 1), count: 16))!
            board.addDevice(DeviceDescription(
                name: "bench-\(index)", devAddr: DevAddr(0x2601_2000 + UInt32(index)), keys: SessionKeys(nwkSKey: key, appSKey: key),
                payloadBytes: 10, confirmed: index % 2 == 0, periodMicros: 1_000_000 + UInt64(index) * 150_000,
                jitterMicros: 300_000))
        }
        let driver = SX1276(bus: board.spi, lines: board.radioLines, busName: MockBoard.busName)
        let server = InstantServer()
        server.answerConfirmed = !downlinkLoad
        let loop = EventLoop(reactor: PacedReactor(clock: board.clock))
        var c = configuration()
        c.dutyCycleEnforced = false  // a downlink every 40 ms is a load test, not a deployment
        c.jit.lateMarginMicros = 1_000_000  // measure every start, late ones too (the gateway would abort them)
        let gateway = PacketForwarder(loop: loop, radio: SX1276GatewayRadio(driver: driver), upLink: InstantTransport(server: server, up: true),
                                      downLink: InstantTransport(server: server, up: false), utc: SystemUTCClock(),
                                      configuration: c)
        var timing = Timing()
        let realClock = SystemMonotonicClock()
        var chipStartedAt: UInt64 = 0
        board.chip.onTransmitModeTaken = { chipStartedAt = realClock.nowMicros() }
        gateway.onTransmitFired = { intended, _ in timing.downlinkErrors.append(Int64(chipStartedAt) - Int64(intended)) }
        gateway.onUplinkSent = { edge, sent in timing.uplinkLatencies.append(Int64(sent) - Int64(edge)) }
        try? gateway.start()
        var token: UInt16 = 0
        let firstRequest = loop.nowMicros + 40_000
        loop.scheduleRepeating(everyMicros: 40_000, firstAt: downlinkLoad ? firstRequest : UInt64.max / 2) {
            // tmst from the request's own slot, so a late alarm does not bunch requests up.
            let slot = firstRequest + UInt64(token) * 40_000
            token &+= 1
            let tmst = UInt32(truncatingIfNeeded: slot + 100_000)
            let txpk = TxPacket(timing: .counter(tmst), frequencyHz: 869_525_000, powerDBm: 14, dataRate: DataRateName("SF7BW250")!,
                                invertPolarity: true, noCRC: true, payload: [0x60, 1, 2, 3, 4, 0x20, 0, 0, 1, 2, 3, 4])
            server.inbox[false, default: []].append(SemtechDatagram.pullResp(token: token, json: txpk.json))
        }
        loop.schedule(afterMicros: UInt64(seconds * 1_000_000)) { gateway.stop(); loop.stop() }
        try? loop.run()
        timing.uplinks = Int(gateway.statistics.rxnb)
        timing.refused = gateway.statistics.downlinksRefused
        timing.requests = Int(token)
        return timing
    }

    /// `count` uplinks, one every 100 ms of virtual time, through emulator,
    /// driver, forwarder and PUSH_DATA; wall time per uplink.
    static func pipeline(uplinks count: Int) -> (nanosPerUplink: Double, forwarded: UInt64) {
        let clock = VirtualClock(startMicros: 1_000_000)
        let air = Air(clock: clock)
        let chip = SX1276Chip(clock: clock, air: air, nodeID: 0)
        let driver = SX1276(bus: chip.spiDevice, lines: chip.controlLines, busName: "emulator")
        let server = InstantServer()
        server.answerConfirmed = false
        let loop = EventLoop(reactor: VirtualReactor(clock: clock))
        let gateway = PacketForwarder(loop: loop, radio: SX1276GatewayRadio(driver: driver), upLink: InstantTransport(server: server, up: true),
                                      downLink: InstantTransport(server: server, up: false),
                                      utc: VirtualUTCClock(clock: clock, utcAtZeroMicros: 1_700_000_000_000_000),
                                      configuration: configuration())
        try? gateway.start()
        let parameters = LoRaParameters(spreadingFactor: .sf7)
        let payload: [UInt8] = [0x40, 1, 0x20, 1, 0x26, 0, 1, 0, 1] + [UInt8](repeating: 0xA5, count: 12) + [1, 2, 3, 4]
        var sent = 0
        func next() {
            guard sent < count else { return }
            sent += 1
            air.transmit(from: 9, frequencyHz: 868_100_000, parameters: parameters, syncWord: 0x34, invertedIQ: false,
                         payload: payload, txPowerDBm: 14)
            clock.schedule(at: clock.now + 100_000) { next() }
        }
        clock.schedule(at: clock.now + 10_000) { next() }
        let start = DispatchTime.now().uptimeNanoseconds
        try? loop.run(until: clock.now + UInt64(count + 2) * 100_000)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
        if ProcessInfo.processInfo.environment["LORIKEET_BENCH_DEBUG"] != nil { print(gateway.statistics.summary) }
        return (elapsed / Double(max(count, 1)), gateway.statistics.uplinksAcknowledged)
    }

    static func status(_ key: String) -> String {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "?" }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            return line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return "?"
    }

    /// Runs the pipeline under callgrind and memcheck with two lengths; the
    /// difference divided by the extra uplinks is the per-uplink cost.
    /// `command`: the hidden bench and its count option (the count is appended).
    static func valgrindCost(command: [String] = ["bench", "gateway-pipeline", "--uplinks"]) -> (instructions: Int, allocations: Int, bytes: Int)? {
        guard let valgrind = ["/usr/bin/valgrind", "/usr/local/bin/valgrind"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return nil
        }
        // Valgrind cannot read the Swift toolchain's debug info: measure a stripped copy.
        var me = Bundle.main.executableURL?.path ?? CommandLine.arguments[0]
        let stripped = NSTemporaryDirectory() + "lorikeet-bench-\(getpid())"
        let strip = Process()
        strip.executableURL = URL(fileURLWithPath: "/usr/bin/strip")
        strip.arguments = ["-o", stripped, me]
        if (try? strip.run()) != nil {
            strip.waitUntilExit()
            if strip.terminationStatus == 0 { me = stripped }
        }
        defer { try? FileManager.default.removeItem(atPath: stripped) }
        func run(_ tool: [String], uplinks: Int) -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: valgrind)
            process.arguments = tool + [me] + command + ["\(uplinks)"]
            let pipe = Pipe()
            process.standardError = pipe
            process.standardOutput = FileHandle.nullDevice
            do { try process.run() } catch { return "" }
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        func number(after marker: String, in text: String) -> Int? {
            guard let range = text.range(of: marker) else { return nil }
            let digits = text[range.upperBound...].drop { $0 == " " }.prefix { $0.isNumber || $0 == "," }
            return Int(digits.replacingOccurrences(of: ",", with: ""))
        }
        let small = 200, large = 1_200
        let callgrind = ["--tool=callgrind", "--callgrind-out-file=/dev/null"]
        guard let i1 = number(after: "Collected :", in: run(callgrind, uplinks: small)),
              let i2 = number(after: "Collected :", in: run(callgrind, uplinks: large)) else { return nil }
        let memcheck = ["--tool=memcheck", "--leak-check=no"]
        let m1 = run(memcheck, uplinks: small), m2 = run(memcheck, uplinks: large)
        guard let a1 = number(after: "total heap usage:", in: m1), let a2 = number(after: "total heap usage:", in: m2),
              let b1 = number(after: "frees, ", in: m1), let b2 = number(after: "frees, ", in: m2) else { return nil }
        let extra = large - small
        // Rounded to the nearest: 2,999 more allocations over 1,000 uplinks are 3 each, not 2.
        func per(_ difference: Int) -> Int { Int((Double(difference) / Double(extra)).rounded()) }
        return (per(i2 - i1), per(a2 - a1), per(b2 - b1))
    }
}
