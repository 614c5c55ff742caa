import Foundation
import Testing

/// `lorikeet phy encode / symbols / decode` as a user runs them: round trips
/// through IQ files of every format, the shared reference recording, JSON
/// output, standard input, and bad files and options.
struct PhyCommandTests {
    /// The shared vector (made by another implementation), copied into the
    /// modem's fixtures (Tests/LoRaModemTests/Fixtures/PROVENANCE.md); relative to the package root.
    static let vector = "Tests/LoRaModemTests/Fixtures/hello_sf7_cr45_bw125k_fs500k.cf32"
    static let vectorOptions = ["--rate", "500000", "--bw", "125000", "--sf", "7"]
    /// Its 28 data symbols (SF7, CR 4/5, explicit header, CRC on, "hello lora").
    static let vectorSymbols = "97 9 1 49 25 97 1 121 54 125 33 71 56 11 34 120 85 125 56 87 108 96 100 5 4 65 1 16"

    /// A fresh temporary folder, removed after `body`.
    func inTemporaryFolder(_ body: (URL) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lorikeet-phy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(folder)
    }

    /// One line on stderr that starts with `prefix` and contains `fragment`; nothing on stdout.
    func expectOneLineError(_ result: CLI.Result, status: Int32, prefix: String, fragment: String, _ what: String) {
        #expect(result.status == status, "\(what): status \(result.status), stderr \(result.stderr)")
        #expect(result.stdout.isEmpty, "\(what): stdout \(result.stdout)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "\(what): not one line: \(result.stderr)")
        #expect(result.stderr.hasPrefix(prefix), "\(what): \(result.stderr)")
        #expect(result.stderr.contains(fragment), "\(what): \(result.stderr) lacks \(fragment)")
    }

    func jsonObjects(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
    }

    // MARK: round trips

    @Test(arguments: [
        // (file, --format, radio options for both commands, encode-only options, expected decode line start)
        ("hello.cf32", nil, ["--sf", "7", "--rate", "500000"], ["--cr", "1", "--text", "hello lora"],
         "frame 1: 10 bytes \"hello lora\" [68656c6c6f206c6f7261] crc ok, SF7 CR 4/5, at 0.000000 s"),
        ("public.cs16", nil, ["--sf", "8", "--rate", "250k", "--sync", "0x34"], ["--cr", "2", "--text", "LoRaWAN"],
         "frame 1: 7 bytes \"LoRaWAN\" [4c6f526157414e] crc ok, SF8 CR 4/6, at 0.000000 s"),
        ("uplink.iq", "cu8", ["--sf", "9", "--rate", "1M"], ["--cr", "4", "--hex", "40aabbccdd0001"],
         "frame 1: 7 bytes [40aabbccdd0001] crc ok, SF9 CR 4/8, at 0.000000 s"),
    ] as [(String, String?, [String], [String], String)])
    func encodeThenDecodeRoundTripsThroughAFile(
        file: String, format: String?, radio: [String], encodeOnly: [String], expected: String
    ) throws {
        try inTemporaryFolder { folder in
            let formatOptions = format.map { ["--format", $0] } ?? []
            let encode = try CLI.run(
                ["phy", "encode"] + radio + encodeOnly + formatOptions + ["-o", file], currentDirectory: folder)
            #expect(encode.status == 0, "encode: \(encode.stderr)")
            let formatName = format ?? String(file.split(separator: ".").last!)
            #expect(encode.stdout.hasPrefix("wrote "))
            #expect(encode.stdout.contains(" \(formatName) samples ("))
            #expect(encode.stdout.hasSuffix(" to \(file)\n"))
            let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(file).path)[.size] as? Int
            let samples = try #require(Int(encode.stdout.split(separator: " ")[1]))
            #expect(size == samples * ["cf32": 8, "cs16": 4, "cu8": 2][formatName]!)

            let decode = try CLI.run(
                ["phy", "decode", file] + radio + ["--bw", "125k"] + formatOptions, currentDirectory: folder)
            #expect(decode.status == 0, "decode: \(decode.stderr)")
            #expect(decode.stderr.isEmpty)
            #expect(decode.stdout.split(separator: "\n").count == 1, "\(decode.stdout)")
            #expect(decode.stdout.hasPrefix(expected), "\(decode.stdout)")
        }
    }

    @Test func implicitHeaderFramesRoundTripWithLengthAndCodingRate() throws {
        try inTemporaryFolder { folder in
            let radio = ["--sf", "6", "--implicit", "--bw", "250000", "--rate", "500000"]
            let encode = try CLI.run(
                ["phy", "encode"] + radio + ["--cr", "3", "--hex", "0102030405", "-o", "implicit.cf32"], currentDirectory: folder)
            #expect(encode.status == 0, "encode: \(encode.stderr)")
            let decode = try CLI.run(
                ["phy", "decode", "implicit.cf32"] + radio + ["--length", "5", "--cr", "3", "--json"], currentDirectory: folder)
            #expect(decode.status == 0, "decode: \(decode.stderr)")
            let object = try #require(try jsonObjects(decode.stdout).first)
            #expect(object["payload"] as? String == "0102030405")
            #expect(object["crc"] as? String == "ok")
            #expect(object["sf"] as? Int == 6)
            #expect(object["bw"] as? Int == 250_000)
        }
    }

    // MARK: the shared vector

    @Test func symbolsOfTheSharedVectorsParametersAreItsDataSymbols() throws {
        let result = try CLI.run(["phy", "symbols", "--sf", "7", "--cr", "1", "--bw", "125000", "--text", "hello lora"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.vectorSymbols + "\n")
        #expect(result.stdout.split(separator: " ").count == 28)
        // The options encode accepts are accepted too, and the same payload as hex gives the same symbols.
        let hex = try CLI.run(
            ["phy", "symbols", "--sf", "7", "--cr", "1", "--bw", "125k", "--rate", "500000", "--sync", "0x12",
             "--hex", "68656c6c6f206c6f7261"])
        #expect(hex.stdout == Self.vectorSymbols + "\n")
    }

    @Test func decodesTheSharedVector() throws {
        let result = try CLI.run(["phy", "decode", Self.vector] + Self.vectorOptions)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix(
            "frame 1: 10 bytes \"hello lora\" [68656c6c6f206c6f7261] crc ok, SF7 CR 4/5, at 0.000000 s, SNR "))
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func jsonOutputHasTheDocumentedFields() throws {
        let result = try CLI.run(["phy", "decode", Self.vector] + Self.vectorOptions + ["--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let objects = try jsonObjects(result.stdout)
        #expect(objects.count == 1)
        let object = try #require(objects.first)
        #expect(Set(object.keys).isSuperset(of: ["payload", "crc", "header", "sf", "bw", "cr", "length", "snr_db", "cfo_hz", "offset_s"]))
        #expect(object["payload"] as? String == "68656c6c6f206c6f7261")
        #expect(object["crc"] as? String == "ok")
        #expect(object["header"] as? String == "ok")
        #expect(object["sf"] as? Int == 7)
        #expect(object["bw"] as? Int == 125_000)
        #expect(object["cr"] as? Int == 1)
        #expect(object["length"] as? Int == 10)
        let snr = try #require(object["snr_db"] as? Double)
        #expect(snr > 10)
        let cfo = try #require(object["cfo_hz"] as? Double)
        #expect(abs(cfo) < 100)
        let offset = try #require(object["offset_s"] as? Double)
        #expect(abs(offset) < 1e-4)
        // Hard decisions decode the clean vector too.
        let hard = try CLI.run(["phy", "decode", Self.vector] + Self.vectorOptions + ["--json", "--hard"])
        #expect(try jsonObjects(hard.stdout).first?["payload"] as? String == "68656c6c6f206c6f7261")
    }

    // MARK: standard input

    @Test func decodesStandardInput() throws {
        try inTemporaryFolder { folder in
            let encode = try CLI.run(
                ["phy", "encode", "--sf", "9", "--cr", "4", "--bw", "125000", "--rate", "1M", "--sync", "0x34",
                 "--hex", "40aabbccdd0001", "--format", "cu8", "-o", "uplink.cu8"],
                currentDirectory: folder)
            #expect(encode.status == 0, "encode: \(encode.stderr)")
            let bytes = try Data(contentsOf: folder.appendingPathComponent("uplink.cu8"))
            let decode = try CLI.run(
                ["phy", "decode", "-", "--format", "cu8", "--rate", "1M", "--bw", "125k", "--sf", "9", "--sync", "0x34", "--json"],
                stdinBytes: bytes)
            #expect(decode.status == 0, "decode: \(decode.stderr)")
            let object = try #require(try jsonObjects(decode.stdout).first)
            #expect(object["payload"] as? String == "40aabbccdd0001")
            #expect(object["crc"] as? String == "ok")
            #expect(object["cr"] as? Int == 4)
            #expect(object["length"] as? Int == 7)

            // The shared vector through standard input (cf32 by default).
            let vector = try Data(contentsOf: CLI.packageRoot.appendingPathComponent(Self.vector))
            let piped = try CLI.run(["phy", "decode", "-"] + Self.vectorOptions, stdinBytes: vector)
            #expect(piped.status == 0, "\(piped.stderr)")
            #expect(piped.stdout.hasPrefix("frame 1: 10 bytes \"hello lora\""))

            // Empty standard input is an error that names it.
            let empty = try CLI.run(["phy", "decode", "-"] + Self.vectorOptions, stdinBytes: Data())
            expectOneLineError(empty, status: 1, prefix: "lorikeet phy decode: ", fragment: "standard input is empty", "empty stdin")
        }
    }

    // MARK: no frame

    @Test func aFileWithoutAFrameSaysSoAndExitsZero() throws {
        try inTemporaryFolder { folder in
            // 0.1 s of silence at 250 kS/s.
            try Data(count: 25_000 * 8).write(to: folder.appendingPathComponent("silence.cf32"))
            let options = ["--rate", "250000", "--bw", "125000", "--sf", "7"]
            let result = try CLI.run(["phy", "decode", "silence.cf32"] + options, currentDirectory: folder)
            #expect(result.status == 0)
            #expect(result.stderr.isEmpty)
            #expect(result.stdout == "no frame found in silence.cf32 (25000 samples, 0.100 s)\n")
            // With --json, standard output stays JSON-only (empty) and the message goes to stderr.
            let json = try CLI.run(["phy", "decode", "silence.cf32"] + options + ["--json"], currentDirectory: folder)
            #expect(json.status == 0)
            #expect(json.stdout.isEmpty)
            #expect(json.stderr == "no frame found in silence.cf32 (25000 samples, 0.100 s)\n")

            // A frame with another sync word is not decoded, but mentioned.
            let encode = try CLI.run(
                ["phy", "encode", "--sf", "7", "--bw", "125000", "--rate", "250000", "--sync", "0x34", "--text", "x",
                 "-o", "public.cf32"],
                currentDirectory: folder)
            #expect(encode.status == 0, "encode: \(encode.stderr)")
            let other = try CLI.run(["phy", "decode", "public.cf32"] + options, currentDirectory: folder)
            #expect(other.status == 0)
            #expect(other.stdout.hasPrefix("no frame found in public.cf32 ("))
            #expect(other.stdout.hasSuffix("; 1 preamble(s) with sync word 0x34, not 0x12 (see --sync)\n"), "\(other.stdout)")
        }
    }

    // MARK: bad files

    @Test func badFilesAreOneClearLineAndStatusOne() throws {
        try inTemporaryFolder { folder in
            let vector = try Data(contentsOf: CLI.packageRoot.appendingPathComponent(Self.vector))
            try Data().write(to: folder.appendingPathComponent("empty.cf32"))
            try vector.prefix(8 * 1000 + 3).write(to: folder.appendingPathComponent("cut.cf32"))
            try Data(repeating: 0x80, count: 2 * 500 + 1).write(to: folder.appendingPathComponent("odd.cu8"))
            try Data(String(repeating: "not IQ samples at all, just text\n", count: 40).utf8)
                .write(to: folder.appendingPathComponent("notes.cf32"))
            let cases: [(String, [String], String)] = [
                ("empty.cf32", [], "empty.cf32 is empty: no cf32 samples"),
                ("cut.cf32", [], "cut.cf32: cf32 data ends with 3 stray bytes (a sample is 8): truncated?"),
                ("odd.cu8", [], "odd.cu8: cu8 data ends with 1 stray bytes (a sample is 2): truncated?"),
                ("notes.cf32", [], "notes.cf32: sample 0 is not a cf32 value"),
                ("missing.cf32", [], "missing.cf32: cannot open"),
                ("empty.cf32", ["--format", "cs16"], "empty.cf32 is empty: no cs16 samples"),
            ]
            for (file, extra, fragment) in cases {
                let result = try CLI.run(
                    ["phy", "decode", file] + Self.vectorOptions + extra, currentDirectory: folder)
                expectOneLineError(result, status: 1, prefix: "lorikeet phy decode: ", fragment: fragment, file)
            }
        }
    }

    // MARK: bad options

    @Test func badOptionsAreOneClearLineAndStatusTwo() throws {
        let decode = ["phy", "decode", Self.vector]
        let encode = ["phy", "encode", "--text", "x", "-o", "/dev/null"]
        let cases: [([String], String, String)] = [
            (decode + ["--rate", "300000", "--bw", "125000", "--sf", "7"], "decode",
             "--rate 300000: sample rate 300000 Hz is not a whole multiple of the 125 kHz bandwidth"),
            (decode + ["--rate", "fast", "--sf", "7"], "decode", "--rate fast: expected a sample rate in Hz"),
            (decode + ["--rate", "500k", "--sf", "13"], "decode", "--sf 13: expected a spreading factor from 6 to 12"),
            (decode + ["--rate", "500k", "--sf", "7", "--bw", "100000"], "decode", "--bw 100000: expected a LoRa bandwidth"),
            (decode + ["--rate", "500k", "--sf", "7", "--format", "wav"], "decode", "--format wav: expected cf32, cs16 or cu8"),
            (decode + ["--rate", "500k", "--sf", "7", "--sync", "0xzz"], "decode", "--sync 0xzz: expected a byte"),
            (decode + ["--rate", "500k", "--sf", "7", "--length", "5"], "decode", "--length applies only with --implicit"),
            (decode + ["--rate", "500k", "--sf", "7", "--implicit"], "decode", "--implicit needs --length N"),
            (decode + ["--rate", "500k", "--sf", "7", "--implicit", "--length", "5", "--cr", "5"], "decode",
             "--cr 5: expected 1 to 4"),
            (decode + ["--rate", "500k", "--sf", "7", "--ldro", "maybe"], "decode", "--ldro maybe: expected auto, on or off"),
            (encode + ["--sf", "6", "--rate", "500k"], "encode", "--sf 6 works only with --implicit"),
            (encode + ["--sf", "7", "--rate", "300000"], "encode", "--rate 300000: must be a whole multiple of the bandwidth"),
            (encode + ["--sf", "7", "--rate", "500k", "--preamble", "2"], "encode", "--preamble 2: expected 6 to 65535"),
            (encode + ["--sf", "7", "--rate", "500k", "--hex", "abc"], "encode", "exactly one of --text or --hex"),
            (["phy", "encode", "--sf", "7", "--rate", "500k", "--hex", "abc", "-o", "/dev/null"], "encode",
             "--hex abc: expected an even number of hex digits"),
            (["phy", "symbols", "--sf", "7", "--hex", "zz"], "symbols", "--hex zz: \"zz\" is not a hex byte"),
        ]
        for (arguments, command, fragment) in cases {
            let result = try CLI.run(arguments)
            expectOneLineError(
                result, status: 2, prefix: "lorikeet phy \(command): ", fragment: fragment, arguments.joined(separator: " "))
        }
        // A missing required option is ArgumentParser's usage error: status 2 too.
        let missing = try CLI.run(["phy", "decode", Self.vector, "--sf", "7"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--rate"))
    }
}
