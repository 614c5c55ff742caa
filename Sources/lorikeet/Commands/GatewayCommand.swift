import ArgumentParser
import GatewayProgram
import Runtime

/// `lorikeet gateway`: the host's front door to the gateway program
/// (Sources/Core/GatewayProgram), which the firmware's `lorikeet-gateway`
/// runs too. Only argument parsing here.
struct GatewayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "Run the packet forwarder (Semtech UDP protocol v2) on a board.",
        discussion: """
            The configuration is lora_pkt_fwd's global_conf.json (gateway_conf) plus a "radio" object;
            a local_conf.json next to it overrides it key by key. Flags override both. Without --config,
            ./global_conf.json is read if present (as lora_pkt_fwd does), else built-in defaults.
            Examples:
              lorikeet gateway --config examples/global_conf.json
              lorikeet gateway --board boards/mock.json --server 127.0.0.1:1700
              lorikeet gateway --config examples/ttn-eu868-dragino/global_conf.json --board dragino-lora-gps-hat
            """
    )

    @Option(name: .customLong("config"), help: "global_conf.json (Semtech-style); default: ./global_conf.json if present.")
    var config: String?

    @Option(name: .customLong("board"), help: "Board profile (a path or a name in boards/); default: the config's radio.board, else mock.")
    var board: String?

    @Option(name: .customLong("server"), help: "Network server as HOST:PORT (up and down port).")
    var server: String?

    @Option(name: .customLong("gateway-id"), help: "Gateway EUI-64, 16 hex digits (default: from the main interface's MAC).")
    var gatewayID: String?

    @Option(name: .customLong("frequency"), help: "Listen frequency in Hz.")
    var frequency: String?

    @Option(name: .customLong("datarate"), help: "Listen data rate, e.g. SF7BW125.")
    var datarate: String?

    @Option(name: .customLong("devices"), help: "Simulated devices of the mock board (default: examples/mock-devices.json).")
    var devices: String?

    // Text, checked by the gateway program (finite, 0-1e9 s), so both front
    // doors give the same error; unconditional so that "-1" reaches it.
    @Option(name: .customLong("duration"), parsing: .unconditional, help: "Stop after this many seconds.")
    var duration: String?

    @Flag(name: .customLong("quiet"), help: "Log statistics and problems only, not each frame.")
    var quiet = false

    @Flag(name: .customLong("print-eui"), help: "Print the default gateway EUI (from the main interface's MAC) and exit.")
    var printEUI = false

    func run() throws {
        do {
            if printEUI {
                ProcessIO.writeLine(try GatewayProgram.defaultEUIText())
                return
            }
            var options = GatewayOptions()
            options.configPath = config
            options.board = board
            options.server = server
            options.gatewayID = gatewayID
            options.frequency = frequency
            options.datarate = datarate
            options.devices = devices
            options.duration = duration
            options.quiet = quiet
            try GatewayProgram(options: options, name: "lorikeet gateway").run()
        } catch {
            ProcessIO.writeErrorLine("lorikeet gateway: \(error.message)")
            ProcessIO.exit(error.exitCode)
        }
    }
}

/// Timestamped log lines for the other commands (`serve`): the gateway's format.
enum Log {
    static func line(_ text: String) { GatewayLog.line(text) }
}
