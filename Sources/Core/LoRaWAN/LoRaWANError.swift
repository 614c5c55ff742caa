/// Why a LoRaWAN frame, key or identifier could not be read, built or trusted.
/// The message names what was wrong and, where it helps, what is allowed.
public struct LoRaWANError: Error, Equatable, Sendable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }
}
