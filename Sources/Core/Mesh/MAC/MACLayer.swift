import Runtime

/// A frame handed to the MAC for sending. `frame.security` is filled in
/// by the MAC (frame counter, key index) when `secure` is set.
public struct MACTransmitRequest: Sendable {
    public var frame: MACFrame
    public var secure: Bool

    public init(frame: MACFrame, secure: Bool) {
        self.frame = frame
        self.secure = secure
    }
}

/// How a transmission ended.
public enum MACTransmitResult: Equatable, Sendable {
    /// Sent (and acknowledged, if an ACK was requested); `framePending` from the ACK.
    case sent(framePending: Bool)
    case noAck
    case channelAccessFailure
    case failed(MeshError)
}

/// A frame the MAC accepted: FCS good, for us, authenticated and fresh,
/// payload decrypted.
public struct MACIndication: Equatable, Sendable {
    public var frame: MACFrame
    public var rssiDBm: Int
    public var lqi: UInt8
    public var timestampMicros: UInt64
    /// Whether it arrived with MAC security (and under which key sequence).
    public var secured: Bool
    public var keySequence: UInt32?
    /// The sender's extended address when known (from the frame or the table).
    public var senderExtended: ExtendedAddress?
}

/// The IEEE 802.15.4 MAC on the Runtime event loop: a bounded transmit
/// queue, random backoff and listen-before-talk (CAD on LoRa, in place of
/// CCA), level-5 security with frame counters, immediate ACKs with
/// retries sized from airtime, frame-pending, duplicate and replay
/// rejection, duty-cycle deferral. One frame in flight at a time.
/// (OpenThread `src/core/mac/mac.cpp` and `sub_mac.cpp` are the model.)
///
/// Closures given to the loop hold the MAC strongly (Embedded Swift has no
/// weak or unowned references): a MAC lives as long as its node; `stop()`
/// removes its loop source.
public final class MACLayer<Radio: MeshRadio, R: Reactor> {
    public var radio: Radio
    public let loop: EventLoop<R>
    public var panID: UInt16
    public var extendedAddress: ExtendedAddress
    public var shortAddress: ShortAddress = .invalidShort
    public var keys: KeyManager
    public var neighbors = NeighborSecurityTable()
    public var parameters: MACParameters
    public var timing: MACTiming
    public private(set) var counters = MACCounters()
    public private(set) var dutyCycle: DutyCycle
    /// Accept frames for any destination and PAN (sniffing, tests).
    public var promiscuous = false
    /// Called for every accepted frame.
    public var onReceive: ((MACIndication) -> Void)?
    /// Called when a neighbour's authentic frame used a newer key sequence than ours (the
    /// next one: only it is in the key window). The owner of the key sequence decides, with
    /// its switch guard, whether to follow (OpenThread `Mac::ProcessReceiveSecurity`:
    /// `SetCurrentKeySequence(seq, kApplySwitchGuard | kResetGuardTimer)`).
    public var onNewerKeySequence: ((UInt32) -> Void)?
    /// Whether an ACK to `source` should carry frame-pending (data queued
    /// for a sleepy child: mesh-high's indirect transmissions).
    public var framePendingFor: ((MACAddress) -> Bool)?

    private enum State: Equatable {
        case idle, backoff, channelCheck, transmitting, waitingForAck, sendingAck
    }

    private struct Pending {
        var psdu: [UInt8]
        var sequence: UInt8
        var ackRequested: Bool
        var retries: Int
        var backoffs: Int
        var exponent: Int
        var completion: (MACTransmitResult) -> Void
    }

    private var state: State = .idle
    private var queue: [Pending] = []
    private var current: Pending?
    private var timer = TimerHandle.none
    private var sequence: UInt8
    private var random: MeshRandom
    private var sourceID = -1
    /// An ACK waiting for the radio (received while our own frame was in flight).
    private var ackToSend: [UInt8]?
    private var recentUnsecured: [(source: MACAddress, sequence: UInt8)] = []

    public init(radio: Radio, loop: EventLoop<R>, panID: UInt16, extendedAddress: ExtendedAddress, keys: KeyManager,
                parameters: MACParameters = MACParameters(), seed: UInt64) {
        self.radio = radio
        self.loop = loop
        self.panID = panID
        self.extendedAddress = extendedAddress
        self.keys = keys
        self.parameters = parameters
        timing = MACTiming.forRadio(radio)
        dutyCycle = DutyCycle(limitPerMille: parameters.dutyCyclePerMille)
        random = MeshRandom(seed: seed)
        sequence = UInt8(truncatingIfNeeded: random.next())
    }

    /// Starts the radio and registers it with the loop.
    public func start() throws(MeshError) {
        try radio.start()
        if sourceID < 0 {
            sourceID = loop.addSource(descriptor: radio.eventDescriptor) { self.serviceRadio() }
        }
    }

    /// Stops servicing the radio; queued frames fail.
    public func stop() {
        if sourceID >= 0 { loop.removeSource(sourceID) }
        sourceID = -1
        loop.cancel(timer)
        let failed = queue + (current.map { [$0] } ?? [])
        queue = []
        current = nil
        state = .idle
        for item in failed { item.completion(.failed(MeshError(.radio, "MAC stopped"))) }
    }

    /// The next MAC sequence number (data and command frames).
    public func nextSequence() -> UInt8 {
        sequence &+= 1
        return sequence
    }

    public var isIdle: Bool { state == .idle && queue.isEmpty }

    // MARK: Sending

    /// Queues a frame; `completion` runs exactly once with the outcome.
    public func send(_ request: MACTransmitRequest, completion: @escaping (MACTransmitResult) -> Void = { _ in }) {
        guard queue.count < parameters.transmitQueueCapacity else {
            counters.queueFull += 1
            completion(.failed(MeshError(.resource, "MAC transmit queue full (\(parameters.transmitQueueCapacity) frames)")))
            return
        }
        var frame = request.frame
        let psdu: [UInt8]
        do throws(MeshError) {
            if request.secure {
                guard let counter = keys.takeMACFrameCounter() else {
                    throw MeshError(.security, "MAC frame counter exhausted: rotate the key sequence")
                }
                frame.security = SecurityHeader(frameCounter: counter, keyIndex: keys.current.keyIndex)
                frame.frameControl.rawValue |= FrameControl.securityEnabledBit
                psdu = try MACSecurity.seal(frame, key: keys.current.macKey, sender: extendedAddress)
            } else {
                psdu = try frame.psdu()
            }
        } catch {
            completion(.failed(error))
            return
        }
        queue.append(Pending(psdu: psdu, sequence: frame.sequence, ackRequested: frame.ackRequested, retries: 0,
                             backoffs: 0, exponent: parameters.minBackoffExponent, completion: completion))
        if state == .idle { startNext() }
    }

    private func startNext() {
        guard state == .idle, current == nil, !queue.isEmpty else { return }
        current = queue.removeFirst()
        beginChannelAccess()
    }

    private func beginChannelAccess() {
        guard let pending = current else { return }
        let airtime = radio.airtimeMicros(psduBytes: pending.psdu.count)
        if !dutyCycle.allows(airtimeMicros: airtime, nowMicros: loop.nowMicros) {
            counters.dutyCycleDeferrals += 1
            state = .backoff
            timer = loop.schedule(at: dutyCycle.nextReleaseMicros(nowMicros: loop.nowMicros)) {
                self.state = .idle
                self.beginChannelAccess()
            }
            return
        }
        let slots = random.next(below: UInt64(1) << UInt64(pending.exponent))
        state = .backoff
        timer = loop.schedule(afterMicros: slots * timing.unitBackoffMicros) { self.checkChannel() }
    }

    private func checkChannel() {
        state = .channelCheck
        do {
            try radio.startChannelActivityDetection()
        } catch {
            finish(.failed(error))
            return
        }
        serviceRadioSoon()
        // The answer arrives as a radio event; guard against a radio that never answers.
        timer = loop.schedule(afterMicros: max(radio.channelActivityDetectionMicros * 4, 10_000)) {
            if self.state == .channelCheck { self.finish(.failed(MeshError(.radio, "no channel activity result"))) }
        }
    }

    private func channelChecked(busy: Bool) {
        guard state == .channelCheck, var pending = current else { return }
        loop.cancel(timer)
        if busy {
            counters.channelBusy += 1
            pending.backoffs += 1
            pending.exponent = min(pending.exponent + 1, parameters.maxBackoffExponent)
            current = pending
            if pending.backoffs > parameters.maxCSMABackoffs {
                counters.channelAccessFailures += 1
                // A frame that found the channel busy too often is retransmitted like one
                // without ACK (OpenThread `SubMac::HandleTransmitDone`: shouldRetx on any error).
                guard pending.retries < parameters.maxFrameRetries else {
                    finish(.channelAccessFailure)
                    return
                }
                startRetry(&pending)
            }
            state = .idle
            beginChannelAccess()
            return
        }
        transmitCurrent()
    }

    private func transmitCurrent() {
        guard let pending = current else { return }
        if let ack = ackToSend {
            // An ACK owed to a neighbour goes first: it is time-critical.
            ackToSend = nil
            sendAck(ack)
            return
        }
        state = .transmitting
        do {
            try radio.transmit(pending.psdu)
        } catch {
            finish(.failed(error))
            return
        }
        serviceRadioSoon()
        dutyCycle.record(airtimeMicros: radio.airtimeMicros(psduBytes: pending.psdu.count), nowMicros: loop.nowMicros)
        counters.transmitted += 1
    }

    private func transmitted() {
        switch state {
        case .sendingAck:
            state = .idle
            if let ack = ackToSend {
                // Another ACK became due while this one was on the air.
                ackToSend = nil
                sendAck(ack)
                return
            }
            if current != nil {
                state = .idle
                beginChannelAccess()
            } else {
                startNext()
            }
        case .transmitting:
            guard let pending = current else { return }
            if pending.ackRequested {
                state = .waitingForAck
                timer = loop.schedule(afterMicros: timing.ackTimeoutMicros) { self.ackTimedOut() }
                if let ack = ackToSend {
                    ackToSend = nil
                    sendAck(ack)
                    state = .waitingForAck
                }
            } else {
                finish(.sent(framePending: false))
            }
        default:
            break
        }
    }

    private func ackTimedOut() {
        guard state == .waitingForAck, var pending = current else { return }
        if pending.retries >= parameters.maxFrameRetries {
            counters.noAck += 1
            finish(.noAck)
            return
        }
        startRetry(&pending)
        // A delay before the retry, its window doubling with each retry (OpenThread
        // `OPENTHREAD_CONFIG_MAC_ADD_DELAY_ON_NO_ACK_ERROR_BEFORE_RETRY`, exponent up to 5), in
        // slots of the frame's own airtime: on LoRa the frame that hid ours from the receiver
        // (a hidden neighbour's) lasts about as long, so a retry must not fall into it again.
        let slot = max(timing.unitBackoffMicros, radio.airtimeMicros(psduBytes: pending.psdu.count))
        let slots = random.next(below: UInt64(1) << UInt64(min(pending.retries, 5)))
        state = .backoff
        timer = loop.schedule(afterMicros: slots * slot) {
            self.state = .idle
            self.beginChannelAccess()
        }
    }

    /// One more attempt of `pending` from a fresh channel access (after no ACK or a busy channel).
    private func startRetry(_ pending: inout Pending) {
        pending.retries += 1
        pending.backoffs = 0
        pending.exponent = parameters.minBackoffExponent
        current = pending
        counters.transmitRetries += 1
    }

    private func finish(_ result: MACTransmitResult) {
        loop.cancel(timer)
        let done = current
        current = nil
        state = .idle
        if let ack = ackToSend {
            ackToSend = nil
            sendAck(ack)
        }
        done?.completion(result)
        if state == .idle { startNext() }
    }

    // MARK: Receiving

    /// A radio whose descriptor only signals received datagrams (ot-sim) queues its CAD and
    /// transmit-done events internally: service it on the next loop turn as well.
    private func serviceRadioSoon() {
        guard radio.eventDescriptor >= 0 else { return }
        loop.schedule(afterMicros: 0) { self.serviceRadio() }
    }

    private func serviceRadio() {
        while true {
            let event: MeshRadioEvent?
            do {
                event = try radio.nextEvent()
            } catch {
                if current != nil { finish(.failed(error)) }
                return
            }
            guard let event else { return }
            switch event {
            case .transmitDone: transmitted()
            case .channelActivity(let busy): channelChecked(busy: busy)
            case .received(let received): receive(received)
            }
        }
    }

    private func receive(_ received: ReceivedPSDU) {
        var frame: MACFrame
        do {
            frame = try MACFrame.decode(received.psdu)
        } catch {
            counters.droppedMalformed += 1
            return
        }
        if frame.type == .acknowledgment {
            acknowledgmentReceived(frame)
            return
        }
        guard promiscuous || isForUs(frame) else {
            counters.droppedNotForUs += 1
            return
        }
        // ACK before security processing, as a radio does: a retransmission
        // whose ACK was lost must be acknowledged again.
        if frame.ackRequested && !frame.destination.isBroadcast && frame.destination != .none {
            let pending = framePendingFor?(frame.source) ?? false
            let ack = MACFrame.acknowledgment(sequence: frame.sequence, framePending: pending,
                                              frameVersion: frame.frameControl.frameVersion)
            if let psdu = try? ack.psdu() { scheduleAck(psdu) }
        }
        var indication = MACIndication(frame: frame, rssiDBm: received.rssiDBm, lqi: received.lqi,
                                       timestampMicros: received.timestampMicros, secured: false, keySequence: nil,
                                       senderExtended: nil)
        if case .extended(let ext) = frame.source { indication.senderExtended = ext }
        if case .short(let short) = frame.source { indication.senderExtended = neighbors.extendedAddress(forShort: short) }
        if let security = frame.security {
            guard security.level == SecurityHeader.threadLevel, security.keyIDMode == 1 else {
                counters.droppedSecurity += 1
                return
            }
            guard let sender = indication.senderExtended else {
                counters.droppedUnknownNeighbor += 1
                return
            }
            guard let derived = keys.keys(forKeyIndex: security.keyIndex) else {
                counters.droppedSecurity += 1
                return
            }
            switch neighbors.check(sender, keySequence: derived.keySequence, counter: security.frameCounter) {
            case .replay:
                counters.droppedReplay += 1
                return
            case .duplicate:
                counters.droppedDuplicate += 1
                return
            case .fresh: break
            }
            do {
                frame = try MACSecurity.open(frame, key: derived.macKey, sender: sender)
            } catch {
                counters.droppedSecurity += 1
                return
            }
            neighbors.accept(sender, keySequence: derived.keySequence, counter: security.frameCounter)
            indication.frame = frame
            indication.secured = true
            indication.keySequence = derived.keySequence
            if derived.keySequence > keys.keySequence { onNewerKeySequence?(derived.keySequence) }
        } else if isDuplicateUnsecured(frame) {
            counters.droppedDuplicate += 1
            return
        }
        counters.received += 1
        onReceive?(indication)
    }

    private func isForUs(_ frame: MACFrame) -> Bool {
        if let pan = frame.destinationPANID, pan != panID && pan != 0xFFFF { return false }
        switch frame.destination {
        case .none: return frame.sourcePANID == panID
        case .short(let short): return short == .broadcastShort || (short == shortAddress && short != .invalidShort)
        case .extended(let ext): return ext == extendedAddress
        }
    }

    /// Unsecured frames carry no counter: a repeat of the last sequence
    /// number from the same source is a retransmission (bounded memory).
    private func isDuplicateUnsecured(_ frame: MACFrame) -> Bool {
        guard frame.ackRequested else { return false }
        if let index = recentUnsecured.firstIndex(where: { $0.source == frame.source }) {
            if recentUnsecured[index].sequence == frame.sequence { return true }
            recentUnsecured[index].sequence = frame.sequence
            return false
        }
        if recentUnsecured.count >= 16 { recentUnsecured.removeFirst() }
        recentUnsecured.append((frame.source, frame.sequence))
        return false
    }

    private func acknowledgmentReceived(_ frame: MACFrame) {
        guard state == .waitingForAck, let pending = current, frame.sequence == pending.sequence else { return }
        counters.acknowledged += 1
        finish(.sent(framePending: frame.framePending))
    }

    // MARK: Acknowledgments

    private func scheduleAck(_ psdu: [UInt8]) {
        if timing.ackDelayMicros == 0 {
            sendAckWhenFree(psdu)
        } else {
            loop.schedule(afterMicros: timing.ackDelayMicros) { self.sendAckWhenFree(psdu) }
        }
    }

    private func sendAckWhenFree(_ psdu: [UInt8]) {
        switch state {
        case .idle, .backoff, .waitingForAck:
            // Backoff is interrupted (it restarts after the ACK); an ACK wait
            // keeps its timer and the radio is back in RX after the ACK.
            if state == .backoff { loop.cancel(timer) }
            let resumeWaiting = state == .waitingForAck
            sendAck(psdu)
            if resumeWaiting { state = .waitingForAck }
        case .channelCheck, .transmitting, .sendingAck:
            ackToSend = psdu
        }
    }

    private func sendAck(_ psdu: [UInt8]) {
        let previous = state
        state = .sendingAck
        do {
            try radio.transmit(psdu)
        } catch {
            state = previous == .sendingAck ? .idle : previous
            return
        }
        serviceRadioSoon()
        dutyCycle.record(airtimeMicros: radio.airtimeMicros(psduBytes: psdu.count), nowMicros: loop.nowMicros)
        counters.acksSent += 1
    }
}
