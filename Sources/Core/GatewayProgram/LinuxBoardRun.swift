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
        let board: LinuxRadioBoard
        do {
            board = try LinuxRadioBoard(wiring: LinuxRadioWiring(profile: wiring))
        } catch {
            throw .system(error.message)
        }
        let driver = SX1276(bus: board.spi, lines: board.radioLines, busName: wiring.spiDevice)
        let output = PAOutput(profile: profile.paOutput)
        try run.forward(loop: EventLoop(reactor: PollReactor()),
                        radio: SX1276GatewayRadio(driver: driver, interruptDescriptor: board.dio0.fileDescriptor, output: output))
    }
}
