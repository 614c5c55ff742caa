import Runtime
import SX1276

/// Radio packet → `rxpk` → `UplinkQueue` → PUSH_DATA; keep-alive and stat.
extension PacketForwarder {
    func received(_ packet: ReceivedPacket) {
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
        if uplinks.enqueue(json: rx.json, edgeMicros: packet.timestampMicros, now: now) {
            statistics.uplinksDroppedFull += 1
        }
        if verbose {
            log("uplink: tmst \(rx.tmst) \(NumberText.megahertz(rx.frequencyHz)) MHz \(rx.dataRate.text) rssi \(NumberText.fixed(rx.rssiDBm, decimals: 0)) snr \(NumberText.fixed(rx.snrDB, decimals: 1)) \(packet.payload.count) bytes")
        }
        statistics.rxfw += 1
        pump()
    }

    /// Sends what the queue hands out now, and arms its next alarm.
    func pump() {
        guard isRunning, let up = server.up else { return }
        let now = loop.nowMicros
        statistics.uplinksDroppedAge += UInt64(uplinks.dropExpired(now: now))
        while let batch = uplinks.nextBatch(now: now) {
            send(SemtechDatagram.encode(.pushData, token: batch.token, eui: configuration.gatewayEUI, json: batch.json),
                 on: true, to: up)
            statistics.pushResent += UInt64(batch.resent)
            if let onUplinkSent {
                let sentAt = loop.nowMicros
                for edge in batch.firstSentEdges { onUplinkSent(edge, sentAt) }
            }
        }
        armPushTimer()
    }

    func armPushTimer() {
        loop.cancel(pushTimer)
        guard let deadline = uplinks.nextDeadline(now: loop.nowMicros) else { pushTimer = .none; return }
        pushTimer = loop.schedule(at: deadline) { self.pushTimerFired() }
    }

    func pushTimerFired() {
        pushTimer = .none
        if uplinks.expire(now: loop.nowMicros) && uplinks.consecutiveTimeouts == 3 {
            log("server is not acknowledging PUSH_DATA; holding \(uplinks.count) uplinks and retrying")
        }
        if server.wantsReresolve(now: loop.nowMicros, consecutiveTimeouts: uplinks.consecutiveTimeouts) {
            log("server silent for \(uplinks.consecutiveTimeouts) PUSH_DATA timeouts; resolving \(server.host) again")
            resolveServer()
        }
        pump()
    }

    func serverAnswered() {
        if uplinks.consecutiveTimeouts >= 3 {
            log("server answers again; sending \(uplinks.count) held uplinks")
        }
        uplinks.serverAnswered()
    }

    func sendKeepalive() {
        guard isRunning, let down = server.down else { return }
        let token = uplinks.nextToken()
        pullToken = token
        send(SemtechDatagram.pullData(token: token, eui: configuration.gatewayEUI), on: false, to: down)
        statistics.pullSent += 1
    }

    /// The report of the interval so far: fresh object, `ackr` 0-100 % over
    /// the PUSH_DATA sent in this interval.
    public func makeStatReport(ackr: Double? = nil) -> StatReport {
        let sent = uplinks.intervalSent
        let ratio = ackr ?? (sent > 0 ? 100 * Double(uplinks.intervalAcknowledged) / Double(sent) : 0)
        return StatReport(utcMicros: utc.utcMicros(), latitude: configuration.referenceLatitude,
                          longitude: configuration.referenceLongitude, altitudeMeters: configuration.referenceAltitude,
                          rxnb: statistics.rxnb, rxok: statistics.rxok, rxfw: statistics.rxfw, ackr: ratio,
                          dwnb: statistics.dwnb, txnb: statistics.txnb)
    }

    func sendStat() {
        let report = makeStatReport(ackr: uplinks.closeInterval())
        log("stat: \(statistics.summary)")
        guard let up = server.up else { return }
        let token = uplinks.nextToken()
        send(SemtechDatagram.encode(.pushData, token: token, eui: configuration.gatewayEUI, json: report.json), on: true, to: up)
        statistics.statsSent += 1
        uplinks.statSent(token: token, now: loop.nowMicros)
    }
}
