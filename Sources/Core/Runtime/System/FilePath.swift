/// Path text without Foundation: joining, parent folder, last component,
/// and a lexical normal form (no ".", "..", or doubled slashes), enough
/// to find configuration files and to name them in messages.
public enum FilePath {
    public static func join(_ directory: String, _ name: String) -> String {
        if name.hasPrefix("/") || directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The folder holding `path` ("a/b.json" → "a", "b.json" → ".", "/b" → "/").
    public static func directory(of path: String) -> String {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    /// "boards/mock.json" → "mock.json".
    public static func lastComponent(_ path: String) -> String {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// "mock.json" → "mock".
    public static func removingExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// An absolute, lexically normal path (relative paths are taken from `base`).
    public static func absolute(_ path: String, base: String) -> String {
        normal(path.hasPrefix("/") ? path : join(base, path))
    }

    /// Collapses "//", "." and ".." of an absolute path.
    public static func normal(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        var text = ""
        for part in parts { text += "/" + part }
        return text.isEmpty ? "/" : text
    }

    /// `path` relative to `base` when it is below it, else unchanged. From `/`
    /// (a systemd service's working folder) paths stay absolute: "etc/lorikeet/…"
    /// in a journal line would read as a typo.
    public static func display(_ path: String, base: String) -> String {
        if normal(base) == "/" { return path }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
