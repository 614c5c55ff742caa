import ArgumentParser
import Foundation
import LoRaModem
import SoapySDRSource

/// `lorikeet phy listen`: every channel of a plan at every SF from a live SDR.
struct PhyListenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Receive every channel at every SF from a live SDR (SoapySDR), printing frames as they arrive.",
        discussion: """
            Ctrl-C stops and prints a summary. Example:
              lorikeet phy listen --sdr driver=rtlsdr --center 867.8M --rate 2M --plan EU868 --json
            """
    )

    @Option(name: .customLong("sdr"), help: "SoapySDR device arguments, e.g. driver=rtlsdr (the default), driver=hackrf, driver=lime, driver=airspy (\"\" for the first device found).")
    var sdr: String = "driver=rtlsdr"

    @Option(name: .customLong("rate"), help: "Sample rate in Hz, a whole multiple of twice the bandwidth (RTL-SDR: 2M or 2.5M).")
    var rate: String

    @Option(name: .customLong("gain"), help: "Receiver gain in dB (default: the device's automatic gain).")
    var gain: String?

    @OptionGroup var radio: PhyRadioOptions

    @OptionGroup(title: "Channels") var wide: PhyWideOptions

    @Flag(name: .customLong("json"), help: "One JSON object per frame and line.")
    var json = false

    func run() throws {
        let settings: WidebandSettings
        var gainDB: Double?
        do throws(PhyUsageError) {
            guard wide.plan != nil || wide.channels != nil else { throw PhyUsageError("give the channels: --plan EU868 or --channels 868.1M,...") }
            if radio.implicit { throw PhyUsageError("wideband decoding takes explicit-header frames only (no --implicit)") }
            settings = try wide.settings(rate: rate, radio: radio)
            if let gain {
                guard let value = Double(gain), value.isFinite, (0...100).contains(value) else {
                    throw PhyUsageError("--gain \(gain): expected dB from 0 to 100")
                }
                gainDB = value
            }
        } catch {
            throw error.exit("listen")
        }
        let receiver: WidebandReceiver
        let source: SoapySDRSource
        do {
            receiver = try WidebandReceiver(settings: settings)
        } catch {
            throw PhyUsageError(error.message).exit("listen")
        }
        do {
            source = try SoapySDRSource(
                arguments: sdr, sampleRateHz: settings.sampleRateHz, centreHz: settings.centreHz, gainDB: gainDB)
        } catch {
            FileHandle.standardError.write(Data("lorikeet phy listen: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        PhyListenCommand.stopOnInterrupt()
        var report = PhyWideReport(json: json)
        var perChannel = [Int: Int]()
        do {
            while !PhyListenCommand.interrupted {
                for frame in receiver.process(try source.read()) {
                    report.report(frame)
                    perChannel[frame.channel, default: 0] += 1
                }
                fflush(stdout)
            }
        } catch {
            FileHandle.standardError.write(Data("lorikeet phy listen: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        let seconds = Double(receiver.samplesRead) / Double(settings.sampleRateHz)
        let channels = perChannel.keys.sorted().map { "channel \($0): \(perChannel[$0]!)" }.joined(separator: ", ")
        FileHandle.standardError.write(Data(
            "listened \(String(format: "%.1f", seconds)) s: \(report.count) frame(s)\(channels.isEmpty ? "" : " (\(channels))"), \(source.overflows) overflow(s)\n".utf8))
    }

    nonisolated(unsafe) static var interrupted = false

    /// Ctrl-C ends the loop (the read times out every 100 ms) instead of the process.
    static func stopOnInterrupt() {
        signal(SIGINT) { _ in PhyListenCommand.interrupted = true }
    }
}
