import HAL
import LoRaPHY

/// A frame the emulated chip transmitted, as the `tx?` command reports it.
public struct TransmittedFrame: Sendable, Equatable {
    public var frequencyHz: Double
    public var parameters: LoRaParameters
    public var syncWord: UInt8
    public var invertedIQ: Bool
    public var powerDBm: Double
    public var payload: [UInt8]
    public var startMicros: UInt64
    public var endMicros: UInt64
}

/// A behavioural model of the SX1276 LoRa modem, written from the datasheet
/// (not from our driver) so that any correct driver runs against it
/// unchanged. One chip; `EmulatedSPIDevice`, `EmulatedResetPin` and
/// `EmulatedInterruptLine` are views onto it. All timing runs on the shared
/// `VirtualClock`.
public final class SX1276Chip {
    public let clock: VirtualClock
    public let air: Air
    /// This chip's node id on the air.
    public let nodeID: Int

    var common = [UInt8](repeating: 0, count: 128)
    var loraPage = [UInt8](repeating: 0, count: 64)
    var fskPage = [UInt8](repeating: 0, count: 64)
    var fifo = [UInt8](repeating: 0, count: 256)
    public private(set) var nresetLow = false
    /// Bumped on every mode change and reset; scheduled chip events carry the
    /// generation they were scheduled in and do nothing if it moved on.
    var generation: UInt64 = 0

    // SPI frame state (datasheet §4.3): first byte wnr + address.
    var chipSelected = false
    var frameAddress: UInt8?
    var frameWrite = false

    // DIO0-5 levels and the rising edges not yet taken.
    var dioLevels = [Bool](repeating: false, count: 6)
    var dioEdges: [[UInt64]] = [[], [], [], [], [], []]

    /// The frame the demodulator is locked on.
    var lockedFrame: AirFrame?
    var rxWritePointer: UInt8 = 0
    var rxHeaderCount: UInt16 = 0
    var rxPacketCount: UInt16 = 0

    /// Frames transmitted since the last `takeTransmitted()`.
    public private(set) var transmitted: [TransmittedFrame] = []
    /// Every frame transmitted (for tests); kept as long as the chip lives.
    public private(set) var transmitLog: [TransmittedFrame] = []
    /// Called when a frame starts, after the emulator has put it on its air
    /// (before the SPI write returns), with the frame.
    public var onTransmitStart: ((TransmittedFrame) -> Void)?
    /// Called the moment OpMode TX is taken, before the emulator does any
    /// work of its own (modelling the air, the receivers): where the
    /// downlink benchmark reads the real clock, as a real chip starts then.
    public var onTransmitModeTaken: (() -> Void)?

    public init(clock: VirtualClock, air: Air, nodeID: Int = 0) {
        self.clock = clock
        self.air = air
        self.nodeID = nodeID
        loadResetValues()
        air.addListener(nodeID: nodeID) { frame in self.frameStarted(frame) }
    }

    func loadResetValues() {
        common = [UInt8](repeating: 0, count: 128)
        loraPage = [UInt8](repeating: 0, count: 64)
        fskPage = [UInt8](repeating: 0, count: 64)
        for (address, value) in Address.commonResetValues { common[Int(address)] = value }
        for (address, value) in Address.loraResetValues { loraPage[Int(address)] = value }
        for (address, value) in Address.fskResetValues { fskPage[Int(address)] = value }
        fifo = [UInt8](repeating: 0, count: 256)
        lockedFrame = nil
        rxHeaderCount = 0
        rxPacketCount = 0
        rxWritePointer = 0
        generation &+= 1
        updateDIO()
    }

    // MARK: State seen from outside

    public var opModeRegister: UInt8 { common[Int(Address.opMode)] }
    public var mode: ChipMode { ChipMode(rawValue: opModeRegister & 0x07)! }
    public var isLoRa: Bool { opModeRegister & 0x80 != 0 }
    var accessSharedReg: Bool { opModeRegister & 0x40 != 0 }

    /// The carrier Frf programs: Frf · 32 MHz / 2^19.
    public var frequencyHz: Double {
        let frf = UInt32(common[6]) << 16 | UInt32(common[7]) << 8 | UInt32(common[8])
        return Double(frf) * 32_000_000 / 524_288
    }

    /// The modem settings the LoRa page holds now.
    public var parameters: LoRaParameters {
        let config1 = loraPage[Int(Address.modemConfig1)]
        let config2 = loraPage[Int(Address.modemConfig2)]
        let config3 = loraPage[Int(Address.modemConfig3)]
        let preamble = Int(loraPage[Int(Address.preambleMsb)]) << 8 | Int(loraPage[Int(Address.preambleLsb)])
        return LoRaParameters(
            spreadingFactor: SpreadingFactor(rawValue: min(12, max(6, Int(config2 >> 4)))) ?? .sf7,
            bandwidth: Bandwidth(rawValue: Int(config1 >> 4)) ?? .khz500,
            codingRate: CodingRate(rawValue: min(4, max(1, Int(config1 >> 1 & 0x07)))) ?? .cr4_5,
            explicitHeader: config1 & 0x01 == 0,
            crcOn: config2 & 0x04 != 0,
            lowDataRateOptimize: config3 & 0x08 != 0 ? .on : .off,
            preambleSymbols: preamble)
    }

    public var syncWord: UInt8 { loraPage[Int(Address.syncWord)] }

    /// RX IQ inversion: RegInvertIQ bit 6 with RegInvertIQ2 0x19; normal is
    /// bit 6 clear with RegInvertIQ2 0x1D; any other combination hears nothing.
    public var receiveIQ: Bool? {
        let bit = loraPage[Int(Address.invertIQ)] & 0x40 != 0
        let second = loraPage[Int(Address.invertIQ2)]
        if bit && second == 0x19 { return true }
        if !bit && second == 0x1D { return false }
        return nil
    }

    /// TX IQ inversion: RegInvertIQ bit 0 cleared (InvertIQ TX on).
    public var transmitIQInverted: Bool { loraPage[Int(Address.invertIQ)] & 0x01 == 0 }

    /// Output power the PA registers give (datasheet §5.4.2/5.4.3).
    public var transmitPowerDBm: Double {
        let pa = common[Int(Address.paConfig)]
        let outputPower = Double(pa & 0x0F)
        if pa & 0x80 != 0 {
            return (common[Int(Address.paDac)] & 0x07 == 0x07 ? 5 : 2) + outputPower
        }
        let pmax = 10.8 + 0.6 * Double(pa >> 4 & 0x07)
        return pmax - (15 - outputPower)
    }

    public var irqFlags: UInt8 { loraPage[Int(Address.irqFlags)] }

    /// Debug/test access without SPI side effects (the page in use).
    public func peekRegister(_ address: UInt8) -> UInt8 { peek(address & 0x7F) }

    public func takeTransmitted() -> [TransmittedFrame] {
        let frames = transmitted
        transmitted = []
        return frames
    }

    // MARK: NRESET (datasheet §7.2): low holds the chip in reset

    public func setNReset(high: Bool) {
        if !high {
            if !nresetLow {
                nresetLow = true
                generation &+= 1
                lockedFrame = nil
                chipSelected = false
                frameAddress = nil
                for index in 0..<6 { dioLevels[index] = false }
            }
        } else if nresetLow {
            nresetLow = false
            loadResetValues()
        }
    }

    // MARK: SPI

    public func select() {
        chipSelected = true
        frameAddress = nil
    }

    public func deselect() {
        chipSelected = false
        frameAddress = nil
    }

    /// One byte of a frame: the first is wnr + address, MISO 0x00 meanwhile;
    /// then data, auto-incrementing the address except at RegFifo.
    public func exchange(_ mosi: UInt8) -> UInt8 {
        if nresetLow || !chipSelected { return 0x00 }
        guard let address = frameAddress else {
            frameWrite = mosi & 0x80 != 0
            frameAddress = mosi & 0x7F
            return 0x00
        }
        let miso: UInt8
        if frameWrite {
            miso = peek(address)
            write(address, mosi)
        } else {
            miso = read(address)
        }
        if address != Address.fifo { frameAddress = (address + 1) & 0x7F }
        return miso
    }

    /// A whole CS-low transaction.
    public func transfer(_ frame: inout MutableSpan<UInt8>) {
        select()
        for index in frame.indices { frame[index] = exchange(frame[index]) }
        deselect()
    }

    /// `transfer` for an array (tests, the line protocol).
    public func transfer(_ buffer: inout [UInt8]) {
        var span = buffer.mutableSpan
        transfer(&span)
    }

    func usesLoRaPage(_ address: UInt8) -> Bool { isLoRa && !accessSharedReg }

    func isPaged(_ address: UInt8) -> Bool { address >= Address.pageStart && address <= Address.pageEnd }

    func peek(_ address: UInt8) -> UInt8 {
        if address == Address.fifo {
            return isLoRa && mode != .sleep ? fifo[Int(loraPage[Int(Address.fifoAddrPtr)])] : 0
        }
        if isPaged(address) {
            if usesLoRaPage(address) {
                if address == Address.rssiValue { return currentRSSIRegister() }
                return loraPage[Int(address)]
            }
            return fskPage[Int(address)]
        }
        return common[Int(address)]
    }

    func read(_ address: UInt8) -> UInt8 {
        let value = peek(address)
        if address == Address.fifo && isLoRa && mode != .sleep {
            loraPage[Int(Address.fifoAddrPtr)] &+= 1
        }
        return value
    }

    func write(_ address: UInt8, _ value: UInt8) {
        switch address {
        case Address.fifo:
            // FIFO access in SLEEP is ignored (datasheet §4.1.2.3).
            guard isLoRa && mode != .sleep else { return }
            let pointer = Int(loraPage[Int(Address.fifoAddrPtr)])
            fifo[pointer] = value
            loraPage[Int(Address.fifoAddrPtr)] &+= 1
        case Address.opMode:
            writeOpMode(value)
        case _ where isPaged(address):
            if usesLoRaPage(address) {
                if Address.isReadOnlyLoRa(address) { return }
                if address == Address.irqFlags {
                    loraPage[Int(address)] &= ~value
                    updateDIO()
                    return
                }
                loraPage[Int(address)] = value
            } else {
                fskPage[Int(address)] = value
            }
        default:
            if Address.isReadOnlyCommon(address) { return }
            common[Int(address)] = value
            if address == Address.dioMapping1 || address == Address.dioMapping2 { updateDIO() }
        }
    }

    // MARK: Modes

    func writeOpMode(_ value: UInt8) {
        let old = opModeRegister
        var new = value
        // LongRangeMode can be modified only in SLEEP (datasheet RegOpMode bit 7).
        if old & 0x07 != ChipMode.sleep.rawValue {
            new = new & 0x7F | old & 0x80
        }
        common[Int(Address.opMode)] = new
        let oldMode = ChipMode(rawValue: old & 0x07)!
        let newMode = ChipMode(rawValue: new & 0x07)!
        if oldMode == newMode && old & 0x80 == new & 0x80 { return }
        enter(newMode)
    }

    /// The chip switches mode by itself (TX → STDBY after TxDone…).
    func setModeInternally(_ mode: ChipMode) {
        common[Int(Address.opMode)] = common[Int(Address.opMode)] & 0xF8 | mode.rawValue
        enter(mode)
    }

    func enter(_ newMode: ChipMode) {
        generation &+= 1
        lockedFrame = nil
        loraPage[Int(Address.modemStat)] = 0x10
        if newMode == .sleep {
            // The LoRa FIFO is cleared in SLEEP.
            fifo = [UInt8](repeating: 0, count: 256)
        }
        if isLoRa {
            switch newMode {
            case .tx: startTransmission()
            case .rxContinuous, .rxSingle: startReception(single: newMode == .rxSingle)
            case .cad: startChannelActivityDetection()
            default: break
            }
        }
        updateDIO()
    }

    // MARK: Transmission (datasheet §4.1.6.1)

    func startTransmission() {
        onTransmitModeTaken?()
        let params = parameters
        let length = Int(loraPage[Int(Address.payloadLength)])
        let base = loraPage[Int(Address.fifoTxBaseAddr)]
        var payload: [UInt8] = []
        for offset in 0..<length { payload.append(fifo[Int(base &+ UInt8(truncatingIfNeeded: offset))]) }
        let frame = air.transmit(
            from: nodeID, frequencyHz: frequencyHz, parameters: params, syncWord: syncWord,
            invertedIQ: transmitIQInverted, payload: payload, txPowerDBm: transmitPowerDBm)
        let record = TransmittedFrame(
            frequencyHz: frequencyHz, parameters: params, syncWord: syncWord, invertedIQ: transmitIQInverted,
            powerDBm: transmitPowerDBm, payload: payload, startMicros: frame.startMicros, endMicros: frame.endMicros)
        transmitted.append(record)
        transmitLog.append(record)
        onTransmitStart?(record)
        let scheduledGeneration = generation
        clock.schedule(at: frame.endMicros) {
            guard self.generation == scheduledGeneration else { return }
            self.raise(Flag.txDone)
            self.setModeInternally(.standby)
        }
    }

    // MARK: CAD (datasheet §4.1.6.4): about one symbol plus processing

    func startChannelActivityDetection() {
        let params = parameters
        let start = clock.now
        let duration = UInt64(params.symbolMicros + 32 * 1_000_000 / params.bandwidth.hertz)
        let scheduledGeneration = generation
        clock.schedule(at: start + duration) {
            guard self.generation == scheduledGeneration else { return }
            let end = self.clock.now
            let detected = self.air.frames.contains { frame in
                frame.startMicros < end && start < frame.endMicros && self.matchesChannel(frame)
                    && self.air.isAboveFloor(frame, at: self.nodeID)
            }
            self.raise(detected ? Flag.cadDone | Flag.cadDetected : Flag.cadDone)
            self.setModeInternally(.standby)
        }
    }

    // MARK: RSSI

    var lowFrequencyPort: Bool { frequencyHz < 525_000_000 }

    func currentRSSIRegister() -> UInt8 {
        let params = parameters
        var rssi = Air.noiseFloorDBm(bandwidth: params.bandwidth, noiseFigureDB: air.noiseFigureDB)
        for frame in air.framesOnAir(at: clock.now) where abs(frame.frequencyHz - frequencyHz) < params.bandwidth.hertz {
            rssi = max(rssi, air.reception(of: frame, at: nodeID).rssiDBm)
        }
        return SX1276Chip.clampRegister(rssi - (lowFrequencyPort ? -164 : -157))
    }

    static func clampRegister(_ value: Double) -> UInt8 {
        UInt8(max(0, min(255, value.rounded())))
    }
}
