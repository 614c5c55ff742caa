import HAL
import JSON
import LoRaPHY
import Regions
import Runtime
import SX1276

/// The gateway: radio ⇄ Semtech UDP protocol v2 on one event loop. This
/// file is the composition: state, start and stop. Each rule lives in its
/// own place (docs/gateway.md "Where each rule lives"):
///
/// - `Backhaul/ServerLink`: where the server is, when to resolve again;
///   `ForwarderBackhaul`: datagrams in and out, only from the server.
/// - `Uplink/UplinkQueue`: held uplinks, PUSH_DATA in flight, backoff;
///   `ForwarderUplinks`: radio packet → queue → PUSH_DATA, keep-alive, stat.
/// - `Downlink/DownlinkPlanner`: every check before TX_ACK (pure);
///   `ForwarderDownlinks`: JIT queue → prepare → precise fire → TxDone.
/// - `Radio/RadioSupervisor`: one restart in flight, backoff, "down";
///   `ForwarderRadio`: radio events, restarts, the watchdog.
public final class PacketForwarder<R: Reactor, Radio: GatewayRadio, Transport: DatagramTransport, UTC: UTCClock> {
    public let loop: EventLoop<R>
    public var radio: Radio
    public var upLink: Transport
    public var downLink: Transport
    public let utc: UTC
    public let configuration: ForwarderConfiguration
    public let plan: RegionalPlan
    public let limits: TransmitLimits
    public let receiveSettings: RadioSettings
    public internal(set) var statistics = ForwarderStatistics()

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

    // Backhaul
    public internal(set) var server: ServerLink
    var pullToken: UInt16?
    var receiveBuffer = [UInt8](repeating: 0, count: 4_096)

    // Uplinks
    public internal(set) var uplinks: UplinkQueue
    var pushTimer = TimerHandle.none

    // Downlinks
    public internal(set) var jit: JITQueue<PlannedDownlink>
    public internal(set) var dutyCycle: DutyCycleTracker
    var preparedID: UInt64?
    var transmittingID: UInt64?
    var transmitTimeout = TimerHandle.none
    var refusalLog = LogLimiter()
    var malformedLog = LogLimiter()

    // Radio health
    public internal(set) var supervisor = RadioSupervisor()
    var watchdog: Watchdog
    var receivingSince: UInt64?
    var lastInterruptAt: UInt64?
    var nextWatchdogCheck: UInt64 = 0

    var periodic: [TimerHandle] = []
    var sources: [Int] = []
    public internal(set) var isRunning = false

    public init(loop: EventLoop<R>, radio: Radio, upLink: Transport, downLink: Transport, utc: UTC,
                configuration: ForwarderConfiguration) {
        self.loop = loop
        self.radio = radio
        self.upLink = upLink
        self.downLink = downLink
        self.utc = utc
        self.configuration = configuration
        let r = configuration.radio
        plan = r.region.plan
        limits = TransmitLimits(plan: plan, antennaGainDBi: r.antennaGainDBi, maxConductedPowerDBm: r.maxConductedPowerDBm,
                                minConductedPowerDBm: r.minConductedPowerDBm, bandHz: r.transmitBandHz, syncWord: r.syncWord)
        receiveSettings = RadioSettings(
            frequencyHz: r.frequencyHz,
            parameters: LoRaParameters(spreadingFactor: r.dataRate.spreadingFactor, bandwidth: r.dataRate.bandwidth,
                                       codingRate: r.codingRate),
            syncWord: r.syncWord, invertIQ: false)
        server = ServerLink(host: configuration.serverAddress, portUp: configuration.serverPortUp,
                            portDown: configuration.serverPortDown)
        uplinks = UplinkQueue(rules: UplinkQueue.Rules(
            limit: configuration.uplinkQueueLimit, maxAgeMicros: configuration.uplinkMaxAgeMicros,
            window: configuration.pushWindow, timeoutMicros: configuration.pushTimeoutMicros,
            maxBackoffMicros: configuration.pushMaxBackoffMicros), seed: loop.nowMicros)
        jit = JITQueue(timing: configuration.jit)
        dutyCycle = DutyCycleTracker(bands: configuration.dutyCycleEnforced ? plan.dutyCycleBands : [])
        watchdog = Watchdog(policy: configuration.watchdog)
    }

    // MARK: Life cycle

    /// Starts the radio, registers the sources and alarms, asks for the
    /// server's address (the first PULL_DATA follows its answer), says READY=1.
    public func start() throws(SX1276Error) {
        try radio.start(receive: receiveSettings)
        let now = loop.nowMicros
        receivingSince = now
        isRunning = true
        log("radio listening on \(FrequencyText.megahertzSixDecimals(receiveSettings.frequencyHz)) MHz \(configuration.radio.dataRate.text) \(configuration.radio.codingRate.label), region \(plan.id.rawValue)")
        sources.append(loop.addSource(descriptor: radio.interruptDescriptor) { self.serviceRadio() })
        sources.append(loop.addSource(descriptor: upLink.descriptor) { self.serviceUpLink() })
        sources.append(loop.addSource(descriptor: downLink.descriptor) { self.serviceDownLink() })
        resolveServer()
        periodic.append(loop.scheduleRepeating(everyMicros: configuration.keepaliveMicros, firstAt: now + configuration.keepaliveMicros) {
            self.sendKeepalive()
            if self.server.wantsReresolve(now: self.loop.nowMicros, consecutiveTimeouts: self.uplinks.consecutiveTimeouts) {
                self.resolveServer()
            }
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

    /// Uplinks waiting for acknowledgement (for tests and the final log).
    public var queuedUplinks: Int { uplinks.count }
    public var serverUp: SocketAddress? { server.up }
    public var serverDown: SocketAddress? { server.down }
}

/// One log line for the first few events of a kind, then one per
/// `every` with the count, so a server (or a fault) cannot fill the log.
public struct LogLimiter: Sendable {
    public var first: UInt64 = 5
    public var every: UInt64 = 1_000
    public private(set) var count: UInt64 = 0

    public init(first: UInt64 = 5, every: UInt64 = 1_000) {
        self.first = first
        self.every = every
    }

    /// Counts one event; true when it should be logged.
    public mutating func admit() -> Bool {
        count += 1
        return count <= first || count % every == 0
    }
}
