import HAL
import LoRaPHY
import LoRaWAN
import SX1276Emulator

/// A LoRaWAN 1.0.x Class A end device on the simulated air: sends its
/// uplinks on its own schedule as real data frames (MIC and FRMPayload
/// encryption by the LoRaWAN module, AES from mbedTLS), then opens RX1 and
/// RX2 like a real device and records every downlink addressed to it.
///
/// The receive windows, precisely. For an uplink ending at `E`:
/// - RX1 opens at `W1 = E + RECEIVE_DELAY1`, RX2 at `W2 = W1 + 1 s`, each on
///   its own channel and data rate (symbol time `Ts`);
/// - an open receiver waits `windowSymbols` (8) symbols for a preamble and
///   closes if none began: a frame starting after `W + 8·Ts` is missed;
/// - the preamble detector needs `minimumPreambleSymbols` (4) preamble
///   symbols heard while open: a frame whose preamble (programmed preamble
///   + 4.25 symbols) ends before `W + 4·Ts` is missed (it started too early);
/// - so a downlink is caught iff `preambleEnd ≥ W + 4·Ts` and
///   `start ≤ W + 8·Ts`, it is above the SF's demodulation floor and it
///   survives collisions; RX2 is not opened after a downlink caught in RX1.
public final class SimulatedDevice {
    public let nodeID: Int
    public let description: DeviceDescription
    public private(set) var uplinks: [UplinkRecord] = []
    public private(set) var downlinks: [DownlinkRecord] = []
    /// Encoding failures (should stay empty).
    public private(set) var errors: [String] = []

    public static let windowSymbols: Double = 8
    public static let minimumPreambleSymbols: Double = 4

    let clock: VirtualClock
    let air: Air
    var random: SeededRandom
    var frameCounter: UInt32 = 0
    var downlinkCounterHint: UInt32 = 0
    /// A confirmed downlink was received: ACK the next uplink.
    var acknowledgeNext = false
    var caughtInRX1ForUplink: UInt32?

    init(nodeID: Int, description: DeviceDescription, clock: VirtualClock, air: Air, seed: UInt64) {
        self.nodeID = nodeID
        self.description = description
        self.clock = clock
        self.air = air
        random = SeededRandom(seed: seed)
        air.addListener(nodeID: nodeID) { frame in self.heard(frame) }
        let first = description.firstUplinkMicros ?? (clock.now + random.next(upTo: description.periodMicros))
        clock.schedule(at: first) { self.sendUplink() }
    }

    /// Downlinks caught, decoded, in order.
    public var receivedFrames: [DataFrame] { downlinks.compactMap { $0.caught ? $0.frame : nil } }

    // MARK: Uplinks

    func sendUplink() {
        let d = description
        if let limit = d.maximumUplinks, uplinks.count >= limit { return }
        let frame = DataFrame(
            messageType: d.confirmed ? .confirmedDataUp : .unconfirmedDataUp, devAddr: d.devAddr,
            ack: acknowledgeNext, frameCounter: frameCounter, fPort: d.fPort, frmPayload: random.bytes(d.payloadBytes))
        acknowledgeNext = false
        let phyPayload: [UInt8]
        do {
            phyPayload = try DataFrameCodec.encode(frame, keys: d.keys)
        } catch {
            errors.append("\(d.name): uplink FCnt \(frameCounter): \(error.message)")
            return
        }
        let sent = air.transmit(
            from: nodeID, frequencyHz: Double(d.uplinkFrequencyHz), parameters: d.uplinkParameters,
            syncWord: d.syncWord, invertedIQ: false, payload: phyPayload, txPowerDBm: d.txPowerDBm)
        uplinks.append(UplinkRecord(
            frameCounter: frameCounter, confirmed: d.confirmed, startMicros: sent.startMicros, endMicros: sent.endMicros,
            frequencyHz: d.uplinkFrequencyHz, parameters: d.uplinkParameters, phyPayload: phyPayload))
        frameCounter &+= 1
        // Class A: the next uplink cannot start before RX2 is over.
        let rx2Over = sent.endMicros + d.receiveDelay1Micros + 1_000_000
            + UInt64(SimulatedDevice.windowSymbols * d.rx2Parameters.symbolMicros) + 1
        let next = max(sent.startMicros + d.periodMicros + random.next(upTo: d.jitterMicros), rx2Over)
        clock.schedule(at: next) { self.sendUplink() }
    }

    // MARK: Downlinks

    func matches(_ frame: AirFrame, frequencyHz: UInt32, parameters: LoRaParameters) -> Bool {
        frame.invertedIQ && frame.syncWord == description.syncWord
            && frame.parameters.spreadingFactor == parameters.spreadingFactor
            && frame.parameters.bandwidth == parameters.bandwidth
            && abs(frame.frequencyHz - Double(frequencyHz)) <= parameters.bandwidth.hertz / 4
    }

    /// A frame starts on air: if it is on one of our window channels and
    /// addressed to us, judge it when it ends (collisions are known then).
    func heard(_ frame: AirFrame) {
        let d = description
        let onRX1 = matches(frame, frequencyHz: d.effectiveRX1FrequencyHz, parameters: d.effectiveRX1Parameters)
        let onRX2 = matches(frame, frequencyHz: d.rx2FrequencyHz, parameters: d.rx2Parameters)
        guard onRX1 || onRX2, let last = uplinks.last else { return }
        guard let header = try? DataFrameCodec.peek(frame.payload), header.messageType.isDownlink,
              header.devAddr == d.devAddr else { return }
        let w1 = last.endMicros + d.receiveDelay1Micros
        let w2 = w1 + 1_000_000
        let window: ReceiveWindow
        if onRX1 && onRX2 {
            window = distance(frame.startMicros, w1) <= distance(frame.startMicros, w2) ? .rx1 : .rx2
        } else {
            window = onRX1 ? .rx1 : .rx2
        }
        clock.schedule(at: frame.endMicros) { self.judge(frame, window: window, uplink: last, opens: window == .rx1 ? w1 : w2) }
    }

    func distance(_ a: UInt64, _ b: UInt64) -> UInt64 { a > b ? a - b : b - a }

    func judge(_ frame: AirFrame, window: ReceiveWindow, uplink: UplinkRecord, opens: UInt64) {
        let ts = frame.symbolMicros
        var record = DownlinkRecord(
            window: window, uplinkFrameCounter: uplink.frameCounter, windowOpensMicros: opens,
            startMicros: frame.startMicros, endMicros: frame.endMicros, caught: false, reason: "", frame: nil,
            decodeError: nil)
        let earliestPreambleEnd = Double(opens) + SimulatedDevice.minimumPreambleSymbols * ts
        let latestStart = Double(opens) + SimulatedDevice.windowSymbols * ts
        if Double(frame.preambleEndMicros) < earliestPreambleEnd {
            record.reason = "too early: preamble ended before \(window.name) could detect it"
        } else if Double(frame.startMicros) > latestStart {
            record.reason = "too late: \(window.name) had closed"
        } else if window == .rx2 && caughtInRX1ForUplink == uplink.frameCounter {
            record.reason = "RX2 not opened: a downlink was received in RX1"
        } else if !air.isAboveFloor(frame, at: nodeID) {
            record.reason = "too weak"
        } else if !air.survivesCollisions(frame, at: nodeID) {
            record.reason = "lost in a collision"
        } else {
            record.caught = true
            if window == .rx1 { caughtInRX1ForUplink = uplink.frameCounter }
            do {
                let decoded = try DataFrameCodec.decode(frame.payload, keys: description.keys, frameCounterHint: downlinkCounterHint)
                record.frame = decoded
                downlinkCounterHint = decoded.frameCounter &+ 1
                if decoded.messageType == .confirmedDataDown { acknowledgeNext = true }
            } catch {
                record.decodeError = error.message
            }
        }
        downlinks.append(record)
    }
}
