/// The one definition of the frequencies a Semtech SX127x family radio
/// tunes to (SX1276 datasheet §2.5.1: bands 1-3, 137-1020 MHz). Used by the
/// forwarder's configuration, the board profiles, the driver and the emulator.
public enum ChipFrequencyRange {
    public static let sx1276Hz: ClosedRange<UInt32> = 137_000_000...1_020_000_000
    /// "137-1020 MHz" / "137000000-1020000000" for messages.
    public static let sx1276Label = "137-1020 MHz"
    public static let sx1276HzLabel = "137000000-1020000000"
}
