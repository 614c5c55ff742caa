/// The MAC's timing on a given radio. On 2.4 GHz 802.15.4 these are fixed
/// (macAckWaitDuration 54 symbols, aUnitBackoffPeriod 20 symbols); on LoRa a
/// frame lasts tens to hundreds of milliseconds, so they are sized from the
/// airtime of the frame and its ACK (LoRaPHY's `Airtime`).
public struct MACTiming: Equatable, Sendable {
    /// From the end of our frame to giving up on its ACK.
    public var ackTimeoutMicros: UInt64
    /// One backoff slot of the random backoff before listen-before-talk.
    public var unitBackoffMicros: UInt64
    /// Delay from receiving a frame to sending its ACK (the sender's radio
    /// must be back in receive mode).
    public var ackDelayMicros: UInt64

    /// OpenThread's sub-MAC ACK timeout (`kAckTimeout`, 16 ms), the floor on
    /// radios without airtime (the simulation transport).
    public static let minimumAckTimeoutMicros: UInt64 = 16_000
    /// 802.15.4 aUnitBackoffPeriod at 250 kbit/s: 20 symbols of 16 µs.
    public static let minimumUnitBackoffMicros: UInt64 = 320
    /// An immediate ACK: FCF, sequence, FCS.
    public static let ackPSDUBytes = 5

    public init(ackTimeoutMicros: UInt64, unitBackoffMicros: UInt64, ackDelayMicros: UInt64) {
        self.ackTimeoutMicros = ackTimeoutMicros
        self.unitBackoffMicros = unitBackoffMicros
        self.ackDelayMicros = ackDelayMicros
    }

    /// ACK timeout = ACK delay + ACK airtime + turnaround + a margin of a
    /// quarter ACK airtime (interrupt latency, SPI reads); one backoff
    /// slot = one channel activity detection + turnaround + half an ACK
    /// airtime, so a window of 2^BE slots spreads senders over several
    /// ACK-lengths instead of a few symbols.
    public static func forRadio<Radio: MeshRadio>(_ radio: Radio) -> MACTiming {
        let ackAirtime = radio.airtimeMicros(psduBytes: ackPSDUBytes)
        let turnaround = radio.turnaroundMicros
        let ackDelay = turnaround
        let timeout = max(minimumAckTimeoutMicros, ackDelay + ackAirtime + turnaround + ackAirtime / 4)
        let slot = max(minimumUnitBackoffMicros, radio.channelActivityDetectionMicros + turnaround + ackAirtime / 2)
        return MACTiming(ackTimeoutMicros: timeout, unitBackoffMicros: slot, ackDelayMicros: ackDelay)
    }
}

/// 802.15.4 MAC parameters (802.15.4-2006 §7.4.2) with OpenThread's values.
public struct MACParameters: Equatable, Sendable {
    /// macMaxFrameRetries (OpenThread direct transmissions: 3).
    public var maxFrameRetries = 3
    /// macMaxCSMABackoffs.
    public var maxCSMABackoffs = 4
    /// macMinBE / macMaxBE.
    public var minBackoffExponent = 3
    public var maxBackoffExponent = 5
    /// Frames waiting to be sent; beyond this `send` fails at once.
    public var transmitQueueCapacity = 16
    /// Duty cycle of the sub-band in per mille (100 = 10 %, 1000 = none).
    public var dutyCyclePerMille: UInt64 = 1000

    public init() {}
}
