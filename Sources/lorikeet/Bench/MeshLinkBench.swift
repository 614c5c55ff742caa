import ArgumentParser
import Foundation
import HAL
import LoRaPHY
import Mesh
import Runtime
import SX1276
import SX1276Emulator

/// The mesh's link layers (docs/mesh-link.md): CPU per frame through
/// 6LoWPAN + MAC security both ways, and UDP over one LoRa hop on the
/// emulated air with frame loss (delivery ratio, latency, retries).
struct MeshLinkBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mesh-link", abstract: "Mesh MAC/6LoWPAN figures.")

    func run() throws {
        try codec()
        for sf in [SpreadingFactor.sf7, .sf9] {
            for loss: UInt64 in [0, 50, 200] { try oneHop(sf: sf, lossPerMille: loss) }
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

    /// 200 UDP datagrams of 40 bytes, one every 3 frame-airtimes, A → B.
    func oneHop(sf: SpreadingFactor, lossPerMille: UInt64) throws {
        typealias Chip = SX1276MeshRadio<EmulatedSPIDevice, EmulatedControlLines>
        let clock = VirtualClock()
        let air = Air(clock: clock)
        let loop = EventLoop(reactor: VirtualReactor(clock: clock))
        var settings = Chip.defaultSettings
        settings.parameters = LoRaParameters(spreadingFactor: sf)
        var links: [LinkLayer<LossyRadio<Chip>, VirtualReactor>] = []
        for node in 0..<2 {
            let chip = SX1276Chip(clock: clock, air: air, nodeID: node + 1)
            let driver = SX1276(bus: chip.spiDevice, lines: chip.controlLines, busName: "node\(node)")
            let radio = LossyRadio(Chip(driver: driver, settings: settings), lossPerMille: lossPerMille,
                                   seed: UInt64(node + 10))
            let mac = MACLayer(radio: radio, loop: loop, panID: 0xFACE,
                               extendedAddress: ExtendedAddress(0x0101_0101_0101_0100 | UInt64(node + 1)),
                               keys: try KeyManager(networkKey: .pymeshDefault), seed: UInt64(node + 1))
            mac.shortAddress = UInt16(node) << 10
            try mac.start()
            links.append(LinkLayer(mac: mac, contexts: .thread(meshLocalPrefix: .defaultMeshLocal)))
        }
        // What MLE does on attach: each side learns who uses which RLOC16.
        links[0].mac.neighbors.setShortAddress(0x0400, for: links[1].mac.extendedAddress)
        links[1].mac.neighbors.setShortAddress(0x0000, for: links[0].mac.extendedAddress)
        let from = ThreadAddresses.routingLocator(meshLocalPrefix: .defaultMeshLocal, rloc16: 0x0000)
        let to = ThreadAddresses.routingLocator(meshLocalPrefix: .defaultMeshLocal, rloc16: 0x0400)
        var sentAt: [UInt16: UInt64] = [:]
        var latencies: [UInt64] = []
        links[1].onPacket = { bytes, _ in
            guard let packet = try? IPv6Packet.decode(bytes),
                  let udp = try? UDPDatagram.decode(packet.payload, source: from, destination: to),
                  udp.payload.count >= 2 else { return }
            let id = UInt16(udp.payload[0]) << 8 | UInt16(udp.payload[1])
            if let start = sentAt[id] { latencies.append(clock.now - start) }
        }
        let count = 200
        let interval = 3 * links[0].mac.radio.airtimeMicros(psduBytes: 80)
        for index in 0..<count {
            let payload = [UInt8(index >> 8), UInt8(index & 0xFF)] + [UInt8](repeating: 0x42, count: 38)
            let packet = IPv6Packet(header: IPv6Header(payloadLength: 0, nextHeader: IPv6Header.protocolUDP, source: from,
                                                       destination: to),
                                    payload: UDPDatagram(sourcePort: 5000, destinationPort: 5000, payload: payload)
                                        .encoded(source: from, destination: to)).encoded
            sentAt[UInt16(index)] = clock.now
            links[0].send(packet: packet, to: .short(0x0400))
            try loop.run(until: clock.now + interval)
        }
        try loop.run(until: clock.now + 30_000_000)
        let mean = latencies.isEmpty ? 0 : latencies.reduce(0, +) / UInt64(latencies.count)
        let worst = latencies.max() ?? 0
        let mac = links[0].mac.counters
        print("mesh-link: SF\(sf.rawValue) one hop, \(lossPerMille / 10) % frame loss: delivered \(latencies.count)/\(count), "
            + "latency mean \(mean / 1000) ms max \(worst / 1000) ms, retries \(mac.transmitRetries), no-ACK \(mac.noAck)")
    }
}
