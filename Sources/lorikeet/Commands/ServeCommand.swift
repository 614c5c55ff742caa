import ArgumentParser
import Forwarder
import Foundation
import GatewayProgram
import LoRaPHY
import LoRaWAN
import Runtime

/// `lorikeet serve`: a small network-server stand-in for trying the gateway
/// without an account anywhere. Acknowledges PUSH_DATA and PULL_DATA, prints
/// one line per uplink, answers the JoinRequests of known OTAA devices with
/// a JoinAccept, and answers confirmed uplinks of known devices (ABP, or
/// OTAA once joined) with an ACK downlink in RX1. Listens on loopback
/// unless `--listen` names all interfaces.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Local network-server stand-in for the Semtech UDP protocol.",
        discussion: """
            Device keys come from the same file as the mock board's devices (examples/mock-devices.json).
            Listens on 127.0.0.1 unless told otherwise: --listen 0.0.0.0 (or ::) for every interface.
            Example:
              lorikeet serve --port 1700
            """
    )

    @Option(name: .customLong("port"), help: "UDP port to listen on.")
    var port: Int = 1700

    @Option(name: .customLong("listen"),
            help: "Address to listen on: 127.0.0.1 or ::1 (loopback, the default), 0.0.0.0 or :: (every interface).")
    var listen: String = "127.0.0.1"

    @Flag(name: .customLong("loopback"), help: "Listen on 127.0.0.1 only (the default; kept for older scripts).")
    var loopback = false

    @Option(name: .customLong("devices"), help: "ABP and OTAA devices and keys (default: examples/mock-devices.json).")
    var devices: String?

    @Option(name: .customLong("duration"), help: "Stop after this many seconds (at most 31536000).")
    var duration: Double?

    /// The addresses the UDP shim can bind: family and loopback-only.
    static let listenAddresses: [String: (family: UInt8, loopbackOnly: Bool)] = [
        "127.0.0.1": (4, true), "0.0.0.0": (4, false), "::1": (6, true), "::": (6, false),
    ]

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port: expected 1-65535, got \(port)") }
        guard let address = Self.listenAddresses[listen] else {
            throw ValidationError("--listen: expected 127.0.0.1 or ::1 (loopback), 0.0.0.0 or :: (every interface), got '\(listen)'")
        }
        if loopback && !address.loopbackOnly {
            throw ValidationError("--loopback and --listen \(listen) contradict each other")
        }
        if let duration {
            guard duration.isFinite, (0...31_536_000).contains(duration) else {
                throw ValidationError("--duration: expected seconds 0-31536000, got \(duration)")
            }
        }
    }

    func run() throws {
        var server = StandInServer.Devices()
        if let path = devices ?? MockDeviceFile.defaultPath() {
            let file: MockDeviceFile
            do {
                file = try MockDeviceFile.load(path, frequencyHz: 868_100_000, dataRate: DataRateName("SF7BW125")!)
            } catch {
                standardError("lorikeet serve: \(error.message)")
                throw ExitCode(2)
            }
            for d in file.devices { server.add(d) }
        }
        let address = Self.listenAddresses[listen]!
        let socket: UDPSocket
        do {
            socket = try UDPSocket(family: address.family, bindPort: UInt16(port), loopbackOnly: address.loopbackOnly)
        } catch {
            standardError("lorikeet serve: \(error.message)")
            throw ExitCode(1)
        }
        let shown = address.family == 6 ? "[\(listen)]" : listen
        Log.line("serve: listening on \(shown):\(port) (UDP), \(server.abpCount) ABP and \(server.joins.deviceCount) OTAA devices known")
        let loop = EventLoop(reactor: PollReactor())
        let standIn = StandInServer(socket: socket, devices: server)
        loop.addSource(descriptor: socket.descriptor) { standIn.drain() }
        let signals = try StopSignals()
        loop.addSource(descriptor: signals.descriptor) {
            if signals.take() != nil { loop.stop() }
        }
        if let duration { loop.schedule(afterMicros: UInt64(duration * 1_000_000)) { loop.stop() } }
        try loop.run()
        Log.line("serve: stopped; \(standIn.dropped) datagrams dropped")
    }
}
