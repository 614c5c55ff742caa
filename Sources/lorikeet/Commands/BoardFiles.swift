import BoardProfile
import Foundation

/// Where board profiles are found: `boards/` in the current directory, then
/// `boards/` in the package the executable was built from (found by walking
/// up from the executable to the folder holding Package.swift). `--board`
/// always accepts a path as well as a profile name.
enum BoardFiles {
    struct NotFound: Error { let message: String }

    /// A profile file: its path, and how to name it in messages.
    struct Located {
        let url: URL
        let display: String
    }

    static func searchDirectories() -> [URL] {
        var directories: [URL] = []
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        directories.append(cwd.appendingPathComponent("boards"))
        if let root = executablePackageRoot() {
            let candidate = root.appendingPathComponent("boards")
            if candidate.standardizedFileURL.path != directories[0].standardizedFileURL.path {
                directories.append(candidate)
            }
        }
        return directories
    }

    /// The first of `searchDirectories()` that exists.
    static func boardsDirectory() -> URL? {
        searchDirectories().first { isDirectory($0) }
    }

    /// Every `*.json` in the boards directory, sorted by file name.
    static func profiles() -> [Located] {
        guard let directory = boardsDirectory(),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return names.filter { $0.hasSuffix(".json") }.sorted().map { name in
            let url = directory.appendingPathComponent(name)
            return Located(url: url, display: display(url))
        }
    }

    /// A `--board` or `boards check` argument: a path, or a profile name
    /// ("dragino-lora-gps-hat", "mock.json") looked up in the boards directories.
    static func resolve(_ argument: String) throws(NotFound) -> Located {
        if FileManager.default.fileExists(atPath: argument) {
            return Located(url: URL(fileURLWithPath: argument), display: argument)
        }
        if !argument.contains("/") {
            for directory in searchDirectories() {
                for name in [argument, argument + ".json"] {
                    let url = directory.appendingPathComponent(name)
                    if FileManager.default.fileExists(atPath: url.path) { return Located(url: url, display: display(url)) }
                }
            }
        }
        let known = profiles().map { $0.url.deletingPathExtension().lastPathComponent }
        let looked = searchDirectories().map { display($0) }.joined(separator: ", ")
        var message = "no board profile \"\(argument)\" (looked in \(looked))"
        if !known.isEmpty { message += "; known: " + known.joined(separator: ", ") }
        throw NotFound(message: message)
    }

    static func load(_ file: Located) throws(BoardProfileError) -> BoardProfile {
        guard let data = FileManager.default.contents(atPath: file.url.path) else {
            throw BoardProfileError(file: file.display, field: nil, detail: "cannot read the file")
        }
        return try BoardProfileLoader.load([UInt8](data), file: file.display)
    }

    /// A path relative to the current directory when it is below it.
    static func display(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }

    /// The package root above the executable (.build/<triple>/debug/lorikeet).
    private static func executablePackageRoot() -> URL? {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        if let executable = Bundle.main.executableURL {
            url = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        }
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return nil
    }
}
