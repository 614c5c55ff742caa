/// A radio that loses a share of the frames it receives, from a seeded
/// generator: the frame-loss figures of `make bench` (5 %, 20 %) and
/// loss tests, on any `MeshRadio` (the emulated air's collisions and link
/// budget come on top).
public struct LossyRadio<Base: MeshRadio>: MeshRadio {
    public var base: Base
    /// Received frames dropped, per mille (0–1000).
    public var lossPerMille: UInt64
    private var random: MeshRandom
    public private(set) var dropped = 0

    public init(_ base: Base, lossPerMille: UInt64, seed: UInt64) {
        self.base = base
        self.lossPerMille = min(lossPerMille, 1000)
        random = MeshRandom(seed: seed)
    }

    public var eventDescriptor: Int32 { base.eventDescriptor }
    public mutating func start() throws(MeshError) { try base.start() }
    public mutating func transmit(_ psdu: [UInt8]) throws(MeshError) { try base.transmit(psdu) }
    public mutating func startChannelActivityDetection() throws(MeshError) { try base.startChannelActivityDetection() }

    public mutating func nextEvent() throws(MeshError) -> MeshRadioEvent? {
        while let event = try base.nextEvent() {
            if case .received = event, random.next(below: 1000) < lossPerMille {
                dropped += 1
                continue
            }
            return event
        }
        return nil
    }

    public func airtimeMicros(psduBytes: Int) -> UInt64 { base.airtimeMicros(psduBytes: psduBytes) }
    public var channelActivityDetectionMicros: UInt64 { base.channelActivityDetectionMicros }
    public var turnaroundMicros: UInt64 { base.turnaroundMicros }
}
