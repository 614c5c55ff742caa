import Foundation
import Runtime
import Testing
import TextCoding
@testable import Mesh

/// Our MAC, security, 6LoWPAN and ICMPv6 against a live `ot-cli-ftd` on
/// OpenThread's simulation radio (loopback only). Runs when OT_CLI_FTD names
/// the binary (scripts/interop.d/ot-link-check, used by `make interop`);
/// skipped otherwise, so `swift test` needs nothing from ../shared.
@Suite("Interop: OTSimRadio + MAC + LoWPAN against a live ot-cli-ftd",
       .enabled(if: ProcessInfo.processInfo.environment["OT_CLI_FTD"] != nil), .serialized)
struct OTSimInteropTests {
    static let networkKey = "00112233445566778899aabbccddeeff"
    static let panID: UInt16 = 0x1234
    /// Each run on its own ports, so leftovers of another run cannot interfere.
    static let portOffset = Int(ProcessInfo.processInfo.environment["OT_PORT_OFFSET"] ?? "") ?? 100 + Int(getpid() % 500)

    /// One OpenThread node driven through its CLI.
    final class OTNode {
        let process = Process()
        let input = Pipe()
        let outputURL: URL
        let directory: URL

        init(nodeID: Int) throws {
            signal(SIGPIPE, SIG_IGN)  // a node that exits must fail the test, not kill it
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("lorikeet-ot-\(getpid())-\(nodeID)")
            try? FileManager.default.removeItem(at: directory)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            outputURL = directory.appendingPathComponent("out.txt")
            FileManager.default.createFile(atPath: outputURL.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.environment["OT_CLI_FTD"]!)
            process.arguments = ["-L", "127.0.0.1", "\(nodeID)"]
            process.currentDirectoryURL = directory
            var environment = ProcessInfo.processInfo.environment
            environment["PORT_OFFSET"] = "\(OTSimInteropTests.portOffset)"
            process.environment = environment
            process.standardInput = input
            process.standardOutput = try FileHandle(forWritingTo: outputURL)
            process.standardError = process.standardOutput
            try process.run()
        }

        func send(_ command: String) {
            guard process.isRunning else { return }
            try? input.fileHandleForWriting.write(contentsOf: Data((command + "\n").utf8))
        }
        var output: String { (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "" }

        func stop() {
            if process.isRunning { send("exit") }
            for _ in 0..<20 where process.isRunning { usleep(50_000) }
            if process.isRunning { process.terminate() }
            for _ in 0..<20 where process.isRunning { usleep(50_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    typealias Loop = EventLoop<PollReactor>

    /// Our node: ot-sim radio, MAC, link layer; answers echo requests.
    final class OurNode {
        let loop = Loop(reactor: PollReactor())
        let mac: MACLayer<OTSimRadio, PollReactor>
        let link: LinkLayer<OTSimRadio, PollReactor>
        var echoReplies: [(ICMPv6Message, IPv6Address)] = []
        var echoRequestsAnswered = 0
        var framesFromOT: [MACIndication] = []

        init(nodeID: Int, key: NetworkKey) throws {
            let radio = try OTSimRadio(nodeID: nodeID, portOffset: OTSimInteropTests.portOffset, channel: 11)
            mac = MACLayer(radio: radio, loop: loop, panID: OTSimInteropTests.panID,
                           extendedAddress: radio.factoryExtendedAddress, keys: try KeyManager(networkKey: key),
                           seed: UInt64(nodeID))
            link = LinkLayer(mac: mac, contexts: .thread(meshLocalPrefix: .defaultMeshLocal))
            link.onPacket = { [unowned self] bytes, info in self.handle(bytes, info) }
            try mac.start()
        }

        var linkLocal: IPv6Address { ThreadAddresses.linkLocal(mac.extendedAddress) }

        func handle(_ bytes: [UInt8], _ info: LinkInfo) {
            guard let packet = try? IPv6Packet.decode(bytes), packet.header.nextHeader == IPv6Header.protocolICMPv6,
                  let icmp = try? ICMPv6Message.decode(packet.payload, source: packet.header.source,
                                                       destination: packet.header.destination) else { return }
            if icmp.type == ICMPv6Message.echoReply { echoReplies.append((icmp, packet.header.source)) }
            if let reply = icmp.echoReplyMessage, packet.header.destination == linkLocal,
               let sender = info.senderExtended {
                let answer = IPv6Packet(header: IPv6Header(payloadLength: 0, nextHeader: IPv6Header.protocolICMPv6,
                                                           source: linkLocal, destination: packet.header.source),
                                        payload: reply.encoded(source: linkLocal, destination: packet.header.source))
                link.send(packet: answer.encoded, to: .extended(sender))
                echoRequestsAnswered += 1
            }
        }

        func ping(_ destination: IPv6Address, to ext: ExtendedAddress, sequence: UInt16,
                  completion: @escaping (MACTransmitResult) -> Void) {
            let echo = ICMPv6Message.echo(reply: false, identifier: 0x4C4B, sequence: sequence,
                                          data: Array("lorikeet".utf8))
            let packet = IPv6Packet(header: IPv6Header(payloadLength: 0, nextHeader: IPv6Header.protocolICMPv6,
                                                       source: linkLocal, destination: destination),
                                    payload: echo.encoded(source: linkLocal, destination: destination))
            link.send(packet: packet.encoded, to: .extended(ext), completion: completion)
        }

        /// Runs our loop on the real clock until `done` or the timeout.
        func run(seconds: Double, until done: () -> Bool = { false }) throws {
            let end = loop.nowMicros + UInt64(seconds * 1_000_000)
            while loop.nowMicros < end && !done() { try loop.run(until: min(end, loop.nowMicros + 20_000)) }
        }
    }

    static func startLeader() throws -> (OTNode, ExtendedAddress) {
        let node = try OTNode(nodeID: 1)
        for command in ["dataset init new", "dataset networkkey \(networkKey)", "dataset panid 0x1234",
                        "dataset channel 11", "dataset meshlocalprefix fdde:ad00:beef:0::", "dataset commit active",
                        "ifconfig up", "thread start"] {
            node.send(command)
            usleep(50_000)
        }
        for _ in 0..<300 where !node.output.contains("\nleader") {
            node.send("state")
            usleep(100_000)
        }
        node.send("extaddr")
        usleep(300_000)
        let lines = node.output.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard let index = lines.lastIndex(where: { $0.hasSuffix("extaddr") }), index + 1 < lines.count,
              let ext = try? ExtendedAddress(hex: String(lines[index + 1])) else {
            throw MeshError(.radio, "ot-cli-ftd gave no extaddr: \(node.output.suffix(400))")
        }
        return (node, ext)
    }

    /// What our layers can show without MLE (mesh-high's): OpenThread's
    /// MAC accepts key-id-mode-1 frames only from neighbours it attached
    /// (`Mac::ProcessReceiveSecurity`: `VerifyOrExit(aNeighbor != nullptr)`),
    /// so it ACKs our frames at the radio but does not answer them yet.
    @Test func framesAndAcknowledgmentsBothWays() throws {
        let (ot, otExt) = try Self.startLeader()
        defer {
            print("ot-cli-ftd transcript:\n\(ot.output)")
            ot.stop()
        }
        #expect(ot.output.contains("leader"))
        let key = try NetworkKey(hex: Self.networkKey)
        let ours = try OurNode(nodeID: 2, key: key)
        let stranger = try OurNode(nodeID: 3, key: try NetworkKey(pymeshKey: [0x11, 0x22, 0x33]))
        let otLinkLocal = ThreadAddresses.linkLocal(otExt)

        // 1. The leader's MLE Advertisements reach us over the simulation transport; their MLE
        //    payload opens with the MLE key (nonce from the source IID, aad = addresses ‖ header).
        var advertisements = 0
        var mleMessages: [String] = []
        let mleKey = try DerivedKeys(networkKey: key, keySequence: 0).mleKey
        ours.link.onPacket = { bytes, _ in
            guard let packet = try? IPv6Packet.decode(bytes), packet.header.nextHeader == IPv6Header.protocolUDP,
                  let udp = try? UDPDatagram.decode(packet.payload, source: packet.header.source,
                                                    destination: packet.header.destination),
                  udp.destinationPort == 19788 else { return }
            do {
                let plaintext = try OpenThreadFrameTests.openMLE(udp.payload, source: packet.header.source,
                                                                 destination: packet.header.destination, mleKey: mleKey)
                mleMessages.append("command \(plaintext.first ?? 255)")
                if plaintext.first == 4 { advertisements += 1 }  // MLE command 4: Advertisement
            } catch {
                mleMessages.append("\(error)")
            }
        }
        try ours.run(seconds: 8) { advertisements > 0 }
        #expect(advertisements > 0, "\(mleMessages) \(ours.mac.counters) \(ours.link.counters)")
        #expect(ours.mac.counters.droppedMalformed == 0)

        // 2. Our MAC-secured echo request is acknowledged by OpenThread's radio.
        var result: MACTransmitResult?
        ours.ping(otLinkLocal, to: otExt, sequence: 1) { result = $0 }
        try ours.run(seconds: 2) { result != nil }
        #expect(result == .sent(framePending: false) || result == .sent(framePending: true))

        // 3. OpenThread pings our link-local address: we ACK, decrypt and decompress its echo
        //    request, and it does not retransmit (our ACK was taken).
        ours.link.onPacket = { [unowned ours] bytes, info in ours.handle(bytes, info) }
        ot.send("ping \(ours.linkLocal.description) 8 1 1 64 1")
        try ours.run(seconds: 3) { ours.echoRequestsAnswered > 0 && ot.output.contains("1 packets transmitted") }
        try ours.run(seconds: 1.2)
        #expect(ours.echoRequestsAnswered == 1)
        #expect(ours.mac.counters.acksSent >= 1)
        #expect(ours.mac.counters.droppedDuplicate == 0)
        #expect(ours.mac.counters.droppedSecurity == 0)

        // 4. The node with the wrong key hears the same secured frames and drops every one.
        ot.send("ping \(stranger.linkLocal.description) 8 1 1 64 1")
        try stranger.run(seconds: 3) { stranger.mac.counters.droppedSecurity > 0 }
        #expect(stranger.mac.counters.droppedSecurity >= 1)
        #expect(stranger.echoRequestsAnswered == 0)
        ours.mac.stop()
        stranger.mac.stop()
    }
}
