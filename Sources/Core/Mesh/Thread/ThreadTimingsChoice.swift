/// Which MLE timers a node runs with (`--timings openthread|lora`): OpenThread's own, or the
/// LoRa-tuned ones scaled from the radio's airtime (`ThreadTimings.loRa`).
public enum ThreadTimingsChoice: Equatable, Sendable {
    case openThread
    case loRa

    /// The flag's words, for parsing and for error lines.
    public static let names = "openthread|lora"

    /// "openthread" or "lora"; nil for anything else.
    public init?(_ text: String) {
        switch text {
        case "openthread": self = .openThread
        case "lora": self = .loRa
        default: return nil
        }
    }

    /// The timers for a radio whose full (127-byte) frame lasts `frameAirtimeMicros`.
    public func timings(frameAirtimeMicros: UInt64) -> ThreadTimings {
        switch self {
        case .openThread: return .openThread
        case .loRa: return .loRa(frameAirtimeMicros: frameAirtimeMicros)
        }
    }

    public func timings<Radio: MeshRadio>(for radio: Radio) -> ThreadTimings {
        timings(frameAirtimeMicros: radio.airtimeMicros(psduBytes: 127))
    }
}
