import ArgumentParser
import Foundation
import SX1276Emulator

/// `lorikeet sx1276-emulator`: the SX1276 emulator as a process, driven over
/// stdin/stdout one command per line, so that drivers in any language can be
/// tested without hardware. The protocol itself lives in
/// `SX1276Emulator.EmulatorSession`; this command only does the I/O.
struct SX1276EmulatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sx1276-emulator",
        abstract: "Run the SX1276 emulator over stdin/stdout (one command per line).",
        discussion: """
            Commands (one answer line each; `err <reason>` on bad input):
              cs 0|1                 chip select low (frame starts) / high (frame ends) -> ok
              xfer <hex>             bytes clocked in while CS is low -> bytes clocked out, hex
              reset 0|1              NRESET level -> ok
              dio <n>                -> 0 or 1, the level of DIOn (0-5)
              tick <micros>          advance the virtual clock -> ok (virtual clock only)
              now                    -> the clock in microseconds
              rx <freqHz> <sf> <bwHz> <cr1-4> <crc0|1> <implicit0|1> <syncHex> <iqInv0|1> <rssiDbm> <snrDb> <payloadHex>
                                     a peer starts transmitting this frame now -> ok
              tx?                    frames the chip transmitted since the last call, one per line:
                                     frame <freqHz> <sf> <bwHz> <cr> <crc> <implicit> <syncHex> <iqInv> <powerDbm> <payloadHex>
                                     then `end`
              quit                   -> ok, and exit
            Example:
              printf 'cs 0\\nxfer 4200\\ncs 1\\nquit\\n' | lorikeet sx1276-emulator
            """
    )

    @Option(name: .customLong("clock"), help: "virtual (default: time moves only with `tick`) or real (follows the wall clock).")
    var clock: String = "virtual"

    func run() throws {
        let mode: EmulatorSession.ClockMode
        switch clock {
        case "virtual": mode = .virtual
        case "real": mode = .real
        default:
            FileHandle.standardError.write(Data("lorikeet sx1276-emulator: --clock '\(clock)': expected real or virtual\n".utf8))
            throw ExitCode(2)
        }
        let session = EmulatorSession(clockMode: mode)
        let start = ProcessInfo.processInfo.systemUptime
        while let raw = readLine(strippingNewline: true) {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            if mode == .real { session.followRealTime(elapsedMicros: UInt64((ProcessInfo.processInfo.systemUptime - start) * 1_000_000)) }
            for answer in session.handle(line) {
                FileHandle.standardOutput.write(Data((answer + "\n").utf8))
            }
            if session.finished { break }
        }
    }
}
