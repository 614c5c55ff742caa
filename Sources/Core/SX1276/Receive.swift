import HAL
import LoRaPHY

extension SX1276 {
    /// RXCONTINUOUS on the receive channel, RxDone mapped to DIO0
    /// (datasheet §4.1.6.3). Stays in RX after each packet.
    public mutating func startReceiveContinuous() throws(SX1276Error) {
        try ensureReceiverProgrammed()
        try writeRegister(.regDioMapping1, DioMapping.receive.regDioMapping1)
        try writeRegister(.regIrqFlags, 0xFF)
        try writeRegister(.regFifoAddrPtr, 0x00)
        try setMode(.receiveContinuous)
        watchDIO1 = false
    }

    /// RXSINGLE: RxDone on DIO0, RxTimeout on DIO1 after `timeoutSymbols`
    /// (4-1023, RegSymbTimeout) without a preamble; the chip returns to STDBY
    /// by itself either way.
    public mutating func startReceiveSingle(timeoutSymbols: Int) throws(SX1276Error) {
        guard timeoutSymbols >= 4 && timeoutSymbols <= 1023 else {
            throw SX1276Error(.invalidConfiguration, "RX single timeout of \(timeoutSymbols) symbols: allowed 4-1023")
        }
        try ensureReceiverProgrammed()
        let config2 = try readRegister(.regModemConfig2)
        try writeRegister(.regModemConfig2, config2 & 0xFC | UInt8(timeoutSymbols >> 8))
        try writeRegister(.regSymbTimeoutLsb, UInt8(timeoutSymbols & 0xFF))
        try writeRegister(.regDioMapping1, DioMapping.receive.regDioMapping1)
        try writeRegister(.regIrqFlags, 0xFF)
        try writeRegister(.regFifoAddrPtr, 0x00)
        try setMode(.receiveSingle)
        watchDIO1 = true
    }

    /// Blocking: waits up to `timeoutMicros` for the next packet in RX
    /// continuous (which must already be running). nil on timeout.
    public mutating func receive(timeoutMicros: UInt64) throws(SX1276Error) -> ReceivedPacket? {
        let deadline = clock.nowMicros() + timeoutMicros
        repeat {
            let now = clock.nowMicros()
            switch try waitForEvent(timeoutMicros: deadline > now ? deadline - now : 0) {
            case .received(let packet): return packet
            case .receiveTimeout: return nil
            case nil: return nil
            default: continue
            }
        } while clock.nowMicros() < deadline
        return nil
    }

    /// Reads the packet after RxDone (datasheet §4.1.6.2, figure 17): status
    /// registers RegFifoRxCurrentAddr…RegHopChannel in one burst, then
    /// FifoAddrPtr = FifoRxCurrentAddr and RxNbBytes from the FIFO, then FEI.
    mutating func readPacket(flags: IrqFlags, timestampMicros: UInt64) throws(SX1276Error) -> ReceivedPacket {
        guard let settings = programmedSettings else {
            throw SX1276Error(.invalidState, "\(busName): RxDone without a configured channel")
        }
        // 0x10 FifoRxCurrentAddr, 0x11 IrqFlagsMask, 0x12 IrqFlags, 0x13 RxNbBytes,
        // 0x14-0x17 counters, 0x18 ModemStat, 0x19 PktSnr, 0x1A PktRssi, 0x1B Rssi, 0x1C HopChannel.
        var status = InlineArray<14, UInt8>(repeating: 0)
        try readBurst(.regFifoRxCurrentAddr, into: &status)
        let currentAddress = status[1]
        let byteCount = Int(status[4])
        let modemStat = status[9]
        let snrRegister = status[10]
        let rssiRegister = status[11]
        let hopChannel = status[13]
        try writeRegister(.regFifoAddrPtr, currentAddress)
        let payload = try readBurst(.regFifo, count: byteCount)
        var fei = InlineArray<4, UInt8>(repeating: 0)
        try readBurst(.regFeiMsb, into: &fei)

        let p = settings.parameters
        // Explicit header: the header says whether a CRC follows (CrcOnPayload);
        // implicit: our own RxPayloadCrcOn decides.
        let crcPresent = p.explicitHeader ? hopChannel & 0x40 != 0 : p.crcOn
        let crc: CRCStatus = !crcPresent ? .absent : (flags.contains(.payloadCrcError) ? .bad : .ok)
        let snr = RadioMath.packetSNR(register: snrRegister)
        let lf = RadioMath.isLowFrequencyPort(frequencyHz: settings.frequencyHz)
        return ReceivedPacket(
            payload: payload,
            rssiDBm: RadioMath.packetRSSI(register: rssiRegister, snrDB: snr, lowFrequencyPort: lf),
            snrDB: snr,
            crc: crc,
            frequencyErrorHz: RadioMath.frequencyErrorHz(
                fei: RadioMath.feiValue(msb: fei[1], mid: fei[2], lsb: fei[3]), bandwidth: p.bandwidth),
            codingRate: CodingRate(rawValue: Int(modemStat >> 5)),
            timestampMicros: timestampMicros,
            frequencyHz: settings.frequencyHz,
            spreadingFactor: p.spreadingFactor,
            bandwidth: p.bandwidth)
    }

    /// Current RSSI (RegRssiValue) in dBm, for listen-before-talk.
    public mutating func currentRSSI() throws(SX1276Error) -> Double {
        let lf = programmedSettings.map { RadioMath.isLowFrequencyPort(frequencyHz: $0.frequencyHz) } ?? false
        return RadioMath.currentRSSI(register: try readRegister(.regRssiValue), lowFrequencyPort: lf)
    }
}
