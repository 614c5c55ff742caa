import BoardProfile
import Forwarder
import LinuxBoard
import Runtime
import SX1276

/// A Raspberry Pi HAT: spidev and libgpiod lines from the profile's wiring,
/// DIO0 edges waking the poll loop.
enum LinuxBoardRun {
    static func run(_ run: GatewayRun, profile: BoardProfile) throws(GatewayFailure) {
        guard let wiring = profile.wiring else { throw .usage("\(profile.name): no wiring in the profile") }
        let linuxWiring = LinuxRadioWiring(
            spiDevice: wiring.spiDevice, spiSpeedHz: UInt32(wiring.spiSpeedHz), gpioChip: wiring.gpioChip,
            chipSelectLine: wiring.softwareChipSelectLine.map { UInt32($0) }, resetLine: wiring.resetLine.map { UInt32($0) },
            dio0Line: UInt32(wiring.dio0Line), dio1Line: wiring.dio1Line.map { UInt32($0) }, dio2Line: wiring.dio2Line.map { UInt32($0) })
        let board: LinuxRadioBoard
        do {
            board = try LinuxRadioBoard(wiring: linuxWiring)
        } catch {
            throw .system(error.message)
        }
        let driver = SX1276(bus: board.spi, reset: board.reset, dio0: board.dio0, dio1: board.dio1, clock: board.clock,
                            busName: wiring.spiDevice)
        let output: PAOutput = profile.paOutput == .rfo ? .rfo : .paBoost
        try run.forward(loop: EventLoop(reactor: PollReactor()),
                        radio: SX1276GatewayRadio(driver: driver, interruptDescriptor: board.dio0.fileDescriptor, output: output))
    }
}
