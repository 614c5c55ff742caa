import HAL
import JSON
import LoRaPHY
import Runtime
import SX1276Emulator
import Testing
@testable import Forwarder

/// Issue 12 "Done when": the gateway on the virtual clock with an IPv6-only
/// server whose name changes address midway, and a radio that fails for a
/// minute — no uplink lost, one restart in flight, systemd watchdog withheld
/// while the radio is down.
@Suite struct FaultScenarioTests {
    static let second: UInt64 = 1_000_000
    static let t0: UInt64 = 5_000 * second

    static func ipv6(_ last: UInt8) -> SocketAddress {
        SocketAddress(family: 6, bytes: [0x20, 0x01, 0x0D, 0xB8] + [UInt8](repeating: 0, count: 11) + [last], port: 1700)
    }

    @Test func serverMovesRadioFailsNothingLost() throws {
        let h = GatewayHarness(start: Self.t0)
        h.network.serverAddress = Self.ipv6(0x10)
        h.network.resolveLatencyMicros = 80_000  // answered later, on the backhaul side
        var notified: [(UInt64, String)] = []
        h.gateway.notify = { notified.append((h.clock.now, $0)) }
        let device = TestDevice(id: 1, air: h.air, parameters: LoRaParameters(spreadingFactor: .sf7))
        try h.gateway.start()

        let end = Self.t0 + 1_800 * Self.second
        var at = Self.t0 + 3 * Self.second
        while at < end - 30 * Self.second {
            let start = at
            h.clock.schedule(at: start) { device.transmit(confirmed: false, start: start) }
            at += 17 * Self.second
        }
        // Minute 10: the server moves (the name now resolves elsewhere; the old address is silent).
        let moves = Self.t0 + 600 * Self.second
        h.clock.schedule(at: moves) { h.network.serverAddress = Self.ipv6(0x20) }
        // Minute 20: the radio fails for a minute.
        let breaks = Self.t0 + 1_200 * Self.second
        h.clock.schedule(at: breaks) { h.faults.brokenUntil = breaks + 60 * Self.second }
        try h.run(until: end)

        // The server is found again at its new address.
        #expect(h.gateway.serverUp == { var a = Self.ipv6(0x20); a.port = 1700; return a }())
        #expect(h.logLines.contains { $0.hasPrefix("server ns.example is [2001:db8:0:0:0:0:0:20]:1700 (up), port 1700 (down); it moved") }, "\(h.logLines.filter { $0.hasPrefix("server") })")
        #expect(h.network.lost > 0)

        // Every uplink the radio heard reached the server exactly once.
        let restarts = h.faults.startAttempts.dropFirst()
        let recovered = restarts.last ?? breaks
        var seen: [[UInt8]: Int] = [:]
        for (rx, _) in h.server.rxpks { seen[Base64.decode(rx["data"]?.stringValue ?? "") ?? [], default: 0] += 1 }
        var heard = 0
        for uplink in device.sent {
            let radioDown = uplink.end >= breaks - Self.second && uplink.end <= recovered + Self.second
            if radioDown { continue }
            heard += 1
            #expect(seen[uplink.payload] == 1, "uplink ending at +\((uplink.end - Self.t0) / Self.second) s forwarded \(seen[uplink.payload] ?? 0) times")
        }
        #expect(heard > 90)
        #expect(h.gateway.statistics.uplinksDroppedFull == 0 && h.gateway.statistics.uplinksDroppedAge == 0)
        #expect(h.gateway.queuedUplinks == 0)

        // One restart in flight: attempts at least a second apart, backing off; each counted and logged.
        #expect(restarts.count >= 5 && restarts.count <= 8)
        for (a, b) in zip(restarts, restarts.dropFirst()) { #expect(b - a >= Self.second) }
        #expect(h.gateway.statistics.radioRestarts == UInt64(restarts.count))
        #expect(h.logLines.filter { $0.hasPrefix("radio: re-initialising") }.count == restarts.count)
        // systemd's watchdog is not fed while the radio is down, and is again afterwards.
        #expect(!notified.contains { $0.1 == "WATCHDOG=1" && $0.0 > breaks && $0.0 < recovered })
        #expect(notified.contains { $0.1 == "WATCHDOG=1" && $0.0 > recovered })
        #expect(h.chip.mode == .rxContinuous)
    }
}
