/// One received PSDU with its link quality.
public struct ReceivedPSDU: Equatable, Sendable {
    /// The whole 802.15.4 frame, FCS included.
    public var psdu: [UInt8]
    public var rssiDBm: Int
    /// 0–255 link quality indicator (from the SNR on LoRa; 255 on ot-sim).
    public var lqi: UInt8
    /// When reception ended, on the radio's clock.
    public var timestampMicros: UInt64

    public init(psdu: [UInt8], rssiDBm: Int, lqi: UInt8, timestampMicros: UInt64) {
        self.psdu = psdu
        self.rssiDBm = rssiDBm
        self.lqi = lqi
        self.timestampMicros = timestampMicros
    }
}

/// What a mesh radio reports from `nextEvent()`.
public enum MeshRadioEvent: Equatable, Sendable {
    case received(ReceivedPSDU)
    /// The frame given to `transmit` has left the antenna.
    case transmitDone
    /// The result of `startChannelActivityDetection`: true when a LoRa
    /// preamble (or a frame, on radios that see whole frames) was heard.
    case channelActivity(busy: Bool)
}

/// The radio under the mesh MAC, generic (drivers are generic over it,
/// never over an existential): send one PSDU (≤ 127 bytes with FCS),
/// receive PSDUs with RSSI/LQI, detect channel activity. Implementations:
/// `SX1276MeshRadio` (the real driver: a Raspberry Pi HAT or the mock
/// board's emulated chips on the simulated air) and `OTSimRadio`
/// (OpenThread's simulation transport on loopback).
///
/// Event-loop use: `start()`, register `eventDescriptor` as a loop source,
/// and drain `nextEvent()` in its handler. Nothing blocks.
public protocol MeshRadio {
    /// Readable when an event may be pending; -1: check after every loop wait.
    var eventDescriptor: Int32 { get }

    /// Powers the radio up and starts receiving.
    mutating func start() throws(MeshError)

    /// Starts sending `psdu` (the receiver pauses); `.transmitDone` follows.
    mutating func transmit(_ psdu: [UInt8]) throws(MeshError)

    /// Starts one channel activity detection; `.channelActivity` follows.
    mutating func startChannelActivityDetection() throws(MeshError)

    /// The next event without waiting; nil when none is pending.
    mutating func nextEvent() throws(MeshError) -> MeshRadioEvent?

    /// Time on air of a PSDU of `psduBytes` bytes (0 on a radio without airtime).
    func airtimeMicros(psduBytes: Int) -> UInt64

    /// How long one channel activity detection takes (0: answers at once).
    var channelActivityDetectionMicros: UInt64 { get }

    /// Radio turnaround (RX→TX or TX→RX), added to ACK waits.
    var turnaroundMicros: UInt64 { get }
}
