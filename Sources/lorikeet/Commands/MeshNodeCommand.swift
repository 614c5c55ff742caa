import ArgumentParser
import Foundation
import Mesh
import Runtime
import TextCoding

/// `lorikeet mesh node --radio ot-sim:N`: one node with an ot-cli-like prompt on stdin.
struct MeshNodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Run one mesh node with an OpenThread-style command prompt on stdin.",
        discussion: """
            --radio ot-sim:NODEID runs the node on OpenThread's simulation radio (UDP multicast on
            127.0.0.1, ports 9000 + 34*PORT_OFFSET), so it meets ot-cli-ftd nodes. Commands are
            OpenThread's (state, ipaddr, ping, dataset ..., ifconfig up, thread start, ...).
            Example:
              PORT_OFFSET=5 lorikeet mesh node --radio ot-sim:2
            """
    )

    @Option(name: .customLong("radio"), help: "ot-sim:NODEID (1-33): OpenThread's simulation radio.")
    var radio: String

    @Option(name: .customLong("key"), help: "Network key: up to 32 hex digits (Pymesh pads shorter keys with zeros).")
    var key: String?

    @Option(name: .customLong("seed"), help: "Seed for the node's random choices (default: from the clock).")
    var seed: UInt64?

    func validate() throws {
        guard radio.hasPrefix("ot-sim:"), let id = Int(radio.dropFirst(7)), (1...OTSimRadio.maxNodeID).contains(id) else {
            throw ValidationError("--radio must be ot-sim:NODEID with NODEID 1-\(OTSimRadio.maxNodeID), got \"\(radio)\"")
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
        let nodeID = Int(radio.dropFirst(7))!
        let env = ProcessInfo.processInfo.environment["PORT_OFFSET"] ?? "0"
        guard let portOffset = Int(env), (0...1000).contains(portOffset) else {
            throw ValidationError("PORT_OFFSET must be 0-1000, got \"\(env)\"")
        }
        var dataset = OperationalDataset.pymeshDefault
        if let key { dataset.networkKey = try Self.networkKey(key) }
        let seed = self.seed ?? (UInt64(Date().timeIntervalSince1970 * 1000) ^ UInt64(nodeID) << 40)
        var random = MeshRandom(seed: seed)
        // OpenThread's simulated nodes pick a random extended address too.
        let ext = ExtendedAddress(random.next() & ~0x0100_0000_0000_0000)
        let loop = EventLoop(reactor: PollReactor())
        let sim: OTSimRadio
        let stack: MeshStack<OTSimRadio, PollReactor>
        do {
            sim = try OTSimRadio(nodeID: nodeID, portOffset: portOffset, channel: dataset.channel)
            stack = try MeshStack(radio: sim, loop: loop, dataset: dataset, extAddress: ext, seed: seed)
        } catch {
            throw ValidationError(error.message)
        }
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
