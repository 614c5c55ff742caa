import ArgumentParser
import BoardProfile
import GatewayProgram
import Foundation
import LinuxBoard
import Mesh
import MockBoard
import SX1276
import Runtime
import TextCoding

/// `lorikeet mesh node --radio ot-sim:N`: one node with an ot-cli-like prompt on stdin.
struct MeshNodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Run one mesh node with an OpenThread-style command prompt on stdin.",
        discussion: """
            --board FILE runs the node on the board profile's SX1276 (a LoRa HAT, or the mock board),
            869.525 MHz SF7BW125, private sync word. --radio ot-sim:NODEID runs the node on
            OpenThread's simulation radio (UDP multicast on
            127.0.0.1, ports 9000 + 34*PORT_OFFSET), so it meets ot-cli-ftd nodes. Commands are
            OpenThread's (state, ipaddr, ping, dataset ..., ifconfig up, thread start, ...).
            Example:
              PORT_OFFSET=5 lorikeet mesh node --radio ot-sim:2
            """
    )

    @Option(name: .customLong("radio"), help: "ot-sim:NODEID (1-33): OpenThread's simulation radio.")
    var radio: String?

    @Option(name: .customLong("board"), help: "Board profile (a path, or a name in boards/) with an SX1276.")
    var board: String?

    @Option(name: .customLong("key"), help: "Network key: up to 32 hex digits (Pymesh pads shorter keys with zeros).")
    var key: String?

    @Option(name: .customLong("seed"), help: "Seed for the node's random choices (default: from the clock).")
    var seed: UInt64?

    func validate() throws {
        guard (radio == nil) != (board == nil) else { throw ValidationError("give either --board FILE or --radio ot-sim:NODEID") }
        if let radio {
            guard radio.hasPrefix("ot-sim:"), let id = Int(radio.dropFirst(7)), (1...OTSimRadio.maxNodeID).contains(id) else {
                throw ValidationError("--radio must be ot-sim:NODEID with NODEID 1-\(OTSimRadio.maxNodeID), got \"\(radio)\"")
            }
        }
        if let key { _ = try Self.networkKey(key) }
    }

    static func networkKey(_ text: String) throws -> NetworkKey {
        guard text.count <= 32, text.count % 2 == 0, let bytes = Hex.decodeOrNil(text), !bytes.isEmpty else {
            throw ValidationError("--key must be 2-32 hex digits, got \"\(text)\"")
        }
        do { return try NetworkKey(pymeshKey: bytes) } catch { throw ValidationError(error.message) }
    }

    func run() throws {
        var dataset = OperationalDataset.pymeshDefault
        if let key { dataset.networkKey = try Self.networkKey(key) }
        if let board { return try runOnBoard(board, dataset: dataset) }
        let nodeID = Int(radio!.dropFirst(7))!
        let env = ProcessInfo.processInfo.environment["PORT_OFFSET"] ?? "0"
        guard let portOffset = Int(env), (0...1000).contains(portOffset) else {
            throw ValidationError("PORT_OFFSET must be 0-1000, got \"\(env)\"")
        }
        let seed = self.seed ?? (UInt64(Date().timeIntervalSince1970 * 1000) ^ UInt64(nodeID) << 40)
        let loop = EventLoop(reactor: PollReactor())
        do {
            let sim = try OTSimRadio(nodeID: nodeID, portOffset: portOffset, channel: dataset.channel)
            try Self.serve(radio: sim, loop: loop, dataset: dataset, seed: seed, sensitivityDBm: -100)
        } catch let error as MeshError {
            throw ValidationError(error.message)
        }
    }

    /// A LoRa HAT (profile kind linux) or the mock board's emulated SX1276.
    func runOnBoard(_ name: String, dataset: OperationalDataset) throws {
        let profile: BoardProfile
        let located: BoardFiles.Located
        do { located = try BoardFiles.resolve(name) } catch { throw ValidationError("--board: \(error.message)") }
        do { profile = try BoardFiles.load(located) } catch { throw ValidationError(error.message) }
        let seed = self.seed ?? UInt64(Date().timeIntervalSince1970 * 1000)
        do {
            switch profile.kind {
            case .mock:
                let board = MockBoard()
                let driver = SX1276(bus: board.spi, lines: board.radioLines, busName: MockBoard.busName)
                try Self.serve(radio: SX1276MeshRadio(driver: driver), loop: EventLoop(reactor: PacedReactor(clock: board.clock)),
                               dataset: dataset, seed: seed, sensitivityDBm: -123)
            case .linux:
                guard let w = profile.wiring else { throw ValidationError("--board: the profile has no wiring") }
                let board = try LinuxRadioBoard(wiring: LinuxRadioWiring(
                    spiDevice: w.spiDevice, spiSpeedHz: UInt32(w.spiSpeedHz), gpioChip: w.gpioChip,
                    chipSelectLine: w.softwareChipSelectLine.map { UInt32($0) }, resetLine: w.resetLine.map { UInt32($0) },
                    dio0Line: UInt32(w.dio0Line), dio1Line: w.dio1Line.map { UInt32($0) }, dio2Line: w.dio2Line.map { UInt32($0) }))
                let driver = SX1276(bus: board.spi, lines: board.radioLines, busName: w.spiDevice)
                try Self.serve(radio: SX1276MeshRadio(driver: driver), loop: EventLoop(reactor: PollReactor()),
                               dataset: dataset, seed: seed, sensitivityDBm: -123)
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// The node with an ot-cli-like prompt: one command per stdin line, output on stdout.
    static func serve<Radio: MeshRadio, R: Reactor>(radio: Radio, loop: EventLoop<R>, dataset: OperationalDataset, seed: UInt64,
                                                    sensitivityDBm: Int) throws {
        var random = MeshRandom(seed: seed)
        // A random extended address, as OpenThread's simulated nodes pick.
        let ext = ExtendedAddress(random.next() & ~0x0100_0000_0000_0000)
        let stack = try MeshStack(radio: radio, loop: loop, dataset: dataset, extAddress: ext, seed: seed, sensitivityDBm: sensitivityDBm)
        setvbuf(stdout, nil, _IOLBF, 0)
        let cli = MeshCLI(stack: stack) { line in print(line) }
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        _ = loop.addSource(descriptor: 0) {
            let n = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, 4096) }
            if n <= 0 { loop.stop(); return }
            pending += buffer[0..<n]
            while let nl = pending.firstIndex(of: 10) {
                let line = String(decoding: pending[..<nl], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                pending.removeSubrange(...nl)
                guard !line.isEmpty else { continue }
                print("> \(line)")
                if line == "exit" { loop.stop(); return }
                cli.execute(line)
            }
        }
        do { try loop.run() } catch { throw ValidationError("event loop failed: \(error)") }
        stack.stop()
    }
}

extension Hex {
    static func decodeOrNil(_ text: String) -> [UInt8]? { decode(text) }
}
