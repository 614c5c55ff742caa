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
        let items: [ProgramArguments.Item]
        do {
            items = try ProgramArguments.scan(arguments, valueOptions: valueOptions, flags: ["--quiet", "--print-eui", "--help"])
        } catch {
            throw .usage(error.message)
        }
        for item in items {
            switch item {
            case .flag("--help", _): return .help
            case .flag("--print-eui", _): return .printEUI
            case .flag(let name, let inline):
                guard inline == nil else { throw .usage("\(name) takes no value") }
                options.quiet = true
            case .value("--config", let value): options.configPath = value
            case .value("--board", let value): options.board = value
            case .value("--server", let value): options.server = value
            case .value("--gateway-id", let value): options.gatewayID = value
            case .value("--frequency", let value): options.frequency = value
            case .value("--datarate", let value): options.datarate = value
            case .value("--devices", let value): options.devices = value
            case .value(_, let value): options.duration = value
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
