import HAL
import JSON
import LoRaPHY
import SX1276Emulator
import Testing
@testable import Forwarder

/// Issue 5 "Done when": an hour of gateway life on the virtual clock.
@Suite struct GatewayHourTests {
    static let second: UInt64 = 1_000_000
    /// The 32-bit tmst counter wraps 30 minutes into the run.
    static let start: UInt64 = (1 << 32) - 1_800 * second

    @Test func simulatedHourWithOutageWrapAndRefusals() throws {
        let h = GatewayHarness(start: Self.start)
        let sf7 = LoRaParameters(spreadingFactor: .sf7)
        let devices = (1...4).map { TestDevice(id: $0, air: h.air, parameters: sf7) }
        try h.gateway.start()

        // Regular traffic: device i every 37 s, 9 s apart; devices 1 and 3 confirmed.
        let end = Self.start + 3_600 * Self.second
        let wrapUplinkEnd: UInt64 = (1 << 32) - 400_000  // its RX1 tmst crosses the wrap
        let airtime = UInt64(Airtime(payloadBytes: 17, parameters: sf7).totalMicros)
        var slot = Self.start + 5 * Self.second
        while slot < end - 10 * Self.second {
            for (index, device) in devices.enumerated() {
                let at = slot + UInt64(index) * 9 * Self.second
                if at + 3 * Self.second > wrapUplinkEnd && at < wrapUplinkEnd + 3 * Self.second { continue }
                h.clock.schedule(at: at) { device.transmit(confirmed: device.id % 2 == 1, start: at) }
            }
            slot += 37 * Self.second
        }
        h.clock.schedule(at: wrapUplinkEnd - airtime) { devices[0].transmit(confirmed: true, start: wrapUplinkEnd - airtime) }

        // Server outage from minute 5 to minute 15.
        let outageStart = Self.start + 300 * Self.second
        let outageEnd = Self.start + 900 * Self.second
        h.clock.schedule(at: outageStart) { h.server.online = false }
        h.clock.schedule(at: outageEnd) { h.server.online = true }

        // Refusals, at minute 40 (with the counter already wrapped), in a gap between uplinks.
        let t40 = Self.start + (37 * 65 + 34) * Self.second
        h.clock.schedule(at: t40) {
            let now = h.server.counter
            h.server.sendDownlink(tmst: now &- 5 * UInt32(Self.second), frequencyMHz: 868.1, datr: "SF7BW125", payload: [1, 2, 3], label: "late")
            h.server.sendDownlink(tmst: now &+ 120 * UInt32(Self.second), frequencyMHz: 868.1, datr: "SF7BW125", payload: [1, 2, 3], label: "early")
            h.server.sendDownlink(tmst: now &+ 2 * UInt32(Self.second), frequencyMHz: 915.0, datr: "SF7BW125", payload: [1, 2, 3], label: "freq")
            h.server.sendDownlink(tmst: now &+ 2 * UInt32(Self.second), frequencyMHz: 869.525, datr: "SF9BW125", payload: [1, 2, 3], label: "first")
            h.server.sendDownlink(tmst: now &+ 2 * UInt32(Self.second) + 50_000, frequencyMHz: 869.525, datr: "SF9BW125", payload: [1, 2, 3], label: "collide")
            h.server.sendRaw(#"{"txpk":{"tmms":1234567890,"freq":869.525,"datr":"SF9BW125","data":"AQID"}}"#, label: "gps")
            h.server.sendDownlink(tmst: nil, frequencyMHz: 869.525, datr: "SF9BW125", payload: [9, 9], label: "classC")
        }

        try h.run(until: end)

        // Every uplink forwarded exactly once, with correct fields.
        var seen: [[UInt8]: Int] = [:]
        for (rx, _) in h.server.rxpks {
            let payload = Base64.decode(rx["data"]?.stringValue ?? "") ?? []
            seen[payload, default: 0] += 1
        }
        var total = 0
        for device in devices {
            for uplink in device.sent {
                total += 1
                #expect(seen[uplink.payload] == 1, "device \(device.id) uplink ending \(uplink.end) (+\((uplink.end - Self.start) / Self.second) s) forwarded \(seen[uplink.payload] ?? 0) times; gateway TX: \(h.chip.transmitLog.filter { $0.endMicros + 1_000_000 > uplink.end && $0.startMicros < uplink.end + 1_000_000 }.map { ($0.startMicros, $0.endMicros) })")
                guard let rx = h.server.rxpks.first(where: { Base64.decode($0.value["data"]?.stringValue ?? "") == uplink.payload })?.value else { continue }
                #expect(rx["tmst"]?.integerValue == Int64(UInt32(truncatingIfNeeded: uplink.end)))
                #expect(rx["time"]?.stringValue == TimeText.iso8601(utcMicros: GatewayHarness.utcEpoch + Int64(uplink.end)))
                #expect(rx["freq"]?.numberValue == 868.1)
                #expect(rx["datr"]?.stringValue == "SF7BW125")
                #expect(rx["codr"]?.stringValue == "4/5")
                #expect(rx["stat"]?.integerValue == 1)
                #expect(rx["modu"]?.stringValue == "LORA")
                #expect(rx["size"]?.integerValue == Int64(uplink.payload.count))
                #expect(rx["rssi"]?.numberValue != nil && rx["lsnr"]?.numberValue != nil)
            }
        }
        #expect(total > 350)
        #expect(h.server.rxpks.count == total)
        #expect(h.gateway.statistics.uplinksDroppedFull == 0 && h.gateway.statistics.uplinksDroppedAge == 0)
        #expect(h.gateway.queuedUplinks == 0)
        #expect(h.gateway.statistics.pushResent > 0)
        #expect(h.logLines.contains { $0.hasPrefix("server is not acknowledging PUSH_DATA; holding") })
        #expect(h.logLines.contains { $0.hasPrefix("server answers again; sending") })

        // Every confirmed uplink answered (server online, fresh) got its RX1 downlink inside the window.
        var answered = 0
        for device in devices {
            for uplink in device.sent where uplink.confirmed {
                let rx1 = uplink.end + Self.second
                let heard = device.heard.first { $0.startMicros + 100_000 > rx1 && $0.startMicros < rx1 + 100_000 }
                let offline = uplink.end + 20_000 >= outageStart && uplink.end < outageEnd + 100_000
                if offline { continue }
                answered += 1
                guard let heard else { Issue.record("device \(device.id): no downlink for uplink ending \(uplink.end)"); continue }
                // RX1 opens RECEIVE_DELAY1 after the uplink ends; the device needs the preamble within a few symbols.
                #expect(heard.startMicros >= rx1 && heard.startMicros <= rx1 + 20, "RX1 downlink started \(Int64(heard.startMicros) - Int64(rx1)) µs off")
                #expect(heard.invertedIQ)
                #expect(abs(heard.frequencyHz - 868_100_000) < 62)  // Frf step: 32 MHz / 2^19
                #expect(heard.payload.first == 0x60 && Array(heard.payload[1...4]) == device.devAddr)
            }
        }
        #expect(answered > 150)
        // The uplink ending just before the wrap was answered after it.
        #expect(devices[0].heard.contains { $0.startMicros >= wrapUplinkEnd + Self.second && $0.startMicros <= wrapUplinkEnd + Self.second + 20 })

        // TX_ACK answers.
        #expect(h.server.acks(labelled: "late") == ["TOO_LATE"])
        #expect(h.server.acks(labelled: "early") == ["TOO_EARLY"])
        #expect(h.server.acks(labelled: "freq") == ["TX_FREQ"])
        #expect(h.server.acks(labelled: "first") == ["NONE"])
        #expect(h.server.acks(labelled: "collide") == ["COLLISION_PACKET"])
        #expect(h.server.acks(labelled: "gps") == ["GPS_UNLOCKED"])
        #expect(h.server.acks(labelled: "classC") == ["NONE"])
        #expect(h.server.acks(labelled: "rx1").allSatisfy { $0 == "NONE" })
        #expect(h.gateway.statistics.txnb == UInt64(h.server.acks(labelled: "rx1").count + 2))

        // Keep-alive every 10 s and stat every 30 s while the server listened.
        for (a, b) in zip(h.server.pulls, h.server.pulls.dropFirst()) where b - a < 60 * Self.second {
            #expect(b - a == 10 * Self.second)
        }
        #expect(h.server.pulls.count >= 290)
        for (a, b) in zip(h.server.stats, h.server.stats.dropFirst()) where b.at - a.at < 60 * Self.second {
            #expect(b.at - a.at == 30 * Self.second)
        }
        #expect(h.server.stats.count >= 95)
        let lastStat = try #require(h.server.stats.last?.value)
        #expect(lastStat["rxnb"]?.integerValue ?? 0 > 300)
        #expect(lastStat["ackr"]?.numberValue == 100)
        #expect(h.notifications.first == "READY=1")
        #expect(h.notifications.contains("WATCHDOG=1"))
    }

    @Test func dnsFailuresAreRetriedAndUplinksKept() throws {
        let h = GatewayHarness(start: 1_000 * Self.second)
        h.network.resolveFailuresLeft = 3
        let device = TestDevice(id: 1, air: h.air, parameters: LoRaParameters(spreadingFactor: .sf7))
        try h.gateway.start()
        h.clock.schedule(at: 1_001 * Self.second) { device.transmit(confirmed: false, start: 1_001 * Self.second) }
        try h.run(until: 1_030 * Self.second)
        #expect(h.gateway.statistics.resolveFailures == 3)
        #expect(h.server.rxpks.count == 1)
        #expect(h.logLines.contains { $0.hasPrefix("cannot resolve ns.example: Temporary failure in name resolution; retrying in 1 s") })
    }

    @Test func crcFailedPacketsFollowTheForwardFlags() throws {
        let h = GatewayHarness(start: 1_000 * Self.second) { $0.forwardCRCError = true }
        try h.gateway.start()
        let sf7 = LoRaParameters(spreadingFactor: .sf7)
        h.clock.schedule(at: 1_001 * Self.second) {
            h.air.transmit(from: 5, frequencyHz: 868_100_000, parameters: sf7, syncWord: 0x34, invertedIQ: false,
                           payload: [0x40, 1, 2, 3, 4, 0, 1, 0, 1, 2, 3, 4, 5], txPowerDBm: 14, bitErrors: 3)
        }
        try h.run(until: 1_005 * Self.second)
        #expect(h.gateway.statistics.rxnb == 1)
        #expect(h.gateway.statistics.rxBadCRC == 1)
        #expect(h.server.rxpks.first?.value["stat"]?.integerValue == -1)
    }

    @Test func datagramsFromOtherAddressesAreDropped() throws {
        let h = GatewayHarness(start: 1_000 * Self.second)
        try h.gateway.start()
        try h.run(until: 1_001 * Self.second)
        let json = #"{"txpk":{"imme":true,"freq":869.525,"datr":"SF9BW125","data":"AQID"}}"#
        h.network.deliverToGateway(SemtechDatagram.pullResp(token: 7, json: json), up: false, from: h.network.gatewayAddress)
        var wrongPort = h.network.serverAddress
        wrongPort.port = 9_999
        h.network.deliverToGateway(SemtechDatagram.pullResp(token: 8, json: json), up: false, from: wrongPort)
        try h.run(until: 1_003 * Self.second)
        #expect(h.gateway.statistics.foreign == 2)
        #expect(h.gateway.statistics.dwnb == 0)
        #expect(h.gateway.statistics.txnb == 0)
    }

    @Test func powerIsLimitedToMaxEIRPMinusAntennaGain() throws {
        let h = GatewayHarness(start: 1_000 * Self.second) { $0.radio.antennaGainDBi = 3 }
        try h.gateway.start()
        try h.run(until: 1_001 * Self.second)
        let ack = h.gateway.schedule(try TxPacket.parse(json: Array(#"{"txpk":{"imme":true,"freq":869.525,"powe":27,"datr":"SF9BW125","data":"AQID"}}"#.utf8)[...]).get())
        #expect(ack == TxAck(error: .none, powerWarningDBm: 13))  // EU868 16 dBm EIRP - 3 dBi
        try h.run(until: 1_003 * Self.second)
        #expect(h.chip.transmitLog.last?.powerDBm == 13)
    }

    @Test func dutyCycleRefusalUsesTheConfiguredError() throws {
        let h = GatewayHarness(start: 1_000 * Self.second) { $0.dutyCycleError = .dutyCycleOverflow }
        try h.gateway.start()
        try h.run(until: 1_001 * Self.second)
        // SF12, 51 bytes ≈ 2.3 s of air: the 1 % band (36 s/h) takes 15 of them.
        let payload = [UInt8](repeating: 7, count: 51)
        var results: [TxAckError] = []
        for _ in 0..<16 {
            let txpk = TxPacket(timing: .immediate, frequencyHz: 868_500_000, rfChain: 0, powerDBm: 14,
                                dataRate: DataRateName("SF12BW125")!, codingRate: .cr4_5, invertPolarity: true,
                                preambleSymbols: 8, noCRC: true, noHeader: false, payload: payload)
            results.append(h.gateway.schedule(txpk).error)
            try h.run(until: h.loop.nowMicros + 4 * Self.second)
        }
        let airtime = Airtime(payloadBytes: 51, parameters: LoRaParameters(spreadingFactor: .sf12, crcOn: false)).totalMicros
        let fit = Int(36_000_000 / airtime)
        #expect(fit >= 14 && fit < 16)
        #expect(results.prefix(fit).allSatisfy { $0 == .none })
        #expect(results.dropFirst(fit).allSatisfy { $0 == .dutyCycleOverflow })
        #expect(h.gateway.statistics.txnb == UInt64(fit))
    }

    @Test func watchdogReinitialisesARadioThatLostItsModeAndKeepsQueuedData() throws {
        let h = GatewayHarness(start: 1_000 * Self.second)
        let device = TestDevice(id: 1, air: h.air, parameters: LoRaParameters(spreadingFactor: .sf7))
        try h.gateway.start()
        h.server.online = false  // an uplink waits in the queue meanwhile
        h.clock.schedule(at: 1_001 * Self.second) { device.transmit(confirmed: false, start: 1_001 * Self.second) }
        h.clock.schedule(at: 1_002 * Self.second) {
            var spi = EmulatedSPIDevice(chip: h.chip)
            var write: [UInt8] = [0x81, 0x80]  // RegOpMode: LoRa, SLEEP — behind the driver's back
            try? spi.transfer(&write)
        }
        h.clock.schedule(at: 1_009 * Self.second) { h.server.online = true }
        h.clock.schedule(at: 1_020 * Self.second) { device.transmit(confirmed: false, start: 1_020 * Self.second) }
        try h.run(until: 1_040 * Self.second)
        #expect(h.gateway.statistics.radioRestarts == 1)
        #expect(h.logLines.contains { $0.hasPrefix("radio: re-initialising (operating mode read back differs from the mode set); 1 uplinks") })
        #expect(h.server.rxpks.count == 2)
        #expect(h.chip.mode == .rxContinuous)
    }

    @Test func stopPutsTheRadioToSleepAndLogsStatistics() throws {
        let h = GatewayHarness(start: 1_000 * Self.second)
        try h.gateway.start()
        try h.run(until: 1_002 * Self.second)
        h.gateway.stop()
        #expect(h.chip.mode == .sleep)
        #expect(h.logLines.last?.hasPrefix("stopped; final statistics: rxnb 0") == true)
        #expect(h.notifications.last == "STOPPING=1")
    }
}
