import ArgumentParser
import MeshProgram
import Runtime

/// `lorikeet mesh node`: the host's front door to one mesh node
/// (Sources/Core/MeshProgram), which the firmware's `lorikeet-mesh` runs
/// too. Only argument parsing here.
struct MeshNodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Run one mesh node with an OpenThread-style command prompt on stdin.",
        discussion: """
            --board FILE runs the node on the board profile's SX1276 (a LoRa HAT, or the mock board),
            by default 869.525 MHz SF7BW125 (EU868's 10 % sub-band), private sync word, with MLE
            timers scaled from the frame airtime (--timings openthread: OpenThread's own).
            --radio ot-sim:NODEID runs the node on OpenThread's simulation radio (UDP multicast on
            127.0.0.1, ports 9000 + 34*PORT_OFFSET), so it meets ot-cli-ftd nodes. Commands are
            OpenThread's (state, ipaddr, ping, dataset ..., ifconfig up, thread start, ...); exit stops.
            Examples:
              PORT_OFFSET=5 lorikeet mesh node --radio ot-sim:2
              lorikeet mesh node --board mock --frequency 869525000 --datarate SF9BW125
            """
    )

    // Text, checked by the mesh node program, so both front doors give the
    // same errors; unconditional so that "-1" reaches it.
    @Option(name: .customLong("radio"), help: "ot-sim:NODEID (1-33): OpenThread's simulation radio.")
    var radio: String?

    @Option(name: .customLong("board"), help: "Board profile (a path, or a name in boards/) with an SX1276.")
    var board: String?

    @Option(name: .customLong("frequency"), parsing: .unconditional, help: "LoRa frequency in Hz with --board (default 869525000).")
    var frequency: String?

    @Option(name: .customLong("datarate"), help: "LoRa data rate with --board, SF7-SF12 (default SF7BW125).")
    var datarate: String?

    @Option(name: .customLong("timings"), help: "MLE timers with --board: lora (default, scaled from the frame airtime) or openthread.")
    var timings: String?

    @Option(name: .customLong("key"), help: "Network key: up to 32 hex digits (Pymesh pads shorter keys with zeros).")
    var key: String?

    @Option(name: .customLong("seed"), parsing: .unconditional, help: "Seed for the node's random choices (default: from the clock).")
    var seed: String?

    func run() throws {
        var options = MeshNodeOptions()
        options.board = board
        options.radio = radio
        options.key = key
        options.seed = seed
        options.frequency = frequency
        options.datarate = datarate
        options.timings = timings
        do {
            try MeshNodeProgram.run(options)
        } catch {
            ProcessIO.writeErrorLine("lorikeet mesh node: \(error.message)")
            ProcessIO.exit(error.exitCode)
        }
    }
}
