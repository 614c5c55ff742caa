import ArgumentParser
import HAL
import LoRaPHY
import SX1276
import SX1276Emulator

/// `lorikeet bench radio`: heap allocations and instructions per received
/// packet in the radio path, beside `bench gateway`'s whole pipeline:
/// the SX1276 driver alone on a register image (a Linux board adds one
/// spidev ioctl per transfer and a GPIO event read, neither allocating), the
/// driver behind the emulated chip and air, and the radio + forwarder path
/// of a forwarded uplink (`ForwarderPathRig`), with its JSON text and
/// datagram measured alone and subtracted. valgrind, difference of two run
/// lengths. Printed, never asserted.
struct RadioBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "radio", abstract: "Radio path cost per received packet.")

    func run() throws {
        var costs: [RadioPath: (instructions: Int, allocations: Int, bytes: Int)] = [:]
        for path in RadioPath.allCases {
            guard let cost = GatewayBenchRig.valgrindCost(command: ["bench", "radio-path", "--path", path.rawValue, "--packets"]) else {
                print("radio: valgrind not found: allocation counts skipped")
                return
            }
            costs[path] = cost
            print("radio: per \(path.unit), \(path.label) (valgrind, difference of two run lengths): "
                + "\(cost.instructions) instructions, \(cost.allocations) allocations, \(cost.bytes) bytes allocated")
        }
        // Issue 10's figure: the radio + forwarder path without the JSON text and the datagram.
        if let whole = costs[.forwarder], let text = costs[.jsonAndDatagram] {
            print("radio: per forwarded uplink, radio + forwarder path without the JSON text and the datagram "
                + "(the two lines above, subtracted): \(whole.allocations - text.allocations) allocations, "
                + "\(whole.bytes - text.bytes) bytes allocated, \(whole.instructions - text.instructions) instructions")
        }
    }
}

enum RadioPath: String, CaseIterable, ExpressibleByArgument {
    case driver, emulator, forwarder
    case jsonAndDatagram = "json-and-datagram"

    var label: String {
        switch self {
        case .driver: "SX1276 driver on a register image (RxDone, status, FIFO, FEI, flags)"
        case .emulator: "driver behind the emulated SX1276 and air (frame sent, received, read out)"
        case .forwarder: "radio + forwarder path (driver on a register image, PacketForwarder, PUSH_ACK at once, virtual clock)"
        case .jsonAndDatagram: "of that, the rxpk JSON text, the PUSH_DATA body and the datagram built alone"
        }
    }

    var unit: String {
        switch self {
        case .driver, .emulator: "received packet"
        case .forwarder, .jsonAndDatagram: "forwarded uplink"
        }
    }
}

/// Hidden helper for the valgrind measurement: N packets through one path.
struct RadioPathBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "radio-path", abstract: "Receive N packets (for valgrind).",
                                                    shouldDisplay: false)
    @Option var path: RadioPath = .driver
    @Option var packets: Int = 1_000

    func validate() throws { try BenchLimits.checkCount(packets, name: "--packets") }

    func run() throws {
        switch path {
        case .driver: print("radio-path: \(try RadioBenchRig.driverOnImage(packets: packets)) of \(packets) packets received")
        case .emulator: print("radio-path: \(try RadioBenchRig.driverOnEmulator(packets: packets)) of \(packets) packets received")
        case .forwarder: print("radio-path: \(try ForwarderPathRig.forward(uplinks: packets)) of \(packets) uplinks acknowledged")
        case .jsonAndDatagram: print("radio-path: \(ForwarderPathRig.jsonAndDatagram(uplinks: packets)) datagram bytes built")
        }
    }
}

enum RadioBenchRig {
    static let settings = RadioSettings(frequencyHz: 868_100_000, parameters: LoRaParameters(spreadingFactor: .sf7))
    static let payload: [UInt8] = [0x40, 1, 0x20, 1, 0x26, 0, 1, 0, 1] + [UInt8](repeating: 0xA5, count: 12) + [1, 2, 3, 4]

    /// `handleDIO0` on a register file that always shows RxDone with a
    /// 25-byte packet in the FIFO: the driver's own cost, nothing else.
    static func driverOnImage(packets: Int) throws(SX1276Error) -> Int {
        let image = RegisterImage(packet: payload)
        var radio = SX1276(bus: image.spiDevice, lines: ControlLines(reset: UnwiredOutputPin(), dio0: UnwiredInterruptLine(), dio1: UnwiredInterruptLine(), clock: VirtualClock()),
                           busName: "register image")
        try radio.configureReceiver(settings)
        var received = 0
        for index in 0..<packets {
            if case .received(let packet) = try radio.handleDIO0(Edge(timestampMicros: UInt64(index))), packet.payload.count == payload.count {
                received += 1
            }
        }
        return received
    }

    /// A frame on the simulated air every 100 ms, read out by the driver at
    /// its RxDone edge.
    static func driverOnEmulator(packets: Int) throws(SX1276Error) -> Int {
        let clock = VirtualClock(startMicros: 1_000_000)
        let air = Air(clock: clock)
        let chip = SX1276Chip(clock: clock, air: air, nodeID: 0)
        var radio = SX1276(bus: chip.spiDevice, lines: chip.controlLines, busName: "emulator")
        try radio.initialize()
        try radio.configureReceiver(settings)
        try radio.startReceiveContinuous()
        var received = 0
        for _ in 0..<packets {
            air.transmit(from: 9, frequencyHz: 868_100_000, parameters: settings.parameters, syncWord: 0x34, invertedIQ: false,
                         payload: payload, txPowerDBm: 14)
            if case .received = try radio.waitForEvent(timeoutMicros: 100_000) { received += 1 }
            clock.advance(to: clock.now + 50_000)
        }
        return received
    }
}

/// SX1276 registers as a flat file (LoRa page): IrqFlags reads RxDone, the
/// FIFO holds one packet, RegFifo reads advance FifoAddrPtr. No allocation
/// per transfer.
final class RegisterImage {
    var registers = [UInt8](repeating: 0, count: 128)
    var fifo = [UInt8](repeating: 0, count: 256)

    init(packet: [UInt8]) {
        registers[0x42] = 0x12  // RegVersion
        registers[0x12] = 0x40  // RegIrqFlags: RxDone
        registers[0x13] = UInt8(packet.count)  // RegRxNbBytes
        registers[0x19] = 40  // RegPktSnrValue: +10 dB
        registers[0x1A] = 60  // RegPktRssiValue
        registers[0x1C] = 0x40  // RegHopChannel: CrcOnPayload
        for (index, byte) in packet.enumerated() { fifo[index] = byte }
    }

    var spiDevice: Device { Device(image: self) }

    struct Device: SPIDevice {
        typealias Failure = NoFailure
        let image: RegisterImage

        mutating func transfer(_ frame: inout MutableSpan<UInt8>) throws(NoFailure) {
            var address = Int(frame[0] & 0x7F)
            let write = frame[0] & 0x80 != 0
            for index in 1..<frame.count {
                if address == 0 {  // RegFifo at FifoAddrPtr
                    let pointer = Int(image.registers[0x0D])
                    if write { image.fifo[pointer] = frame[index] } else { frame[index] = image.fifo[pointer] }
                    image.registers[0x0D] &+= 1
                    continue
                }
                if write {
                    if address != 0x12 { image.registers[address] = frame[index] }  // IrqFlags stay set
                } else {
                    frame[index] = image.registers[address]
                }
                address = (address + 1) & 0x7F
            }
        }
    }
}
