import ArgumentParser
import BoardProfile
import Foundation
import GatewayProgram
import HAL
import LinuxBoard
import MockBoard
import Regions
import SX1276
import TextCoding

/// `lorikeet radio`: talk to the board's radio.
struct RadioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "radio",
        abstract: "Talk to the radio of a board profile.",
        subcommands: [RadioProbeCommand.self]
    )
}

/// `--region`, `--channel`, `--frequency`, `--data-rate`: the profile's
/// frequency-plan settings, replaced for this run.
struct BoardOverrideOptions: ParsableArguments {
    @Option(name: .customLong("region"), help: "Frequency plan instead of the profile's (EU868, US915, ...).")
    var region: String?

    @Option(name: .customLong("channel"), help: "Uplink channel of the plan to listen on.")
    var channel: String?

    @Option(name: .customLong("frequency"), help: "Frequency to listen on, in Hz (868100000) or MHz (868.1).")
    var frequency: String?

    @Option(name: .customLong("data-rate"), help: "Data rate to listen at (SF7BW125).")
    var dataRate: String?

    var overrides: BoardOverrides {
        BoardOverrides(region: region, channel: channel, frequency: frequency, dataRate: dataRate)
    }
}

/// `lorikeet radio probe --board FILE`: reset the radio, read RegVersion and
/// say what answered — the first thing to run after wiring a HAT.
struct RadioProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Reset the radio, read RegVersion, print chip, version and frequency port.",
        discussion: """
            Exit status: 0 the radio answered, 1 it did not (or the board could not be opened),
            2 a bad argument (unknown profile, invalid override).
            Examples:
              lorikeet radio probe --board boards/mock.json
              lorikeet radio probe --board dragino-lora-gps-hat --region US915 --channel 8
            """
    )

    @Option(name: .customLong("board"), help: "Board profile: a path, or a profile name in boards/.")
    var board: String

    @OptionGroup var options: BoardOverrideOptions

    func run() throws {
        let file: BoardFiles.Located
        do {
            file = try BoardFiles.resolve(board)
        } catch {
            standardError("lorikeet radio probe: --board: \(error.message)")
            throw ExitCode(2)
        }
        let loaded: BoardProfile
        do {
            loaded = try BoardFiles.load(file)
        } catch {
            standardError("lorikeet radio probe: \(error.message)")
            throw ExitCode(1)
        }
        let profile: BoardProfile
        do {
            profile = try loaded.applying(options.overrides, file: file.display)
        } catch {
            standardError("lorikeet radio probe: \(error.message)")
            throw ExitCode(2)
        }
        switch RadioProbe.run(profile) {
        case .success(let result):
            for line in RadioProbe.report(profile, file: file.display, result: result) { print(line) }
        case .failure(let failure):
            standardError("lorikeet radio probe: \(failure.message)")
            throw ExitCode(1)
        }
    }
}

/// The probe itself: open the board the profile describes, reset the chip,
/// read RegVersion through the SX1276 driver.
enum RadioProbe {
    struct Failure: Error { let message: String }

    struct Result {
        var version: UInt8
        var bus: String
        var reset: String
    }

    static func run(_ profile: BoardProfile) -> Swift.Result<Result, Failure> {
        switch profile.kind {
        case .mock:
            let board = MockBoard()
            var radio = SX1276(
                bus: board.spi, reset: board.resetPin, dio0: board.dio0, dio1: board.dio1, clock: board.clock,
                busName: MockBoard.busName)
            do {
                let version = try probe(&radio)
                return .success(Result(
                    version: version, bus: "\(MockBoard.busName) (emulated SX1276 on a virtual clock)",
                    reset: "NRESET pulsed (emulated)"))
            } catch {
                return .failure(Failure(message: error.message))
            }
        case .linux:
            guard let wiring = profile.wiring else { return .failure(Failure(message: "no wiring in the profile")) }
            let linuxWiring = LinuxRadioWiring(
                spiDevice: wiring.spiDevice, spiSpeedHz: UInt32(wiring.spiSpeedHz), gpioChip: wiring.gpioChip,
                chipSelectLine: wiring.softwareChipSelectLine.map { UInt32($0) },
                resetLine: wiring.resetLine.map { UInt32($0) }, dio0Line: UInt32(wiring.dio0Line),
                dio1Line: wiring.dio1Line.map { UInt32($0) }, dio2Line: wiring.dio2Line.map { UInt32($0) })
            let board: LinuxRadioBoard
            do {
                board = try LinuxRadioBoard(wiring: linuxWiring)
            } catch {
                return .failure(Failure(message: error.message))
            }
            var radio = SX1276(
                bus: board.spi, reset: board.reset, dio0: board.dio0, dio1: board.dio1, clock: board.clock,
                busName: wiring.spiDevice)
            do {
                let version = try probe(&radio)
                return .success(Result(version: version, bus: busText(wiring), reset: resetText(wiring)))
            } catch {
                return .failure(Failure(message: error.message))
            }
        }
    }

    /// Datasheet §7.2.2 reset, then RegVersion (0x12 for every SX1276/77/78/79;
    /// 0x00 or 0xFF means nothing answered).
    static func probe<Bus, Reset, DIO0, DIO1, Clock>(
        _ radio: inout SX1276<Bus, Reset, DIO0, DIO1, Clock>
    ) throws(SX1276Error) -> UInt8 {
        try radio.resetChip()
        return try radio.probe()
    }

    static func busText(_ wiring: BoardWiring) -> String {
        let speed = wiring.spiSpeedHz % 1_000_000 == 0
            ? "\(wiring.spiSpeedHz / 1_000_000) MHz" : "\(wiring.spiSpeedHz / 1_000) kHz"
        switch wiring.chipSelect {
        case .ce0, .ce1:
            return "\(wiring.spiDevice) at \(speed), NSS on \(wiring.chipSelect.label.uppercased())"
        case .gpio(let line):
            return "\(wiring.spiDevice) at \(speed), NSS on \(wiring.gpioChip) line \(line) (software chip select)"
        }
    }

    static func resetText(_ wiring: BoardWiring) -> String {
        guard let line = wiring.resetLine else { return "not wired: the radio keeps its power-on state" }
        return "NRESET pulsed on \(wiring.gpioChip) line \(line)"
    }

    static func report(_ profile: BoardProfile, file: String, result: Result) -> [String] {
        let frequency = profile.listenFrequencyHz
        let port = FrequencyPort(frequencyHz: frequency)
        var origin = profile.region.rawValue
        if let channel = profile.channel {
            origin += " channel \(channel)"
        } else if profile.frequencyHz == nil {
            origin += " single-channel default"
        }
        return [
            "board:     \(profile.name) (\(file))",
            "bus:       \(result.bus)",
            "reset:     \(result.reset)",
            "chip:      SX127x answered, RegVersion \(Hex.byte(result.version)) (profile: \(profile.radio.displayName))",
            "frequency: \(FrequencyText.megahertz(UInt32(frequency))) MHz (\(origin)): \(port.bandLabel)",
            "data rate: \(profile.listenDataRate.text)",
            "tx power:  up to \(profile.maxTxPowerDBm) dBm on \(profile.paOutput.rawValue)",
        ]
    }
}
