import LinuxBoard
import Mesh
import SX1276
import SX1276Emulator

/// The node's radio, whichever the options chose, as one concrete type.
/// The mesh stack is generic over its radio (no existentials in Embedded
/// Swift); with one radio type the firmware holds one specialization of the
/// whole stack instead of one per radio (three: about 190 kB of code on
/// x86_64). Each radio sits in a class box, so a mutating call changes it in
/// place instead of copying it out of the enum and back.
enum NodeRadio: MeshRadio {
    case otSim(Box<OTSimRadio>)
    case mockBoard(Box<MockBoardMeshRadio>)
    case linuxBoard(Box<LinuxBoardMeshRadio>)

    final class Box<Radio: MeshRadio> {
        var radio: Radio
        init(_ radio: Radio) { self.radio = radio }
    }

    static func otSim(_ radio: OTSimRadio) -> NodeRadio { .otSim(Box(radio)) }
    static func mockBoard(_ radio: MockBoardMeshRadio) -> NodeRadio { .mockBoard(Box(radio)) }
    static func linuxBoard(_ radio: LinuxBoardMeshRadio) -> NodeRadio { .linuxBoard(Box(radio)) }

    var eventDescriptor: Int32 {
        switch self {
        case .otSim(let box): return box.radio.eventDescriptor
        case .mockBoard(let box): return box.radio.eventDescriptor
        case .linuxBoard(let box): return box.radio.eventDescriptor
        }
    }

    func start() throws(MeshError) {
        switch self {
        case .otSim(let box): try box.radio.start()
        case .mockBoard(let box): try box.radio.start()
        case .linuxBoard(let box): try box.radio.start()
        }
    }

    func transmit(_ psdu: [UInt8]) throws(MeshError) {
        switch self {
        case .otSim(let box): try box.radio.transmit(psdu)
        case .mockBoard(let box): try box.radio.transmit(psdu)
        case .linuxBoard(let box): try box.radio.transmit(psdu)
        }
    }

    func startChannelActivityDetection() throws(MeshError) {
        switch self {
        case .otSim(let box): try box.radio.startChannelActivityDetection()
        case .mockBoard(let box): try box.radio.startChannelActivityDetection()
        case .linuxBoard(let box): try box.radio.startChannelActivityDetection()
        }
    }

    func nextEvent() throws(MeshError) -> MeshRadioEvent? {
        switch self {
        case .otSim(let box): return try box.radio.nextEvent()
        case .mockBoard(let box): return try box.radio.nextEvent()
        case .linuxBoard(let box): return try box.radio.nextEvent()
        }
    }

    func airtimeMicros(psduBytes: Int) -> UInt64 {
        switch self {
        case .otSim(let box): return box.radio.airtimeMicros(psduBytes: psduBytes)
        case .mockBoard(let box): return box.radio.airtimeMicros(psduBytes: psduBytes)
        case .linuxBoard(let box): return box.radio.airtimeMicros(psduBytes: psduBytes)
        }
    }

    var channelActivityDetectionMicros: UInt64 {
        switch self {
        case .otSim(let box): return box.radio.channelActivityDetectionMicros
        case .mockBoard(let box): return box.radio.channelActivityDetectionMicros
        case .linuxBoard(let box): return box.radio.channelActivityDetectionMicros
        }
    }

    var turnaroundMicros: UInt64 {
        switch self {
        case .otSim(let box): return box.radio.turnaroundMicros
        case .mockBoard(let box): return box.radio.turnaroundMicros
        case .linuxBoard(let box): return box.radio.turnaroundMicros
        }
    }
}

/// The mesh radio on the mock board's emulated SX1276.
typealias MockBoardMeshRadio = SX1276MeshRadio<EmulatedSPIDevice, EmulatedControlLines>
/// The mesh radio on a HAT's SX1276 (spidev, libgpiod).
typealias LinuxBoardMeshRadio = SX1276MeshRadio<LinuxSPIDevice, LinuxRadioBoard.RadioLines>
