import ArgumentParser
import BoardProfile
import Forwarder
import Foundation
import HAL
import LinuxBoard
import LoRaPHY
import LoRaWAN
import MockBoard
import Regions
import Runtime
import SX1276

/// `lorikeet gateway --config FILE`: the Semtech UDP packet forwarder on a
/// board (the mock board with simulated devices, or a Raspberry Pi HAT).
struct GatewayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "Run the packet forwarder (Semtech UDP protocol v2) on a board.",
        discussion: """
            The configuration is lora_pkt_fwd's global_conf.json (gateway_conf) plus a "radio" object;
            a local_conf.json next to it overrides it key by key. Flags override both.
            Examples:
              lorikeet gateway --config examples/global_conf.json
              lorikeet gateway --config examples/ttn-eu868-dragino/global_conf.json --board dragino-lora-gps-hat
            """
    )

    @Option(name: .customLong("config"), help: "global_conf.json (Semtech-style).")
    var config: String

    @Option(name: .customLong("board"), help: "Board profile (a path or a name in boards/); default: the config's radio.board, else mock.")
    var board: String?

    @Option(name: .customLong("server"), help: "Network server as HOST:PORT (up and down port).")
    var server: String?

    @Option(name: .customLong("gateway-id"), help: "Gateway EUI-64, 16 hex digits (default: from the main interface's MAC).")
    var gatewayID: String?

    @Option(name: .customLong("frequency"), help: "Listen frequency in Hz.")
    var frequency: String?

    @Option(name: .customLong("datarate"), help: "Listen data rate, e.g. SF7BW125.")
    var datarate: String?

    @Option(name: .customLong("devices"), help: "Simulated devices of the mock board (default: examples/mock-devices.json).")
    var devices: String?

    @Option(name: .customLong("duration"), help: "Stop after this many seconds.")
    var duration: Double?

    @Flag(name: .customLong("quiet"), help: "Log statistics and problems only, not each frame.")
    var quiet = false

    func run() throws {
        let configuration = try loadConfiguration()
        let boardName = board ?? configuration.radio.boardPath ?? "mock"
        let located: BoardFiles.Located
        let profile: BoardProfile
        do {
            located = try BoardFiles.resolve(boardName)
        } catch {
            fail("--board: \(error.message)", code: 2)
        }
        do {
            profile = try BoardFiles.load(located)
        } catch {
            fail(error.message, code: 2)
        }
        var tuned = configuration
        if tuned.radio.antennaGainDBi == 0 { tuned.radio.antennaGainDBi = profile.antennaGainDBi }
        tuned.radio.maxConductedPowerDBm = min(tuned.radio.maxConductedPowerDBm, profile.maxTxPowerDBm)
        let notifier = SystemdNotifier()
        if let interval = notifier.watchdogIntervalMicros, interval < tuned.watchdog.checkIntervalMicros {
            tuned.watchdog.checkIntervalMicros = max(interval, 100_000)
        }
        Log.line("lorikeet gateway \(tuned.gatewayEUI.hex): board \(located.display) (\(profile.name)), server \(tuned.serverAddress):\(tuned.serverPortUp)/\(tuned.serverPortDown)")
        switch profile.kind {
        case .mock:
            try runMock(tuned, notifier: notifier)
        case .linux:
            try runLinux(tuned, profile: profile, notifier: notifier)
        }
    }

    // MARK: Configuration

    func loadConfiguration() throws -> ForwarderConfiguration {
        guard let globalData = FileManager.default.contents(atPath: config) else {
            fail("--config: cannot read \(config)", code: 2)
        }
        let localPath = URL(fileURLWithPath: config).deletingLastPathComponent().appendingPathComponent("local_conf.json").path
        var local: ConfigurationFile.Source?
        if localPath != URL(fileURLWithPath: config).path, let data = FileManager.default.contents(atPath: localPath) {
            local = .init(name: displayPath(localPath), text: [UInt8](data))
        }
        var defaultEUI: GatewayEUI?
        if let interface = try? NetworkInterfaces().mainInterface() {
            defaultEUI = GatewayEUI(bytes: EUI64(mac: interface.mac).bytes)  // FFFE form, as `lorikeet eui`
        }
        var c: ForwarderConfiguration
        do {
            c = try ConfigurationFile.load(global: .init(name: config, text: [UInt8](globalData)), local: local,
                                           defaultEUI: gatewayID.flatMap { GatewayEUI(hex: $0) } ?? defaultEUI)
        } catch {
            fail(error.message, code: 2)
        }
        if let gatewayID {
            guard let eui = GatewayEUI(hex: gatewayID) else { fail("--gateway-id: expected 16 hex digits, got '\(gatewayID)'", code: 2) }
            c.gatewayEUI = eui
        }
        if let server {
            guard let colon = server.lastIndex(of: ":"), let port = UInt16(server[server.index(after: colon)...]), port > 0,
                  colon != server.startIndex else {
                fail("--server: expected HOST:PORT (e.g. 127.0.0.1:1700), got '\(server)'", code: 2)
            }
            var host = String(server[..<colon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            c.serverAddress = host
            c.serverPortUp = port
            c.serverPortDown = port
        }
        if let frequency {
            guard let hz = UInt32(frequency), c.radio.region.plan.isAllowedTransmit(frequencyHz: hz) || c.radio.region.plan.uplinkChannel(frequencyHz: hz) != nil else {
                fail("--frequency: expected a \(c.radio.region.rawValue) frequency in Hz (e.g. 868100000), got '\(frequency)'", code: 2)
            }
            c.radio.frequencyHz = hz
        }
        if let datarate {
            guard let name = DataRateName(datarate) else { fail("--datarate: expected e.g. SF7BW125, got '\(datarate)'", code: 2) }
            c.radio.dataRate = name
        }
        return c
    }

    func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }

    // MARK: Boards

    func runMock(_ configuration: ForwarderConfiguration, notifier: SystemdNotifier) throws {
        let board = MockBoard(seed: 1, startMicros: SystemMonotonicClock().nowMicros())
        guard let path = devices ?? MockDeviceFile.defaultPath() else {
            fail("--devices: no examples/mock-devices.json found; give the simulated devices file", code: 2)
        }
        let file: MockDeviceFile
        do {
            file = try MockDeviceFile.load(path, frequencyHz: configuration.radio.frequencyHz, dataRate: configuration.radio.dataRate)
        } catch {
            fail(error.message, code: 2)
        }
        for description in file.devices { board.addDevice(description) }
        Log.line("mock board: \(file.devices.count) simulated devices from \(displayPath(path)) on the real clock")
        let driver = SX1276(bus: board.spi, lines: board.radioLines, busName: MockBoard.busName)
        let loop = EventLoop(reactor: PacedReactor(clock: board.clock))
        var reported = [Int](repeating: 0, count: board.devices.count)
        var reportedUplinks = [Int](repeating: 0, count: board.devices.count)
        let watch: () -> Void = {
            for (index, device) in board.devices.enumerated() {
                while reportedUplinks[index] < device.uplinks.count, !quiet {
                    let up = device.uplinks[reportedUplinks[index]]
                    reportedUplinks[index] += 1
                    Log.line("\(device.description.name): sent \(up.confirmed ? "confirmed" : "unconfirmed") uplink FCnt \(up.frameCounter), \(up.phyPayload.count) bytes")
                }
                while reported[index] < device.downlinks.count {
                    let down = device.downlinks[reported[index]]
                    reported[index] += 1
                    let offset = Int64(down.startMicros) - Int64(down.windowOpensMicros)
                    var text = "\(device.description.name): downlink \(down.caught ? "received" : "MISSED") in \(down.window.name) "
                    text += "(started \(offset) µs after the window opened)"
                    if let frame = down.frame { text += ": \(frame.messageType.name)\(frame.ack ? " ACK" : "") FCnt \(frame.frameCounter)" }
                    if !down.caught { text += " — \(down.reason)" }
                    Log.line(text)
                }
            }
        }
        loop.scheduleRepeating(everyMicros: 20_000, watch)
        try run(loop: loop, radio: SX1276GatewayRadio(driver: driver, output: .paBoost), configuration: configuration,
                notifier: notifier)
        watch()
    }

    func runLinux(_ configuration: ForwarderConfiguration, profile: BoardProfile, notifier: SystemdNotifier) throws {
        guard let wiring = profile.wiring else { fail("\(profile.name): no wiring in the profile", code: 2) }
        let linuxWiring = LinuxRadioWiring(
            spiDevice: wiring.spiDevice, spiSpeedHz: UInt32(wiring.spiSpeedHz), gpioChip: wiring.gpioChip,
            chipSelectLine: wiring.softwareChipSelectLine.map { UInt32($0) }, resetLine: wiring.resetLine.map { UInt32($0) },
            dio0Line: UInt32(wiring.dio0Line), dio1Line: wiring.dio1Line.map { UInt32($0) }, dio2Line: wiring.dio2Line.map { UInt32($0) })
        let board: LinuxRadioBoard
        do {
            board = try LinuxRadioBoard(wiring: linuxWiring)
        } catch {
            fail(error.message, code: 1)
        }
        let driver = SX1276(bus: board.spi, lines: board.radioLines, busName: wiring.spiDevice)
        let output: PAOutput = profile.paOutput == .rfo ? .rfo : .paBoost
        try run(loop: EventLoop(reactor: PollReactor()),
                radio: SX1276GatewayRadio(driver: driver, interruptDescriptor: board.dio0.fileDescriptor, output: output),
                configuration: configuration, notifier: notifier)
    }

    // MARK: Running

    func run<R: Reactor, Radio: GatewayRadio>(loop: EventLoop<R>, radio: Radio, configuration: ForwarderConfiguration,
                                              notifier: SystemdNotifier) throws {
        let upLink: UDPTransport
        let downLink: UDPTransport
        do {
            upLink = try UDPTransport()
            downLink = try UDPTransport()
        } catch {
            fail(error.message, code: 1)
        }
        let gateway = PacketForwarder(loop: loop, radio: radio, upLink: upLink, downLink: downLink, utc: SystemUTCClock(),
                                      configuration: configuration)
        gateway.verbose = !quiet
        gateway.log = { Log.line($0) }
        gateway.notify = { state in
            do throws(SystemError) {
                try notifier.notify(state)
            } catch {
                Log.line(error.message)
            }
        }
        let signals: StopSignals
        do {
            signals = try StopSignals()
        } catch {
            fail(error.message, code: 1)
        }
        loop.addSource(descriptor: signals.descriptor) {
            guard let name = signals.take() else { return }
            Log.line("\(name): stopping")
            gateway.stop()
            loop.stop()
        }
        if let duration {
            loop.schedule(afterMicros: UInt64(max(duration, 0) * 1_000_000)) {
                gateway.stop()
                loop.stop()
            }
        }
        do {
            try gateway.start()
        } catch {
            fail("radio: \(error.message)", code: 1)
        }
        do {
            try loop.run()
        } catch {
            gateway.stop()
            fail(error.message, code: 1)
        }
    }

    func fail(_ message: String, code: Int32) -> Never {
        standardError("lorikeet gateway: \(message)")
        Foundation.exit(code)
    }
}

/// Timestamped log lines on stdout ("14:02:11.204 ...", UTC).
enum Log {
    static func line(_ text: String) {
        let utc = SystemUTCClock().utcMicros()
        let c = TimeText.civil(utcMicros: utc)
        func pad(_ v: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(v).count)) + String(v) }
        print("\(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2)).\(pad(c.micros / 1000, 3)) \(text)")
        fflush(stdout)
    }
}
