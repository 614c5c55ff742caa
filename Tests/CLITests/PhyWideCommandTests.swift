import Foundation
import Testing

/// Wideband `phy decode` (--center/--plan/--channels), `phy encode
/// --offset-hz`, `phy listen` without a device, and numbers that must not trap.
extension PhyCommandTests {
    /// cf32 bytes → interleaved floats and back (the test's own mixer).
    static func floats(_ data: Data) -> [Float] {
        data.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    static func data(_ floats: [Float]) -> Data { floats.withUnsafeBufferPointer { Data(buffer: $0) } }

    @Test func aWidebandRecordingMadeWithOffsetsDecodesOnTheRightChannels() throws {
        try inTemporaryFolder { folder in
            // Channel 0 (868.1 MHz) at SF7 and channel 3 (867.1 MHz) at SF9, in a 2 MS/s stream centred on 867.8 MHz.
            let first = try CLI.run(
                ["phy", "encode", "--sf", "7", "--rate", "2M", "--offset-hz", "300k", "--sync", "0x34", "--text", "on channel 0",
                 "-o", "ch0.cf32"], currentDirectory: folder)
            #expect(first.status == 0, "\(first.stderr)")
            let second = try CLI.run(
                ["phy", "encode", "--sf", "9", "--rate", "2M", "--offset-hz=-700000", "--sync", "0x34", "--hex", "40aabbccdd",
                 "-o", "ch3.cf32"], currentDirectory: folder)
            #expect(second.status == 0, "\(second.stderr)")
            // Overlapping in time: channel 0's frame starts 10 ms after channel 3's.
            let a = Self.floats(try Data(contentsOf: folder.appendingPathComponent("ch0.cf32")))
            let b = Self.floats(try Data(contentsOf: folder.appendingPathComponent("ch3.cf32")))
            var mixed = [Float](repeating: 0, count: max(b.count, a.count + 80_000) + 40_000)
            for (index, value) in b.enumerated() { mixed[index] += value * 0.5 }
            for (index, value) in a.enumerated() { mixed[index + 80_000] += value * 0.5 }
            try Self.data(mixed).write(to: folder.appendingPathComponent("wide.cf32"))

            let options = ["--rate", "2000000", "--center", "867800000", "--plan", "EU868", "--sf", "7,9"]
            let json = try CLI.run(["phy", "decode", "wide.cf32"] + options + ["--json"], currentDirectory: folder)
            #expect(json.status == 0, "\(json.stderr)")
            let objects = try jsonObjects(json.stdout)
            #expect(objects.count == 2, "\(json.stdout)")
            let byChannel = Dictionary(uniqueKeysWithValues: objects.map { ($0["channel"] as? Int ?? -1, $0) })
            #expect(byChannel[0]?["frequency_hz"] as? Int == 868_100_000)
            #expect(byChannel[0]?["sf"] as? Int == 7)
            #expect(byChannel[0]?["payload"] as? String == "6f6e206368616e6e656c2030")
            #expect(byChannel[3]?["frequency_hz"] as? Int == 867_100_000)
            #expect(byChannel[3]?["sf"] as? Int == 9)
            #expect(byChannel[3]?["payload"] as? String == "40aabbccdd")
            for object in objects {
                #expect(Set(object.keys).isSuperset(of: ["payload", "crc", "header", "sf", "bw", "cr", "length", "snr_db", "cfo_hz", "offset_s",
                                                         "frequency_hz", "channel", "rssi_db", "tmst"]))
                #expect(object["crc"] as? String == "ok")
                // Amplitude 0.5: −6 dBFS.
                #expect(abs((object["rssi_db"] as? Double ?? 0) + 6) < 0.5, "\(object)")
            }
            // 80 000 floats = 40 000 samples at 2 MS/s: 20 ms.
            #expect(abs((byChannel[0]?["offset_s"] as? Double ?? 0) - 0.02) < 1e-5)

            // Standard input, as from an SDR pipe.
            let piped = try CLI.run(["phy", "decode", "-"] + options + ["--json"], stdinBytes: Self.data(mixed))
            #expect(try jsonObjects(piped.stdout).map { $0["channel"] as? Int }.sorted { ($0 ?? -1) < ($1 ?? -1) } == [0, 3], "\(piped.stderr)")

            // The same as text, with a default centre (the middle of the plan's channels is 867.8 MHz too).
            let text = try CLI.run(["phy", "decode", "wide.cf32", "--rate", "2M", "--plan", "eu868", "--sf", "7,9"], currentDirectory: folder)
            #expect(text.status == 0, "\(text.stderr)")
            let lines = text.stdout.split(separator: "\n")
            #expect(lines.count == 2)
            #expect(lines.contains { $0.hasPrefix("frame ") && $0.contains("\"on channel 0\"") && $0.contains("SF7 CR 4/5, channel 0 868.1 MHz, at 0.020000 s") }, "\(text.stdout)")

            // An explicit list numbers the channels in its order; the default private sync word does not match LoRaWAN's.
            let list = try CLI.run(
                ["phy", "decode", "wide.cf32", "--rate", "2M", "--center", "867.8M", "--channels", "867.1M,868.1M", "--sf", "9", "--json"],
                currentDirectory: folder)
            #expect(try jsonObjects(list.stdout).map { $0["channel"] as? Int } == [0])
            let other = try CLI.run(
                ["phy", "decode", "wide.cf32", "--rate", "2M", "--plan", "EU868", "--sf", "7", "--sync", "0x12"], currentDirectory: folder)
            #expect(other.stdout.hasPrefix("no frame found in wide.cf32 ("), "\(other.stdout)")
            #expect(other.stdout.contains("8 channels); 1 preamble(s) with sync word 0x34, not 0x12"), "\(other.stdout)")
        }
    }

    @Test func hostileNumbersAreOneLineNeverATrap() throws {
        let decode = ["phy", "decode", Self.vector]
        let encode = ["phy", "encode", "--text", "x", "-o", "/dev/null"]
        let cases: [([String], String, String)] = [
            (decode + ["--rate", "inf", "--sf", "7"], "decode", "--rate inf: expected a sample rate in Hz"),
            (decode + ["--rate", "1e19", "--sf", "7"], "decode", "--rate 1e19: expected a sample rate in Hz"),
            (decode + ["--rate", "nan", "--sf", "7"], "decode", "--rate nan: expected a sample rate in Hz"),
            (decode + ["--rate=-500k", "--sf", "7"], "decode", "--rate -500k: expected a sample rate in Hz"),
            (decode + ["--rate", "1e9", "--sf", "7"], "decode", "more than 64 samples per chip"),
            (decode + ["--rate", "2M"], "decode", "--sf is missing"),
            (decode + ["--rate", "inf", "--plan", "EU868"], "decode", "--rate inf: expected a sample rate in Hz, up to 64000000"),
            (decode + ["--rate", "1e19", "--plan", "EU868"], "decode", "--rate 1e19: expected a sample rate in Hz"),
            (decode + ["--rate", "1e9", "--plan", "EU868"], "decode", "--rate 1e9: expected a sample rate in Hz, up to 64000000"),
            (decode + ["--rate", "2M", "--plan", "EU868", "--center", "nan"], "decode", "--center nan: expected a frequency"),
            (decode + ["--rate", "2M", "--plan", "EU868", "--center", "1e300"], "decode", "--center 1e300: expected a frequency"),
            (decode + ["--rate", "2M", "--plan", "EU868", "--center", "868.1M"], "decode", "channel(s) 3 (867.1 MHz), 4 (867.3 MHz) outside the usable band"),
            (decode + ["--rate", "2M", "--channels", "868.1M,inf"], "decode", "--channels 868.1M,inf: \"inf\" is not a frequency"),
            (decode + ["--rate", "2M", "--plan", "XX1"], "decode", "--plan XX1: expected a region"),
            (decode + ["--rate", "2M", "--plan", "CN470"], "decode", "no 8-channel set known for CN470"),
            (decode + ["--rate", "2M", "--plan", "EU868", "--channels", "868.1M"], "decode", "give --plan or --channels, not both"),
            (decode + ["--rate", "2M", "--center", "868.1M"], "decode", "--center needs the channels"),
            (decode + ["--rate", "2M", "--plan", "EU868", "--sf", "6,7"], "decode", "--sf 6,7: expected spreading factors from 7 to 12"),
            (decode + ["--rate", "2M", "--plan", "EU868", "--rssi-offset", "inf"], "decode", "--rssi-offset inf: expected dB"),
            (decode + ["--rate", "2M", "--plan", "EU868", "--implicit"], "decode", "explicit-header frames only"),
            (encode + ["--sf", "7", "--rate", "inf"], "encode", "--rate inf: expected a sample rate in Hz"),
            (encode + ["--sf", "7", "--rate", "1e19"], "encode", "--rate 1e19: expected a sample rate in Hz"),
            (encode + ["--sf", "7", "--rate", "1e9"], "encode", "at most 64 samples per chip"),
            (encode + ["--sf", "12", "--rate", "8M", "--preamble", "65535"], "encode", "samples (137 GB as cf32): at most 67108864"),
            (encode + ["--sf", "7", "--rate", "2M", "--offset-hz", "inf"], "encode", "--offset-hz inf: expected hertz"),
            (encode + ["--sf", "7", "--rate", "2M", "--offset-hz", "1e19"], "encode", "--offset-hz 1e19: expected hertz"),
            (encode + ["--sf", "7", "--rate", "2M", "--offset-hz", "950k"], "encode", "--offset-hz 950k: expected hertz"),
        ]
        for (arguments, command, fragment) in cases {
            let result = try CLI.run(arguments)
            expectOneLineError(
                result, status: 2, prefix: "lorikeet phy \(command): ", fragment: fragment, arguments.joined(separator: " "))
        }
    }

    @Test func listenWithoutADeviceFailsAtOnceWithOneLine() throws {
        let result = try CLI.run(["phy", "listen", "--sdr", "driver=nosuchdriver", "--rate", "2M", "--plan", "EU868"])
        expectOneLineError(result, status: 1, prefix: "lorikeet phy listen: ", fragment: "no SDR found for \"driver=nosuchdriver\"", "listen")
        // Without the SoapySDR library (here: a name that does not exist), the same at once.
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["phy", "listen", "--rate", "2M", "--plan", "EU868"]
        process.environment = ProcessInfo.processInfo.environment.merging(["LORIKEET_SOAPYSDR": "libNoSoapySDRHere.so"]) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message == "lorikeet phy listen: SoapySDR is not installed (libNoSoapySDRHere.so not found): apt-get install libsoapysdr0.8 and your SDR's module, e.g. soapysdr-module-rtlsdr\n")
        // Its options are checked before any device is looked for.
        let bad = try CLI.run(["phy", "listen", "--sdr", "driver=rtlsdr", "--rate", "inf", "--plan", "EU868"])
        expectOneLineError(bad, status: 2, prefix: "lorikeet phy listen: ", fragment: "--rate inf", "listen options")
    }
}
