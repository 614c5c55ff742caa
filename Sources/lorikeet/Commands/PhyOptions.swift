import ArgumentParser
import Foundation
import LoRaModem
import LoRaPHY

/// Radio options shared by `phy encode`, `phy symbols` and `phy decode`.
struct PhyRadioOptions: ParsableArguments {
    @Option(name: .customLong("sf"), help: "Spreading factor, 6 to 12 (6 needs --implicit); wideband decoding: a list (7,9), default 7 to 12.")
    var sf: String?

    @Option(name: .customLong("bw"), help: "Bandwidth in Hz: 7812, 10417, 15625, 20833, 31250, 41667, 62500, 125000, 250000 or 500000 (or 125k).")
    var bw: String = "125000"

    @Option(name: .customLong("sync"), help: "Sync word, e.g. 0x12 (private, default) or 0x34 (LoRaWAN, the default of wideband decoding).")
    var sync: String?

    @Flag(name: .customLong("implicit"), help: "Implicit header (no header on air).")
    var implicit = false

    @Flag(name: .customLong("no-crc"), help: "No payload CRC.")
    var noCRC = false

    @Option(name: .customLong("ldro"), help: "Low data rate optimisation: auto (symbol ≥ 16 ms), on or off.")
    var ldro: String = "auto"

    /// Parsed values, or a one-line reason naming the option.
    func parameters(codingRate: String, preamble: String = "8") throws(PhyUsageError) -> LoRaParameters {
        guard let sf else { throw PhyUsageError("--sf is missing: expected a spreading factor from 6 to 12") }
        guard let sfValue = Int(sf), let spreadingFactor = SpreadingFactor(rawValue: sfValue) else {
            throw PhyUsageError("--sf \(sf): expected a spreading factor from 6 to 12")
        }
        guard let bandwidth = PhyRadioOptions.bandwidth(bw) else {
            throw PhyUsageError("--bw \(bw): expected a LoRa bandwidth in Hz (7812 … 500000, e.g. 125000 or 125k)")
        }
        guard let crValue = Int(codingRate), let rate = CodingRate(rawValue: crValue) else {
            throw PhyUsageError("--cr \(codingRate): expected 1 to 4 (coding rate 4/5 to 4/8)")
        }
        let optimise: LowDataRateOptimize
        switch ldro {
        case "auto": optimise = .auto
        case "on": optimise = .on
        case "off": optimise = .off
        default: throw PhyUsageError("--ldro \(ldro): expected auto, on or off")
        }
        guard let preambleSymbols = Int(preamble), (6...65_535).contains(preambleSymbols) else {
            throw PhyUsageError("--preamble \(preamble): expected 6 to 65535 symbols")
        }
        if spreadingFactor == .sf6 && !implicit {
            throw PhyUsageError("--sf 6 works only with --implicit (SX1276 datasheet §4.1.1.2)")
        }
        return LoRaParameters(
            spreadingFactor: spreadingFactor, bandwidth: bandwidth, codingRate: rate, explicitHeader: !implicit,
            crcOn: !noCRC, lowDataRateOptimize: optimise, preambleSymbols: preambleSymbols)
    }

    func syncWord(default defaultWord: UInt8 = 0x12) throws(PhyUsageError) -> UInt8 {
        guard let sync else { return defaultWord }
        let text = sync.lowercased()
        let value = text.hasPrefix("0x") ? UInt8(text.dropFirst(2), radix: 16) : UInt8(text)
        guard let value else { throw PhyUsageError("--sync \(sync): expected a byte such as 0x12 or 0x34") }
        return value
    }

    static func bandwidth(_ text: String) -> Bandwidth? {
        let lower = text.lowercased()
        if lower.hasSuffix("k"), let kilohertz = Double(lower.dropLast()) { return Bandwidth(kilohertz: kilohertz) }
        if let hertz = Int(lower) { return Bandwidth(hertz: hertz) }
        return nil
    }

    /// Highest sample rate or frequency a flag takes (10 GHz): every value is
    /// checked against it before it becomes an integer.
    static let maxHertz = 10_000_000_000.0

    /// Sample rate in Hz ("500000", "500k", "1M", "1.024M"): finite, positive,
    /// at most 10 GHz, whole hertz.
    static func rate(_ text: String) -> Double? {
        guard let hertz = hertz(text), hertz > 0 else { return nil }
        return hertz
    }

    /// Hertz from "868100000", "868.1M", "125k", "-200k" (signed): finite,
    /// within ±10 GHz, rounded to whole hertz; nil otherwise.
    static func hertz(_ text: String) -> Double? {
        let lower = text.lowercased()
        var scale = 1.0
        var digits = Substring(lower)
        if lower.hasSuffix("k") { scale = 1e3; digits = digits.dropLast() }
        if lower.hasSuffix("m") { scale = 1e6; digits = digits.dropLast() }
        if lower.hasSuffix("g") { scale = 1e9; digits = digits.dropLast() }
        guard let value = Double(digits), value.isFinite else { return nil }
        let hertz = (value * scale).rounded()
        guard hertz.isFinite, abs(hertz) <= maxHertz else { return nil }
        return hertz
    }

    static func format(_ text: String?, path: String) throws(PhyUsageError) -> IQFormat {
        if let text {
            guard let format = IQFormat(rawValue: text) else { throw PhyUsageError("--format \(text): expected cf32, cs16 or cu8") }
            return format
        }
        for format in IQFormat.allCases where path.lowercased().hasSuffix(".\(format.rawValue)") { return format }
        return .cf32
    }
}

/// A bad option: one line on stderr, exit status 2.
struct PhyUsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

extension PhyUsageError {
    func exit(_ command: String) -> ExitCode {
        FileHandle.standardError.write(Data("lorikeet phy \(command): \(message)\n".utf8))
        return ExitCode(2)
    }
}

/// The payload from --text or --hex (exactly one).
func phyPayload(text: String?, hex: String?) throws(PhyUsageError) -> [UInt8] {
    switch (text, hex) {
    case (let text?, nil): return Array(text.utf8)
    case (nil, let hex?):
        let digits = Array(hex.replacingOccurrences(of: " ", with: "").utf8)
        guard digits.count % 2 == 0 else { throw PhyUsageError("--hex \(hex): expected an even number of hex digits") }
        var bytes = [UInt8]()
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else {
                throw PhyUsageError("--hex \(hex): \"\(String(decoding: digits[index..<index + 2], as: UTF8.self))\" is not a hex byte")
            }
            bytes.append(byte)
        }
        return bytes
    default: throw PhyUsageError("give the payload with exactly one of --text or --hex")
    }
}

/// Standard input or a file, read in chunks.
struct FileByteSource: ByteSource {
    let handle: FileHandle

    mutating func read(maxCount: Int) throws(IQReadError) -> [UInt8] {
        do {
            return Array(try handle.read(upToCount: maxCount) ?? Data())
        } catch {
            throw IQReadError(message: "read failed: \(error.localizedDescription)")
        }
    }
}
