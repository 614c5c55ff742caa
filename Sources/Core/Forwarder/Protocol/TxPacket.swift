import JSON
import LoRaPHY

/// A downlink request: the `txpk` object of PULL_RESP (PROTOCOL.TXT §6),
/// read leniently — unknown fields ignored, `null` taken as absent, escaped
/// slashes handled by the JSON parser, `freq` rounded to the hertz (servers
/// write 869.525 as 869.5249999999999).
public struct TxPacket: Equatable, Sendable {
    public enum Timing: Equatable, Sendable {
        /// Send as soon as possible (Class C).
        case immediate
        /// Send when the 32-bit µs counter reaches this value (Class A).
        case counter(UInt32)
        /// GPS time (`tmms` or `time`): needs a GPS this gateway has not.
        case gps
    }

    public var timing: Timing
    public var frequencyHz: UInt32
    public var rfChain: Int
    /// Requested RF power (dBm); nil: the gateway's default.
    public var powerDBm: Int?
    public var dataRate: DataRateName
    public var codingRate: CodingRate
    public var invertPolarity: Bool
    public var preambleSymbols: Int
    public var noCRC: Bool
    public var noHeader: Bool
    public var payload: [UInt8]

    public init(timing: Timing, frequencyHz: UInt32, rfChain: Int = 0, powerDBm: Int?, dataRate: DataRateName,
                codingRate: CodingRate = .cr4_5, invertPolarity: Bool, preambleSymbols: Int = 8, noCRC: Bool,
                noHeader: Bool = false, payload: [UInt8]) {
        self.timing = timing
        self.frequencyHz = frequencyHz
        self.rfChain = rfChain
        self.powerDBm = powerDBm
        self.dataRate = dataRate
        self.codingRate = codingRate
        self.invertPolarity = invertPolarity
        self.preambleSymbols = preambleSymbols
        self.noCRC = noCRC
        self.noHeader = noHeader
        self.payload = payload
    }

    /// PHY parameters for the radio.
    public var parameters: LoRaParameters {
        LoRaParameters(spreadingFactor: dataRate.spreadingFactor, bandwidth: dataRate.bandwidth, codingRate: codingRate,
                       explicitHeader: !noHeader, crcOn: !noCRC, lowDataRateOptimize: .auto,
                       preambleSymbols: preambleSymbols)
    }

    /// Parses the JSON of a PULL_RESP (after the 4-byte header).
    public static func parse(json bytes: ArraySlice<UInt8>) -> Result<TxPacket, MalformedDatagram> {
        // A NUL ends a C string (cJSON's too, for an escaped \u0000): refused
        // rather than half-read.
        guard !NULScan.contains(bytes) else { return .failure(.badTxpk("a NUL byte inside the JSON")) }
        let root: JSONValue
        do {
            root = try JSONParser.parse(Array(bytes))
        } catch {
            return .failure(.badJSON)
        }
        guard let txpk = present(root["txpk"]), let object = txpk.objectValue else {
            return .failure(.badTxpk("no \"txpk\" object"))
        }
        return parse(object)
    }

    /// lora_pkt_fwd also takes the reduced fractions "2/3" (4/6) and "1/2" (4/8).
    static func codingRate(_ text: String) -> CodingRate? {
        switch text {
        case "2/3": return .cr4_6
        case "1/2": return .cr4_8
        default: return CodingRate(label: text)
        }
    }

    static func present(_ value: JSONValue?) -> JSONValue? {
        guard let value, !value.isNull else { return nil }
        return value
    }

    static func parse(_ o: JSONObject) -> Result<TxPacket, MalformedDatagram> {
        func bool(_ key: String) -> Result<Bool, MalformedDatagram> {
            guard let value = present(o[key]) else { return .success(false) }
            if let flag = value.boolValue { return .success(flag) }
            if let number = value.numberValue, number == 0 || number == 1 { return .success(number == 1) }
            return .failure(.badTxpk("\"\(key)\" must be a boolean"))
        }
        func integer(_ key: String, _ range: ClosedRange<Int64>) -> Result<Int64?, MalformedDatagram> {
            guard let value = present(o[key]) else { return .success(nil) }
            guard let number = value.numberValue, number.isFinite else {
                return .failure(.badTxpk("\"\(key)\" must be a number"))
            }
            let rounded = number.rounded()
            guard abs(number - rounded) < 1e-6, rounded >= Double(range.lowerBound), rounded <= Double(range.upperBound) else {
                return .failure(.badTxpk("\"\(key)\" must be an integer in \(range.lowerBound)-\(range.upperBound)"))
            }
            return .success(Int64(rounded))
        }

        let immediate: Bool
        switch bool("imme") { case .success(let v): immediate = v; case .failure(let e): return .failure(e) }
        let timing: Timing
        if immediate {
            timing = .immediate
        } else {
            switch integer("tmst", 0...Int64(UInt32.max)) {
            case .failure(let e): return .failure(e)
            case .success(let tmst?): timing = .counter(UInt32(tmst))
            case .success(nil):
                guard present(o["tmms"]) != nil || present(o["time"]) != nil else {
                    return .failure(.badTxpk("none of \"imme\", \"tmst\", \"tmms\", \"time\""))
                }
                timing = .gps
            }
        }

        guard let freqValue = present(o["freq"]), let mhz = freqValue.numberValue, mhz.isFinite, mhz > 0, mhz < 4_000 else {
            return .failure(.badTxpk("\"freq\" must be a frequency in MHz"))
        }
        let frequencyHz = UInt32((mhz * 1_000_000).rounded())

        var rfChain = 0
        // One RF chain; 1 is taken too (servers may address an SX130x's second chain).
        switch integer("rfch", 0...1) { case .success(let v): rfChain = Int(v ?? 0); case .failure(let e): return .failure(e) }
        var power: Int?
        switch integer("powe", -128...127) { case .success(let v): power = v.map { Int($0) }; case .failure(let e): return .failure(e) }

        if let modu = present(o["modu"]) {
            guard let text = modu.stringValue else { return .failure(.badTxpk("\"modu\" must be a string")) }
            guard text == "LORA" else { return .failure(.badTxpk("modulation \"\(text)\" is not supported (LORA only)")) }
        }
        // The canonical spelling only ("SF7BW125", not "SF07BW125"): what we accept is what we write.
        guard let datr = present(o["datr"])?.stringValue, let dataRate = DataRateName(datr), dataRate.text == datr else {
            return .failure(.badTxpk("\"datr\" must be a LoRa data rate such as \"SF7BW125\""))
        }
        var codingRate = CodingRate.cr4_5
        if let codr = present(o["codr"]) {
            guard let text = codr.stringValue, let rate = TxPacket.codingRate(text) else {
                return .failure(.badTxpk("\"codr\" must be one of 4/5, 4/6, 4/7, 4/8, 2/3, 1/2"))
            }
            codingRate = rate
        }
        let ipol: Bool, ncrc: Bool, nhdr: Bool
        switch bool("ipol") { case .success(let v): ipol = v; case .failure(let e): return .failure(e) }
        switch bool("ncrc") { case .success(let v): ncrc = v; case .failure(let e): return .failure(e) }
        switch bool("nhdr") { case .success(let v): nhdr = v; case .failure(let e): return .failure(e) }
        var preamble = 8
        switch integer("prea", 6...65_535) { case .success(let v): preamble = Int(v ?? 8); case .failure(let e): return .failure(e) }

        guard let dataText = present(o["data"])?.stringValue, let payload = Base64.decode(dataText) else {
            return .failure(.badTxpk("\"data\" must be Base64"))
        }
        guard !payload.isEmpty, payload.count <= 255 else {
            return .failure(.badTxpk("payload of \(payload.count) bytes (allowed 1-255)"))
        }
        switch integer("size", 0...65_535) {
        case .failure(let e): return .failure(e)
        case .success(let size?) where Int(size) != payload.count:
            return .failure(.badTxpk("\"size\" \(size) differs from the \(payload.count) bytes of \"data\""))
        default: break
        }
        return .success(TxPacket(timing: timing, frequencyHz: frequencyHz, rfChain: rfChain, powerDBm: power,
                                 dataRate: dataRate, codingRate: codingRate, invertPolarity: ipol,
                                 preambleSymbols: preamble, noCRC: ncrc, noHeader: nhdr, payload: payload))
    }

    /// The `{"txpk":{…}}` a server sends (for `lorikeet serve` and tests).
    public var json: String {
        var text = "{\"txpk\":{"
        switch timing {
        case .immediate: text += "\"imme\":true"
        case .counter(let tmst): text += "\"imme\":false,\"tmst\":\(tmst)"
        case .gps: text += "\"imme\":false,\"tmms\":0"
        }
        text += ",\"freq\":" + NumberText.megahertz(frequencyHz) + ",\"rfch\":\(rfChain)"
        if let powerDBm { text += ",\"powe\":\(powerDBm)" }
        text += ",\"modu\":\"LORA\",\"datr\":\"" + dataRate.text + "\",\"codr\":\"" + codingRate.label + "\""
        text += ",\"ipol\":" + (invertPolarity ? "true" : "false") + ",\"prea\":\(preambleSymbols)"
        text += ",\"size\":\(payload.count)"
        if noCRC { text += ",\"ncrc\":true" }
        if noHeader { text += ",\"nhdr\":true" }
        return text + ",\"data\":\"" + Base64.encode(payload) + "\"}}"
    }
}
