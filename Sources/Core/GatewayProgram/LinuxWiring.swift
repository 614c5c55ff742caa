import BoardProfile
import LinuxBoard
import SX1276

/// A board profile's wiring and PA pin as the Linux board and the SX1276
/// driver take them (shared by the gateway and the mesh node programs).
extension LinuxRadioWiring {
    public init(profile wiring: BoardWiring) {
        self.init(
            spiDevice: wiring.spiDevice, spiSpeedHz: UInt32(wiring.spiSpeedHz), gpioChip: wiring.gpioChip,
            chipSelectLine: wiring.softwareChipSelectLine.map { UInt32($0) }, resetLine: wiring.resetLine.map { UInt32($0) },
            dio0Line: UInt32(wiring.dio0Line), dio1Line: wiring.dio1Line.map { UInt32($0) }, dio2Line: wiring.dio2Line.map { UInt32($0) })
    }
}

extension PAOutput {
    public init(profile output: PowerAmplifierOutput) {
        self = output == .rfo ? .rfo : .paBoost
    }
}
