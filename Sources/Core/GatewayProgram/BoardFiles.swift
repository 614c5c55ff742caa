import BoardProfile
import Runtime

/// Where board profiles are found: `boards/` in the current directory, then
/// in the package the executable was built from, then the installed
/// /usr/share/lorikeet/boards. `--board` always accepts a path as well as a
/// profile name.
public enum BoardFiles {
    public struct NotFound: Error, Sendable { public let message: String }

    /// A profile file: its path, and how to name it in messages.
    public struct Located: Sendable {
        public let path: String
        public let display: String
        /// "mock.json".
        public var fileName: String { FilePath.lastComponent(path) }
    }

    /// The folders searched; the share folder only once it exists.
    public static func searchDirectories() -> [String] {
        let installed = FilePath.join(InstallLocations.sharedDataDirectory, "boards")
        return InstallLocations.candidates("boards").filter { $0 != installed || Files.kind($0) == .directory }
    }

    /// The first of `searchDirectories()` that exists.
    public static func boardsDirectory() -> String? {
        searchDirectories().first { Files.kind($0) == .directory }
    }

    /// Every `*.json` in the boards directory, sorted by file name.
    public static func profiles() -> [Located] {
        guard let directory = boardsDirectory() else { return [] }
        return Files.list(directory).filter { $0.hasSuffix(".json") }.map { name in
            let path = FilePath.join(directory, name)
            return Located(path: path, display: InstallLocations.display(path))
        }
    }

    /// A `--board` or `boards check` argument: a path, or a profile name
    /// ("dragino-lora-gps-hat", "mock.json") looked up in the boards directories.
    public static func resolve(_ argument: String) throws(NotFound) -> Located {
        if Files.exists(argument) { return Located(path: argument, display: argument) }
        if !argument.contains("/") {
            for directory in searchDirectories() {
                for name in [argument, argument + ".json"] {
                    let path = FilePath.join(directory, name)
                    if Files.exists(path) { return Located(path: path, display: InstallLocations.display(path)) }
                }
            }
        }
        let known = profiles().map { FilePath.removingExtension($0.fileName) }
        let looked = searchDirectories().map { InstallLocations.display($0) }.joined(separator: ", ")
        var message = "no board profile \"\(argument)\" (looked in \(looked))"
        if !known.isEmpty { message += "; known: " + known.joined(separator: ", ") }
        throw NotFound(message: message)
    }

    public static func load(_ file: Located) throws(BoardProfileError) -> BoardProfile {
        let bytes: [UInt8]
        do {
            bytes = try Files.read(file.path)
        } catch {
            let detail = error.reason == .missing ? "cannot read the file" : "cannot read the file: \(error.message)"
            throw BoardProfileError(file: file.display, field: nil, detail: detail)
        }
        return try BoardProfileLoader.load(bytes, file: file.display)
    }

    /// What `--board` names, found and read; the failure is the one line a
    /// door prints ("--board: no board profile …" or the profile's own error).
    public struct OpenFailure: Error, Sendable { public let message: String }

    public static func open(board argument: String) throws(OpenFailure) -> (located: Located, profile: BoardProfile) {
        let located: Located
        do {
            located = try resolve(argument)
        } catch {
            throw OpenFailure(message: "--board: \(error.message)")
        }
        do {
            return (located, try load(located))
        } catch {
            throw OpenFailure(message: error.message)
        }
    }
}
