import Forwarder
import HAL
import LoRaWAN
import MockBoard
import Runtime
import SX1276
import SX1276Emulator

/// The mock board on the real clock: simulated devices from the devices
/// file, and a log line for each uplink they send and each downlink they
/// receive (or miss) in RX1/RX2.
enum MockBoardRun {
    static func run(_ run: GatewayRun, devicesPath: String?) throws(GatewayFailure) {
        let radioConfiguration = run.configuration.radio
        let board = MockBoard(seed: 1, startMicros: SystemMonotonicClock().nowMicros())
        guard let path = devicesPath ?? MockDeviceFile.defaultPath() else {
            throw .usage("--devices: no examples/mock-devices.json found; give the simulated devices file")
        }
        let file: MockDeviceFile
        do {
            file = try MockDeviceFile.load(path, frequencyHz: radioConfiguration.frequencyHz, dataRate: radioConfiguration.dataRate)
        } catch {
            throw .usage(error.message)
        }
        for description in file.devices { board.addDevice(description) }
        GatewayLog.line("mock board: \(file.devices.count) simulated devices from \(InstallLocations.display(path)) on the real clock")
        let driver = SX1276(bus: board.spi, reset: board.resetPin, dio0: board.dio0, dio1: board.dio1, clock: board.clock,
                            busName: MockBoard.busName)
        let loop = EventLoop(reactor: PacedReactor(clock: board.clock))
        let reporter = DeviceReporter(board: board, quiet: run.quiet)
        loop.scheduleRepeating(everyMicros: 20_000) { reporter.report() }
        try run.forward(loop: loop, radio: SX1276GatewayRadio(driver: driver, output: .paBoost))
        reporter.report()
    }
}

/// Logs what the simulated devices did since the last call.
final class DeviceReporter {
    let board: MockBoard
    let quiet: Bool
    var reportedDownlinks: [Int]
    var reportedUplinks: [Int]

    init(board: MockBoard, quiet: Bool) {
        self.board = board
        self.quiet = quiet
        reportedDownlinks = [Int](repeating: 0, count: board.devices.count)
        reportedUplinks = [Int](repeating: 0, count: board.devices.count)
    }

    func report() {
        for (index, device) in board.devices.enumerated() {
            while reportedUplinks[index] < device.uplinks.count, !quiet {
                let up = device.uplinks[reportedUplinks[index]]
                reportedUplinks[index] += 1
                GatewayLog.line("\(device.description.name): sent \(up.confirmed ? "confirmed" : "unconfirmed") uplink FCnt \(up.frameCounter), \(up.phyPayload.count) bytes")
            }
            while reportedDownlinks[index] < device.downlinks.count {
                let down = device.downlinks[reportedDownlinks[index]]
                reportedDownlinks[index] += 1
                let offset = Int64(bitPattern: down.startMicros &- down.windowOpensMicros)
                var text = "\(device.description.name): downlink \(down.caught ? "received" : "MISSED") in \(down.window.name) "
                text += "(started \(offset) µs after the window opened)"
                if let frame = down.frame { text += ": \(frame.messageType.name)\(frame.ack ? " ACK" : "") FCnt \(frame.frameCounter)" }
                if !down.caught { text += " — \(down.reason)" }
                GatewayLog.line(text)
            }
        }
    }
}
