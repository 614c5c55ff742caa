import Runtime

/// Where the gateway finds its data files: the current folder, the package
/// the executable was built in (found by walking up from the executable to
/// the folder holding Package.swift: .build/<triple>/debug/lorikeet,
/// .build-firmware/<arch>/lorikeet-gateway), and the installed share folder.
public enum InstallLocations {
    /// Where the Debian package puts board profiles and examples.
    public static let sharedDataDirectory = "/usr/share/lorikeet"

    public static func currentDirectory() -> String { Files.currentDirectory() ?? "." }

    /// The package root above the executable, or nil.
    public static func packageRoot() -> String? {
        guard let executable = Files.executablePath() else { return nil }
        var directory = FilePath.directory(of: executable)
        for _ in 0..<6 {
            if Files.kind(FilePath.join(directory, "Package.swift")) == .file { return directory }
            if directory == "/" { return nil }
            directory = FilePath.directory(of: directory)
        }
        return nil
    }

    /// `relative` in the current folder, the package root and the share
    /// folder (each once, in that order).
    public static func candidates(_ relative: String) -> [String] {
        let cwd = currentDirectory()
        var list = [FilePath.absolute(relative, base: cwd)]
        if let root = packageRoot() { list.append(FilePath.absolute(relative, base: root)) }
        list.append(FilePath.join(sharedDataDirectory, relative))
        var unique: [String] = []
        for path in list where !unique.contains(path) { unique.append(path) }
        return unique
    }

    /// A path relative to the current folder when it is below it.
    public static func display(_ path: String) -> String {
        FilePath.display(FilePath.absolute(path, base: currentDirectory()), base: currentDirectory())
    }
}
