import LoRaPHY
import Regions
import SX1276

/// A downlink the radio will send: what to load at prepare time.
public struct PlannedDownlink {
    public var payload: [UInt8]
    public var settings: RadioSettings
    public var powerDBm: Int
}

/// What the board may transmit: the region's plan, the antenna and PA, the
/// band the chip and the board's RF port cover.
public struct TransmitLimits: Sendable, Equatable {
    public var plan: RegionalPlan
    public var antennaGainDBi: Double
    public var maxConductedPowerDBm: Int
    /// The PA's lowest setting (PA_BOOST: +2 dBm).
    public var minConductedPowerDBm: Int
    /// The chip's range narrowed to the board's band (`frequency-port`).
    public var bandHz: ClosedRange<UInt32>
    public var syncWord: UInt8

    public init(plan: RegionalPlan, antennaGainDBi: Double = 0, maxConductedPowerDBm: Int = 20,
                minConductedPowerDBm: Int = 2, bandHz: ClosedRange<UInt32> = ChipFrequencyRange.sx1276Hz,
                syncWord: UInt8 = 0x34) {
        self.plan = plan
        self.antennaGainDBi = antennaGainDBi
        self.maxConductedPowerDBm = maxConductedPowerDBm
        self.minConductedPowerDBm = minConductedPowerDBm
        self.bandHz = bandHz
        self.syncWord = syncWord
    }
}

/// The answer to a PULL_RESP: refused with a TX_ACK error and a reason, or
/// accepted with everything the transmit path needs.
public enum DownlinkDecision {
    case refuse(TxAckError, reason: String)
    case accept(start: UInt64, airtimeMicros: UInt64, downlink: PlannedDownlink, powerWarningDBm: Int?)

    public var error: TxAckError {
        if case .refuse(let error, _) = self { return error }
        return .none
    }
}

/// Every rule a downlink must pass before its TX_ACK, as one pure function
/// of (txpk, now, queue, duty cycle, limits): whatever can fail later at
/// prepare time is checked here, so TX_ACK NONE means it will be sent.
/// The order, and which error each refusal gets, is docs/gateway.md's table.
public enum DownlinkPlanner {
    public static func decide(_ txpk: TxPacket, now: UInt64, queue: JITQueue<PlannedDownlink>,
                              dutyCycle: DutyCycleTracker, limits: TransmitLimits,
                              dutyCycleError: TxAckError) -> DownlinkDecision {
        let plan = limits.plan
        let tmst: UInt32
        switch txpk.timing {
        case .gps: return .refuse(.gpsUnlocked, reason: "needs GPS time; this gateway has no GPS")
        case .counter(let value): tmst = value
        case .immediate: tmst = 0
        }
        let parameters = txpk.parameters
        if let problem = plan.transmitChannelProblem(centreHz: txpk.frequencyHz, spreadingFactor: parameters.spreadingFactor,
                                                     bandwidth: parameters.bandwidth) {
            return .refuse(.txFrequency, reason: problem)
        }
        guard limits.bandHz.contains(txpk.frequencyHz) else {
            return .refuse(.txFrequency, reason: "\(FrequencyText.megahertz(txpk.frequencyHz)) MHz is outside the board's band \(FrequencyText.megahertz(limits.bandHz.lowerBound))-\(FrequencyText.megahertz(limits.bandHz.upperBound)) MHz")
        }
        var settings = RadioSettings(frequencyHz: txpk.frequencyHz, parameters: parameters, syncWord: limits.syncWord,
                                     invertIQ: txpk.invertPolarity)
        if txpk.noHeader { settings.implicitPayloadLength = UInt8(txpk.payload.count) }
        do throws(SX1276Error) {
            _ = try ModemRegisters(settings: settings)  // the driver's own rules (SF6 needs an implicit header…)
        } catch {
            return .refuse(.txFrequency, reason: "the radio cannot send it: \(error.message)")
        }

        // Power: the request, lowered to max EIRP − antenna gain and the PA's limit.
        let requested = txpk.powerDBm ?? plan.defaultTxPowerDBm
        let eirpLimit = Int((plan.maxEIRPdBm - limits.antennaGainDBi).rounded(.down))
        let ceiling = min(eirpLimit, limits.maxConductedPowerDBm)
        guard ceiling >= limits.minConductedPowerDBm else {
            return .refuse(.txPower, reason: "the PA's lowest setting (\(limits.minConductedPowerDBm) dBm) exceeds the \(ceiling) dBm limit")
        }
        let power = max(min(requested, ceiling), limits.minConductedPowerDBm)

        let airtime = UInt64(Airtime(payloadBytes: txpk.payload.count, parameters: parameters).totalMicros)
        let start: UInt64
        if case .immediate = txpk.timing {
            start = queue.earliestStart(now: now, airtimeMicros: airtime)
        } else {
            start = CounterTime.localMicros(tmst: tmst, now: now)
        }
        switch queue.check(startMicros: start, airtimeMicros: airtime, now: now) {
        case .tooLate?:
            return .refuse(.tooLate, reason: "tmst \(tmst) is \(start > now ? "only \((start - now) / 1000) ms ahead" : "in the past")")
        case .tooEarly?: return .refuse(.tooEarly, reason: "tmst \(tmst) is \((start - now) / 1_000_000) s ahead")
        case .collision?: return .refuse(.collisionPacket, reason: "overlaps a queued downlink")
        case nil: break
        }
        if !dutyCycle.allows(frequencyHz: txpk.frequencyHz, startMicros: start, airtimeMicros: airtime) {
            return .refuse(dutyCycleError, reason: "sub-band duty cycle for the hour is used up")
        }
        return .accept(start: start, airtimeMicros: airtime,
                       downlink: PlannedDownlink(payload: txpk.payload, settings: settings, powerDBm: power),
                       powerWarningDBm: power != requested ? power : nil)
    }
}
