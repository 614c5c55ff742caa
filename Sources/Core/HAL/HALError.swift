/// What every HAL failure can say about itself. Embedded Swift has no
/// reflection, so errors carry their own human-readable message naming the
/// device or line and the cause (e.g. "/dev/spidev0.0: no such device —
/// enable SPI with raspi-config").
public protocol HALError: Error {
    var message: String { get }
}

/// A failure that cannot happen (for in-memory test doubles).
public enum NoFailure: HALError {
    public var message: String { "" }
}
