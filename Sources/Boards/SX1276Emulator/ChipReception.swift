import HAL
import LoRaPHY

extension SX1276Chip {
    /// Preamble symbols the detector needs to lock on a frame already on air
    /// when the receiver starts.
    static let minimumPreambleSymbols: Double = 4

    /// A frame is for this receiver when frequency (within ±25 % of the
    /// bandwidth, the LoRa demodulator's tolerance), bandwidth and SF match.
    func matchesChannel(_ frame: AirFrame) -> Bool {
        let params = parameters
        return frame.parameters.spreadingFactor == params.spreadingFactor
            && frame.parameters.bandwidth == params.bandwidth
            && abs(frame.frequencyHz - frequencyHz) <= params.bandwidth.hertz / 4
    }

    /// …and sync word and IQ polarity match too.
    func canDemodulate(_ frame: AirFrame) -> Bool {
        guard matchesChannel(frame), frame.syncWord == syncWord, let iq = receiveIQ, iq == frame.invertedIQ else {
            return false
        }
        return air.isAboveFloor(frame, at: nodeID)
    }

    func startReception(single: Bool) {
        rxWritePointer = loraPage[Int(Address.fifoRxBaseAddr)]
        // A frame already on air can still be caught if enough of its preamble is left.
        let now = clock.now
        for frame in air.framesOnAir(at: now) where frame.senderID != nodeID {
            let remaining = Double(frame.preambleEndMicros) - Double(now)
            if remaining >= SX1276Chip.minimumPreambleSymbols * frame.symbolMicros {
                frameStarted(frame)
                if lockedFrame != nil { break }
            }
        }
        guard single else { return }
        // RX single: RxTimeout when no preamble within SymbTimeout symbols.
        let symbols = Int(loraPage[Int(Address.modemConfig2)] & 0x03) << 8 | Int(loraPage[Int(Address.symbTimeoutLsb)])
        let timeout = UInt64(Double(symbols) * parameters.symbolMicros)
        let scheduledGeneration = generation
        clock.schedule(at: now + timeout) {
            guard self.generation == scheduledGeneration, self.lockedFrame == nil else { return }
            self.raise(Flag.rxTimeout)
            self.setModeInternally(.standby)
        }
    }

    /// The air announces a frame start.
    func frameStarted(_ frame: AirFrame) {
        guard !nresetLow, isLoRa, mode.isReceiving, lockedFrame == nil, canDemodulate(frame) else { return }
        let params = parameters
        if !params.explicitHeader {
            // Implicit header: the receiver's own CR, CRC and length must be the sender's.
            guard frame.parameters.codingRate == params.codingRate, frame.parameters.crcOn == params.crcOn,
                  frame.payload.count == Int(loraPage[Int(Address.payloadLength)]) else { return }
        }
        lockedFrame = frame
        // ModemStat: signal detected and synchronized, RX on-going.
        loraPage[Int(Address.modemStat)] = 0x07
        let scheduledGeneration = generation
        if params.explicitHeader {
            clock.schedule(at: frame.headerEndMicros) {
                guard self.generation == scheduledGeneration, self.lockedFrame?.id == frame.id else { return }
                self.rxHeaderCount &+= 1
                self.loraPage[Int(Address.rxHeaderCntValueMsb)] = UInt8(self.rxHeaderCount >> 8)
                self.loraPage[Int(Address.rxHeaderCntValueLsb)] = UInt8(self.rxHeaderCount & 0xFF)
                self.loraPage[Int(Address.modemStat)] = UInt8(frame.parameters.codingRate.rawValue) << 5 | 0x0F
                self.raise(Flag.validHeader)
            }
        }
        clock.schedule(at: frame.endMicros) {
            guard self.generation == scheduledGeneration, self.lockedFrame?.id == frame.id else { return }
            self.finishReception(frame)
        }
    }

    /// RxDone at the end of the frame (datasheet §4.1.6.2): payload into the
    /// FIFO at the RX write pointer, status registers, flags.
    func finishReception(_ frame: AirFrame) {
        lockedFrame = nil
        loraPage[Int(Address.modemStat)] = 0x10
        guard air.survivesCollisions(frame, at: nodeID) else {
            // Lost in a collision: the demodulator gives up, no IRQ.
            if mode == .rxSingle { setModeInternally(.standby) }
            return
        }
        var payload = frame.payload
        if frame.bitErrors > 0 && !payload.isEmpty {
            for error in 0..<frame.bitErrors {
                let bit = (error &* 37 &+ 11) % (payload.count * 8)
                payload[bit / 8] ^= UInt8(1 << (bit % 8))
            }
        }
        let start = rxWritePointer
        for (offset, byte) in payload.enumerated() {
            fifo[Int(start &+ UInt8(truncatingIfNeeded: offset))] = byte
        }
        rxWritePointer = start &+ UInt8(truncatingIfNeeded: payload.count)
        loraPage[Int(Address.fifoRxCurrentAddr)] = start
        loraPage[Int(Address.fifoRxByteAddr)] = rxWritePointer
        loraPage[Int(Address.rxNbBytes)] = UInt8(truncatingIfNeeded: payload.count)

        let reception = air.reception(of: frame, at: nodeID)
        let snr = max(-32, min(31.75, reception.snrDB))
        let snrRegister = Int8(max(-128, min(127, (snr * 4).rounded())))
        loraPage[Int(Address.pktSnrValue)] = UInt8(bitPattern: snrRegister)
        // Inverse of the datasheet's §5.5.5 packet strength formula.
        let offset: Double = lowFrequencyPort ? -164 : -157
        let quantizedSNR = Double(snrRegister) / 4
        let packetRssi = quantizedSNR < 0 ? reception.rssiDBm - offset - quantizedSNR : reception.rssiDBm - offset
        loraPage[Int(Address.pktRssiValue)] = SX1276Chip.clampRegister(packetRssi)
        loraPage[Int(Address.hopChannel)] = frame.parameters.crcOn ? 0x40 : 0x00
        loraPage[Int(Address.modemStat)] = UInt8(frame.parameters.codingRate.rawValue) << 5 | 0x10
        // FEI (datasheet §4.1.5): FreqError = Ferr · F_XOSC / 2^24 · 500 / BW[kHz].
        let errorHz = frame.frequencyHz - frequencyHz
        let fei = Int32((errorHz * 32_000_000 / 16_777_216 * 500 / (frame.parameters.bandwidth.hertz / 1000)).rounded())
        let raw = UInt32(bitPattern: fei) & 0xF_FFFF
        loraPage[Int(Address.feiMsb)] = UInt8(raw >> 16)
        loraPage[Int(Address.feiMid)] = UInt8(raw >> 8 & 0xFF)
        loraPage[Int(Address.feiLsb)] = UInt8(raw & 0xFF)

        var flags = Flag.rxDone
        if frame.parameters.crcOn && frame.bitErrors > 0 {
            flags |= Flag.payloadCrcError
        } else {
            rxPacketCount &+= 1
            loraPage[Int(Address.rxPacketCntValueMsb)] = UInt8(rxPacketCount >> 8)
            loraPage[Int(Address.rxPacketCntValueLsb)] = UInt8(rxPacketCount & 0xFF)
        }
        raise(flags)
        if mode == .rxSingle { setModeInternally(.standby) }
    }

    // MARK: IRQ flags and DIO lines (datasheet §4.1.6.3, tables 18 and 19)

    /// Sets the unmasked ones of `flags` (a 1 in RegIrqFlagsMask masks).
    func raise(_ flags: UInt8) {
        let unmasked = flags & ~loraPage[Int(Address.irqFlagsMask)]
        loraPage[Int(Address.irqFlags)] |= unmasked
        updateDIO()
    }

    /// DIO levels follow the flag their mapping selects; a rising level is an edge.
    func updateDIO() {
        if nresetLow { return }
        let flags = isLoRa ? loraPage[Int(Address.irqFlags)] : 0
        let map1 = common[Int(Address.dioMapping1)]
        let map2 = common[Int(Address.dioMapping2)]
        func flag(_ bit: UInt8) -> Bool { flags & bit != 0 }
        var levels = [Bool](repeating: false, count: 6)
        switch map1 >> 6 & 0x03 {
        case 0: levels[0] = flag(Flag.rxDone)
        case 1: levels[0] = flag(Flag.txDone)
        case 2: levels[0] = flag(Flag.cadDone)
        default: break
        }
        switch map1 >> 4 & 0x03 {
        case 0: levels[1] = flag(Flag.rxTimeout)
        case 1: levels[1] = flag(Flag.fhssChangeChannel)
        case 2: levels[1] = flag(Flag.cadDetected)
        default: break
        }
        if map1 >> 2 & 0x03 != 3 { levels[2] = flag(Flag.fhssChangeChannel) }
        switch map1 & 0x03 {
        case 0: levels[3] = flag(Flag.cadDone)
        case 1: levels[3] = flag(Flag.validHeader)
        case 2: levels[3] = flag(Flag.payloadCrcError)
        default: break
        }
        if map2 >> 6 & 0x03 == 0 { levels[4] = flag(Flag.cadDetected) }
        if map2 >> 4 & 0x03 == 0 { levels[5] = mode != .sleep }  // ModeReady
        for index in 0..<6 {
            if levels[index] && !dioLevels[index] {
                dioEdges[index].append(clock.now)
                if dioEdges[index].count > 64 { dioEdges[index].removeFirst() }
            }
            dioLevels[index] = levels[index]
        }
    }

    public func dioLevel(_ index: Int) -> Bool {
        index >= 0 && index < 6 && !nresetLow ? dioLevels[index] : false
    }

    /// The oldest rising edge of DIOn not yet taken.
    public func takeEdge(dio index: Int) -> UInt64? {
        guard index >= 0 && index < 6, !dioEdges[index].isEmpty else { return nil }
        return dioEdges[index].removeFirst()
    }
}
