import CLinux

/// Files and directories through open/read/stat/readdir, with every read
/// bounded: a configuration or profile larger than `maximumBytes` is an
/// error, never an allocation of whatever size the file claims.
public enum Files {
    public enum Kind: Equatable, Sendable { case missing, file, directory, other }

    /// Why a file could not be read; `message` is one line ("is a directory").
    public struct ReadError: Error, Equatable, Sendable {
        public enum Reason: Equatable, Sendable { case missing, directory, tooLarge(limit: Int), system(Int32) }
        public var reason: Reason
        public init(reason: Reason) { self.reason = reason }
        public var message: String {
            switch reason {
            case .missing: return "no such file"
            case .directory: return "is a directory, expected a file"
            case .tooLarge(let limit): return "larger than \(limit) bytes"
            case .system(let code): return Syscalls.errorText(code)
            }
        }
    }

    /// 1 MiB: far above any configuration, profile or devices file.
    public static let defaultMaximumBytes = 1 << 20

    public static func kind(_ path: String) -> Kind {
        switch path.withCString({ lk_path_kind($0) }) {
        case Int32(LK_PATH_FILE): return .file
        case Int32(LK_PATH_DIRECTORY): return .directory
        case Int32(LK_PATH_MISSING): return .missing
        default: return .other
        }
    }

    public static func exists(_ path: String) -> Bool { kind(path) != .missing }

    /// The whole file, at most `maximumBytes` long.
    public static func read(_ path: String, maximumBytes: Int = defaultMaximumBytes) throws(ReadError) -> [UInt8] {
        let size = path.withCString { lk_file_size($0) }
        if size < 0 { throw error(Int32(truncatingIfNeeded: -size)) }
        if size > Int64(maximumBytes) { throw ReadError(reason: .tooLarge(limit: maximumBytes)) }
        // One byte more than allowed, to see a file that grew past the limit
        // (or a /proc file whose stat size is 0).
        var bytes = [UInt8](repeating: 0, count: maximumBytes + 1)
        let count = bytes.withUnsafeMutableBufferPointer { buffer in
            path.withCString { lk_file_read($0, buffer.baseAddress, buffer.count) }
        }
        if count < 0 { throw error(Int32(truncatingIfNeeded: -count)) }
        if count > maximumBytes { throw ReadError(reason: .tooLarge(limit: maximumBytes)) }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// The names in a directory, sorted; empty when it cannot be read.
    public static func list(_ directory: String) -> [String] {
        var capacity = 16_384
        while capacity <= 1 << 22 {
            var buffer = [CChar](repeating: 0, count: capacity)
            let used = buffer.withUnsafeMutableBufferPointer { out in
                directory.withCString { lk_directory_list($0, out.baseAddress, out.count) }
            }
            if used == -34 { capacity *= 4; continue }  // ERANGE: a bigger buffer
            if used < 0 { return [] }
            var names: [String] = []
            var start = 0
            for index in 0..<used where buffer[index] == 0 {
                names.append(String(decoding: buffer[start..<index].map { UInt8(bitPattern: $0) }, as: UTF8.self))
                start = index + 1
            }
            return names.sorted()
        }
        return []
    }

    /// getcwd(3), or nil.
    public static func currentDirectory() -> String? { pathFromShim { lk_current_directory($0, $1) } }

    /// The running executable's path (/proc/self/exe), or nil.
    public static func executablePath() -> String? { pathFromShim { lk_executable_path($0, $1) } }

    private static func pathFromShim(_ call: (UnsafeMutablePointer<CChar>?, Int) -> Int32) -> String? {
        var buffer = [CChar](repeating: 0, count: 4_097)
        let rc = buffer.withUnsafeMutableBufferPointer { call($0.baseAddress, $0.count) }
        return rc == 0 ? Syscalls.string(buffer) : nil
    }

    private static func error(_ code: Int32) -> ReadError {
        switch code {
        case 2: return ReadError(reason: .missing)
        case 21: return ReadError(reason: .directory)
        default: return ReadError(reason: .system(code))
        }
    }
}
