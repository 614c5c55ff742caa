/// Why the codec refused its input.
public struct LoRaCodecError: Error, Sendable, Equatable {
    public let message: String
    public init(message: String) { self.message = message }
}
