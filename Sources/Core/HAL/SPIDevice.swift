/// One device on an SPI bus (mode 0, MSB first). A transfer is one
/// transaction: chip select is held asserted for its whole duration and
/// released after it (embedded-hal's `SpiDevice::transfer_in_place`).
public protocol SPIDevice {
    associatedtype Failure: HALError

    /// Clocks `buffer` out on MOSI and replaces it, byte for byte, with what
    /// was clocked in on MISO.
    mutating func transfer(_ buffer: inout [UInt8]) throws(Failure)
}
