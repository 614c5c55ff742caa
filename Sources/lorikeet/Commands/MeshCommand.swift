import ArgumentParser

/// `lorikeet mesh`: Pymesh — a Thread mesh over LoRa that interoperates with OpenThread.
struct MeshCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mesh",
        abstract: "Pymesh: a Thread mesh over LoRa (interoperates with OpenThread).",
        subcommands: [MeshNodeCommand.self, MeshSimulateCommand.self]
    )
}
