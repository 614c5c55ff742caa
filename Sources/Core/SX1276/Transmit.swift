import HAL
import LoRaPHY

extension SX1276 {
    /// Loads `payload` at FifoTxBaseAddr, programs channel, IQ and power, maps
    /// TxDone to DIO0 and writes OpMode TX — the moment the frame starts on
    /// air — then returns. TxDone arrives on DIO0 (`handleDIO0` gives
    /// `.transmitted` with the edge time); the chip is then in STDBY and
    /// `startReceiveContinuous()` brings the receiver back.
    public mutating func startTransmit(
        _ payload: [UInt8], settings: RadioSettings, powerDBm: Int, output: PAOutput
    ) throws(SX1276Error) {
        guard !payload.isEmpty && payload.count <= 255 else {
            throw SX1276Error(.invalidConfiguration, "TX payload of \(payload.count) bytes: allowed 1-255")
        }
        try prepareTransmit(payload, settings: settings, powerDBm: powerDBm, output: output)
        try setMode(.transmit)
    }

    /// Everything of `startTransmit` but the OpMode write, so an event loop
    /// can load the frame early and fire it with `fireTransmit()` on time.
    public mutating func prepareTransmit(
        _ payload: [UInt8], settings: RadioSettings, powerDBm: Int, output: PAOutput
    ) throws(SX1276Error) {
        guard !payload.isEmpty && payload.count <= 255 else {
            throw SX1276Error(.invalidConfiguration, "TX payload of \(payload.count) bytes: allowed 1-255")
        }
        if programmedSettings != settings || !programmedForTransmitFlag {
            try configure(settings, forTransmit: true)
        } else {
            try standby()
        }
        try setTransmitPower(dBm: powerDBm, output: output)
        try writeRegister(.regDioMapping1, DioMapping.transmit.regDioMapping1)
        try writeRegister(.regIrqFlags, 0xFF)
        let base = try readRegister(.regFifoTxBaseAddr)
        try writeRegister(.regFifoAddrPtr, base)
        try writeBurst(.regFifo, payload)
        try writeRegister(.regPayloadLength, UInt8(payload.count))
    }

    /// OpMode TX: the frame starts now.
    public mutating func fireTransmit() throws(SX1276Error) {
        try setMode(.transmit)
    }

    /// Blocking: transmits and waits for TxDone; returns its timestamp.
    public mutating func transmit(
        _ payload: [UInt8], settings: RadioSettings, powerDBm: Int, output: PAOutput, timeoutMicros: UInt64
    ) throws(SX1276Error) -> UInt64 {
        try startTransmit(payload, settings: settings, powerDBm: powerDBm, output: output)
        let deadline = clock.nowMicros() + timeoutMicros
        while clock.nowMicros() < deadline {
            if case .transmitted(let micros) = try waitForEvent(timeoutMicros: deadline - clock.nowMicros()) {
                return micros
            }
        }
        throw SX1276Error(.timeout, "\(busName): no TxDone within \(timeoutMicros) µs")
    }
}
