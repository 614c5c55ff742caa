import ArgumentParser
import Foundation
import HAL
import LoRaPHY
import Mesh
import Runtime
import SX1276
import SX1276Emulator

/// The mesh's link layers (docs/mesh-link.md): CPU per frame through
/// 6LoWPAN + MAC security both ways; UDP over 1 and 3 routed LoRa hops on the
/// emulated air with frame loss (delivery ratio, latency, retries), SF7 and SF9;
/// CPU time per simulated node-hour.
struct MeshLinkBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mesh-link", abstract: "Mesh MAC/6LoWPAN figures.")

    func run() throws {
        try codec()
        for sf in [SpreadingFactor.sf7, .sf9] {
            for hops in [1, 3] {
                for loss: UInt64 in [0, 50, 200] { try route(sf: sf, hops: hops, lossPerMille: loss) }
            }
            try cpuPerNodeHour(sf: sf)
        }
    }

    /// A 32-byte UDP datagram ML-EID → RLOC: compress, frame, seal; decode, open, decompress.
    func codec() throws {
        let contexts = LoWPANContexts.thread(meshLocalPrefix: .defaultMeshLocal)
        let keys = try DerivedKeys(networkKey: .pymeshDefault, keySequence: 0)
        let from = ThreadAddresses.withIdentifier(prefix: .defaultMeshLocal, interfaceIdentifier: 0x1122_3344_5566_7788)
        let to = ThreadAddresses.routingLocator(meshLocalPrefix: .defaultMeshLocal, rloc16: 0x0400)
        let udp = UDPDatagram(sourcePort: 1234, destinationPort: 1234, payload: [UInt8](repeating: 7, count: 32))
        let packet = IPv6Packet(header: IPv6Header(payloadLength: 0, nextHeader: IPv6Header.protocolUDP, source: from,
                                                   destination: to),
                                payload: udp.encoded(source: from, destination: to)).encoded
        let sender = ExtendedAddress(0x0101_0101_0101_0101)
        let iterations = 20_000
        var bytes = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for index in 0..<iterations {
            let payload = try LoWPANFramer.framePayloads(packet: packet, macSource: .short(0x6000),
                                                         macDestination: .short(0x0400), contexts: contexts,
                                                         maxFramePayload: 100, tag: 1)[0]
            let frame = MACFrame(type: .data, sequence: UInt8(truncatingIfNeeded: index), panID: 0xFACE,
                                 destination: .short(0x0400), source: .short(0x6000),
                                 security: SecurityHeader(frameCounter: UInt32(index), keyIndex: 1), payload: payload)
            let psdu = try MACSecurity.seal(frame, key: keys.macKey, sender: sender)
            let opened = try MACSecurity.open(try MACFrame.decode(psdu), key: keys.macKey, sender: sender)
            let headers = try IPHC.decompress(opened.payload, macSource: .short(0x6000), macDestination: .short(0x0400),
                                              contexts: contexts)
            bytes += psdu.count + headers.bytes.count
        }
        let micros = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / Double(iterations)
        print("mesh-link: UDP frame both ways (IPHC + frame + AES-CCM seal, decode + open + decompress): "
            + "\(String(format: "%.1f", micros)) µs (check \(bytes / iterations) bytes)")
    }

    /// SX1276 sensitivity at 125 kHz (datasheet table 13): the level link margins count from.
    static func sensitivityDBm(_ sf: SpreadingFactor) -> Int {
        switch sf {
        case .sf6, .sf7: return -123
        case .sf8: return -126
        case .sf9: return -129
        case .sf10: return -132
        case .sf11: return -134
        case .sf12: return -137
        }
    }

    typealias Chip = SX1276MeshRadio<EmulatedSPIDevice, EmulatedControlLines>
    typealias Stack = MeshStack<LossyRadio<Chip>, VirtualReactor>

    /// A line of `hops + 1` whole nodes (Thread, 6LoWPAN, MAC, the SX1276 driver on emulated
    /// chips); nodes not next to each other are out of range (200 dB).
    final class Line {
        let clock = VirtualClock()
        let air: Air
        let loop: EventLoop<VirtualReactor>
        var stacks: [Stack] = []

        init(sf: SpreadingFactor, hops: Int) throws {
            air = Air(clock: clock)
            loop = EventLoop(reactor: VirtualReactor(clock: clock))
            var settings = Chip.defaultSettings
            settings.parameters = LoRaParameters(spreadingFactor: sf)
            let count = hops + 1
            for a in 0..<count { for b in (a + 2)..<max(a + 2, count) { air.setPathLoss(between: a + 1, and: b + 1, dB: 200) } }
            var thread = ThreadNode.Settings()
            thread.routerSelectionJitterSeconds = 3
            for node in 0..<count {
                let chip = SX1276Chip(clock: clock, air: air, nodeID: node + 1)
                let driver = SX1276(bus: chip.spiDevice, lines: chip.controlLines, busName: "node\(node)")
                let radio = LossyRadio(Chip(driver: driver, settings: settings), lossPerMille: 0, seed: UInt64(node + 10))
                // The LoRa-tuned MLE timings (windows sized from the airtime of a full frame).
                thread.timings = .forRadio(radio)
                stacks.append(try Stack(radio: radio, loop: loop, dataset: .pymeshDefault,
                                        extAddress: ExtendedAddress(0x0101_0101_0101_0100 | UInt64(node + 1)),
                                        seed: UInt64(node) &* 7919 &+ 1, settings: thread,
                                        sensitivityDBm: MeshLinkBench.sensitivityDBm(sf)))
            }
        }

        func run(micros: UInt64) throws { try loop.run(until: clock.now + micros) }

        /// Switched on 8 s apart; formed when the first node routes to the last over `hops` hops.
        func form(hops: Int, limitMicros: UInt64) throws -> UInt64? {
            let start = clock.now
            for s in stacks {
                try s.start()
                try run(micros: 8_000_000)
            }
            let first = stacks[0].node, last = stacks[stacks.count - 1].node
            while clock.now - start < limitMicros {
                if first.role.isRouterOrLeader && last.role.isRouterOrLeader && Set(stacks.map(\.node.leaderData.partitionID)).count == 1
                    && first.pathCost(toRouter: last.routerID) == UInt8(hops) {
                    return clock.now - start
                }
                try run(micros: 1_000_000)
            }
            return nil
        }
    }

    /// 100 UDP datagrams of 40 bytes from the first node of a line to the last one's RLOC over
    /// `hops` hops, with `lossPerMille` of the frames every radio receives dropped (data, ACKs
    /// and MLE) once the line has formed; one datagram every 6 frame airtimes per hop.
    func route(sf: SpreadingFactor, hops: Int, lossPerMille: UInt64) throws {
        let line = try Line(sf: sf, hops: hops)
        guard let formedMicros = try line.form(hops: hops, limitMicros: 600_000_000) else {
            print("mesh-link: SF\(sf.rawValue) \(hops) hop(s): the line did not form in 600 s")
            return
        }
        for s in line.stacks { s.link.mac.radio.lossPerMille = lossPerMille }
        let first = line.stacks[0], last = line.stacks[line.stacks.count - 1]
        var sentAt: [UInt16: UInt64] = [:]
        var latencies: [UInt64] = []
        last.onDatagram = { d in
            guard d.destinationPort == 5000, d.payload.count >= 2 else { return }
            let id = UInt16(d.payload[0]) << 8 | UInt16(d.payload[1])
            if let start = sentAt.removeValue(forKey: id) { latencies.append(line.clock.now - start) }
        }
        let retriesBefore = line.stacks.map(\.link.mac.counters.transmitRetries).reduce(0, +)
        let count = 100
        let interval = 6 * UInt64(hops) * first.link.mac.radio.airtimeMicros(psduBytes: 80)
        for index in 0..<count {
            let payload = [UInt8(index >> 8), UInt8(index & 0xFF)] + [UInt8](repeating: 0x42, count: 38)
            sentAt[UInt16(index)] = line.clock.now
            first.sendUDP(ThreadDatagram(source: first.node.rlocAddress, destination: last.node.rlocAddress,
                                         sourcePort: 5000, destinationPort: 5000, payload: payload))
            try line.run(micros: interval)
        }
        try line.run(micros: 30_000_000)
        let sorted = latencies.sorted()
        let mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / UInt64(sorted.count)
        let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        let retries = line.stacks.map(\.link.mac.counters.transmitRetries).reduce(0, +) - retriesBefore
        let noRoute = line.stacks.map(\.counters.droppedNoRoute).reduce(0, +)
        print("mesh-link: SF\(sf.rawValue) \(hops) hop(s), \(lossPerMille / 10) % frame loss: delivered \(sorted.count)/\(count), "
            + "latency mean \(mean / 1000) ms median \(median / 1000) ms max \((sorted.last ?? 0) / 1000) ms, "
            + "MAC retries \(retries), dropped for want of a route \(noRoute) (line formed in \(formedMicros / 1_000_000) s)")
    }

    /// The CPU this process spends per node per simulated hour: a formed 4-node line left to
    /// its control traffic (advertisements, child and link upkeep) for one hour of virtual time.
    func cpuPerNodeHour(sf: SpreadingFactor) throws {
        let line = try Line(sf: sf, hops: 3)
        guard try line.form(hops: 3, limitMicros: 600_000_000) != nil else {
            print("mesh-link: SF\(sf.rawValue) line of 4: did not form in 600 s")
            return
        }
        let framesBefore = line.stacks.map(\.link.mac.counters.transmitted).reduce(0, +)
        let cpuStart = Self.processCPUMicros()
        try line.run(micros: 3_600_000_000)
        let cpu = Self.processCPUMicros() - cpuStart
        let frames = line.stacks.map(\.link.mac.counters.transmitted).reduce(0, +) - framesBefore
        // The duty-cycle window is the last hour: the airtime of exactly this hour.
        let airtime = line.stacks.map { $0.link.mac.dutyCycle.usedMicros(nowMicros: line.clock.now) }.reduce(0, +)
        let nodes = UInt64(line.stacks.count)
        print("mesh-link: SF\(sf.rawValue) line of 4 for one simulated hour (control traffic only): CPU \(cpu / nodes / 1000) ms "
            + "per node-hour; per node \(frames / Int(nodes)) frames, \(airtime / nodes / 1000) ms airtime "
            + "(\(airtime / nodes / 3_600_000) per mille of the hour); "
            + (line.stacks.allSatisfy { $0.node.role.isRouterOrLeader } ? "all routers" : "roles changed"))
    }

    static func processCPUMicros() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return UInt64(t.tv_sec) * 1_000_000 + UInt64(t.tv_nsec) / 1000
    }
}
