import LoRaPHY
import Regions
import Runtime
import SX1276

/// The transmit path: `DownlinkPlanner`'s decision → JIT queue and duty
/// cycle → frame loaded `prepareLead` before its start → precise alarm
/// writes OpMode TX → TxDone → receiver back on its channel.
extension PacketForwarder {
    /// Checks a downlink request and queues it; the answer for TX_ACK.
    public func schedule(_ txpk: TxPacket) -> TxAck {
        let now = loop.nowMicros
        if supervisor.isDown { return refuse(.collisionPacket, "the radio is down (being re-initialised)") }
        let decision = DownlinkPlanner.decide(txpk, now: now, queue: jit, dutyCycle: dutyCycle, limits: limits,
                                              dutyCycleError: configuration.dutyCycleError)
        switch decision {
        case .refuse(let error, let reason):
            return refuse(error, reason)
        case .accept(let start, let airtime, let downlink, let warning):
            if warning != nil { statistics.txPowerLowered += 1 }
            let id = jit.insert(startMicros: start, airtimeMicros: airtime, item: downlink)
            dutyCycle.record(id: id, frequencyHz: txpk.frequencyHz, startMicros: start, airtimeMicros: airtime)
            dutyCycle.prune(now: now)
            if verbose {
                log("downlink: \(txpk.payload.count) bytes at \(NumberText.megahertz(txpk.frequencyHz)) MHz \(txpk.dataRate.text) \(downlink.powerDBm) dBm in \((start - now) / 1_000) ms\(txpk.invertPolarity ? "" : " (IQ not inverted)")")
            }
            loop.schedule(at: start - min(start, configuration.jit.prepareLeadMicros)) { self.prepare(id) }
            let fireAt = start - min(start, configuration.jit.fireLatencyMicros)
            loop.schedule(at: fireAt, precise: true) { self.fire(id) }
            return TxAck(error: .none, powerWarningDBm: warning)
        }
    }

    func refuse(_ error: TxAckError, _ why: String) -> TxAck {
        statistics.downlinksRefused += 1
        if refusalLog.admit() {
            log("downlink refused, \(error.rawValue): \(why) (\(refusalLog.count) refused so far)")
        }
        return TxAck(error: error)
    }

    func prepare(_ id: UInt64) {
        guard isRunning, let entry = jit.entry(id: id) else { return }
        // The frame before may have ended in this same loop iteration: take its
        // TxDone (read and clear its flags) before this prepare clears them.
        if transmittingID != nil { serviceRadio() }
        if let previous = transmittingID { transmitTimedOut(previous, why: "no TxDone before the next downlink's prepare") }
        if supervisor.isDown {
            jit.remove(id: id)
            dutyCycle.cancel(id: id)
            statistics.txDroppedRadioDown += 1
            return
        }
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

    /// How late a start may be and still reach the device's receive window:
    /// `tx_late_margin_us`, by default a quarter of a symbol.
    func lateMarginMicros(_ parameters: LoRaParameters) -> UInt64 {
        if let margin = configuration.jit.lateMarginMicros { return margin }
        return UInt64(parameters.symbolMicros / 4)
    }

    func fire(_ id: UInt64) {
        guard isRunning, preparedID == id, let entry = jit.entry(id: id) else { return }
        let startsAt = loop.nowMicros + configuration.jit.fireLatencyMicros
        let margin = lateMarginMicros(entry.item.settings.parameters)
        if startsAt > entry.startMicros + margin {
            // Too late for the device's window: sending would only use airtime.
            statistics.txLate += 1
            log("downlink aborted: it would start \(startsAt - entry.startMicros) µs late (margin \(margin) µs); \(statistics.txLate) so far")
            jit.remove(id: id)
            dutyCycle.cancel(id: id)
            preparedID = nil
            resumeReceiver()
            return
        }
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
            self.transmitTimedOut(id, why: "no TxDone 200 ms after the downlink's end")
            self.restartRadio(reason: "no TxDone 200 ms after the downlink's end")
        }
    }

    func transmitted() {
        loop.cancel(transmitTimeout)
        if let id = transmittingID {
            jit.remove(id: id)
            transmittingID = nil
            statistics.txnb += 1
        }
        if preparedID == nil { resumeReceiver() }
    }

    /// A frame that went on air but never reported TxDone: its slot is freed,
    /// its duty-cycle record kept (it was transmitted), the loss counted.
    func transmitTimedOut(_ id: UInt64, why: String) {
        loop.cancel(transmitTimeout)
        jit.remove(id: id)
        transmittingID = nil
        statistics.txTimeouts += 1
        log("downlink: \(why); slot freed (\(statistics.txTimeouts) TX timeouts so far)")
    }
}
