/// Health rules for the gateway loop and its radio (issue 5 "Watchdog").
///
/// A single-threaded loop cannot see itself stall while stalled; it sees it
/// afterwards, when an alarm fires far later than its deadline. That is
/// reported as unhealthy (no `WATCHDOG=1` for that round), and if the stall
/// never ends systemd's own timer restarts the service. The radio is
/// unhealthy when reading its mode back does not give the mode the driver
/// set, or when it has been receiving for `radioSilenceMicros` without a
/// single interrupt (a radio that lost its configuration stays silent).
public struct WatchdogPolicy: Sendable, Equatable {
    /// How late an alarm may fire before the loop counts as stalled.
    public var stallMicros: UInt64
    /// Receiving this long without any DIO interrupt re-initialises the
    /// radio; 0 disables the rule (a quiet site is not a fault).
    public var radioSilenceMicros: UInt64
    /// How often the checks run.
    public var checkIntervalMicros: UInt64

    public init(stallMicros: UInt64 = 5_000_000, radioSilenceMicros: UInt64 = 900_000_000,
                checkIntervalMicros: UInt64 = 5_000_000) {
        self.stallMicros = stallMicros
        self.radioSilenceMicros = radioSilenceMicros
        self.checkIntervalMicros = checkIntervalMicros
    }
}

public enum WatchdogVerdict: Equatable, Sendable {
    case healthy
    case loopStalled(lateMicros: UInt64)
    case radioNotAnswering(reason: String)

    public var isHealthy: Bool { self == .healthy }
}

/// Applies `WatchdogPolicy` to what the loop observed.
public struct Watchdog: Sendable {
    public var policy: WatchdogPolicy
    public private(set) var stalls: UInt64 = 0
    public private(set) var radioResets: UInt64 = 0

    public init(policy: WatchdogPolicy) { self.policy = policy }

    /// `scheduledAt`: the deadline of the check alarm now running;
    /// `modeMatches`: the radio's mode readback equals what was set;
    /// `receivingSince`/`lastInterruptAt`: when RX started and the last DIO
    /// edge (nil: not in RX / no edge yet).
    public mutating func check(now: UInt64, scheduledAt: UInt64, modeMatches: Bool,
                               receivingSince: UInt64?, lastInterruptAt: UInt64?) -> WatchdogVerdict {
        if !modeMatches {
            radioResets += 1
            return .radioNotAnswering(reason: "operating mode read back differs from the mode set")
        }
        if policy.radioSilenceMicros > 0, let since = receivingSince {
            let quietSince = max(since, lastInterruptAt ?? since)
            if now > quietSince && now - quietSince >= policy.radioSilenceMicros {
                radioResets += 1
                return .radioNotAnswering(reason: "no interrupt for \((now - quietSince) / 1_000_000) s while receiving")
            }
        }
        if now > scheduledAt && now - scheduledAt > policy.stallMicros {
            stalls += 1
            return .loopStalled(lateMicros: now - scheduledAt)
        }
        return .healthy
    }
}
