import ArgumentParser
import Foundation
import LoRaModem
import LoRaPHY
import Regions

/// Options of wideband decoding (`phy decode --center/--plan/--channels`,
/// `phy listen`): which channels of the stream, at which SFs.
struct PhyWideOptions: ParsableArguments {
    @Option(name: .customLong("center"), help: "Centre frequency of the IQ stream in Hz (867800000 or 867.8M); default: the middle of the channels.")
    var center: String?

    @Option(name: .customLong("plan"), help: "Receive a region's 8-channel uplink set: EU868 (channels 0-7), US915 or AU915 (sub-band 2, channels 8-15).")
    var plan: String?

    @Option(name: .customLong("channels"), help: "Receive these centre frequencies instead (868.1M,868.3M,...), numbered 0, 1, ... in this order.")
    var channels: String?

    @Option(name: .customLong("rssi-offset"), help: "Calibration in dB added to the channel power (dBFS) to give RSSI in dBm (default 0: RSSI in dBFS).")
    var rssiOffset: String = "0"

    /// Whether any wideband option was given (decode is then wideband).
    var isWide: Bool { center != nil || plan != nil || channels != nil }

    /// The checked settings; every message names the option.
    func settings(rate text: String, radio: PhyRadioOptions) throws(PhyUsageError) -> WidebandSettings {
        guard let rate = PhyRadioOptions.rate(text), rate <= Double(WidebandSettings.maxSampleRateHz) else {
            throw PhyUsageError("--rate \(text): expected a sample rate in Hz, up to \(WidebandSettings.maxSampleRateHz)")
        }
        guard let bandwidth = PhyRadioOptions.bandwidth(radio.bw) else {
            throw PhyUsageError("--bw \(radio.bw): expected a LoRa bandwidth in Hz (125000, 250000 or 500000 for wideband decoding)")
        }
        let list: [WidebandChannel]
        switch (plan, channels) {
        case (let name?, nil): list = try PhyWideOptions.planChannels(name)
        case (nil, let text?): list = try PhyWideOptions.channelList(text)
        case (nil, nil): throw PhyUsageError("--center needs the channels: --plan EU868 or --channels 868.1M,868.3M,...")
        default: throw PhyUsageError("give --plan or --channels, not both")
        }
        let centreHz: Int64
        if let center {
            guard let hertz = PhyRadioOptions.hertz(center), hertz > 0 else {
                throw PhyUsageError("--center \(center): expected a frequency in Hz, up to 10 GHz (e.g. 867800000 or 867.8M)")
            }
            centreHz = Int64(hertz)
        } else {
            let frequencies = list.map(\.frequencyHz)
            centreHz = (frequencies.min()! + frequencies.max()!) / 2
        }
        var sfs = SpreadingFactor.allCases.filter { $0 != .sf6 }
        if let text = radio.sf {
            sfs = []
            for item in text.split(separator: ",", omittingEmptySubsequences: false) {
                guard let value = Int(item), let sf = SpreadingFactor(rawValue: value), sf != .sf6 else {
                    throw PhyUsageError("--sf \(text): expected spreading factors from 7 to 12, e.g. 7,9")
                }
                if !sfs.contains(sf) { sfs.append(sf) }
            }
        }
        guard let offset = Double(rssiOffset), offset.isFinite, abs(offset) <= 300 else {
            throw PhyUsageError("--rssi-offset \(rssiOffset): expected dB from -300 to 300")
        }
        let settings = WidebandSettings(
            sampleRateHz: Int(rate), centreHz: centreHz, channels: list, bandwidth: bandwidth, spreadingFactors: sfs,
            syncWord: try radio.syncWord(default: 0x34), rssiOffsetDB: offset)
        do {
            _ = try settings.validated()
        } catch {
            throw PhyUsageError(error.message)
        }
        return settings
    }

    /// The 8-channel uplink set of a region: what an 8-channel gateway
    /// (SX1301/SX1302) listens to. EU868: the three default channels and the
    /// five of the common CFList (Semtech's global_conf.json for EU868, The
    /// Things Network's EU_863_870 plan); US915/AU915: sub-band 2 (channels
    /// 8-15, as TTN uses).
    static func planChannels(_ name: String) throws(PhyUsageError) -> [WidebandChannel] {
        guard let region = RegionID(name: name) else {
            throw PhyUsageError("--plan \(name): expected a region (\(RegionID.namesList))")
        }
        let plan = region.plan
        switch (region, plan.uplinkChannels) {
        case (.eu868, .dynamic(let defaults, _)):
            let common: [UInt32] = [867_100_000, 867_300_000, 867_500_000, 867_700_000, 867_900_000]
            return defaults.map { WidebandChannel(index: $0.index, frequencyHz: Int64($0.frequencyHz)) }
                + common.enumerated().map { WidebandChannel(index: defaults.count + $0.offset, frequencyHz: Int64($0.element)) }
        case (.us915, .fixed(let blocks)), (.au915, .fixed(let blocks)):
            return blocks[0].channels.filter { (8...15).contains($0.index) }
                .map { WidebandChannel(index: $0.index, frequencyHz: Int64($0.frequencyHz)) }
        default:
            throw PhyUsageError("--plan \(name): no 8-channel set known for \(region.rawValue) (EU868, US915, AU915): give --channels")
        }
    }

    static func channelList(_ text: String) throws(PhyUsageError) -> [WidebandChannel] {
        var list = [WidebandChannel]()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let hertz = PhyRadioOptions.hertz(String(item)), hertz > 0 else {
                throw PhyUsageError("--channels \(text): \"\(item)\" is not a frequency in Hz (e.g. 868.1M or 868100000)")
            }
            list.append(WidebandChannel(index: list.count, frequencyHz: Int64(hertz)))
        }
        guard list.count <= 64 else { throw PhyUsageError("--channels: at most 64 channels, not \(list.count)") }
        return list
    }
}

/// Prints wideband frames as `phy decode` and `phy listen` do.
struct PhyWideReport {
    let json: Bool
    var count = 0

    init(json: Bool) { self.json = json }

    mutating func report(_ frame: WidebandFrame) {
        count += 1
        let received = frame.frame
        if json {
            var object = PhyFrameFields.object(
                received, spreadingFactor: frame.spreadingFactor.rawValue, bandwidthHz: frame.bandwidth.hertz)
            object["offset_s"] = .number(Double(frame.startMicros) / 1e6)
            object["frequency_hz"] = .number(Double(frame.frequencyHz))
            object["channel"] = .number(Double(frame.channel))
            object["rssi_db"] = .number((frame.rssiDB * 10).rounded() / 10)
            object["tmst"] = .number(Double(frame.tmst))
            object["end_us"] = .number(Double(frame.endMicros))
            print(PhyFrameFields.line(object))
            return
        }
        let place = "channel \(frame.channel) \(WidebandSettings.megahertz(frame.frequencyHz)) MHz, at \(String(format: "%.6f", Double(frame.startMicros) / 1e6)) s, RSSI \(String(format: "%.1f", frame.rssiDB)) dB, SNR \(String(format: "%.1f", received.snrDB)) dB, CFO \(Int(received.cfoHz.rounded())) Hz"
        print(PhyFrameFields.text(received, index: count, spreadingFactor: frame.spreadingFactor.rawValue, place: place))
    }
}
