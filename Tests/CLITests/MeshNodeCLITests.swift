import Testing

/// `lorikeet mesh node --board FILE --frequency HZ --datarate SF…`: the LoRa channel of a board
/// node, checked once in the mesh node program (Sources/Core/MeshProgram); each bad value is one
/// line on stderr and exit status 2.
@Suite struct MeshNodeCLITests {
    @Test func aBoardNodeRunsOnTheGivenFrequencyAndDataRate() throws {
        let r = try CLI.run(["mesh", "node", "--board", "boards/mock.json", "--frequency", "869500000", "--datarate", "SF9BW125",
                             "--seed", "3"], stdin: "state\nexit\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("> state"))
        #expect(r.stderr.isEmpty)
    }

    @Test(arguments: ["nan", "inf", "-1", "1e300", "869.525", "136999999", "1020000001", "4294967296", "0x33D3E608", ""])
    func aBadFrequencyIsOneLine(_ hz: String) throws {
        let r = try CLI.run(["mesh", "node", "--board", "boards/mock.json", "--frequency", hz], stdin: "exit\n")
        #expect(r.status == 2)
        #expect(r.stderr == "lorikeet mesh node: --frequency must be a frequency in Hz 137000000-1020000000 (e.g. 869525000), got \"\(hz)\"\n")
    }

    @Test func aFrequencyOutsideTheBoardsRegionIsOneLine() throws {
        let r = try CLI.run(["mesh", "node", "--board", "boards/mock.json", "--frequency", "915000000"], stdin: "exit\n")
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("lorikeet mesh node: --frequency: 915"))
        #expect(r.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test(arguments: ["SF6BW125", "SF13BW125", "SF7", "sf7bw125", "SF7BW100", "SF99999999999999999999BW125", ""])
    func aBadDataRateIsOneLine(_ rate: String) throws {
        let r = try CLI.run(["mesh", "node", "--board", "boards/mock.json", "--datarate", rate], stdin: "exit\n")
        #expect(r.status == 2)
        #expect(r.stderr == "lorikeet mesh node: --datarate must be SF7-SF12 with a bandwidth, e.g. SF7BW125 or SF9BW125, got \"\(rate)\"\n")
    }

    @Test func aBoardNodeRunsWithEitherTimings() throws {
        for timings in ["lora", "openthread"] {
            let r = try CLI.run(["mesh", "node", "--board", "boards/mock.json", "--timings", timings, "--seed", "3"], stdin: "state\nexit\n")
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("> state"))
        }
    }

    @Test(arguments: ["", "LoRa", "both", "ot"])
    func badTimingsAreOneLine(_ timings: String) throws {
        let r = try CLI.run(["mesh", "node", "--board", "boards/mock.json", "--timings", timings], stdin: "exit\n")
        #expect(r.status == 2)
        #expect(r.stderr == "lorikeet mesh node: --timings must be openthread|lora, got \"\(timings)\"\n")
    }

    @Test func theLoRaChannelNeedsABoard() throws {
        let r = try CLI.run(["mesh", "node", "--radio", "ot-sim:3", "--datarate", "SF9BW125"], stdin: "exit\n")
        #expect(r.status == 2)
        #expect(r.stderr == "lorikeet mesh node: --frequency and --datarate set the LoRa channel of --board; the ot-sim radio has none\n")
    }
}
