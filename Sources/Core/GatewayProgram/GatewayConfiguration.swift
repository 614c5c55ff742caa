import Forwarder
import JSON
import LoRaPHY
import LoRaWAN
import Regions
import Runtime
import TextCoding

/// Configuration as lora_pkt_fwd reads it: global_conf.json (`--config`, or
/// ./global_conf.json, or the built-in defaults when there is none), then
/// local_conf.json from the same folder key by key, then the flags.
///
/// A local_conf.json that exists but is not a readable file (a directory,
/// say) is an error: lora_pkt_fwd would try to parse it and fail, and
/// running without the overrides the user meant (often the gateway_ID) is
/// worse than not starting.
public struct GatewayConfiguration {
    public var forwarder: ForwarderConfiguration
    public var realTime: RealTimeSetting
    public var backhaul: BackhaulSetting
    /// The files read, as named in messages.
    public var sources: [String]

    public static func load(_ options: GatewayOptions,
                            interfaces: NetworkInterfaces = NetworkInterfaces()) throws(GatewayFailure) -> GatewayConfiguration {
        let cwd = InstallLocations.currentDirectory()
        var sources: [ConfigurationFile.Source] = []
        let global: ConfigurationFile.Source
        let globalPath: String?
        if let path = options.configPath {
            global = try read(path, flag: "--config: ")
            globalPath = path
        } else if Files.exists(defaultGlobalName) {
            global = try read(defaultGlobalName, flag: "")
            globalPath = defaultGlobalName
        } else {
            global = ConfigurationFile.Source(name: "built-in defaults", text: Array("{}".utf8))
            globalPath = nil
        }
        sources.append(global)
        let folder = globalPath.map { FilePath.directory(of: $0) } ?? "."
        let localPath = FilePath.absolute(FilePath.join(folder, localName), base: cwd)
        if localPath != globalPath.map({ FilePath.absolute($0, base: cwd) }), Files.exists(localPath) {
            sources.append(try read(localPath, display: InstallLocations.display(localPath), flag: ""))
        }

        var defaultEUI: GatewayEUI?
        if let text = options.gatewayID, let eui = GatewayEUI(hex: text) {
            defaultEUI = eui
        } else if let eui = interfaces.defaultGatewayEUI() {
            defaultEUI = GatewayEUI(bytes: eui.bytes)
        }
        var c: ForwarderConfiguration
        do {
            c = try ConfigurationFile.load(global: sources[0], local: sources.count > 1 ? sources[1] : nil, defaultEUI: defaultEUI)
        } catch {
            throw .usage(error.message)
        }
        try apply(options, to: &c)
        let realTime = try RealTimeSetting.read(sources)
        let backhaul = try BackhaulSetting.read(sources)
        return GatewayConfiguration(forwarder: c, realTime: realTime, backhaul: backhaul, sources: sources.map { $0.name })
    }

    public static let defaultGlobalName = "global_conf.json"
    public static let localName = "local_conf.json"

    /// The flags over the files.
    static func apply(_ options: GatewayOptions, to c: inout ForwarderConfiguration) throws(GatewayFailure) {
        if let text = options.gatewayID {
            guard let eui = GatewayEUI(hex: text) else { throw .usage("--gateway-id: expected 16 hex digits, got '\(text)'") }
            c.gatewayEUI = eui
        }
        if let server = options.server {
            guard let (host, port) = hostAndPort(server) else {
                throw .usage("--server: expected HOST:PORT (e.g. 127.0.0.1:1700), got '\(server)'")
            }
            c.serverAddress = host
            c.serverPortUp = port
            c.serverPortDown = port
        }
        if let frequency = options.frequency {
            // Checked against the region (the files' or the board profile's) by RadioPlanMerge.
            guard let hz = UInt32(frequency), ChipFrequencyRange.sx1276Hz.contains(hz) else {
                throw .usage("--frequency: expected a frequency in Hz (\(ChipFrequencyRange.sx1276HzLabel), e.g. 868100000), got '\(frequency)'")
            }
            c.radio.frequencyHz = hz
        }
        if let datarate = options.datarate {
            guard let name = DataRateName(datarate) else { throw .usage("--datarate: expected e.g. SF7BW125, got '\(datarate)'") }
            c.radio.dataRate = name
        }
    }

    /// "host:1700", "[::1]:1700" → host and a port 1-65535.
    static func hostAndPort(_ text: String) -> (String, UInt16)? {
        guard let colon = text.lastIndex(of: ":"), colon != text.startIndex,
              let port = UInt16(text[text.index(after: colon)...]), port > 0 else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.utf8.contains(0) else { return nil }
        return (host, port)
    }

    /// `--duration` as microseconds: a finite number of seconds 0-1e9.
    public static func durationMicros(_ text: String) throws(GatewayFailure) -> UInt64 {
        guard let seconds = DecimalText.parse(text),
              let micros = CheckedNumber.micros(seconds: seconds, maximumSeconds: GatewayOptions.maximumDurationSeconds) else {
            throw .usage("--duration: expected a number of seconds 0-1000000000, got '\(text)'")
        }
        return micros
    }

    static func read(_ path: String, display: String? = nil, flag: String) throws(GatewayFailure) -> ConfigurationFile.Source {
        do {
            return ConfigurationFile.Source(name: display ?? path, text: try Files.read(path))
        } catch {
            if error.reason == .missing { throw .usage("\(flag)cannot read \(display ?? path)") }
            throw .usage("\(flag)\(display ?? path): \(error.message)")
        }
    }
}

/// `gateway_conf.realtime` (true/false, default false) and
/// `gateway_conf.realtime_priority` (1-99, default 50): run the radio loop
/// with SCHED_FIFO and locked memory. See docs/gateway.md for the trade-offs.
public struct RealTimeSetting: Equatable, Sendable {
    public var enabled = false
    public var priority: Int32 = 50

    static func read(_ sources: [ConfigurationFile.Source]) throws(GatewayFailure) -> RealTimeSetting {
        var setting = RealTimeSetting()
        for source in sources {
            guard let section = (try? JSONParser.parse(source.text))?["gateway_conf"], section.objectValue != nil else { continue }
            if let value = section["realtime"], !value.isNull {
                guard let flag = value.boolValue else {
                    throw .usage("\(source.name): gateway_conf.realtime: expected true or false, found \(value.typeName)")
                }
                setting.enabled = flag
            }
            if let value = section["realtime_priority"], !value.isNull {
                guard let n = value.integerValue, n >= 1, n <= 99 else {
                    throw .usage("\(source.name): gateway_conf.realtime_priority: expected an integer 1-99")
                }
                setting.priority = Int32(n)
            }
        }
        return setting
    }
}

/// `gateway_conf.backhaul_thread` (true/false, default true): the network
/// side on its own thread (issue 12 #7). `false` keeps the sockets on the
/// radio loop with a blocking name lookup — for emulators that cannot start
/// threads (qemu-user 7.2 here: a plain C pthread_create hangs on arm64 and
/// faults on armhf) and single-threaded targets; `make firmware-test` uses it.
public struct BackhaulSetting: Equatable, Sendable {
    public var thread = true

    static func read(_ sources: [ConfigurationFile.Source]) throws(GatewayFailure) -> BackhaulSetting {
        var setting = BackhaulSetting()
        for source in sources {
            guard let section = (try? JSONParser.parse(source.text))?["gateway_conf"], section.objectValue != nil else { continue }
            if let value = section["backhaul_thread"], !value.isNull {
                guard let flag = value.boolValue else {
                    throw .usage("\(source.name): gateway_conf.backhaul_thread: expected true or false, found \(value.typeName)")
                }
                setting.thread = flag
            }
        }
        return setting
    }
}
