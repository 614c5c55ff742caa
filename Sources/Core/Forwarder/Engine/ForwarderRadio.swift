import Runtime
import SX1276

/// Radio events, re-initialisation under `RadioSupervisor`, and the watchdog.
extension PacketForwarder {
    func serviceRadio() {
        while isRunning && !supervisor.isDown {
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

    func resumeReceiver() {
        do {
            try radio.resumeReceive()
            receivingSince = loop.nowMicros
        } catch {
            statistics.radioErrors += 1
            restartRadio(reason: error.message)
        }
    }

    /// Re-initialises the radio; queued uplinks and downlinks are kept. One
    /// attempt at a time: while a retry is scheduled, further faults wait for it.
    func restartRadio(reason: String) {
        guard isRunning, supervisor.mayAttempt else { return }
        attemptRestart(reason: reason)
    }

    func attemptRestart(reason: String) {
        statistics.radioRestarts += 1
        log("radio: re-initialising (\(reason)); \(uplinks.count) uplinks and \(jit.entries.count) downlinks stay queued (attempt \(supervisor.failuresInARow + 1))")
        // A frame that was on air keeps its duty-cycle record (issue 12 #6);
        // only one loaded but never started gives its airtime back.
        if let id = transmittingID {
            jit.remove(id: id)
            transmittingID = nil
            loop.cancel(transmitTimeout)
        }
        if let id = preparedID {
            jit.remove(id: id)
            dutyCycle.cancel(id: id)
            preparedID = nil
        }
        do {
            try radio.start(receive: receiveSettings)
            if supervisor.isDown { log("radio: back after \(supervisor.failuresInARow) failed attempts") }
            supervisor.succeeded()
            receivingSince = loop.nowMicros
            lastInterruptAt = nil
        } catch {
            statistics.radioRestartFailures += 1
            let delay = supervisor.failed()
            log("radio: re-initialisation failed: \(error.message); retrying in \(delay / 1_000) ms; WATCHDOG=1 withheld while down")
            loop.schedule(afterMicros: delay) {
                self.supervisor.retryDue()
                if self.isRunning { self.attemptRestart(reason: "previous attempt failed") }
            }
        }
    }

    func checkHealth() {
        let now = loop.nowMicros
        let scheduled = nextWatchdogCheck
        nextWatchdogCheck = max(scheduled + configuration.watchdog.checkIntervalMicros, now)
        guard !supervisor.isDown else { return }  // no WATCHDOG=1: systemd restarts us if it stays down
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
}
