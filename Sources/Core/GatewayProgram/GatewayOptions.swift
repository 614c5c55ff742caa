/// The options of `lorikeet gateway` and of the firmware's `lorikeet-gateway`,
/// as text: both front doors fill this in, and the gateway program checks
/// every value the same way (so both give the same one-line errors).
public struct GatewayOptions: Equatable, Sendable {
    /// global_conf.json; nil: `global_conf.json` in the current folder if
    /// present (as lora_pkt_fwd does), else the built-in defaults.
    public var configPath: String?
    /// A board profile path or a name in boards/; nil: the config's radio.board, else mock.
    public var board: String?
    /// HOST:PORT for both the up and the down port.
    public var server: String?
    /// 16 hex digits; nil: the config's gateway_ID, else from the main interface's MAC.
    public var gatewayID: String?
    /// Hz.
    public var frequency: String?
    /// "SF7BW125".
    public var datarate: String?
    /// The mock board's simulated devices; nil: examples/mock-devices.json.
    public var devices: String?
    /// Seconds, then stop.
    public var duration: String?
    /// Statistics and problems only, not each frame.
    public var quiet = false

    public init() {}

    /// The longest `--duration` (about 31 years): far beyond any run, far
    /// below where microseconds overflow.
    public static let maximumDurationSeconds = 1e9
}
