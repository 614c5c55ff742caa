import Forwarder
import JSON
import LoRaPHY

/// One `rxpk` of a PUSH_DATA with every number checked before use (issue
/// 12.11: `"freq": 1e300` used to trap in the formatting). A value that is
/// present but not a finite number in its range makes the whole datagram
/// a counted drop; an absent one is shown as "-" (and means no downlink).
struct ServeUplink {
    /// Why a datagram was dropped: "rxpk[0].freq: expected MHz in (0, 4294.967295], got 1e+300".
    struct Refusal: Error { let message: String }

    var payload: [UInt8]
    var time: String?
    var frequencyMHz: Double?
    var dataRate: DataRateName?
    var dataRateText: String?
    var rssiDBm: Double?
    var snrDB: Double?
    /// The concentrator's 32-bit microsecond counter at the end of the uplink.
    var tmst: UInt32?

    /// The largest frequency whose Hz fit in the UInt32 of a `txpk`.
    static let maximumFrequencyMHz = Double(UInt32.max) / 1_000_000

    init(_ rx: JSONValue, at path: String) throws(Refusal) {
        guard let text = rx["data"]?.stringValue, let bytes = Base64.decode(text) else {
            throw Refusal(message: "\(path).data: expected a Base64 string")
        }
        payload = bytes
        time = rx["time"]?.stringValue
        frequencyMHz = try Self.number(rx, "freq", at: path, in: 0...Self.maximumFrequencyMHz, unit: "MHz")
        if frequencyMHz == 0 { throw Refusal(message: "\(path).freq: expected MHz above 0, got 0") }
        rssiDBm = try Self.number(rx, "rssi", at: path, in: -300...100, unit: "dBm")
        snrDB = try Self.number(rx, "lsnr", at: path, in: -100...100, unit: "dB")
        if let value = rx["tmst"] {
            guard let counter = value.integerValue, (0...Int64(UInt32.max)).contains(counter) else {
                throw Refusal(message: "\(path).tmst: expected an integer 0-4294967295, got \(Self.shown(value))")
            }
            tmst = UInt32(counter)
        }
        dataRateText = rx["datr"]?.stringValue
        dataRate = dataRateText.flatMap { DataRateName($0) }
    }

    static func number(_ rx: JSONValue, _ key: String, at path: String, in range: ClosedRange<Double>,
                       unit: String) throws(Refusal) -> Double? {
        guard let value = rx[key] else { return nil }
        guard let n = value.numberValue, n.isFinite, range.contains(n) else {
            throw Refusal(message: "\(path).\(key): expected \(unit) in \(JSONSerializer.number(range.lowerBound))..\(JSONSerializer.number(range.upperBound)), got \(shown(value))")
        }
        return n
    }

    /// A short form of a refused value for the log line.
    static func shown(_ value: JSONValue) -> String {
        if let n = value.numberValue { return "\(n)" }
        if let s = value.stringValue { return JSONSerializer.quoted(String(s.prefix(24))) }
        return value.isNull ? "null" : "a non-number"
    }

    /// "uplink gw AA55… 2026-…Z 868.100 MHz SF7BW125 rssi -40 snr 9.5"
    func describe(gateway: String) -> String {
        var line = "uplink gw \(gateway) \(time ?? "-") "
        line += "\(frequencyMHz.map { NumberText.fixed($0, decimals: 3) } ?? "-") MHz \(dataRateText ?? "?") "
        line += "rssi \(rssiDBm.map { NumberText.fixed($0, decimals: 0) } ?? "-") snr \(snrDB.map { NumberText.fixed($0, decimals: 1) } ?? "-")"
        return line
    }

    /// A `txpk` answering this uplink `delayMicros` after its `tmst`, on its
    /// channel and data rate (EU868 RX1 with RX1DROffset 0); nil when the
    /// uplink lacks what a downlink needs.
    func answer(_ phyPayload: [UInt8], delayMicros: UInt32) -> (packet: TxPacket, tmst: UInt32)? {
        guard let tmst, let frequencyMHz, let dataRate else { return nil }
        let at = tmst &+ delayMicros
        let packet = TxPacket(timing: .counter(at), frequencyHz: UInt32((frequencyMHz * 1_000_000).rounded()),
                              powerDBm: 14, dataRate: dataRate, invertPolarity: true, noCRC: true, payload: phyPayload)
        return (packet, at)
    }
}
