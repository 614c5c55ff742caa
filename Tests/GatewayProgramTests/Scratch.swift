import Runtime
import Testing

/// A fresh folder under /tmp for files a test writes (no Foundation in the
/// core's tests either: the system layer under test writes them).
struct Scratch {
    let path: String

    init(_ name: String) {
        path = "/tmp/lorikeet-gatewayprogram-\(name)-\(UInt64.random(in: 0...UInt64.max))"
        _ = shell("mkdir -p '\(path)'")
    }

    func file(_ name: String, _ text: String) -> String {
        let full = FilePath.join(path, name)
        _ = shell("mkdir -p '\(FilePath.directory(of: full))' && printf '%s' '\(text)' > '\(full)'")
        return full
    }

    func directory(_ name: String) -> String {
        let full = FilePath.join(path, name)
        _ = shell("mkdir -p '\(full)'")
        return full
    }
}

@_silgen_name("system") private func c_system(_ command: UnsafePointer<CChar>) -> Int32

func shell(_ command: String) -> Int32 { command.withCString { c_system($0) } }
