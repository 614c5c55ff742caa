import HAL

extension SX1276 {
    /// CAD on `settings` (datasheet §4.1.6.4): CadDone on DIO0, CadDetected
    /// on DIO1; the chip returns to STDBY by itself.
    public mutating func startChannelActivityDetection(_ settings: RadioSettings) throws(SX1276Error) {
        if programmedSettings != settings || programmedForTransmitFlag {
            try configure(settings, forTransmit: false)
        } else {
            try standby()
        }
        try writeRegister(.regDioMapping1, DioMapping.channelActivityDetection.regDioMapping1)
        try writeRegister(.regIrqFlags, 0xFF)
        try setMode(.channelActivityDetection)
    }

    /// Blocking CAD: true when a LoRa preamble was detected.
    public mutating func detectChannelActivity(_ settings: RadioSettings, timeoutMicros: UInt64) throws(SX1276Error) -> Bool {
        try startChannelActivityDetection(settings)
        let deadline = clock.nowMicros() + timeoutMicros
        while clock.nowMicros() < deadline {
            if case .channelActivity(let detected, _) = try waitForEvent(timeoutMicros: deadline - clock.nowMicros()) {
                return detected
            }
        }
        throw SX1276Error(.timeout, "\(busName): no CadDone within \(timeoutMicros) µs")
    }
}
