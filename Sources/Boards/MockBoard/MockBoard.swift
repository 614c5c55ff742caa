import HAL
import LoRaPHY
import LoRaWAN
import Randomness
import SX1276Emulator

/// The board without hardware: an emulated SX1276 (the gateway's radio), a
/// virtual clock, the simulated air and LoRaWAN Class A end devices.
/// Everything — the chip's timing, the devices' schedules — runs on `clock`,
/// so advancing the clock is all it takes to run the world; an event loop
/// can drive the radio through the HAL pieces below on the same clock.
public final class MockBoard {
    public let clock: VirtualClock
    public let air: Air
    /// The gateway's radio chip (air node 0).
    public let chip: SX1276Chip
    public private(set) var devices: [SimulatedDevice] = []
    var random: SeededRandom

    public static let gatewayNodeID = 0
    public static let firstDeviceNodeID = 100
    public static let busName = "mock-board:sx1276"

    /// `seed` decides every random choice (first uplink times, jitter,
    /// payload bytes): the same seed gives the same run.
    public init(seed: UInt64 = 1, startMicros: UInt64 = 0) {
        clock = VirtualClock(startMicros: startMicros)
        air = Air(clock: clock)
        chip = SX1276Chip(clock: clock, air: air, nodeID: MockBoard.gatewayNodeID)
        random = SeededRandom(seed: seed)
    }

    // MARK: The radio's HAL pieces (views onto the one chip)

    public var spi: EmulatedSPIDevice { EmulatedSPIDevice(chip: chip) }
    public var resetPin: EmulatedResetPin { EmulatedResetPin(chip: chip) }
    public var dio0: EmulatedInterruptLine { EmulatedInterruptLine(chip: chip, index: 0) }
    public var dio1: EmulatedInterruptLine { EmulatedInterruptLine(chip: chip, index: 1) }
    /// NRESET, DIO0, DIO1 and the board's clock, for the driver.
    public var radioLines: EmulatedControlLines { chip.controlLines }

    // MARK: Devices

    @discardableResult
    public func addDevice(_ description: DeviceDescription) -> SimulatedDevice {
        let nodeID = MockBoard.firstDeviceNodeID + devices.count
        if let loss = description.pathLossDB {
            air.setPathLoss(between: nodeID, and: MockBoard.gatewayNodeID, dB: loss)
        }
        let device = SimulatedDevice(nodeID: nodeID, description: description, clock: clock, air: air, seed: random.next())
        devices.append(device)
        return device
    }

    /// The device with this address (ABP, or OTAA once joined).
    public func device(_ devAddr: DevAddr) -> SimulatedDevice? {
        devices.first(where: { $0.devAddr == devAddr })
    }

    /// Runs the world until `micros` (no driver involved).
    public func run(until micros: UInt64) { clock.advance(to: micros) }
}
