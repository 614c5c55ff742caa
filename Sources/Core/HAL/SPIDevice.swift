/// One device on an SPI bus (mode 0, MSB first). A transfer is one
/// transaction: chip select is held asserted for its whole duration and
/// released after it (embedded-hal's `SpiDevice::transfer_in_place`).
///
/// The bytes live in the caller's buffer — a fixed-size `InlineArray` on the
/// stack for register access, the packet's own array for the FIFO — and the
/// device sees them as a `MutableSpan`, so a register access allocates
/// nothing.
public protocol SPIDevice {
    associatedtype Failure: HALError

    /// Clocks `frame` out on MOSI and replaces it, byte for byte, with what
    /// was clocked in on MISO.
    mutating func transfer(_ frame: inout MutableSpan<UInt8>) throws(Failure)
}

extension SPIDevice {
    /// `transfer` over an array (tools and tests; the driver uses fixed buffers).
    public mutating func transfer(_ buffer: inout [UInt8]) throws(Failure) {
        var span = buffer.mutableSpan
        try transfer(&span)
    }
}
