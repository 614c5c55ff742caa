import HAL
import JSON
import LoRaPHY
import Regions
import Runtime
import SX1276

/// The gateway: radio ⇄ Semtech UDP protocol v2 on one event loop.
///
/// Uplinks: DIO0 edge → packet read → `rxpk` → bounded queue → PUSH_DATA,
/// resent after `push_timeout_ms` until PUSH_ACK, backing off while the
/// server is silent and flushing in order when it answers again.
/// Downlinks: PULL_RESP from the configured server only → checks (GPS,
/// frequency, power, timing, collision, duty cycle) → TX_ACK (identifier 5,
/// token echoed) → just-in-time queue → prepared `prepareLead` before
/// `tmst`, fired by a precise alarm so TX starts at `tmst` → receiver back
/// on its channel at TxDone. Keep-alive, stat and the watchdog are alarms.
public final class PacketForwarder<R: Reactor, Radio: GatewayRadio, Transport: DatagramTransport, UTC: UTCClock> {
    public let loop: EventLoop<R>
    public var radio: Radio
    public var upLink: Transport
    public var downLink: Transport
    public let utc: UTC
    public let configuration: ForwarderConfiguration
    public let plan: RegionalPlan
    public let receiveSettings: RadioSettings
    public private(set) var statistics = ForwarderStatistics()

    /// Log lines (the CLI prints them with a timestamp).
    public var log: (String) -> Void = { _ in }
    /// systemd notifications ("READY=1", "WATCHDOG=1", "STOPPING=1").
    public var notify: (String) -> Void = { _ in }
    /// One log line per uplink and per accepted downlink.
    public var verbose = false
    /// (intended start, when OpMode TX was written) of each downlink, µs.
    public var onTransmitFired: ((UInt64, UInt64) -> Void)?
    /// (DIO0 edge, PUSH_DATA sent) of each uplink's first transmission, µs.
    public var onUplinkSent: ((UInt64, UInt64) -> Void)?

    // Server
    public private(set) var serverUp: SocketAddress?
    public private(set) var serverDown: SocketAddress?
    private var resolveAttempts = 0

    // Uplink queue and PUSH_DATA in flight
    struct PendingUplink {
        var json: String
        var edgeMicros: UInt64
        var queuedAt: UInt64
        var token: UInt16?
        var sentBefore: Bool
    }
    struct InFlight {
        var token: UInt16
        var sentAt: UInt64
        var isStat: Bool
    }
    private var uplinks: [PendingUplink] = []
    private var inFlight: [InFlight] = []
    private var consecutiveTimeouts = 0
    private var backoffUntil: UInt64 = 0
    private var pushTimer = TimerHandle.none
    private var intervalPushSent: UInt64 = 0
    private var intervalPushAcked: UInt64 = 0
    private var pullToken: UInt16?

    // Downlinks
    public struct PlannedDownlink {
        public var payload: [UInt8]
        public var settings: RadioSettings
        public var powerDBm: Int
    }
    public private(set) var jit: JITQueue<PlannedDownlink>
    public private(set) var dutyCycle: DutyCycleTracker
    private var preparedID: UInt64?
    private var transmittingID: UInt64?
    private var transmitTimeout = TimerHandle.none

    // Radio health
    private var watchdog: Watchdog
    private var receivingSince: UInt64?
    private var lastInterruptAt: UInt64?
    private var nextWatchdogCheck: UInt64 = 0

    private var periodic: [TimerHandle] = []
    private var sources: [Int] = []
    private var receiveBuffer = [UInt8](repeating: 0, count: 4_096)
    private var randomState: UInt32
    public private(set) var isRunning = false

    public init(loop: EventLoop<R>, radio: Radio, upLink: Transport, downLink: Transport, utc: UTC,
                configuration: ForwarderConfiguration) {
        self.loop = loop
        self.radio = radio
        self.upLink = upLink
        self.downLink = downLink
        self.utc = utc
        self.configuration = configuration
        plan = configuration.radio.region.plan
        let r = configuration.radio
        receiveSettings = RadioSettings(
            frequencyHz: r.frequencyHz,
            parameters: LoRaParameters(spreadingFactor: r.dataRate.spreadingFactor, bandwidth: r.dataRate.bandwidth,
                                       codingRate: r.codingRate),
            syncWord: r.syncWord, invertIQ: false)
        jit = JITQueue(timing: configuration.jit)
        dutyCycle = DutyCycleTracker(bands: configuration.dutyCycleEnforced ? plan.dutyCycleBands : [])
        watchdog = Watchdog(policy: configuration.watchdog)
        randomState = UInt32(truncatingIfNeeded: loop.nowMicros ^ 0x9E37_79B9) | 1
        uplinks.reserveCapacity(min(configuration.uplinkQueueLimit, 1_024))
    }

    // MARK: Life cycle

    /// Starts the radio, registers the sources and alarms, resolves the
    /// server, sends the first PULL_DATA and stat, and says READY=1.
    public func start() throws(SX1276Error) {
        try radio.start(receive: receiveSettings)
        let now = loop.nowMicros
        receivingSince = now
        isRunning = true
        log("radio listening on \(NumberText.megahertz(receiveSettings.frequencyHz)) MHz \(configuration.radio.dataRate.text) \(configuration.radio.codingRate.label), region \(plan.id.rawValue)")
        sources.append(loop.addSource(descriptor: radio.interruptDescriptor) { self.serviceRadio() })
        sources.append(loop.addSource(descriptor: upLink.descriptor) { self.serviceUpLink() })
        sources.append(loop.addSource(descriptor: downLink.descriptor) { self.serviceDownLink() })
        resolveServer()
        // resolveServer() sent the first PULL_DATA (when the name resolved).
        periodic.append(loop.scheduleRepeating(everyMicros: configuration.keepaliveMicros, firstAt: now + configuration.keepaliveMicros) {
            self.sendKeepalive()
        })
        periodic.append(loop.scheduleRepeating(everyMicros: configuration.statMicros, firstAt: now + configuration.statMicros) {
            self.sendStat()
        })
        nextWatchdogCheck = now + configuration.watchdog.checkIntervalMicros
        periodic.append(loop.scheduleRepeating(everyMicros: configuration.watchdog.checkIntervalMicros) {
            self.checkHealth()
        })
        notify("READY=1")
    }

    /// Clean stop: alarms cancelled, radio to sleep, final statistics logged.
    public func stop() {
        guard isRunning else { return }
        isRunning = false
        notify("STOPPING=1")
        for handle in periodic { loop.cancel(handle) }
        loop.cancel(pushTimer)
        loop.cancel(transmitTimeout)
        for id in sources { loop.removeSource(id) }
        do {
            try radio.sleep()
        } catch {
            log("radio: cannot enter sleep: \(error.message)")
        }
        log("stopped; final statistics: \(statistics.summary)")
    }

    // MARK: Server address

    private func resolveServer() {
        let host = configuration.serverAddress
        switch upLink.resolve(host: host, port: configuration.serverPortUp) {
        case .success(let address):
            serverUp = address
            var down = address
            down.port = configuration.serverPortDown
            serverDown = down
            resolveAttempts = 0
            log("server \(host) is \(address.description) (up), port \(down.port) (down)")
            sendKeepalive()
            pump()
        case .failure(let error):
            statistics.resolveFailures += 1
            resolveAttempts += 1
            let delay = min(UInt64(1_000_000) << UInt64(min(resolveAttempts - 1, 6)), 60_000_000)
            log("\(error.message); retrying in \(delay / 1_000_000) s (uplinks are kept)")
            loop.schedule(afterMicros: delay) { if self.isRunning { self.resolveServer() } }
        }
    }

    private func nextToken() -> UInt16 {
        randomState ^= randomState << 13
        randomState ^= randomState >> 17
        randomState ^= randomState << 5
        return UInt16(truncatingIfNeeded: randomState)
    }

    // MARK: Radio

    private func serviceRadio() {
        while isRunning {
            let event: RadioEvent?
            do {
                event = try radio.nextEvent()
            } catch {
                statistics.radioErrors += 1
                log("radio: \(error.message)")
                restartRadio(reason: error.message)
                return
            }
            guard let event else { return }
            switch event {
            case .received(let packet):
                lastInterruptAt = packet.timestampMicros
                received(packet)
            case .transmitted(let micros):
                lastInterruptAt = micros
                transmitted()
            default:
                break
            }
        }
    }

    private func received(_ packet: ReceivedPacket) {
        statistics.rxnb += 1
        let forward: Bool
        switch packet.crc {
        case .ok:
            statistics.rxok += 1
            forward = configuration.forwardCRCValid
        case .bad:
            statistics.rxBadCRC += 1
            forward = configuration.forwardCRCError
        case .absent:
            statistics.rxNoCRC += 1
            forward = configuration.forwardCRCDisabled
        }
        guard forward else { return }
        let now = loop.nowMicros
        let age = now > packet.timestampMicros ? now - packet.timestampMicros : 0
        let rx = RxPacket(packet: packet, utcMicros: utc.utcMicros() - Int64(age), defaultCodingRate: configuration.radio.codingRate)
        if uplinks.count >= configuration.uplinkQueueLimit {
            if let oldest = uplinks.firstIndex(where: { $0.token == nil }) {
                uplinks.remove(at: oldest)
                statistics.uplinksDroppedFull += 1
            }
        }
        uplinks.append(PendingUplink(json: rx.json, edgeMicros: packet.timestampMicros, queuedAt: now, token: nil,
                                     sentBefore: false))
        if verbose {
            log("uplink: tmst \(rx.tmst) \(NumberText.megahertz(rx.frequencyHz)) MHz \(rx.dataRate.text) rssi \(NumberText.fixed(rx.rssiDBm, decimals: 0)) snr \(NumberText.fixed(rx.snrDB, decimals: 1)) \(packet.payload.count) bytes")
        }
        statistics.rxfw += 1
        pump()
    }

    private func transmitted() {
        loop.cancel(transmitTimeout)
        if let id = transmittingID {
            jit.remove(id: id)
            transmittingID = nil
            statistics.txnb += 1
        }
        resumeReceiver()
    }

    private func resumeReceiver() {
        do {
            try radio.resumeReceive()
            receivingSince = loop.nowMicros
        } catch {
            statistics.radioErrors += 1
            restartRadio(reason: error.message)
        }
    }

    /// Re-initialises the radio; queued uplinks and downlinks are kept.
    private func restartRadio(reason: String) {
        statistics.radioRestarts += 1
        log("radio: re-initialising (\(reason)); \(uplinks.count) uplinks and \(jit.entries.count) downlinks stay queued")
        if let id = preparedID ?? transmittingID {
            jit.remove(id: id)
            dutyCycle.cancel(id: id)
        }
        preparedID = nil
        transmittingID = nil
        do {
            try radio.start(receive: receiveSettings)
            receivingSince = loop.nowMicros
            lastInterruptAt = nil
        } catch {
            log("radio: re-initialisation failed: \(error.message); retrying in 1 s")
            loop.schedule(afterMicros: 1_000_000) {
                if self.isRunning { self.restartRadio(reason: "previous attempt failed") }
            }
        }
    }

    // MARK: Uplink queue → PUSH_DATA

    /// Sends what may be sent now: batches of unsent uplinks while the
    /// window allows (one probe at a time while the server is silent).
    private func pump() {
        guard isRunning, let server = serverUp else { return }
        let now = loop.nowMicros
        dropExpired(now: now)
        if consecutiveTimeouts > 0 && now < backoffUntil {
            armPushTimer()
            return
        }
        let window = consecutiveTimeouts > 0 ? 1 : configuration.pushWindow
        while inFlight.filter({ !$0.isStat }).count < window {
            var members: [Int] = []
            var bytes = 0
            for index in uplinks.indices where uplinks[index].token == nil {
                let size = uplinks[index].json.utf8.count + 1
                if !members.isEmpty && (members.count == 8 || bytes + size > 1_400) { break }
                members.append(index)
                bytes += size
            }
            if members.isEmpty { break }
            let token = nextToken()
            var json = "{\"rxpk\":["
            for (position, index) in members.enumerated() {
                if position > 0 { json += "," }
                json += uplinks[index].json
            }
            json += "]}"
            let datagram = SemtechDatagram.encode(.pushData, token: token, eui: configuration.gatewayEUI, json: json)
            send(datagram, on: true, to: server)
            let sentAt = loop.nowMicros
            for index in members {
                uplinks[index].token = token
                if uplinks[index].sentBefore {
                    statistics.pushResent += 1
                } else {
                    uplinks[index].sentBefore = true
                    onUplinkSent?(uplinks[index].edgeMicros, sentAt)
                }
            }
            inFlight.append(InFlight(token: token, sentAt: now, isStat: false))
        }
        armPushTimer()
    }

    private func dropExpired(now: UInt64) {
        let maxAge = configuration.uplinkMaxAgeMicros
        guard let first = uplinks.first, now - first.queuedAt > maxAge else { return }
        let before = uplinks.count
        uplinks.removeAll { $0.token == nil && now - $0.queuedAt > maxAge }
        statistics.uplinksDroppedAge += UInt64(before - uplinks.count)
    }

    private func armPushTimer() {
        loop.cancel(pushTimer)
        var deadline: UInt64?
        for flight in inFlight where !flight.isStat {
            let due = flight.sentAt + configuration.pushTimeoutMicros
            if deadline == nil || due < deadline! { deadline = due }
        }
        // Waiting out a backoff: wake when it ends (a backoff already over
        // with the window full waits for the in-flight timeout instead).
        if consecutiveTimeouts > 0 && backoffUntil > loop.nowMicros && uplinks.contains(where: { $0.token == nil }) {
            if deadline == nil || backoffUntil < deadline! { deadline = backoffUntil }
        }
        guard let deadline else { pushTimer = .none; return }
        pushTimer = loop.schedule(at: deadline) { self.pushTimerFired() }
    }

    private func pushTimerFired() {
        pushTimer = .none
        let now = loop.nowMicros
        var expired = false
        inFlight.removeAll { flight in
            guard flight.sentAt + configuration.pushTimeoutMicros <= now else { return false }
            if !flight.isStat {
                expired = true
                for index in uplinks.indices where uplinks[index].token == flight.token { uplinks[index].token = nil }
            }
            return true
        }
        if expired {
            consecutiveTimeouts += 1
            let shift = UInt64(min(consecutiveTimeouts - 1, 16))
            let backoff = min(configuration.pushTimeoutMicros << shift, configuration.pushMaxBackoffMicros)
            backoffUntil = now + backoff
            if consecutiveTimeouts == 3 {
                log("server is not acknowledging PUSH_DATA; holding \(uplinks.count) uplinks and retrying")
            }
        }
        pump()
    }

    private func serverAnswered() {
        if consecutiveTimeouts >= 3 {
            log("server answers again; sending \(uplinks.count) held uplinks")
        }
        consecutiveTimeouts = 0
        backoffUntil = 0
    }

    private func send(_ datagram: [UInt8], on up: Bool, to address: SocketAddress) {
        do {
            if up {
                try upLink.send(datagram, to: address)
            } else {
                try downLink.send(datagram, to: address)
            }
            if up && datagram.count > 3 && datagram[3] == SemtechIdentifier.pushData.rawValue {
                statistics.pushSent += 1
                intervalPushSent += 1
            }
        } catch {
            statistics.sendFailures += 1
            if statistics.sendFailures < 10 || statistics.sendFailures % 100 == 0 { log(error.message) }
        }
    }

    // MARK: Keep-alive and stat

    private func sendKeepalive() {
        guard isRunning, let server = serverDown else { return }
        let token = nextToken()
        pullToken = token
        send(SemtechDatagram.pullData(token: token, eui: configuration.gatewayEUI), on: false, to: server)
        statistics.pullSent += 1
    }

    /// The report of the last interval: fresh object, `ackr` over the interval.
    public func makeStatReport() -> StatReport {
        let ackr = intervalPushSent > 0 ? 100 * Double(intervalPushAcked) / Double(intervalPushSent) : 0
        return StatReport(utcMicros: utc.utcMicros(), latitude: configuration.referenceLatitude,
                          longitude: configuration.referenceLongitude, altitudeMeters: configuration.referenceAltitude,
                          rxnb: statistics.rxnb, rxok: statistics.rxok, rxfw: statistics.rxfw, ackr: ackr,
                          dwnb: statistics.dwnb, txnb: statistics.txnb)
    }

    private func sendStat() {
        let report = makeStatReport()
        intervalPushSent = 0
        intervalPushAcked = 0
        log("stat: \(statistics.summary)")
        guard let server = serverUp else { return }
        let now = loop.nowMicros
        inFlight.removeAll { $0.isStat && $0.sentAt + configuration.pushTimeoutMicros <= now }  // never acknowledged
        let token = nextToken()
        send(SemtechDatagram.encode(.pushData, token: token, eui: configuration.gatewayEUI, json: report.json), on: true, to: server)
        statistics.statsSent += 1
        inFlight.append(InFlight(token: token, sentAt: loop.nowMicros, isStat: true))
    }

    // MARK: Datagrams from the server

    private func serviceUpLink() {
        while isRunning {
            let received: (count: Int, from: SocketAddress)?
            do {
                received = try upLink.receive(into: &receiveBuffer)
            } catch {
                log(error.message)
                return
            }
            guard let (count, from) = received else { return }
            handleDatagram(count: count, from: from, onUpLink: true)
        }
    }

    private func serviceDownLink() {
        while isRunning {
            let received: (count: Int, from: SocketAddress)?
            do {
                received = try downLink.receive(into: &receiveBuffer)
            } catch {
                log(error.message)
                return
            }
            guard let (count, from) = received else { return }
            handleDatagram(count: count, from: from, onUpLink: false)
        }
    }

    private func handleDatagram(count: Int, from: SocketAddress, onUpLink: Bool) {
        guard from == (onUpLink ? serverUp : serverDown) else {
            statistics.foreign += 1
            if statistics.foreign <= 3 { log("ignored a datagram from \(from.description): not the configured server") }
            return
        }
        guard count <= receiveBuffer.count else { malformed(.oversized); return }
        let bytes = receiveBuffer[0..<count]
        let header: SemtechDatagram.Header
        switch SemtechDatagram.header(bytes) {
        case .success(let h): header = h
        case .failure(let reason): malformed(reason); return
        }
        switch (header.identifier, onUpLink) {
        case (.pushAck, true):
            guard let index = inFlight.firstIndex(where: { $0.token == header.token }) else { return }  // late or duplicate
            let flight = inFlight.remove(at: index)
            statistics.pushAcknowledged += 1
            intervalPushAcked += 1
            if !flight.isStat {
                let before = uplinks.count
                uplinks.removeAll { $0.token == flight.token }
                statistics.uplinksAcknowledged += UInt64(before - uplinks.count)
            }
            serverAnswered()
            pump()
        case (.pullAck, false):
            guard header.token == pullToken else { return }
            pullToken = nil
            statistics.pullAcknowledged += 1
            if consecutiveTimeouts > 0 {
                serverAnswered()
                pump()
            }
        case (.pullResp, false):
            statistics.dwnb += 1
            switch TxPacket.parse(json: bytes.dropFirst(4)) {
            case .failure(let reason): malformed(reason)
            case .success(let txpk):
                let ack = schedule(txpk)
                statistics.txAcks[ack.error.rawValue, default: 0] += 1
                if let server = serverDown {
                    send(SemtechDatagram.encode(.txAck, token: header.token, eui: configuration.gatewayEUI, json: ack.json),
                         on: false, to: server)
                }
            }
        default:
            malformed(.unexpectedIdentifier)
        }
    }

    private func malformed(_ reason: MalformedDatagram) {
        statistics.malformed += 1
        if statistics.malformed <= 5 || statistics.malformed % 1_000 == 0 {
            log("dropped a malformed datagram from the server: \(reason.message) (\(statistics.malformed) so far)")
        }
    }

    // MARK: Downlinks

    /// Checks a downlink request and queues it; the answer for TX_ACK.
    public func schedule(_ txpk: TxPacket) -> TxAck {
        let now = loop.nowMicros
        let tmst: UInt32
        switch txpk.timing {
        case .gps:
            return refuse(.gpsUnlocked, "needs GPS time; this gateway has no GPS")
        case .counter(let value):
            tmst = value
        case .immediate:
            tmst = 0
        }
        guard plan.isAllowedTransmit(frequencyHz: txpk.frequencyHz) else {
            return refuse(.txFrequency, "\(NumberText.megahertz(txpk.frequencyHz)) MHz is outside \(plan.id.rawValue)'s downlink ranges")
        }
        let requested = txpk.powerDBm ?? plan.defaultTxPowerDBm
        let eirpLimit = Int((plan.maxEIRPdBm - configuration.radio.antennaGainDBi).rounded(.down))
        var power = min(requested, eirpLimit, configuration.radio.maxConductedPowerDBm)
        power = max(power, 2)  // PA_BOOST's lowest setting
        var warning: Int?
        if power != requested {
            warning = power
            statistics.txPowerLowered += 1
        }
        let parameters = txpk.parameters
        let airtime = UInt64(Airtime(payloadBytes: txpk.payload.count, parameters: parameters).totalMicros)
        let start: UInt64
        if case .immediate = txpk.timing {
            start = jit.earliestStart(now: now, airtimeMicros: airtime)
        } else {
            start = CounterTime.localMicros(tmst: tmst, now: now)
        }
        let refusal: JITQueue<PlannedDownlink>.Refusal? = jit.check(startMicros: start, airtimeMicros: airtime, now: now)
        switch refusal {
        case .tooLate?: return refuse(.tooLate, "tmst \(tmst) is \(start > now ? "only \((start - now) / 1000) ms ahead" : "in the past")")
        case .tooEarly?: return refuse(.tooEarly, "tmst \(tmst) is \((start - now) / 1_000_000) s ahead")
        case .collision?: return refuse(.collisionPacket, "overlaps a queued downlink")
        case nil: break
        }
        if !dutyCycle.allows(frequencyHz: txpk.frequencyHz, startMicros: start, airtimeMicros: airtime) {
            return refuse(configuration.dutyCycleError, "sub-band duty cycle for the last hour is used up")
        }
        let settings = RadioSettings(frequencyHz: txpk.frequencyHz, parameters: parameters, syncWord: configuration.radio.syncWord,
                                     invertIQ: txpk.invertPolarity)
        let id = jit.insert(startMicros: start, airtimeMicros: airtime,
                            item: PlannedDownlink(payload: txpk.payload, settings: settings, powerDBm: power))
        dutyCycle.record(id: id, frequencyHz: txpk.frequencyHz, startMicros: start, airtimeMicros: airtime)
        dutyCycle.prune(now: now)
        if verbose {
            log("downlink: \(txpk.payload.count) bytes at \(NumberText.megahertz(txpk.frequencyHz)) MHz \(txpk.dataRate.text) \(power) dBm in \((start - now) / 1_000) ms\(txpk.invertPolarity ? "" : " (IQ not inverted)")")
        }
        loop.schedule(at: start - configuration.jit.prepareLeadMicros) { self.prepare(id) }
        let fireAt = start - min(start, configuration.jit.fireLatencyMicros)
        loop.schedule(at: fireAt, precise: true) { self.fire(id) }
        return TxAck(error: .none, powerWarningDBm: warning)
    }

    private func refuse(_ error: TxAckError, _ why: String) -> TxAck {
        log("downlink refused, \(error.rawValue): \(why)")
        return TxAck(error: error)
    }

    private func prepare(_ id: UInt64) {
        guard isRunning, let entry = jit.entry(id: id) else { return }
        do {
            try radio.prepareTransmit(entry.item.payload, settings: entry.item.settings, powerDBm: entry.item.powerDBm)
            preparedID = id
            receivingSince = nil
        } catch {
            statistics.radioErrors += 1
            log("radio: cannot load downlink: \(error.message)")
            jit.remove(id: id)
            dutyCycle.cancel(id: id)
            restartRadio(reason: error.message)
        }
    }

    private func fire(_ id: UInt64) {
        guard isRunning, preparedID == id, let entry = jit.entry(id: id) else { return }
        do {
            try radio.fireTransmit()
        } catch {
            statistics.radioErrors += 1
            log("radio: cannot start downlink: \(error.message)")
            jit.remove(id: id)
            dutyCycle.cancel(id: id)
            preparedID = nil
            restartRadio(reason: error.message)
            return
        }
        let firedAt = loop.nowMicros
        onTransmitFired?(entry.startMicros, firedAt + configuration.jit.fireLatencyMicros)
        preparedID = nil
        transmittingID = id
        loop.cancel(transmitTimeout)
        transmitTimeout = loop.schedule(at: entry.endMicros + 200_000) {
            guard self.transmittingID == id else { return }
            self.restartRadio(reason: "no TxDone 200 ms after the downlink's end")
        }
    }

    // MARK: Watchdog

    private func checkHealth() {
        let now = loop.nowMicros
        let scheduled = nextWatchdogCheck
        nextWatchdogCheck = max(scheduled + configuration.watchdog.checkIntervalMicros, now)
        let idle = preparedID == nil && transmittingID == nil
        let verdict = watchdog.check(now: now, scheduledAt: scheduled, modeMatches: idle ? radio.modeIsAsExpected() : true,
                                     receivingSince: idle ? receivingSince : nil, lastInterruptAt: lastInterruptAt)
        switch verdict {
        case .healthy:
            notify("WATCHDOG=1")
        case .loopStalled(let late):
            statistics.loopStalls += 1
            log("watchdog: event loop stalled (alarm \(late / 1_000) ms late)")
        case .radioNotAnswering(let reason):
            restartRadio(reason: reason)
        }
    }

    /// Uplinks waiting for acknowledgement (for tests and the final log).
    public var queuedUplinks: Int { uplinks.count }
}
