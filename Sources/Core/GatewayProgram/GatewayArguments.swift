/// The firmware's command line (it has no ArgumentParser): `--name value`,
/// `--name=value` and the flags `--quiet`, `--help`, `--print-eui`.
public enum GatewayArguments {
    public enum Request: Equatable, Sendable {
        case run(GatewayOptions)
        case help
        case printEUI
    }

    /// `arguments` without the program name.
    public static func parse(_ arguments: [String]) throws(GatewayFailure) -> Request {
        var options = GatewayOptions()
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
            switch name {
            case "--help", "-h": return .help
            case "--print-eui": return .printEUI
            case "--quiet":
                guard inline == nil else { throw .usage("--quiet takes no value") }
                options.quiet = true
                continue
            default: break
            }
            guard valueOptions.contains(name) else {
                throw .usage("unknown argument '\(argument)' (options: \(valueOptions.joined(separator: ", ")), --quiet, --print-eui, --help)")
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
            case "--config": options.configPath = value
            case "--board": options.board = value
            case "--server": options.server = value
            case "--gateway-id": options.gatewayID = value
            case "--frequency": options.frequency = value
            case "--datarate": options.datarate = value
            case "--devices": options.devices = value
            default: options.duration = value
            }
        }
        return .run(options)
    }

    static let valueOptions = ["--config", "--board", "--server", "--gateway-id", "--frequency", "--datarate", "--devices", "--duration"]

    /// `--help`.
    public static func usage(program: String) -> [String] {
        [
            "usage: \(program) [--config global_conf.json] [--board NAME|PATH] [--server HOST:PORT]",
            "       [--gateway-id EUI64] [--frequency HZ] [--datarate SF7BW125] [--devices FILE]",
            "       [--duration SECONDS] [--quiet] | --print-eui | --help",
            "The Semtech UDP packet forwarder (protocol v2) on a board: the mock board with",
            "simulated devices, or a Raspberry Pi HAT with an SX1276/RFM95 (see boards/).",
            "  --config      lora_pkt_fwd's global_conf.json with a \"radio\" object; a local_conf.json",
            "                next to it overrides it key by key (default: ./global_conf.json if present)",
            "  --board       board profile (default: the config's radio.board, else mock)",
            "  --server      network server, up and down port (default: the config's, else 127.0.0.1:1700)",
            "  --gateway-id  gateway EUI-64, 16 hex digits (default: from the main interface's MAC)",
            "  --frequency   listen frequency in Hz; --datarate listen data rate",
            "  --devices     the mock board's simulated devices (default: examples/mock-devices.json)",
            "  --duration    stop after this many seconds; --quiet: statistics and problems only",
            "  --print-eui   print the default gateway EUI (from the main interface's MAC) and exit",
        ]
    }
}
