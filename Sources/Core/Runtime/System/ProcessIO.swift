import CLinux

/// The process as a program sees it without Foundation or CommandLine:
/// its arguments (captured from C at start-up), unbuffered line output on
/// stdout/stderr (write(2), so lines reach a pipe or the journal at once),
/// and exit.
public enum ProcessIO {
    /// argv, program name first.
    public static func arguments() -> [String] {
        var list: [String] = []
        let count = lk_argument_count()
        var index: Int32 = 0
        while index < count {
            if let text = lk_argument(index) { list.append(String(cString: text)) }
            index += 1
        }
        return list
    }

    public static func writeLine(_ text: String) { write(text + "\n", to: 1) }

    public static func writeErrorLine(_ text: String) { write(text + "\n", to: 2) }

    public static func exit(_ code: Int32) -> Never { lk_exit(code) }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in _ = lk_write_all(descriptor, bytes.baseAddress, bytes.count) }
    }
}
