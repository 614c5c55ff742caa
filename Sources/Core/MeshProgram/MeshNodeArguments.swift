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
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            var name = argument
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            if name == "--help" || name == "-h" { return .help }
            guard valueOptions.contains(name) else {
                throw .usage("unknown argument '\(argument)' (options: \(valueOptions.joined(separator: ", ")), --help)")
            }
            let value: String
            if let inline {
                value = inline
            } else {
                guard index < arguments.count else { throw .usage("\(name): expected a value") }
                value = arguments[index]
                index += 1
            }
            switch name {
            case "--board": options.board = value
            case "--radio": options.radio = value
            case "--key": options.key = value
            case "--seed": options.seed = value
            case "--frequency": options.frequency = value
            case "--timings": options.timings = value
            default: options.datarate = value
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
