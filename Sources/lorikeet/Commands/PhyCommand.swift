import ArgumentParser

/// `lorikeet phy`: the LoRa physical layer in software (encode to IQ, list
/// chirp symbols, decode IQ recordings).
struct PhyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phy",
        abstract: "LoRa PHY in software: encode frames to IQ, print chirp symbols, decode IQ recordings, listen to an SDR.",
        subcommands: [PhyEncodeCommand.self, PhySymbolsCommand.self, PhyDecodeCommand.self, PhyListenCommand.self]
    )
}
