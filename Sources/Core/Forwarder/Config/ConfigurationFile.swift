import JSON
import LoRaPHY
import Regions
import Runtime

/// A configuration problem, naming the file and key ("global_conf.json:
/// gateway_conf.serv_port_up: expected an integer 1-65535").
public struct ConfigurationError: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

/// Reads Semtech-style configuration: `gateway_conf` with lora_pkt_fwd's
/// key names and a `radio` object, a `local_conf.json` overriding the
/// global file key by key (lora_pkt_fwd's rule). Other top-level objects
/// (SX130x_conf…) are ignored, as are unknown keys.
public enum ConfigurationFile {
    public struct Source {
        public var name: String
        public var text: [UInt8]
        public init(name: String, text: [UInt8]) {
            self.name = name
            self.text = text
        }
    }

    /// `defaultEUI`: used when no file sets `gateway_ID` (the MAC-derived EUI).
    public static func load(global: Source, local: Source? = nil, defaultEUI: GatewayEUI?)
        throws(ConfigurationError) -> ForwarderConfiguration
    {
        var sections = Sections()
        try sections.add(global)
        if let local { try sections.add(local) }
        return try sections.configuration(defaultEUI: defaultEUI)
    }

    struct Located {
        var file: String
        var section: String
        var key: String
        var value: JSONValue
        var path: String { "\(file): \(section).\(key)" }
    }

    struct Sections {
        var values: [String: Located] = [:]

        mutating func add(_ source: Source) throws(ConfigurationError) {
            // cJSON's strings end at a NUL: "ns.example\u0000x" would silently become "ns.example".
            if NULScan.contains(source.text[...]) {
                throw ConfigurationError("\(source.name): a NUL character (\\u0000) inside the file; no key may contain one")
            }
            let root: JSONValue
            do {
                root = try JSONParser.parse(source.text)
            } catch {
                throw ConfigurationError("\(source.name): \(error.message)")
            }
            guard let object = root.objectValue else {
                throw ConfigurationError("\(source.name): expected a JSON object at the top level, found \(root.typeName)")
            }
            for section in ["gateway_conf", "radio"] {
                guard let value = object[section], !value.isNull else { continue }
                guard let members = value.objectValue else {
                    throw ConfigurationError("\(source.name): \(section): expected an object, found \(value.typeName)")
                }
                for member in members.members {
                    values[section + "." + member.key] = Located(file: source.name, section: section, key: member.key,
                                                                 value: member.value)
                }
            }
        }

        func get(_ section: String, _ key: String) -> Located? {
            guard let found = values[section + "." + key], !found.value.isNull else { return nil }
            return found
        }

        func string(_ section: String, _ key: String) throws(ConfigurationError) -> String? {
            guard let v = get(section, key) else { return nil }
            guard let text = v.value.stringValue else { throw ConfigurationError("\(v.path): expected a string, found \(v.value.typeName)") }
            return text
        }

        func bool(_ section: String, _ key: String) throws(ConfigurationError) -> Bool? {
            guard let v = get(section, key) else { return nil }
            guard let flag = v.value.boolValue else { throw ConfigurationError("\(v.path): expected true or false, found \(v.value.typeName)") }
            return flag
        }

        func number(_ section: String, _ key: String, _ range: ClosedRange<Double>, unit: String = "") throws(ConfigurationError) -> Double? {
            guard let v = get(section, key) else { return nil }
            guard let n = v.value.numberValue, n.isFinite, range.contains(n) else {
                throw ConfigurationError("\(v.path): expected a number \(JSONSerializer.number(range.lowerBound))-\(JSONSerializer.number(range.upperBound))\(unit)")
            }
            return n
        }

        func integer(_ section: String, _ key: String, _ range: ClosedRange<Int64>, unit: String = "") throws(ConfigurationError) -> Int64? {
            guard let v = get(section, key) else { return nil }
            guard let n = v.value.integerValue, range.contains(n) else {
                throw ConfigurationError("\(v.path): expected an integer \(range.lowerBound)-\(range.upperBound)\(unit)")
            }
            return n
        }

        func configuration(defaultEUI: GatewayEUI?) throws(ConfigurationError) -> ForwarderConfiguration {
            let g = "gateway_conf"
            var eui = defaultEUI
            if let v = get(g, "gateway_ID") {
                guard let text = v.value.stringValue, let parsed = GatewayEUI(hex: text) else {
                    throw ConfigurationError("\(v.path): expected 16 hex digits (EUI-64), e.g. \"B827EBFFFE123456\"")
                }
                eui = parsed
            }
            guard let eui else {
                throw ConfigurationError("gateway_conf.gateway_ID: not set and no network interface MAC to derive it from")
            }
            var c = ForwarderConfiguration(gatewayEUI: eui)
            if let server = try string(g, "server_address") {
                guard !server.isEmpty else { throw ConfigurationError("\(get(g, "server_address")!.path): empty server name") }
                guard !server.utf8.contains(0) else {
                    throw ConfigurationError("\(get(g, "server_address")!.path): a NUL character inside the server name")
                }
                c.serverAddress = server
            }
            if let port = try integer(g, "serv_port_up", 1...65_535) { c.serverPortUp = UInt16(port) }
            if let port = try integer(g, "serv_port_down", 1...65_535) { c.serverPortDown = UInt16(port) }
            if let s = try integer(g, "keepalive_interval", 1...3_600, unit: " seconds") { c.keepaliveMicros = UInt64(s) * 1_000_000 }
            if let s = try integer(g, "stat_interval", 1...86_400, unit: " seconds") { c.statMicros = UInt64(s) * 1_000_000 }
            if let ms = try integer(g, "push_timeout_ms", 10...60_000, unit: " ms") { c.pushTimeoutMicros = UInt64(ms) * 1_000 }
            if let f = try bool(g, "forward_crc_valid") { c.forwardCRCValid = f }
            if let f = try bool(g, "forward_crc_error") { c.forwardCRCError = f }
            if let f = try bool(g, "forward_crc_disabled") { c.forwardCRCDisabled = f }
            c.referenceLatitude = try number(g, "ref_latitude", -90...90, unit: " degrees")
            c.referenceLongitude = try number(g, "ref_longitude", -180...180, unit: " degrees")
            c.referenceAltitude = try integer(g, "ref_altitude", -1_000...10_000, unit: " m").map { Int($0) }
            if let n = try integer(g, "uplink_queue_size", 1...100_000) { c.uplinkQueueLimit = Int(n) }
            if let s = try integer(g, "uplink_queue_max_age_s", 1...86_400, unit: " seconds") { c.uplinkMaxAgeMicros = UInt64(s) * 1_000_000 }
            if let f = try bool(g, "duty_cycle_enforced") { c.dutyCycleEnforced = f }
            if let v = get(g, "duty_cycle_tx_ack_error") {
                guard let text = v.value.stringValue, let error = TxAckError(rawValue: text), error != .none else {
                    throw ConfigurationError("\(v.path): expected one of COLLISION_PACKET, TOO_LATE, TX_POWER, DUTY_CYCLE_OVERFLOW")
                }
                c.dutyCycleError = error
            }
            if let s = try integer(g, "watchdog_stall_s", 1...3_600, unit: " seconds") { c.watchdog.stallMicros = UInt64(s) * 1_000_000 }
            if let s = try integer(g, "radio_silence_s", 0...86_400, unit: " seconds (0 disables)") { c.watchdog.radioSilenceMicros = UInt64(s) * 1_000_000 }
            if let us = try integer(g, "tx_prepare_us", 100...100_000, unit: " µs") { c.jit.prepareLeadMicros = UInt64(us) }
            if let us = try integer(g, "tx_start_latency_us", 0...10_000, unit: " µs") { c.jit.fireLatencyMicros = UInt64(us) }
            if let s = try integer(g, "tx_max_advance_s", 1...1_800, unit: " seconds") { c.jit.maximumAdvanceMicros = UInt64(s) * 1_000_000 }
            if let us = try integer(g, "tx_late_margin_us", 0...100_000, unit: " µs") { c.jit.lateMarginMicros = UInt64(us) }

            let r = "radio"
            var region = RegionID.eu868
            if let v = get(r, "region") {
                guard let text = v.value.stringValue, let id = RegionID(name: text) else {
                    throw ConfigurationError("\(v.path): expected a region name (\(RegionID.namesList))")
                }
                region = id
            }
            var frequency: UInt32?
            if let v = get(r, "frequency") {
                guard let hz = v.value.integerValue, hz >= 0, hz <= Int64(UInt32.max),
                      ChipFrequencyRange.sx1276Hz.contains(UInt32(hz)) else {
                    throw ConfigurationError("\(v.path): expected a frequency in Hz (\(ChipFrequencyRange.sx1276HzLabel)), e.g. 868100000")
                }
                frequency = UInt32(hz)
                // Without a region here, the board profile's applies: RadioPlanMerge checks then.
                guard get(r, "region") == nil || region.plan.uplinkChannel(frequencyHz: UInt32(hz)) != nil
                    || region.plan.isAllowedTransmit(frequencyHz: UInt32(hz)) else {
                    throw ConfigurationError("\(v.path): \(hz) Hz is not a \(region.rawValue) frequency")
                }
            }
            var dataRate: DataRateName?
            if let v = get(r, "datarate") {
                guard let text = v.value.stringValue, let name = DataRateName(text) else {
                    throw ConfigurationError("\(v.path): expected a LoRa data rate such as \"SF7BW125\"")
                }
                dataRate = name
            }
            var codingRate = CodingRate.cr4_5
            if let v = get(r, "coding_rate") {
                guard let text = v.value.stringValue, let rate = CodingRate(label: text) else {
                    throw ConfigurationError("\(v.path): expected 4/5, 4/6, 4/7 or 4/8")
                }
                codingRate = rate
            }
            var syncWord: UInt8 = 0x34
            if let n = try integer(r, "sync_word", 0...255) { syncWord = UInt8(n) }
            let gain = try number(r, "antenna_gain", -10...30, unit: " dBi") ?? 0
            let maxPower = try integer(r, "max_tx_power", -4...20, unit: " dBm") ?? 20
            for key in ["region", "frequency", "datarate", "antenna_gain", "max_tx_power"] {
                if let v = get(r, key) { c.radioKeySources[key] = v.path }
            }
            c.radio = RadioConfiguration(boardPath: try string(r, "board"), region: region, frequencyHz: frequency,
                                         dataRate: dataRate, codingRate: codingRate, syncWord: syncWord,
                                         antennaGainDBi: gain, maxConductedPowerDBm: Int(maxPower))
            return c
        }
    }
}
