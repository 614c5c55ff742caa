/// The options of `lorikeet mesh node` and of the firmware's `lorikeet-mesh`,
/// as text: both front doors fill this in, and `MeshNodeConfiguration`
/// checks every value the same way (so both give the same one-line errors).
public struct MeshNodeOptions: Equatable, Sendable {
    /// A board profile path or a name in boards/ (a LoRa HAT, or the mock board).
    public var board: String?
    /// "ot-sim:NODEID": OpenThread's simulation radio on loopback.
    public var radio: String?
    /// Up to 32 hex digits (Pymesh pads shorter keys with zeros).
    public var key: String?
    /// Seed of the node's random choices; nil: from the clock.
    public var seed: String?
    /// LoRa frequency in Hz (with --board); nil: Pymesh's 869.525 MHz.
    public var frequency: String?
    /// LoRa data rate, "SF7BW125" (with --board); nil: SF7BW125.
    public var datarate: String?
    /// MLE timers, "openthread" or "lora" (with --board); nil: LoRa-tuned on a board.
    public var timings: String?

    public init() {}
}
