import JSON
import Regions

/// The text and JSON forms of `lorikeet plan`.
struct PlanReport {
    let plan: RegionalPlan

    // MARK: - Region list

    static func listLines() -> [String] {
        var lines = ["region    band        single-channel default"]
        for id in RegionID.allCases {
            let plan = id.plan
            lines.append(
                pad(id.rawValue, 10) + pad(plan.displayName, 12)
                    + "\(mhz(plan.singleChannel.frequencyHz)) MHz \(drName(plan, plan.singleChannel.dataRate))")
        }
        lines.append("")
        lines.append("lorikeet plan REGION prints a plan (REGION in any case, e.g. eu868).")
        return lines
    }

    static func listJSON() -> String {
        var regions: [JSONValue] = []
        for id in RegionID.allCases {
            let plan = id.plan
            regions.append(.object(JSONObject(pairs: [
                ("region", .string(id.rawValue)),
                ("name", .string(plan.displayName)),
                ("single_channel_frequency_hz", number(plan.singleChannel.frequencyHz)),
                ("single_channel_data_rate", .number(Double(plan.singleChannel.dataRate))),
            ])))
        }
        return JSONSerializer.pretty(.object(JSONObject(pairs: [("regions", .array(regions))])))
    }

    // MARK: - Text

    func lines() -> [String] {
        var out: [String] = []
        out.append("\(plan.id.rawValue): \(plan.displayName) (\(plan.source))")
        out.append("")
        out += channelLines()
        out.append("")
        out += dataRateLines()
        out.append("")
        out += rx1Lines()
        out.append(
            "RX2: \(Self.mhz(plan.rx2FrequencyHz)) MHz at DR\(plan.rx2DataRate) (\(Self.drName(plan, plan.rx2DataRate)))")
        out.append(
            "Delays: RECEIVE_DELAY1 \(plan.receiveDelay1Seconds) s, RECEIVE_DELAY2 \(plan.receiveDelay2Seconds) s, "
                + "JOIN_ACCEPT_DELAY1 \(plan.joinAcceptDelay1Seconds) s, JOIN_ACCEPT_DELAY2 \(plan.joinAcceptDelay2Seconds) s")
        out.append(
            "Power: max EIRP \(Self.decimal(plan.maxEIRPdBm)) dBm; gateway default TX power "
                + "\(plan.defaultTxPowerDBm) dBm (2 dBi antenna, at most +20 dBm)")
        out.append("TX frequencies: " + plan.txFrequencyRanges.map { Self.rangeText($0) }.joined(separator: ", "))
        if plan.dutyCycleBands.isEmpty {
            out.append("Duty-cycle sub-bands: none")
        } else {
            out.append("Duty-cycle sub-bands:")
            for band in plan.dutyCycleBands {
                out.append("  " + Self.pad(band.name, 7) + Self.pad(Self.rangeText(band.range), 24) + band.percentLabel)
            }
        }
        if plan.dwellTimeLimits.isEmpty {
            out.append("Dwell time: no limit")
        } else {
            for limit in plan.dwellTimeLimits {
                let directions = [limit.uplink ? "uplink" : nil, limit.downlink ? "downlink" : nil]
                    .compactMap { $0 }.joined(separator: " and ")
                out.append("Dwell time: \(limit.limitMillis) ms \(directions), \(limit.note)")
            }
        }
        if let lbt = plan.listenBeforeTalk { out.append("Listen before talk: \(lbt)") }
        out.append("")
        out += singleChannelLines()
        return out.map(Self.trimmed)
    }

    /// Drops the padding the last column leaves.
    static func trimmed(_ line: String) -> String {
        var text = Substring(line)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }

    private func channelLines() -> [String] {
        switch plan.uplinkChannels {
        case .dynamic(let defaults, let maxChannels):
            var out = [
                "Uplink channels: \(defaults.count) default channels every device has; up to \(maxChannels) "
                    + "in all via the join-accept CFList or NewChannelReq",
            ]
            for channel in defaults {
                out.append(
                    "  ch \(Self.pad("\(channel.index)", 4))\(Self.pad(Self.mhz(channel.frequencyHz) + " MHz", 14))"
                        + "DR\(channel.minDataRate)-DR\(channel.maxDataRate)")
            }
            return out
        case .fixed(let blocks):
            var out = ["Uplink channels: fixed grid, enabled by ChMask"]
            for block in blocks {
                out.append(
                    "  ch \(Self.pad("\(block.firstIndex)-\(block.lastIndex)", 7))"
                        + "\(Self.mhz(block.firstFrequencyHz))-\(Self.mhz(block.lastFrequencyHz)) MHz "
                        + "every \(Self.step(block.stepHz)), \(block.bandwidthLabel), DR\(block.minDataRate)"
                        + (block.maxDataRate == block.minDataRate ? "" : "-DR\(block.maxDataRate)"))
            }
            return out
        }
    }

    private func dataRateLines() -> [String] {
        let dwell = !plan.dwellTimeLimits.isEmpty && plan.dataRates.contains { $0.dwellLimitedMaxMACPayloadBytes != nil }
        var out = ["Data rates:", "  DR    modulation              direction    max M (N)" + (dwell ? "    M at 400 ms dwell" : "")]
        for rate in plan.dataRates {
            let direction = rate.uplink && rate.downlink ? "up/down" : (rate.uplink ? "up" : "down")
            let m = rate.maxMACPayloadBytes.map { "\($0) (\($0 - 8))" } ?? "-"
            var line = "  " + Self.pad(rate.label, 6) + Self.pad(rate.modulation.name, 24) + Self.pad(direction, 13)
            if dwell {
                line += Self.pad(m, 13) + (rate.dwellLimitedMaxMACPayloadBytes.map { "\($0) (\($0 - 8))" } ?? "n/a")
            } else {
                line += m
            }
            out.append(line)
        }
        return out
    }

    private func rx1Lines() -> [String] {
        var out: [String] = []
        switch plan.rx1Frequency {
        case .sameAsUplink:
            out.append("RX1 frequency: the uplink frequency")
        case .downlinkChannels(let firstHz, let stepHz, let count):
            var list: [String] = []
            for k in 0..<count where k < 8 { list.append(Self.mhz(firstHz + UInt32(k) * stepHz)) }
            out.append(
                "RX1 frequency: downlink channel (uplink channel mod \(count)) = \(Self.mhz(firstHz)) MHz + k x "
                    + "\(Self.step(stepHz)): " + list.joined(separator: ", ") + (count > 8 ? ", ..." : "") + " MHz")
        }
        let offsets = plan.rx1DROffsetRange
        func table(_ title: String, _ rows: [[Int]]) {
            out.append(title)
            var header = "  uplink  "
            for offset in offsets { header += Self.pad("\(offset)", 6) }
            out.append(header)
            for (dr, row) in rows.enumerated() where !row.isEmpty {
                var line = "  " + Self.pad("DR\(dr)", 8)
                for value in row { line += Self.pad("DR\(value)", 6) }
                out.append(line)
            }
        }
        table("RX1 data rate by RX1DROffset (\(offsets.lowerBound)-\(offsets.upperBound)):", plan.rx1DataRateTable)
        if let dwellTable = plan.rx1DataRateTableDownlinkDwell {
            table("RX1 data rate with DownlinkDwellTime = 1:", dwellTable)
        }
        return out
    }

    private func singleChannelLines() -> [String] {
        let setup = plan.singleChannel
        var out = [
            "Single-channel gateway:",
            "  Listens on \(Self.mhz(setup.frequencyHz)) MHz at DR\(setup.dataRate) "
                + "(\(Self.drName(plan, setup.dataRate))) only.",
            "  Why this channel: \(setup.rationale)",
            "  Configure end devices (ADR off):",
        ]
        for step in setup.node.instructions { out.append("    \(step)") }
        out.append("  Pycom/LoPy example (seed 000's node setup):")
        for line in setup.node.pycomExample { out.append("    \(line)") }
        return out
    }

    // MARK: - JSON

    func json() -> String {
        let p = plan
        var rates: [JSONValue] = []
        for rate in p.dataRates {
            var pairs: [(String, JSONValue)] = [
                ("index", .number(Double(rate.index))),
                ("name", .string(rate.modulation.name)),
            ]
            switch rate.modulation {
            case .lora(let sf, let bw):
                pairs += [("modulation", .string("LORA")), ("spreading_factor", .number(Double(sf.rawValue))),
                          ("bandwidth_hz", .number(bw.hertz))]
            case .fsk(let bps):
                pairs += [("modulation", .string("FSK")), ("bit_rate", .number(Double(bps)))]
            case .lrFHSS(let cr, let ocw):
                pairs += [("modulation", .string("LR-FHSS")), ("coding_rate", .string(cr)),
                          ("occupied_channel_width_hz", .number(Double(ocw)))]
            }
            pairs += [
                ("uplink", .bool(rate.uplink)), ("downlink", .bool(rate.downlink)),
                ("max_mac_payload", Self.optional(rate.maxMACPayloadBytes)),
                ("max_mac_payload_dwell_limited", Self.optional(rate.dwellLimitedMaxMACPayloadBytes)),
            ]
            rates.append(.object(JSONObject(pairs: pairs)))
        }
        var channels: JSONObject
        switch p.uplinkChannels {
        case .dynamic(let defaults, let maxChannels):
            channels = JSONObject(pairs: [
                ("kind", .string("dynamic")), ("max_channels", .number(Double(maxChannels))),
                ("default_channels", .array(defaults.map(Self.channelJSON))),
            ])
        case .fixed(let blocks):
            channels = JSONObject(pairs: [
                ("kind", .string("fixed")),
                ("blocks", .array(blocks.map { block in
                    .object(JSONObject(pairs: [
                        ("first_index", .number(Double(block.firstIndex))), ("count", .number(Double(block.count))),
                        ("first_frequency_hz", Self.number(block.firstFrequencyHz)),
                        ("step_hz", Self.number(block.stepHz)), ("bandwidth", .string(block.bandwidthLabel)),
                        ("min_data_rate", .number(Double(block.minDataRate))),
                        ("max_data_rate", .number(Double(block.maxDataRate))),
                    ]))
                })),
            ])
        }
        let rx1Frequency: JSONObject
        switch p.rx1Frequency {
        case .sameAsUplink:
            rx1Frequency = JSONObject(pairs: [("kind", .string("same_as_uplink"))])
        case .downlinkChannels(let firstHz, let stepHz, let count):
            rx1Frequency = JSONObject(pairs: [
                ("kind", .string("downlink_channels")), ("first_frequency_hz", Self.number(firstHz)),
                ("step_hz", Self.number(stepHz)), ("count", .number(Double(count))),
            ])
        }
        let node = p.singleChannel.node
        let root = JSONObject(pairs: [
            ("region", .string(p.id.rawValue)),
            ("name", .string(p.displayName)),
            ("source", .string(p.source)),
            ("uplink_channels", .object(channels)),
            ("data_rates", .array(rates)),
            ("rx1_frequency", .object(rx1Frequency)),
            ("rx1_data_rate_table", Self.table(p.rx1DataRateTable)),
            ("rx1_data_rate_table_downlink_dwell", p.rx1DataRateTableDownlinkDwell.map(Self.table) ?? .null),
            ("rx2_frequency_hz", Self.number(p.rx2FrequencyHz)),
            ("rx2_data_rate", .number(Double(p.rx2DataRate))),
            ("receive_delay1_s", .number(Double(p.receiveDelay1Seconds))),
            ("receive_delay2_s", .number(Double(p.receiveDelay2Seconds))),
            ("join_accept_delay1_s", .number(Double(p.joinAcceptDelay1Seconds))),
            ("join_accept_delay2_s", .number(Double(p.joinAcceptDelay2Seconds))),
            ("max_eirp_dbm", .number(p.maxEIRPdBm)),
            ("default_tx_power_dbm", .number(Double(p.defaultTxPowerDBm))),
            ("tx_frequency_ranges", .array(p.txFrequencyRanges.map(Self.rangeJSON))),
            ("duty_cycle_bands", .array(p.dutyCycleBands.map { band in
                .object(JSONObject(pairs: [
                    ("name", .string(band.name)), ("min_frequency_hz", Self.number(band.range.lowerHz)),
                    ("max_frequency_hz", Self.number(band.range.upperHz)),
                    ("duty_cycle_ppm", .number(Double(band.dutyCyclePPM))),
                ]))
            })),
            ("dwell_time_limits", .array(p.dwellTimeLimits.map { limit in
                .object(JSONObject(pairs: [
                    ("limit_ms", .number(Double(limit.limitMillis))), ("uplink", .bool(limit.uplink)),
                    ("downlink", .bool(limit.downlink)), ("enabled_by_default", .bool(limit.enabledByDefault)),
                    ("note", .string(limit.note)),
                ]))
            })),
            ("listen_before_talk", p.listenBeforeTalk.map { .string($0) } ?? .null),
            ("single_channel", .object(JSONObject(pairs: [
                ("frequency_hz", Self.number(p.singleChannel.frequencyHz)),
                ("data_rate", .number(Double(p.singleChannel.dataRate))),
                ("data_rate_name", .string(Self.drName(p, p.singleChannel.dataRate))),
                ("rationale", .string(p.singleChannel.rationale)),
                ("node", .object(JSONObject(pairs: [
                    ("set_channels", .array(node.channelsToSet.map(Self.channelJSON))),
                    ("disable_channels", .array(node.channelsToDisable.map { range in
                        .object(JSONObject(pairs: [
                            ("first", .number(Double(range.lowerBound))), ("last", .number(Double(range.upperBound))),
                        ]))
                    })),
                    ("data_rate", .number(Double(node.dataRate))),
                    ("adr", .bool(node.adrEnabled)),
                    ("rx1_frequency_hz", Self.number(node.rx1.frequencyHz)),
                    ("rx1_data_rate", .number(Double(node.rx1.dataRate))),
                    ("instructions", .array(node.instructions.map { .string($0) })),
                    ("pycom_example", .array(node.pycomExample.map { .string($0) })),
                ]))),
            ]))),
        ])
        return JSONSerializer.pretty(.object(root))
    }

    // MARK: - Formatting helpers

    static func mhz(_ hertz: UInt32) -> String { FrequencyText.megahertz(hertz) }

    /// "200 kHz", "1.6 MHz".
    static func step(_ hertz: UInt32) -> String {
        hertz >= 1_000_000 ? "\(mhz(hertz)) MHz" : "\(decimal(Double(hertz) / 1000)) kHz"
    }

    static func decimal(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))" : "\(value)"
    }

    /// "863-870 MHz"; a bound one hertz inside a round value is shown as
    /// exclusive ("863-<865 MHz", ">868-868.6 MHz").
    static func rangeText(_ range: FrequencyRange) -> String {
        let lower = range.lowerHz % 10 == 1 ? ">" + mhz(range.lowerHz - 1) : mhz(range.lowerHz)
        let upper = range.upperHz % 10 == 9 ? "<" + mhz(range.upperHz + 1) : mhz(range.upperHz)
        return "\(lower)-\(upper) MHz"
    }

    static func drName(_ plan: RegionalPlan, _ index: Int) -> String {
        plan.dataRate(index: index)?.modulation.name ?? "RFU"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func number(_ value: UInt32) -> JSONValue { .number(Double(value)) }

    static func optional(_ value: Int?) -> JSONValue { value.map { .number(Double($0)) } ?? .null }

    static func channelJSON(_ channel: Channel) -> JSONValue {
        .object(JSONObject(pairs: [
            ("index", .number(Double(channel.index))), ("frequency_hz", number(channel.frequencyHz)),
            ("min_data_rate", .number(Double(channel.minDataRate))), ("max_data_rate", .number(Double(channel.maxDataRate))),
        ]))
    }

    static func rangeJSON(_ range: FrequencyRange) -> JSONValue {
        .object(JSONObject(pairs: [("min_frequency_hz", number(range.lowerHz)), ("max_frequency_hz", number(range.upperHz))]))
    }

    static func table(_ rows: [[Int]]) -> JSONValue {
        .array(rows.map { row in .array(row.map { .number(Double($0)) }) })
    }
}
