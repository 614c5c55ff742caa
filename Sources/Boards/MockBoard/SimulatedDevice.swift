import HAL
import LoRaPHY
import LoRaWAN
import Randomness
import SX1276Emulator

/// A LoRaWAN 1.0.x Class A end device on the simulated air: sends its
/// uplinks on its own schedule as real data frames (MIC and FRMPayload
/// encryption by the LoRaWAN module, AES from mbedTLS), then opens RX1 and
/// RX2 like a real device and records every downlink addressed to it.
///
/// An OTAA device first joins (LoRaWAN 1.0.x §6.2): it sends a JoinRequest
/// with a fresh DevNonce, opens RX1 at JOIN_ACCEPT_DELAY1 (5 s) and RX2 at
/// JOIN_ACCEPT_DELAY2 (6 s), and on a JoinAccept whose MIC verifies with its
/// AppKey derives NwkSKey/AppSKey, takes the DevAddr and RxDelay and goes on
/// with data frames from FCnt 0. Without an accept it tries again after a
/// backoff that doubles per attempt (`joinRetryMicros`…`joinRetryMaximumMicros`).
///
/// The receive windows, precisely. For an uplink ending at `E`:
/// - RX1 opens at `W1 = E + RECEIVE_DELAY1` (or JOIN_ACCEPT_DELAY1), RX2 at
///   `W2 = W1 + 1 s`, each on its own channel and data rate (symbol time `Ts`);
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
    /// OTAA: every JoinRequest sent, in order.
    public private(set) var joinRequests: [JoinRequestRecord] = []
    /// Encoding failures (should stay empty).
    public private(set) var errors: [String] = []
    /// The address and keys in use: ABP from the description, OTAA after the join (nil before).
    public private(set) var devAddr: DevAddr?
    public private(set) var sessionKeys: SessionKeys?

    public static let windowSymbols: Double = 8
    public static let minimumPreambleSymbols: Double = 4

    /// The receive windows of the last transmission.
    struct Windows {
        var serial: Int
        var endMicros: UInt64
        var receiveDelay1Micros: UInt64
        /// After a JoinRequest (the join attempt), else after the data uplink with this FCnt.
        var joinAttempt: Int?
        var frameCounter: UInt32
    }

    let clock: VirtualClock
    let air: Air
    var random: SeededRandom
    var frameCounter: UInt32 = 0
    var downlinkCounterHint: UInt32 = 0
    var receiveDelay1Micros: UInt64
    /// A confirmed downlink was received: ACK the next uplink.
    var acknowledgeNext = false
    var windows: Windows?
    var windowSerial = 0
    var caughtInRX1ForSerial: Int?
    var usedDevNonces: Set<UInt16> = []

    public var isJoined: Bool { sessionKeys != nil }

    init(nodeID: Int, description: DeviceDescription, clock: VirtualClock, air: Air, seed: UInt64) {
        self.nodeID = nodeID
        self.description = description
        self.clock = clock
        self.air = air
        random = SeededRandom(seed: seed)
        receiveDelay1Micros = description.receiveDelay1Micros
        if description.otaa == nil {
            devAddr = description.devAddr
            sessionKeys = description.keys
        }
        air.addListener(nodeID: nodeID) { frame in self.heard(frame) }
        let first = description.firstUplinkMicros ?? (clock.now + random.next(upTo: description.periodMicros))
        clock.schedule(at: first) { self.sendUplink() }
    }

    /// Downlinks caught, decoded, in order.
    public var receivedFrames: [DataFrame] { downlinks.compactMap { $0.caught ? $0.frame : nil } }

    // MARK: Joining (OTAA)

    func sendJoinRequest() {
        guard let otaa = description.otaa else { return }
        let d = description
        guard usedDevNonces.count <= Int(UInt16.max) else {
            errors.append("\(d.name): every DevNonce has been used; the device cannot join again")
            return
        }
        var devNonce = UInt16(truncatingIfNeeded: random.next())
        while usedDevNonces.contains(devNonce) { devNonce &+= 1 }
        usedDevNonces.insert(devNonce)
        let request = JoinRequest(joinEUI: otaa.joinEUI, devEUI: otaa.devEUI, devNonce: devNonce)
        let phyPayload: [UInt8]
        do {
            phyPayload = try request.encode(appKey: otaa.appKey)
        } catch {
            errors.append("\(d.name): JoinRequest: \(error.message)")
            return
        }
        let sent = transmit(phyPayload)
        let attempt = joinRequests.count
        joinRequests.append(JoinRequestRecord(
            attempt: attempt, devNonce: devNonce, startMicros: sent.startMicros, endMicros: sent.endMicros,
            frequencyHz: d.uplinkFrequencyHz, parameters: d.uplinkParameters, phyPayload: phyPayload, accept: nil))
        openWindows(afterEnd: sent.endMicros, delay1Micros: JoinServer.joinAcceptDelay1Micros, joinAttempt: attempt)
        // No accept by the end of RX2: try again, later each time.
        clock.schedule(at: rx2ClosesMicros(afterEnd: sent.endMicros, delay1Micros: JoinServer.joinAcceptDelay1Micros)) {
            guard !self.isJoined else { return }
            let shift = UInt64(min(attempt, 30))
            let wait = min(d.joinRetryMicros << shift, d.joinRetryMaximumMicros)
            self.clock.schedule(at: self.clock.now + wait + self.random.next(upTo: wait / 2)) { self.sendJoinRequest() }
        }
    }

    func joined(_ accept: JoinAccept, attempt: Int, at micros: UInt64) {
        guard let otaa = description.otaa, !isJoined else { return }
        do {
            sessionKeys = try SessionKeys.derive(appKey: otaa.appKey, accept: accept, devNonce: joinRequests[attempt].devNonce)
        } catch {
            errors.append("\(description.name): session keys: \(error.message)")
            return
        }
        joinRequests[attempt].accept = accept
        devAddr = accept.devAddr
        receiveDelay1Micros = UInt64(accept.receiveDelay1Seconds) * 1_000_000
        frameCounter = 0
        downlinkCounterHint = 0
        // The first data uplink soon after the join (within 2 s).
        clock.schedule(at: micros + 1_000_000 + random.next(upTo: 1_000_000)) { self.sendUplink() }
    }

    // MARK: Uplinks

    func sendUplink() {
        let d = description
        guard let devAddr, let keys = sessionKeys else {
            if d.otaa != nil { sendJoinRequest() } else { errors.append("\(d.name): neither ABP keys nor OTAA credentials") }
            return
        }
        if let limit = d.maximumUplinks, uplinks.count >= limit { return }
        let frame = DataFrame(
            messageType: d.confirmed ? .confirmedDataUp : .unconfirmedDataUp, devAddr: devAddr,
            ack: acknowledgeNext, frameCounter: frameCounter, fPort: d.fPort, frmPayload: random.bytes(d.payloadBytes))
        acknowledgeNext = false
        let phyPayload: [UInt8]
        do {
            phyPayload = try DataFrameCodec.encode(frame, keys: keys)
        } catch {
            errors.append("\(d.name): uplink FCnt \(frameCounter): \(error.message)")
            return
        }
        let sent = transmit(phyPayload)
        uplinks.append(UplinkRecord(
            frameCounter: frameCounter, confirmed: d.confirmed, startMicros: sent.startMicros, endMicros: sent.endMicros,
            frequencyHz: d.uplinkFrequencyHz, parameters: d.uplinkParameters, phyPayload: phyPayload))
        openWindows(afterEnd: sent.endMicros, delay1Micros: receiveDelay1Micros, joinAttempt: nil)
        frameCounter &+= 1
        // Class A: the next uplink cannot start before RX2 is over.
        let rx2Over = rx2ClosesMicros(afterEnd: sent.endMicros, delay1Micros: receiveDelay1Micros)
        let next = max(sent.startMicros + d.periodMicros + random.next(upTo: d.jitterMicros), rx2Over)
        clock.schedule(at: next) { self.sendUplink() }
    }

    func transmit(_ phyPayload: [UInt8]) -> AirFrame {
        let d = description
        return air.transmit(
            from: nodeID, frequencyHz: Double(d.uplinkFrequencyHz), parameters: d.uplinkParameters,
            syncWord: d.syncWord, invertedIQ: false, payload: phyPayload, txPowerDBm: d.txPowerDBm)
    }

    func openWindows(afterEnd end: UInt64, delay1Micros: UInt64, joinAttempt: Int?) {
        windowSerial += 1
        windows = Windows(serial: windowSerial, endMicros: end, receiveDelay1Micros: delay1Micros, joinAttempt: joinAttempt,
                          frameCounter: frameCounter)
    }

    func rx2ClosesMicros(afterEnd end: UInt64, delay1Micros: UInt64) -> UInt64 {
        end + delay1Micros + 1_000_000 + UInt64(SimulatedDevice.windowSymbols * description.rx2Parameters.symbolMicros) + 1
    }

    // MARK: Downlinks

    func matches(_ frame: AirFrame, frequencyHz: UInt32, parameters: LoRaParameters) -> Bool {
        frame.invertedIQ && frame.syncWord == description.syncWord
            && frame.parameters.spreadingFactor == parameters.spreadingFactor
            && frame.parameters.bandwidth == parameters.bandwidth
            && abs(frame.frequencyHz - Double(frequencyHz)) <= parameters.bandwidth.hertz / 4
    }

    /// A frame starts on air: if it is on one of our window channels and
    /// may be for us (a JoinAccept while joining, a downlink to our DevAddr
    /// otherwise), judge it when it ends (collisions are known then).
    func heard(_ frame: AirFrame) {
        let d = description
        let onRX1 = matches(frame, frequencyHz: d.effectiveRX1FrequencyHz, parameters: d.effectiveRX1Parameters)
        let onRX2 = matches(frame, frequencyHz: d.rx2FrequencyHz, parameters: d.rx2Parameters)
        guard onRX1 || onRX2, let open = windows else { return }
        guard let header = try? DataFrameCodec.peek(frame.payload) else { return }
        if open.joinAttempt != nil {
            guard header.messageType == .joinAccept else { return }
        } else {
            guard header.messageType.isData, header.messageType.isDownlink, header.devAddr == devAddr else { return }
        }
        let w1 = open.endMicros + open.receiveDelay1Micros
        let w2 = w1 + 1_000_000
        let window: ReceiveWindow
        if onRX1 && onRX2 {
            window = distance(frame.startMicros, w1) <= distance(frame.startMicros, w2) ? .rx1 : .rx2
        } else {
            window = onRX1 ? .rx1 : .rx2
        }
        clock.schedule(at: frame.endMicros) { self.judge(frame, window: window, windows: open, opens: window == .rx1 ? w1 : w2) }
    }

    func distance(_ a: UInt64, _ b: UInt64) -> UInt64 { a > b ? a - b : b - a }

    func judge(_ frame: AirFrame, window: ReceiveWindow, windows open: Windows, opens: UInt64) {
        let ts = frame.symbolMicros
        var record = DownlinkRecord(
            window: window, uplinkFrameCounter: open.joinAttempt.map { UInt32($0) } ?? open.frameCounter,
            windowOpensMicros: opens, startMicros: frame.startMicros, endMicros: frame.endMicros, caught: false,
            reason: "", frame: nil, decodeError: nil)
        let earliestPreambleEnd = Double(opens) + SimulatedDevice.minimumPreambleSymbols * ts
        let latestStart = Double(opens) + SimulatedDevice.windowSymbols * ts
        if Double(frame.preambleEndMicros) < earliestPreambleEnd {
            record.reason = "too early: preamble ended before \(window.name) could detect it"
        } else if Double(frame.startMicros) > latestStart {
            record.reason = "too late: \(window.name) had closed"
        } else if window == .rx2 && caughtInRX1ForSerial == open.serial {
            record.reason = "RX2 not opened: a downlink was received in RX1"
        } else if !air.isAboveFloor(frame, at: nodeID) {
            record.reason = "too weak"
        } else if !air.survivesCollisions(frame, at: nodeID) {
            record.reason = "lost in a collision"
        } else if let attempt = open.joinAttempt {
            // A JoinAccept is for us only if it verifies with our AppKey: others' are not recorded.
            guard let otaa = description.otaa, !isJoined,
                  let accept = try? JoinAccept.decode(frame.payload, appKey: otaa.appKey) else { return }
            record.caught = true
            record.joinAccept = accept
            if window == .rx1 { caughtInRX1ForSerial = open.serial }
            joined(accept, attempt: attempt, at: frame.endMicros)
        } else {
            record.caught = true
            if window == .rx1 { caughtInRX1ForSerial = open.serial }
            do {
                guard let keys = sessionKeys else { return }
                let decoded = try DataFrameCodec.decode(frame.payload, keys: keys, frameCounterHint: downlinkCounterHint)
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
