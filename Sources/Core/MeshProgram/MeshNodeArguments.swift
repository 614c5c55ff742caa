import GatewayProgram

/// The firmware's command line (it has no ArgumentParser): `--name value`,
/// `--name=value` and `--help`, with the options of `lorikeet mesh node`.
public enum MeshNodeArguments {
    public enum Request: Equatable, Sendable {
        case run(MeshNodeOptions)
        case help
    }

    /// `arguments` without the program name.
    public static func parse(_ arguments: [String]) throws(MeshNodeFailure) -> Request {
        var options = MeshNodeOptions()
        let items: [ProgramArguments.Item]
        do {
            items = try ProgramArguments.scan(arguments, valueOptions: valueOptions, flags: ["--help"])
        } catch {
            throw .usage(error.message)
        }
        for item in items {
            switch item {
            case .flag: return .help
            case .value("--board", let value): options.board = value
            case .value("--radio", let value): options.radio = value
            case .value("--key", let value): options.key = value
            case .value("--seed", let value): options.seed = value
            case .value("--frequency", let value): options.frequency = value
            case .value("--timings", let value): options.timings = value
            case .value(_, let value): options.datarate = value
            }
        }
        return .run(options)
    }

    static let valueOptions = ["--board", "--radio", "--key", "--seed", "--frequency", "--datarate", "--timings"]

    /// `--help`.
    public static func usage(program: String) -> [String] {
        [
            "usage: \(program) (--board NAME|PATH [--frequency HZ] [--datarate SF7BW125] [--timings lora|openthread]",
            "       | --radio ot-sim:NODEID)",
            "       [--key HEX] [--seed N] | --help",
            "One Pymesh (Thread over LoRa) node with an OpenThread-style prompt: one command per",
            "stdin line (state, ipaddr, ping ADDR, dataset ..., ifconfig up, thread start, exit).",
            "  --board      board profile with an SX1276: a LoRa HAT, or the mock board (see boards/)",
            "  --frequency  LoRa frequency in Hz (default 869525000, EU868's 10 % sub-band)",
            "  --datarate   LoRa data rate SF7-SF12 (default SF7BW125)",
            "  --timings    MLE timers on the board: lora (default, scaled from the frame airtime) or openthread",
            "  --radio      ot-sim:NODEID (1-33): OpenThread's simulation radio on 127.0.0.1,",
            "               ports 9000 + 34*PORT_OFFSET (environment), to meet ot-cli-ftd nodes",
            "  --key        network key: up to 32 hex digits (Pymesh pads shorter keys with zeros)",
            "  --seed       seed of the node's random choices (default: from the clock)",
        ]
    }
}
