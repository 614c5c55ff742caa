import HAL
import LoRaPHY
import TextCoding

/// The `lorikeet sx1276-emulator` stdin/stdout protocol, without any I/O: one
/// command line in, one answer out (`tx?` answers several lines ending with
/// `end`); bad input answers `err <reason>` and the session goes on.
///
///     cs 0|1            chip select low (frame starts) / high (frame ends) → ok
///     xfer <hex>        bytes clocked in while CS is low → bytes clocked out
///     reset 0|1         NRESET level → ok
///     dio <n>           → 0 or 1, the level of DIOn (0-5)
///     tick <micros>     advance the virtual clock → ok (virtual clock only)
///     now               → the clock in microseconds
///     rx <freqHz> <sf> <bwHz> <cr1-4> <crc0|1> <implicit0|1> <syncHex> <iqInv0|1> <rssiDbm> <snrDb> <payloadHex>
///                       a peer starts transmitting this frame now → ok
///     tx?               frames transmitted since the last call, one `frame …` line each, then `end`
///     quit              → ok, and the session ends
public final class EmulatorSession {
    public enum ClockMode: Sendable { case virtual, real }

    public let clock: VirtualClock
    public let air: Air
    public let chip: SX1276Chip
    public let clockMode: ClockMode
    public private(set) var finished = false
    /// Node id of the peers that `rx` frames come from.
    public static let peerNodeID = 1
    /// The largest virtual time `tick` reaches.
    public static let maximumClockMicros: UInt64 = 1 << 62

    public init(clockMode: ClockMode = .virtual) {
        self.clockMode = clockMode
        clock = VirtualClock()
        air = Air(clock: clock)
        chip = SX1276Chip(clock: clock, air: air, nodeID: 0)
    }

    /// Real clock mode: the command moves the clock to the wall-clock time
    /// elapsed since start before each line.
    public func followRealTime(elapsedMicros: UInt64) {
        if elapsedMicros > clock.now { clock.advance(to: elapsedMicros) }
    }

    /// Handles one command line; returns the answer lines.
    public func handle(_ line: String) -> [String] {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map { String($0) }
        guard let command = words.first else { return ["err empty line: expected a command (cs, xfer, reset, dio, tick, now, rx, tx?, quit)"] }
        let arguments = Array(words.dropFirst())
        switch command {
        case "cs":
            guard arguments.count == 1, arguments[0] == "0" || arguments[0] == "1" else { return ["err cs: expected 0 or 1"] }
            if arguments[0] == "0" { chip.select() } else { chip.deselect() }
            return ["ok"]
        case "xfer":
            guard arguments.count == 1, let bytes = hexArgument(arguments[0]), !bytes.isEmpty else {
                return ["err xfer: expected an even number of hex digits"]
            }
            guard chip.chipSelected else { return ["err xfer: chip select is high: send cs 0 first"] }
            var out: [UInt8] = []
            for byte in bytes { out.append(chip.exchange(byte)) }
            return [Hex.encode(out, uppercase: false)]
        case "reset":
            guard arguments.count == 1, arguments[0] == "0" || arguments[0] == "1" else { return ["err reset: expected 0 or 1"] }
            chip.setNReset(high: arguments[0] == "1")
            return ["ok"]
        case "dio":
            guard arguments.count == 1, let index = Int(arguments[0]), index >= 0 && index <= 5 else {
                return ["err dio: expected a DIO number 0-5"]
            }
            return [chip.dioLevel(index) ? "1" : "0"]
        case "tick":
            guard clockMode == .virtual else { return ["err tick: the clock is real (--clock real); time passes by itself"] }
            guard arguments.count == 1, let micros = UInt64(arguments[0]) else { return ["err tick: expected microseconds (a whole number)"] }
            // The clock stays below 2^62 µs (146,000 years), so that the chip's
            // own `now + duration` sums cannot overflow either.
            let (target, overflow) = clock.now.addingReportingOverflow(micros)
            guard !overflow, target <= EmulatorSession.maximumClockMicros else {
                return ["err tick: \(micros) µs would take the clock past 2^62 µs (now \(clock.now))"]
            }
            clock.advance(to: target)
            return ["ok"]
        case "now":
            return ["\(clock.now)"]
        case "rx":
            return [injectFrame(arguments)]
        case "tx?":
            var lines: [String] = []
            for frame in chip.takeTransmitted() { lines.append(EmulatorSession.describe(frame)) }
            lines.append("end")
            return lines
        case "quit":
            finished = true
            return ["ok"]
        default:
            return ["err unknown command '\(command)': expected cs, xfer, reset, dio, tick, now, rx, tx? or quit"]
        }
    }

    func injectFrame(_ a: [String]) -> String {
        let usage = "rx <freqHz> <sf> <bwHz> <cr1-4> <crc0|1> <implicit0|1> <syncHex> <iqInv0|1> <rssiDbm> <snrDb> <payloadHex>"
        guard a.count == 11 else { return "err rx: expected 11 arguments: \(usage)" }
        guard let frequency = UInt32(a[0]), ChipFrequencyRange.sx1276Hz.contains(frequency) else {
            return "err rx: freqHz '\(a[0])': expected \(ChipFrequencyRange.sx1276HzLabel)"
        }
        guard let sfValue = Int(a[1]), let sf = SpreadingFactor(rawValue: sfValue) else { return "err rx: sf '\(a[1])': expected 6-12" }
        guard let bwValue = Int(a[2]), let bandwidth = Bandwidth(hertz: bwValue) else {
            return "err rx: bwHz '\(a[2])': expected 7800, 10400, 15600, 20800, 31250, 41700, 62500, 125000, 250000 or 500000"
        }
        guard let crValue = Int(a[3]), let codingRate = CodingRate(rawValue: crValue) else { return "err rx: cr '\(a[3])': expected 1-4" }
        guard a[4] == "0" || a[4] == "1" else { return "err rx: crc '\(a[4])': expected 0 or 1" }
        guard a[5] == "0" || a[5] == "1" else { return "err rx: implicit '\(a[5])': expected 0 or 1" }
        guard let sync = hexArgument(a[6]), sync.count == 1 else { return "err rx: syncHex '\(a[6])': expected one byte in hex, e.g. 34" }
        guard a[7] == "0" || a[7] == "1" else { return "err rx: iqInv '\(a[7])': expected 0 or 1" }
        // DecimalText, not Double(String): the latter does not link in Embedded Swift.
        guard let rssi = DecimalText.parse(a[8]), rssi >= -200, rssi <= 30 else {
            return "err rx: rssiDbm '\(a[8])': expected a number -200 to 30"
        }
        guard let snr = DecimalText.parse(a[9]), snr >= -50, snr <= 50 else { return "err rx: snrDb '\(a[9])': expected a number -50 to 50" }
        guard let payload = hexArgument(a[10]), !payload.isEmpty, payload.count <= 255 else {
            return "err rx: payloadHex: expected 1-255 bytes in hex"
        }
        let parameters = LoRaParameters(
            spreadingFactor: sf, bandwidth: bandwidth, codingRate: codingRate, explicitHeader: a[5] == "0",
            crcOn: a[4] == "1", lowDataRateOptimize: .auto, preambleSymbols: 8)
        air.transmit(
            from: EmulatorSession.peerNodeID, frequencyHz: Double(frequency), parameters: parameters, syncWord: sync[0],
            invertedIQ: a[7] == "1", payload: payload, txPowerDBm: rssi, fixedRSSIDBm: rssi, fixedSNRDB: snr)
        return "ok"
    }

    /// `frame <freqHz> <sf> <bwHz> <cr> <crc> <implicit> <syncHex> <iqInv> <powerDbm> <payloadHex>`.
    public static func describe(_ frame: TransmittedFrame) -> String {
        let p = frame.parameters
        // Power to 0.1 dB ("17", "13.2", "-1.5").
        let tenths = Int((frame.powerDBm * 10).rounded())
        let magnitude = tenths < 0 ? -tenths : tenths
        let powerText = (tenths < 0 ? "-" : "") + "\(magnitude / 10)" + (magnitude % 10 == 0 ? "" : ".\(magnitude % 10)")
        return "frame \(Int(frame.frequencyHz.rounded())) \(p.spreadingFactor.rawValue) \(Int(p.bandwidth.hertz)) "
            + "\(p.codingRate.rawValue) \(p.crcOn ? 1 : 0) \(p.explicitHeader ? 0 : 1) \(Hex.encode([frame.syncWord], uppercase: false)) "
            + "\(frame.invertedIQ ? 1 : 0) \(powerText) \(Hex.encode(frame.payload, uppercase: false))"
    }
}

/// Hex bytes in a protocol argument; a "0x" prefix is allowed.
private func hexArgument(_ text: String) -> [UInt8]? {
    var chars = Array(text.utf8)
    if chars.count >= 2, chars[0] == UInt8(ascii: "0"), chars[1] == UInt8(ascii: "x") || chars[1] == UInt8(ascii: "X") {
        chars.removeFirst(2)
    }
    return Hex.decode(utf8: chars)
}
