import HAL
import LoRaPHY
import SX1276

/// The mesh radio on an SX1276 (Pymesh's scheme: each 802.15.4 PSDU, FCS
/// included, is one LoRa packet with explicit header and CRC). The same
/// code runs a Raspberry Pi HAT over spidev and the mock board's emulated
/// chips on the simulated air.
public struct SX1276MeshRadio<Bus: SPIDevice, Lines: RadioControlLines>: MeshRadio {
    public var driver: SX1276<Bus, Lines>
    public var settings: RadioSettings
    public var powerDBm: Int
    public var output: PAOutput
    public let eventDescriptor: Int32
    /// Frames whose LoRa CRC failed (never handed to the MAC).
    public private(set) var crcErrors = 0

    /// Pymesh's default channel: EU868 869.525 MHz (the 10 % sub-band
    /// 869.4–869.65 MHz), SF7/125 kHz, private sync word.
    public static var defaultSettings: RadioSettings {
        RadioSettings(frequencyHz: 869_525_000, parameters: LoRaParameters(spreadingFactor: .sf7),
                      syncWord: RadioSettings.privateSyncWord)
    }

    public init(driver: SX1276<Bus, Lines>, settings: RadioSettings = Self.defaultSettings,
                powerDBm: Int = 14, output: PAOutput = .paBoost, eventDescriptor: Int32 = -1) {
        self.driver = driver
        self.settings = settings
        self.powerDBm = powerDBm
        self.output = output
        self.eventDescriptor = eventDescriptor
    }

    public mutating func start() throws(MeshError) {
        do {
            try driver.initialize()
            try driver.configureReceiver(settings)
            try driver.startReceiveContinuous()
        } catch {
            throw MeshError(.radio, error.message)
        }
    }

    public mutating func transmit(_ psdu: [UInt8]) throws(MeshError) {
        guard !psdu.isEmpty && psdu.count <= MACFrame.maxPSDUBytes else {
            throw MeshError(.invalidArgument, "PSDU of \(psdu.count) bytes: allowed 1-127")
        }
        do {
            try driver.startTransmit(psdu, settings: settings, powerDBm: powerDBm, output: output)
        } catch {
            throw MeshError(.radio, error.message)
        }
    }

    public mutating func startChannelActivityDetection() throws(MeshError) {
        do {
            try driver.startChannelActivityDetection(settings)
        } catch {
            throw MeshError(.radio, error.message)
        }
    }

    public mutating func nextEvent() throws(MeshError) -> MeshRadioEvent? {
        while true {
            let edge: Edge?
            do {
                edge = try driver.lines.dio0.takeEdge()
            } catch {
                throw MeshError(.radio, "\(driver.busName): DIO0: \(error.message)")
            }
            guard let edge else { return nil }
            let event: RadioEvent?
            do {
                event = try driver.handleDIO0(edge)
            } catch {
                throw MeshError(.radio, error.message)
            }
            switch event {
            case .received(let packet):
                if packet.crc == .bad || packet.payload.count > MACFrame.maxPSDUBytes {
                    crcErrors += 1
                    continue
                }
                return .received(ReceivedPSDU(psdu: packet.payload, rssiDBm: Int(packet.rssiDBm.rounded()),
                                              lqi: SX1276MeshRadio.linkQuality(snrDB: packet.snrDB),
                                              timestampMicros: packet.timestampMicros))
            case .transmitted:
                try resumeReceive()
                return .transmitDone
            case .channelActivity(let detected, _):
                try resumeReceive()
                return .channelActivity(busy: detected)
            case .receiveTimeout, nil:
                continue
            }
        }
    }

    private mutating func resumeReceive() throws(MeshError) {
        do {
            try driver.startReceiveContinuous()
        } catch {
            throw MeshError(.radio, error.message)
        }
    }

    public func airtimeMicros(psduBytes: Int) -> UInt64 {
        UInt64(max(Airtime(payloadBytes: psduBytes, parameters: settings.parameters).totalMicros, 0))
    }

    /// One symbol plus processing (datasheet §4.1.6.4; the emulator's model).
    public var channelActivityDetectionMicros: UInt64 {
        let p = settings.parameters
        return UInt64(p.symbolMicros + 32 * 1_000_000 / p.bandwidth.hertz) + 1
    }

    /// SPI writes and the PLL lock between RX and TX: about 1 ms is a
    /// safe bound on a Pi (TS_FS 60 µs plus register traffic).
    public var turnaroundMicros: UInt64 { 1_000 }

    /// LQI from SNR: the demodulation floor of SF12 (−20 dB) maps to 0,
    /// +10 dB and above to 255.
    static func linkQuality(snrDB: Double) -> UInt8 {
        let scaled = (snrDB + 20) * 255 / 30
        if !(scaled > 0) { return 0 }
        return scaled >= 255 ? 255 : UInt8(scaled)
    }
}
