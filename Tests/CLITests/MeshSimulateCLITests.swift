import Testing

/// `lorikeet mesh simulate --timings openthread|lora`: LoRa-tuned MLE timers by default; a bad
/// value is one line on stderr and exit status 2 (the usage follows).
@Suite struct MeshSimulateCLITests {
    /// One node alone becomes leader after its Parent Requests go unanswered: about 6 s with
    /// OpenThread's timers, about 20 s with the LoRa-tuned ones at SF7 (three slower rounds).
    @Test func theTimingsDecideWhenALoneNodeLeads() throws {
        let openThread = try CLI.run(["mesh", "simulate", "--nodes", "1", "--seconds", "12", "--timings", "openthread"])
        #expect(openThread.status == 0, "\(openThread.stderr)")
        #expect(openThread.stdout.contains("node 1: leader"))
        for args in [["--timings", "lora"], []] {
            let lora = try CLI.run(["mesh", "simulate", "--nodes", "1", "--seconds", "12"] + args)
            #expect(lora.status == 0, "\(lora.stderr)")
            #expect(lora.stdout.contains("node 1: detached"), "\(lora.stdout)")
        }
    }

    @Test(arguments: ["", "LoRa", "both", "openthread,lora"])
    func badTimingsAreOneLine(_ timings: String) throws {
        let r = try CLI.run(["mesh", "simulate", "--nodes", "1", "--seconds", "1", "--timings", timings])
        #expect(r.status == 2)
        #expect(HostileFlagTests.errorLines(r.stderr) == ["Error: --timings must be openthread|lora, got \"\(timings)\""], "\(r.stderr)")
    }
}
