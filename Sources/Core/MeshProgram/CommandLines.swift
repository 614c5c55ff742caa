/// Splits stdin's bytes into command lines: trimmed of spaces, tabs and
/// CR, empty lines skipped. Memory stays bounded: a line longer than
/// `maximumLineBytes` is reported once as `.tooLong` and its bytes dropped
/// up to its newline (OpenThread's CLI refuses over-long lines too).
struct CommandLines {
    enum Line: Equatable {
        case command(String)
        case tooLong
    }

    static let maximumLineBytes = 1_024
    private var pending: [UInt8] = []
    private var discarding = false

    mutating func take(_ bytes: [UInt8]) -> [Line] {
        var lines: [Line] = []
        for byte in bytes {
            if byte == 0x0A {
                if !discarding, let line = Self.trimmed(pending) { lines.append(.command(line)) }
                pending.removeAll(keepingCapacity: true)
                discarding = false
            } else if !discarding {
                pending.append(byte)
                if pending.count > Self.maximumLineBytes {
                    lines.append(.tooLong)
                    pending.removeAll(keepingCapacity: true)
                    discarding = true
                }
            }
        }
        return lines
    }

    /// Without leading and trailing blanks; nil when nothing is left.
    static func trimmed(_ bytes: [UInt8]) -> String? {
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        guard let first = bytes.firstIndex(where: { !blank($0) }), let last = bytes.lastIndex(where: { !blank($0) }) else { return nil }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
