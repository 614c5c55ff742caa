import Foundation

/// Runs the built `lorikeet` executable the way a user does.
enum CLI {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable SwiftPM built next to this test bundle.
    static var executable: URL {
        let bundleDirectory = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidates = [
            bundleDirectory.appendingPathComponent("lorikeet"),
            packageRoot.appendingPathComponent(".build/debug/lorikeet"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }

    static func fixture(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Tests/CLITests/Fixtures").appendingPathComponent(name)
    }

    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, currentDirectory: URL? = nil) throws -> Result {
        try run(arguments, stdinBytes: stdin.map { Data($0.utf8) }, currentDirectory: currentDirectory)
    }

    /// The same with binary standard input (e.g. IQ samples for `phy decode -`).
    @discardableResult
    static func run(_ arguments: [String], stdinBytes: Data?, currentDirectory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = currentDirectory ?? packageRoot
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdinBytes { input.fileHandleForWriting.write(stdinBytes) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
