/// Everything the driver can fail with, each with a message that names the
/// bus or setting and the cause.
public struct SX1276Error: Error, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The SPI bus, reset pin or a DIO line failed (its HAL message kept).
        case hardware
        /// RegVersion is not 0x12.
        case notPresent
        /// A setting the chip cannot do (SF6 with explicit header, power out of range…).
        case invalidConfiguration
        /// A blocking call waited longer than allowed.
        case timeout
        /// The chip is not in the state the call needs.
        case invalidState
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

/// "0x1D": two upper-case hex digits, for messages (no String(format:) in Embedded Swift).
public func hexByte(_ value: UInt8) -> String {
    let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
    return "0x" + String(digits[Int(value >> 4)]) + String(digits[Int(value & 0x0F)])
}
