import HAL
import LoRaPHY
import TextCoding

/// Register-level SX1276/77/78/79 driver (LoRa modem), generic over the HAL
/// pieces of the board it runs on — never over existentials (lora-phy's
/// `Sx127x<SPI, IV>`: the SPI device and the board's control lines). The
/// same code drives a Raspberry Pi's spidev and the mock board's emulator.
///
/// Event-loop use: `initialize()`, `configureReceiver(_:)`,
/// `startReceiveContinuous()`, then `handleDIO0(_:)` for each DIO0 edge;
/// `startTransmit(...)` returns as soon as OpMode TX is written.
///
/// Register access goes through fixed stack buffers and a received packet
/// costs one allocation, its payload; a transmitted frame goes through a
/// buffer the driver keeps (allocated on the first transmission only).
public struct SX1276<Bus: SPIDevice, Lines: RadioControlLines> {
    public var bus: Bus
    /// NRESET, DIO0, DIO1 and the clock.
    public var lines: Lines
    /// How the board names the bus ("/dev/spidev0.0", "emulator"), for messages.
    public let busName: String

    /// The settings the receiver returns to after TX or CAD.
    public private(set) var receiveSettings: RadioSettings?
    /// The settings programmed into the chip right now.
    public private(set) var programmedSettings: RadioSettings?
    /// The programmed RX/TX flavour of RegInvertIQ (they differ).
    private var programmedForTransmit = false
    var programmedForTransmitFlag: Bool { programmedForTransmit }
    public private(set) var transmitPower: PowerAmplifierRegisters?
    /// RX single is running: `waitForEvent` also watches DIO1 (RxTimeout).
    var watchDIO1 = false
    /// Address byte + FIFO bytes of the frame being loaded for TX; its
    /// capacity (256) stays, so only the first transmission allocates.
    private var fifoFrame: [UInt8] = []

    public init(bus: Bus, lines: Lines, busName: String) {
        self.bus = bus
        self.lines = lines
        self.busName = busName
    }

    /// The clock of the board's lines.
    var clock: Lines.Clock {
        get { lines.clock }
        set { lines.clock = newValue }
    }

    // MARK: Register access (datasheet §4.3: wnr bit + 7-bit address, then data)

    public mutating func readRegister(_ register: Register) throws(SX1276Error) -> UInt8 {
        var frame: InlineArray<2, UInt8> = [register.rawValue, 0]
        var span = frame.mutableSpan
        try transfer(&span)
        return frame[1]
    }

    public mutating func writeRegister(_ register: Register, _ value: UInt8) throws(SX1276Error) {
        var frame: InlineArray<2, UInt8> = [register.rawValue | Register.writeBit, value]
        var span = frame.mutableSpan
        try transfer(&span)
    }

    /// Burst read of `N - 1` consecutive registers into a stack buffer;
    /// element 0 of the result is the address slot, the registers follow.
    mutating func readBurst<let N: Int>(_ register: Register, into frame: inout InlineArray<N, UInt8>) throws(SX1276Error) {
        frame[0] = register.rawValue
        var span = frame.mutableSpan
        try transfer(&span)
    }

    /// Burst write of `N - 1` consecutive registers; `frame[0]` is set to the address.
    mutating func writeBurst<let N: Int>(_ register: Register, _ frame: inout InlineArray<N, UInt8>) throws(SX1276Error) {
        frame[0] = register.rawValue | Register.writeBit
        var span = frame.mutableSpan
        try transfer(&span)
    }

    /// Burst read of `count` consecutive registers (or FIFO bytes at
    /// RegFifo): one allocation, the returned array (read with the address
    /// byte in front, which is then shifted out in place).
    public mutating func readBurst(_ register: Register, count: Int) throws(SX1276Error) -> [UInt8] {
        guard count > 0 else { return [] }
        var frame = [UInt8](repeating: 0, count: count + 1)
        frame[0] = register.rawValue
        var span = frame.mutableSpan
        try transfer(&span)
        frame.removeFirst()
        return frame
    }

    /// Burst write through the driver's own frame buffer (no allocation once
    /// it has grown to the largest frame).
    public mutating func writeBurst(_ register: Register, _ bytes: [UInt8]) throws(SX1276Error) {
        var frame = fifoFrame
        fifoFrame = []  // keeps `frame` uniquely referenced: no copy on write
        frame.removeAll(keepingCapacity: true)
        frame.reserveCapacity(256)
        frame.append(register.rawValue | Register.writeBit)
        frame.append(contentsOf: bytes)
        defer { fifoFrame = frame }
        var span = frame.mutableSpan
        try transfer(&span)
    }

    private mutating func transfer(_ frame: inout MutableSpan<UInt8>) throws(SX1276Error) {
        do {
            try bus.transfer(&frame)
        } catch {
            throw SX1276Error(.hardware, "\(busName): SPI transfer failed: \(error.message)")
        }
    }

    // MARK: Reset, presence, modes

    /// Datasheet §7.2.2 manual reset: NRESET low for more than 100 µs, then
    /// released; the chip is ready 5 ms later.
    public mutating func resetChip() throws(SX1276Error) {
        do {
            try lines.reset.setHigh(false)
            clock.sleep(micros: 200)
            try lines.reset.setHigh(true)
        } catch {
            throw SX1276Error(.hardware, "\(busName): reset pin failed: \(error.message)")
        }
        clock.sleep(micros: 5_000)
        receiveSettings = nil
        programmedSettings = nil
        transmitPower = nil
    }

    /// Reads RegVersion; anything but 0x12 is an error naming the value and bus.
    @discardableResult
    public mutating func probe() throws(SX1276Error) -> UInt8 {
        let version = try readRegister(.regVersion)
        guard version == Register.expectedVersion else {
            if version == 0x00 || version == 0xFF {
                throw SX1276Error(.notPresent, "\(busName): RegVersion reads \(Hex.byte(version)), expected 0x12: chip not answering: check wiring and chip select")
            }
            throw SX1276Error(.notPresent, "\(busName): RegVersion reads \(Hex.byte(version)), expected 0x12: not an SX1276/77/78/79")
        }
        return version
    }

    /// Reset, presence check, LoRa mode (LongRangeMode changes only in SLEEP,
    /// datasheet §6.2 RegOpMode), whole FIFO for each direction, LNA boost,
    /// then STDBY. Returns RegVersion.
    @discardableResult
    public mutating func initialize() throws(SX1276Error) -> UInt8 {
        try resetChip()
        let version = try probe()
        try writeRegister(.regOpMode, OpMode(longRangeMode: false, lowFrequencyModeOn: true, mode: .sleep).rawValue)
        try writeRegister(.regOpMode, OpMode(longRangeMode: true, lowFrequencyModeOn: true, mode: .sleep).rawValue)
        let readBack = OpMode(rawValue: try readRegister(.regOpMode))
        guard readBack.longRangeMode else {
            throw SX1276Error(.invalidState, "\(busName): LongRangeMode did not stick (RegOpMode \(Hex.byte(readBack.rawValue)))")
        }
        try writeRegister(.regOpMode, OpMode(mode: .standby).rawValue)
        try writeRegister(.regFifoTxBaseAddr, 0x00)
        try writeRegister(.regFifoRxBaseAddr, 0x00)
        try writeRegister(.regMaxPayloadLength, 0xFF)
        // LnaGain G1 (maximum), LnaBoostHf 150% (datasheet §5.5.3); the AGC
        // (AgcAutoOn in RegModemConfig3) then picks the gain.
        try writeRegister(.regLna, 0x23)
        try writeRegister(.regIrqFlagsMask, 0x00)
        try writeRegister(.regIrqFlags, 0xFF)
        return version
    }

    public mutating func readOperatingMode() throws(SX1276Error) -> OpMode {
        OpMode(rawValue: try readRegister(.regOpMode))
    }

    /// Writes the mode, keeping LoRa and the LF/HF choice of the programmed frequency.
    public mutating func setMode(_ mode: OperatingMode) throws(SX1276Error) {
        let lf = programmedSettings.map { RadioMath.isLowFrequencyPort(frequencyHz: $0.frequencyHz) } ?? false
        try writeRegister(.regOpMode, OpMode(longRangeMode: true, lowFrequencyModeOn: lf, mode: mode).rawValue)
    }

    public mutating func sleep() throws(SX1276Error) { try setMode(.sleep) }
    public mutating func standby() throws(SX1276Error) { try setMode(.standby) }

    // MARK: Configuration

    /// Programs channel and modem (in STDBY: the datasheet allows Frf and
    /// modem changes only outside RX/TX), RegInvertIQ for `forTransmit`.
    public mutating func configure(_ settings: RadioSettings, forTransmit: Bool) throws(SX1276Error) {
        let registers = try ModemRegisters(settings: settings)
        try writeRegister(.regOpMode, OpMode(lowFrequencyModeOn: registers.lowFrequencyModeOn, mode: .standby).rawValue)
        var frf: InlineArray<4, UInt8> = [0, UInt8(registers.frf >> 16 & 0xFF), UInt8(registers.frf >> 8 & 0xFF), UInt8(registers.frf & 0xFF)]
        try writeBurst(.regFrfMsb, &frf)
        try writeRegister(.regModemConfig1, registers.modemConfig1)
        try writeRegister(.regModemConfig2, registers.modemConfig2)
        try writeRegister(.regModemConfig3, registers.modemConfig3)
        var preamble: InlineArray<3, UInt8> = [0, registers.preambleMsb, registers.preambleLsb]
        try writeBurst(.regPreambleMsb, &preamble)
        try writeRegister(.regPayloadLength, registers.payloadLength)
        try writeRegister(.regDetectOptimize, registers.detectOptimize)
        try writeRegister(.regDetectionThreshold, registers.detectionThreshold)
        try writeRegister(.regSyncWord, registers.syncWord)
        try writeRegister(.regInvertIQ, forTransmit ? registers.invertIQTransmit : registers.invertIQReceive)
        try writeRegister(.regInvertIQ2, registers.invertIQ2)
        try writeRegister(.regHighBwOptimize1, registers.highBwOptimize1)
        if let value = registers.highBwOptimize2 { try writeRegister(.regHighBwOptimize2, value) }
        if let value = registers.ifFreq2 { try writeRegister(.regIfFreq2, value) }
        if let value = registers.ifFreq1 { try writeRegister(.regIfFreq1, value) }
        programmedSettings = settings
        programmedForTransmit = forTransmit
    }

    /// The channel the receiver listens on; `startReceiveContinuous` and
    /// `startReceiveSingle` (re)program it when TX or CAD changed the chip.
    public mutating func configureReceiver(_ settings: RadioSettings) throws(SX1276Error) {
        _ = try ModemRegisters(settings: settings)
        receiveSettings = settings
        try configure(settings, forTransmit: false)
    }

    /// RegPaConfig, RegPaDac, RegOcp for the board's PA output.
    public mutating func setTransmitPower(dBm: Int, output: PAOutput) throws(SX1276Error) {
        let registers = try PowerAmplifierRegisters(dBm: dBm, output: output)
        if transmitPower == registers { return }
        try writeRegister(.regPaConfig, registers.paConfig)
        try writeRegister(.regPaDac, registers.paDac)
        try writeRegister(.regOcp, registers.ocp)
        transmitPower = registers
    }

    mutating func ensureReceiverProgrammed() throws(SX1276Error) {
        guard let settings = receiveSettings else {
            throw SX1276Error(.invalidState, "\(busName): no receive channel configured (call configureReceiver first)")
        }
        if programmedSettings != settings || programmedForTransmit {
            try configure(settings, forTransmit: false)
        }
    }

    // MARK: Interrupts

    /// What a DIO0 edge means: RxDone (the packet is read out), TxDone or
    /// CadDone. Flags are cleared (write 1 to clear). nil for a spurious edge.
    public mutating func handleDIO0(_ edge: Edge) throws(SX1276Error) -> RadioEvent? {
        let flags = IrqFlags(rawValue: try readRegister(.regIrqFlags))
        if flags.contains(.rxDone) {
            let packet = try readPacket(flags: flags, timestampMicros: edge.timestampMicros)
            try writeRegister(.regIrqFlags, flags.rawValue)
            return .received(packet)
        }
        if flags.contains(.txDone) {
            try writeRegister(.regIrqFlags, flags.rawValue)
            return .transmitted(timestampMicros: edge.timestampMicros)
        }
        if flags.contains(.cadDone) {
            try writeRegister(.regIrqFlags, flags.rawValue)
            return .channelActivity(detected: flags.contains(.cadDetected), timestampMicros: edge.timestampMicros)
        }
        return nil
    }

    /// What a DIO1 edge means: RxTimeout (RX single) or CadDetected (the
    /// CadDone that follows on DIO0 carries the result as well).
    public mutating func handleDIO1(_ edge: Edge) throws(SX1276Error) -> RadioEvent? {
        let flags = IrqFlags(rawValue: try readRegister(.regIrqFlags))
        if flags.contains(.rxTimeout) {
            try writeRegister(.regIrqFlags, IrqFlags.rxTimeout.rawValue)
            return .receiveTimeout(timestampMicros: edge.timestampMicros)
        }
        return nil
    }

    /// Waits on DIO0 (and DIO1) for at most `timeoutMicros`.
    public mutating func waitForEvent(timeoutMicros: UInt64) throws(SX1276Error) -> RadioEvent? {
        let deadline = clock.nowMicros() + timeoutMicros
        while true {
            let dio1Edge: Edge?
            do {
                dio1Edge = try lines.dio1.takeEdge()
            } catch {
                throw SX1276Error(.hardware, "\(busName): DIO1 failed: \(error.message)")
            }
            if let dio1Edge, let event = try handleDIO1(dio1Edge) { return event }
            let now = clock.nowMicros()
            if now >= deadline {
                let last: Edge?
                do {
                    last = try lines.dio0.takeEdge()
                } catch {
                    throw SX1276Error(.hardware, "\(busName): DIO0 failed: \(error.message)")
                }
                if let last, let event = try handleDIO0(last) { return event }
                return nil
            }
            // During RX single, wait in slices so that RxTimeout on DIO1 is noticed too.
            let slice = watchDIO1 ? min(deadline - now, 10_000) : deadline - now
            let edge: Edge?
            do {
                edge = try lines.dio0.waitForEdge(timeoutMicros: slice)
            } catch {
                throw SX1276Error(.hardware, "\(busName): DIO0 failed: \(error.message)")
            }
            if let edge, let event = try handleDIO0(edge) { return event }
        }
    }
}
