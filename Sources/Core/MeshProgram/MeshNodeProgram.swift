import BoardProfile
import GatewayProgram
import HAL
import LinuxBoard
import Mesh
import MockBoard
import Regions
import Runtime
import SX1276
import SX1276Emulator

/// One Pymesh / Thread node, composed once for both front doors (`lorikeet
/// mesh node` on the host, `lorikeet-mesh` on the board): the radio (a
/// board profile's SX1276 — a LoRa HAT or the mock board — or OpenThread's
/// simulation radio), the event loop, and the OpenThread-style prompt on
/// stdin (`MeshNodeSession`).
public struct MeshNodeProgram {
    public var configuration: MeshNodeConfiguration

    public init(configuration: MeshNodeConfiguration) { self.configuration = configuration }

    /// Checks `options` (and PORT_OFFSET from the environment), then runs
    /// until stdin ends or `exit`.
    public static func run(_ options: MeshNodeOptions) throws(MeshNodeFailure) {
        let configuration = try MeshNodeConfiguration.parse(options, portOffset: Environment.value("PORT_OFFSET"))
        try MeshNodeProgram(configuration: configuration).run()
    }

    public func run() throws(MeshNodeFailure) {
        switch configuration.radio {
        case .otSim(let nodeID, let portOffset):
            let radio: OTSimRadio
            do {
                radio = try OTSimRadio(nodeID: nodeID, portOffset: portOffset, channel: configuration.dataset.channel)
            } catch {
                throw .usage(error.message)
            }
            // OpenThread's simulation reports −20 dBm against a −100 dBm floor.
            let session = MeshNodeSession(dataset: configuration.dataset, seed: seed(distinguishing: UInt64(nodeID)),
                                          sensitivityDBm: -100, macParameters: MACParameters(), timings: configuration.timings)
            try session.serve(radio: .otSim(radio), loop: Self.realTimeLoop())
        case .board(let name):
            try runOnBoard(name)
        }
    }

    /// The seed given, or the clock's milliseconds (`distinguishing` keeps
    /// nodes started in the same millisecond apart).
    func seed(distinguishing: UInt64) -> UInt64 {
        configuration.seed ?? (UInt64(max(0, SystemUTCClock().utcMicros() / 1000)) ^ distinguishing << 40)
    }

    /// A LoRa HAT (profile kind linux) or the mock board's emulated SX1276.
    func runOnBoard(_ name: String) throws(MeshNodeFailure) {
        let located: BoardFiles.Located
        let profile: BoardProfile
        do {
            (located, profile) = try BoardFiles.open(board: name)
        } catch {
            throw .usage(error.message)
        }
        let settings = configuration.loraSettings
        let plan = profile.region.plan
        if configuration.frequencyGiven, !plan.isAllowedTransmit(frequencyHz: settings.frequencyHz) {
            throw .usage("--frequency: \(FrequencyText.megahertz(settings.frequencyHz)) MHz is outside the transmit bands of "
                + "\(profile.region.rawValue), the region of the board profile \(located.display)")
        }
        // The sub-band's duty cycle (EU868 869.4-869.65 MHz: 10 %); none where the region has no such rule.
        var macParameters = MACParameters()
        if let band = plan.dutyCycleBand(frequencyHz: settings.frequencyHz) {
            macParameters.dutyCyclePerMille = UInt64(max(1, min(1000, band.dutyCyclePPM / 1000)))
        }
        let session = MeshNodeSession(dataset: configuration.dataset, seed: seed(distinguishing: 0),
                                      sensitivityDBm: Self.sx1276SensitivityDBm, macParameters: macParameters,
                                      timings: configuration.timings)
        let output = PAOutput(profile: profile.paOutput)
        switch profile.kind {
        case .mock:
            let board = MockBoard(seed: 1, startMicros: SystemMonotonicClock().nowMicros())
            let driver = SX1276(bus: board.spi, lines: board.radioLines, busName: MockBoard.busName)
            try session.serve(radio: .mockBoard(MockBoardMeshRadio(driver: driver, settings: settings, output: output)),
                              loop: EventLoop(reactor: PacedReactor(clock: board.clock)))
        case .linux:
            guard let wiring = profile.wiring else { throw .usage("--board: the profile \(located.display) has no wiring") }
            let board: LinuxRadioBoard
            do {
                board = try LinuxRadioBoard(wiring: LinuxRadioWiring(profile: wiring))
            } catch {
                throw .system(error.message)
            }
            let driver = SX1276(bus: board.spi, lines: board.radioLines, busName: wiring.spiDevice)
            try session.serve(radio: .linuxBoard(LinuxBoardMeshRadio(driver: driver, settings: settings, output: output,
                                                                     eventDescriptor: board.dio0.fileDescriptor)),
                              loop: Self.realTimeLoop())
        }
    }

    /// A loop on the real clock. A `PacedReactor` whose virtual clock no one
    /// schedules on waits exactly as a `PollReactor`; one reactor type for
    /// every radio keeps one specialization of the mesh stack (`NodeRadio`).
    static func realTimeLoop() -> EventLoop<PacedReactor> {
        EventLoop(reactor: PacedReactor(clock: VirtualClock(startMicros: SystemMonotonicClock().nowMicros())))
    }

    /// Link margins on LoRa are measured against the SX1276's SF7/125 kHz
    /// sensitivity (datasheet table 13).
    static let sx1276SensitivityDBm = -123
}
