import HAL
import LoRaPHY
import Runtime
import SX1276
import SX1276Emulator
@testable import Mesh

/// A radio test double: events are injected, transmissions recorded; a
/// transmission completes `airtimeMicros` later on the virtual clock.
final class ScriptedRadioState {
    var inbox: [MeshRadioEvent] = []
    var transmitted: [[UInt8]] = []
    var busyAnswers: [Bool] = []
}

struct ScriptedRadio: MeshRadio {
    let state: ScriptedRadioState
    let clock: VirtualClock
    var frameAirtimeMicros: UInt64 = 0

    var eventDescriptor: Int32 { -1 }
    mutating func start() throws(MeshError) {}
    mutating func transmit(_ psdu: [UInt8]) throws(MeshError) {
        state.transmitted.append(psdu)
        let state = self.state
        clock.schedule(at: clock.now + frameAirtimeMicros) { state.inbox.append(.transmitDone) }
    }
    mutating func startChannelActivityDetection() throws(MeshError) {
        let busy = state.busyAnswers.isEmpty ? false : state.busyAnswers.removeFirst()
        let state = self.state
        clock.schedule(at: clock.now + 100) { state.inbox.append(.channelActivity(busy: busy)) }
    }
    mutating func nextEvent() throws(MeshError) -> MeshRadioEvent? {
        state.inbox.isEmpty ? nil : state.inbox.removeFirst()
    }
    func airtimeMicros(psduBytes: Int) -> UInt64 { frameAirtimeMicros }
    var channelActivityDetectionMicros: UInt64 { 100 }
    var turnaroundMicros: UInt64 { 0 }

    /// Delivers a PSDU as if received now.
    func inject(_ psdu: [UInt8], rssi: Int = -50) {
        state.inbox.append(.received(ReceivedPSDU(psdu: psdu, rssiDBm: rssi, lqi: 200, timestampMicros: clock.now)))
    }
}

typealias VirtualLoop = EventLoop<VirtualReactor>

/// N emulated SX1276 chips with the real driver on one simulated air and
/// one virtual-clock event loop: the mock board's world, for the mesh.
final class AirWorld {
    typealias Radio = SX1276MeshRadio<EmulatedSPIDevice, EmulatedControlLines>
    let clock = VirtualClock()
    let air: Air
    let loop: VirtualLoop
    var chips: [SX1276Chip] = []
    var macs: [MACLayer<Radio, VirtualReactor>] = []

    init(nodes: Int, key: NetworkKey = .pymeshDefault, settings: RadioSettings = Radio.defaultSettings,
         parameters: MACParameters = MACParameters()) throws {
        air = Air(clock: clock)
        loop = EventLoop(reactor: VirtualReactor(clock: clock))
        for index in 0..<nodes { try addNode(index: index, key: key, settings: settings, parameters: parameters) }
    }

    @discardableResult
    func addNode(index: Int, key: NetworkKey, settings: RadioSettings = Radio.defaultSettings,
                 parameters: MACParameters = MACParameters()) throws -> MACLayer<Radio, VirtualReactor> {
        let chip = SX1276Chip(clock: clock, air: air, nodeID: index + 1)
        let driver = SX1276(bus: chip.spiDevice, lines: chip.controlLines, busName: "node\(index + 1)")
        let radio = Radio(driver: driver, settings: settings)
        let mac = MACLayer(radio: radio, loop: loop, panID: 0xFACE, extendedAddress: AirWorld.ext(index),
                           keys: try KeyManager(networkKey: key), parameters: parameters, seed: UInt64(index + 1))
        try mac.start()
        chips.append(chip)
        macs.append(mac)
        return mac
    }

    static func ext(_ index: Int) -> ExtendedAddress { ExtendedAddress(0x0101_0101_0101_0100 | UInt64(index + 1)) }

    func run(forMicros micros: UInt64) throws { try loop.run(until: clock.now + micros) }
}
