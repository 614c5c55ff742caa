import BoardProfile
import Forwarder
import HAL
import LoRaPHY
import LoRaWAN
import SX1276
import Runtime

/// The gateway, composed once for both front doors (`lorikeet gateway` on
/// the host, `lorikeet-gateway` on the board): configuration files and
/// flags, the board profile, the mock or the Linux board, the event loop,
/// stop signals, systemd notifications and the log.
public struct GatewayProgram {
    public var options: GatewayOptions
    /// "lorikeet gateway" or "lorikeet-gateway": starts the first log line.
    public var name: String

    public init(options: GatewayOptions, name: String) {
        self.options = options
        self.name = name
    }

    /// Runs until `--duration` ends or SIGINT/SIGTERM arrives.
    public func run() throws(GatewayFailure) {
        let durationMicros = try options.duration.map { (text: String) throws(GatewayFailure) -> UInt64 in
            try GatewayConfiguration.durationMicros(text)
        }
        let loaded = try GatewayConfiguration.load(options)
        let configuration = loaded.forwarder
        let boardName = options.board ?? configuration.radio.boardPath ?? "mock"
        let located: BoardFiles.Located
        let profile: BoardProfile
        do {
            (located, profile) = try BoardFiles.open(board: boardName)
        } catch {
            throw .usage(error.message)
        }
        var tuned = configuration
        // The profile's plan is the default; the files' radio keys and the flags override (issue 12 #1).
        do {
            try RadioPlanMerge.apply(profile: profile, profileName: located.display,
                                     flags: .init(frequencyHz: options.frequency.flatMap { UInt32($0) },
                                                  dataRate: options.datarate.flatMap { DataRateName($0) }),
                                     to: &tuned)
        } catch {
            throw .usage(error.message)
        }
        let notifier = SystemdNotifier()
        if let interval = notifier.watchdogIntervalMicros, interval < tuned.watchdog.checkIntervalMicros {
            tuned.watchdog.checkIntervalMicros = max(interval, 100_000)
        }
        GatewayLog.line("\(name) \(tuned.gatewayEUI.hex): board \(located.display) (\(profile.name)), server \(tuned.serverAddress):\(tuned.serverPortUp)/\(tuned.serverPortDown)")
        let run = GatewayRun(configuration: tuned, notifier: notifier, quiet: options.quiet, durationMicros: durationMicros,
                             realTime: loaded.realTime, backhaul: loaded.backhaul)
        switch profile.kind {
        case .mock:
            try MockBoardRun.run(run, devicesPath: options.devices)
        case .linux:
            try LinuxBoardRun.run(run, profile: profile)
        }
    }

    /// `--print-eui`: the default gateway EUI, from the main interface's MAC.
    public static func defaultEUIText(interfaces: NetworkInterfaces = NetworkInterfaces()) throws(GatewayFailure) -> String {
        do {
            let interface = try interfaces.mainInterface()
            return EUI64(mac: interface.mac).hex
        } catch {
            throw GatewayFailure(error.message, exitCode: error.exitCode)
        }
    }
}

/// What every board's run shares: the forwarder over a loop and a radio,
/// the stop signals, the duration, systemd and the real-time option.
struct GatewayRun {
    var configuration: ForwarderConfiguration
    var notifier: SystemdNotifier
    var quiet: Bool
    var durationMicros: UInt64?
    var realTime: RealTimeSetting
    var backhaul: BackhaulSetting

    func forward<R: Reactor, Radio: GatewayRadio>(loop: EventLoop<R>, radio: Radio) throws(GatewayFailure) {
        // Name resolution and the sockets run on backhaul threads (issue 12 #7),
        // unless the configuration keeps them on the loop (BackhaulSetting).
        if backhaul.thread {
            let upLink: BackhaulTransport, downLink: BackhaulTransport
            do {
                upLink = try BackhaulTransport()
                downLink = try BackhaulTransport()
            } catch {
                throw .system(error.message)
            }
            try forward(loop: loop, radio: radio, upLink: upLink, downLink: downLink)
        } else {
            let upLink: UDPTransport, downLink: UDPTransport
            do {
                upLink = try UDPTransport()
                downLink = try UDPTransport()
            } catch {
                throw .system(error.message)
            }
            try forward(loop: loop, radio: radio, upLink: upLink, downLink: downLink)
        }
    }

    private func forward<R: Reactor, Radio: GatewayRadio, T: DatagramTransport>(loop: EventLoop<R>, radio: Radio,
                                                                               upLink: T, downLink: T) throws(GatewayFailure) {
        let gateway = PacketForwarder(loop: loop, radio: radio, upLink: upLink, downLink: downLink, utc: SystemUTCClock(),
                                      configuration: configuration)
        gateway.verbose = !quiet
        gateway.log = { GatewayLog.line($0) }
        let notifier = notifier
        gateway.notify = { state in
            do throws(SystemError) {
                try notifier.notify(state)
            } catch {
                GatewayLog.line(error.message)
            }
        }
        let signals: StopSignals
        do {
            signals = try StopSignals()
        } catch {
            throw .system(error.message)
        }
        loop.addSource(descriptor: signals.descriptor) {
            guard let name = signals.take() else { return }
            GatewayLog.line("\(name): stopping")
            gateway.stop()
            loop.stop()
        }
        if let durationMicros {
            loop.schedule(afterMicros: durationMicros) {
                gateway.stop()
                loop.stop()
            }
        }
        do {
            try gateway.start()
        } catch {
            throw .system("radio: \(error.message)")
        }
        if realTime.enabled { enableRealTime() }
        do {
            try loop.run()
        } catch {
            gateway.stop()
            throw .system(error.message)
        }
    }

    /// The radio loop's thread at SCHED_FIFO with memory locked; when not
    /// permitted, say so and go on with normal scheduling.
    func enableRealTime() {
        if let problem = RealTimeScheduling.enable(priority: realTime.priority) {
            GatewayLog.line("realtime: not enabled (\(problem)); running with normal scheduling. "
                + "Grant it with LimitRTPRIO= and LimitMEMLOCK= (or CAP_SYS_NICE and CAP_IPC_LOCK)")
        } else {
            GatewayLog.line("realtime: radio loop at SCHED_FIFO priority \(realTime.priority), memory locked")
        }
    }
}
