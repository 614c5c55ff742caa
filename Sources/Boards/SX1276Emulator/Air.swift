import HAL
import LoRaPHY

/// One LoRa frame on the simulated air.
public struct AirFrame: Sendable {
    public var id: Int
    /// Who sent it (an `Air` node id); receivers never hear their own frames.
    public var senderID: Int
    public var frequencyHz: Double
    public var parameters: LoRaParameters
    public var syncWord: UInt8
    public var invertedIQ: Bool
    public var payload: [UInt8]
    public var txPowerDBm: Double
    public var startMicros: UInt64
    /// End of the preamble (programmed preamble + 4.25 symbols).
    public var preambleEndMicros: UInt64
    /// End of the explicit header block (preamble + 8 symbols): ValidHeader time.
    public var headerEndMicros: UInt64
    public var endMicros: UInt64
    /// Payload bits flipped on reception (injected bit errors).
    public var bitErrors: Int
    /// When set, every receiver hears the frame at exactly this RSSI/SNR
    /// instead of the link budget (`lorikeet sx1276-emulator`'s `rx`).
    public var fixedRSSIDBm: Double?
    public var fixedSNRDB: Double?

    public var symbolMicros: Double { parameters.symbolMicros }
}

/// What a receiver gets from a frame.
public struct LinkReception: Sendable, Equatable {
    public var rssiDBm: Double
    public var snrDB: Double
}

/// The simulated air shared by the gateway's chip and the end devices:
/// frames with their channel, modulation, sync word, IQ polarity, power and
/// start time; a link budget (transmit power − path loss against the thermal
/// noise floor of the bandwidth), the demodulation floor of each SF, and
/// collisions with a capture margin.
public final class Air {
    public let clock: VirtualClock
    /// Receiver noise figure added to the thermal floor (SX1276: about 6 dB in LoRa mode).
    public var noiseFigureDB: Double = 6
    /// Path loss between nodes with no explicit setting.
    public var defaultPathLossDB: Double = 110
    /// A frame survives an overlapping same-channel, same-SF frame only if it
    /// is at least this much stronger (co-channel rejection, datasheet table
    /// 11: about 6 dB for LoRa).
    public var captureMarginDB: Double = 6

    public private(set) var frames: [AirFrame] = []
    private var pathLosses: [UInt64: Double] = [:]
    private var listeners: [(nodeID: Int, handler: (AirFrame) -> Void)] = []
    private var nextFrameID = 1
    /// How long finished frames are kept for collision checks.
    public var historyMicros: UInt64 = 30_000_000

    public init(clock: VirtualClock) { self.clock = clock }

    // MARK: Link budget

    /// Demodulation floor: the lowest SNR each SF decodes (datasheet table 13,
    /// "Range of spreading factors": SF6 −5 dB … SF12 −20 dB).
    public static func demodulationFloorDB(_ spreadingFactor: SpreadingFactor) -> Double {
        switch spreadingFactor {
        case .sf6: return -5
        case .sf7: return -7.5
        case .sf8: return -10
        case .sf9: return -12.5
        case .sf10: return -15
        case .sf11: return -17.5
        case .sf12: return -20
        }
    }

    /// Thermal noise in the bandwidth plus the noise figure:
    /// −174 dBm/Hz + 10·log10(BW) + NF.
    public static func noiseFloorDBm(bandwidth: Bandwidth, noiseFigureDB: Double) -> Double {
        -174 + 10 * log10(bandwidth.hertz) + noiseFigureDB
    }

    /// Path loss both ways between two nodes.
    public func setPathLoss(between a: Int, and b: Int, dB: Double) {
        pathLosses[Air.key(a, b)] = dB
        pathLosses[Air.key(b, a)] = dB
    }

    public func pathLossDB(from sender: Int, to receiver: Int) -> Double {
        pathLosses[Air.key(sender, receiver)] ?? defaultPathLossDB
    }

    private static func key(_ a: Int, _ b: Int) -> UInt64 {
        UInt64(UInt32(truncatingIfNeeded: a)) << 32 | UInt64(UInt32(truncatingIfNeeded: b))
    }

    /// RSSI and SNR of `frame` at node `receiver`.
    public func reception(of frame: AirFrame, at receiver: Int) -> LinkReception {
        if let rssi = frame.fixedRSSIDBm {
            let floor = Air.noiseFloorDBm(bandwidth: frame.parameters.bandwidth, noiseFigureDB: noiseFigureDB)
            return LinkReception(rssiDBm: rssi, snrDB: frame.fixedSNRDB ?? (rssi - floor))
        }
        let rssi = frame.txPowerDBm - pathLossDB(from: frame.senderID, to: receiver)
        let floor = Air.noiseFloorDBm(bandwidth: frame.parameters.bandwidth, noiseFigureDB: noiseFigureDB)
        return LinkReception(rssiDBm: rssi, snrDB: rssi - floor)
    }

    /// Strong enough for the SF's demodulator at `receiver`.
    public func isAboveFloor(_ frame: AirFrame, at receiver: Int) -> Bool {
        reception(of: frame, at: receiver).snrDB >= Air.demodulationFloorDB(frame.parameters.spreadingFactor)
    }

    /// Same channel: the two frames' bands overlap, same SF and bandwidth
    /// (LoRa SFs are quasi-orthogonal, so only same-SF frames collide).
    public static func interfere(_ a: AirFrame, _ b: AirFrame) -> Bool {
        a.parameters.spreadingFactor == b.parameters.spreadingFactor
            && a.parameters.bandwidth == b.parameters.bandwidth
            && abs(a.frequencyHz - b.frequencyHz) < a.parameters.bandwidth.hertz
    }

    /// Frames that overlap `frame` in time and interfere with it.
    public func interferers(of frame: AirFrame) -> [AirFrame] {
        frames.filter {
            $0.id != frame.id && $0.startMicros < frame.endMicros && frame.startMicros < $0.endMicros && Air.interfere($0, frame)
        }
    }

    /// Whether `frame` survives every collision at `receiver`: each
    /// overlapping interferer must be at least `captureMarginDB` weaker.
    public func survivesCollisions(_ frame: AirFrame, at receiver: Int) -> Bool {
        let power = reception(of: frame, at: receiver).rssiDBm
        for other in interferers(of: frame) where other.senderID != receiver {
            if power - reception(of: other, at: receiver).rssiDBm < captureMarginDB { return false }
        }
        return true
    }

    /// Frames on air at `micros`.
    public func framesOnAir(at micros: UInt64) -> [AirFrame] {
        frames.filter { $0.startMicros <= micros && micros < $0.endMicros }
    }

    // MARK: Transmitting and listening

    /// `handler` is called at the start of every frame another node sends.
    public func addListener(nodeID: Int, _ handler: @escaping (AirFrame) -> Void) {
        listeners.append((nodeID, handler))
    }

    /// Puts a frame on the air starting at `startMicros` (default: now).
    /// Listeners hear its start at that time, on the clock.
    @discardableResult
    public func transmit(
        from senderID: Int, frequencyHz: Double, parameters: LoRaParameters, syncWord: UInt8, invertedIQ: Bool,
        payload: [UInt8], txPowerDBm: Double, startMicros: UInt64? = nil, bitErrors: Int = 0,
        fixedRSSIDBm: Double? = nil, fixedSNRDB: Double? = nil
    ) -> AirFrame {
        let start = max(startMicros ?? clock.now, clock.now)
        let airtime = Airtime(payloadBytes: payload.count, parameters: parameters)
        let frame = AirFrame(
            id: nextFrameID, senderID: senderID, frequencyHz: frequencyHz, parameters: parameters, syncWord: syncWord,
            invertedIQ: invertedIQ, payload: payload, txPowerDBm: txPowerDBm, startMicros: start,
            preambleEndMicros: start + UInt64(airtime.preambleMicros),
            headerEndMicros: start + UInt64(airtime.headerEndMicros),
            endMicros: start + UInt64(airtime.totalMicros), bitErrors: bitErrors,
            fixedRSSIDBm: fixedRSSIDBm, fixedSNRDB: fixedSNRDB)
        nextFrameID += 1
        prune()
        frames.append(frame)
        if start <= clock.now {
            announce(frame)
        } else {
            clock.schedule(at: start) { self.announce(frame) }
        }
        return frame
    }

    private func announce(_ frame: AirFrame) {
        for listener in listeners where listener.nodeID != frame.senderID {
            listener.handler(frame)
        }
    }

    private func prune() {
        let now = clock.now
        guard now > historyMicros else { return }
        let horizon = now - historyMicros
        if let first = frames.first, first.endMicros < horizon {
            frames.removeAll { $0.endMicros < horizon }
        }
    }
}

/// log10 without Foundation (Embedded Swift has no libm overlay): the
/// bandwidth's noise term only needs a few digits.
func log10(_ x: Double) -> Double {
    precondition(x > 0)
    // x = m · 2^e with m in [1, 2): log10(x) = (e + log2(m)) · log10(2).
    var exponent = 0
    var m = x
    while m >= 2 { m /= 2; exponent += 1 }
    while m < 1 { m *= 2; exponent -= 1 }
    // log2(m) by the series of ln((1+y)/(1-y)) = 2(y + y³/3 + y⁵/5 + …).
    let y = (m - 1) / (m + 1)
    let y2 = y * y
    var term = y
    var sum = 0.0
    var k = 1.0
    while k < 60 {
        sum += term / k
        term *= y2
        k += 2
    }
    let ln = 2 * sum
    return (Double(exponent) * 0.693_147_180_559_945_3 + ln) * 0.434_294_481_903_251_8
}
