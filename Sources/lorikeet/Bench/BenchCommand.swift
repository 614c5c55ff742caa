import ArgumentParser

/// `lorikeet bench`: the performance figures README quotes (`make bench`
/// builds in release mode and runs `lorikeet bench all`). Figures are
/// printed, never asserted.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Print performance figures (run through `make bench`).",
        shouldDisplay: false,
        subcommands: [
            BenchAll.self,
            AirtimeBench.self,
            GatewayBench.self,
            GatewayPipelineBench.self,
            GatewayRealTimeBench.self,
            PhyBench.self,
            RadioBench.self,
            RadioPathBench.self,
            MeshLinkBench.self,
            MeshFormationBench.self,
        ]
    )
}

/// Every benchmark in turn.
struct BenchAll: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "all", abstract: "Run every benchmark.")

    func run() throws {
        for bench in BenchCommand.configuration.subcommands where bench != BenchAll.self && bench.configuration.shouldDisplay {
            var command = try bench.parseAsRoot([])
            try command.run()
        }
    }
}
