import JSON

/// A `station.conf` or `slave-N.conf`: a JSON object whose `radio_conf`
/// member holds the boards, possibly next to other members such as
/// `station_conf` (kept as they are, not checked here).
public struct StationConfFile: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case station
        /// `slave-N.conf`: the configuration of slave process N.
        case slave(Int)

        /// The kind a file name implies: `slave-3.conf` -> `.slave(3)`, anything else `.station`.
        public init(fileName: String) {
            var name = Array(fileName.utf8)
            if let slash = name.lastIndex(of: 0x2F) { name = Array(name[(slash + 1)...]) }
            let prefix = Array("slave-".utf8)
            let suffix = Array(".conf".utf8)
            if name.count > prefix.count + suffix.count,
               Array(name[..<prefix.count]) == prefix, Array(name[(name.count - suffix.count)...]) == suffix {
                let digits = name[prefix.count..<(name.count - suffix.count)]
                var n = 0
                var ok = digits.count <= 4
                for c in digits where ok {
                    if c >= 0x30 && c <= 0x39 { n = n * 10 + Int(c - 0x30) } else { ok = false }
                }
                if ok { self = .slave(n); return }
            }
            self = .station
        }
    }

    /// Top-level members Station's radio parser knows.
    static let knownMembers = ["radio_conf", "station_conf"]

    public var kind: Kind
    /// The whole document; `radio_conf` inside it is replaced on output.
    public var document: JSONObject
    public var radioConf: RadioConf
    /// Everything found wrong or suspicious while reading.
    public var diagnostics: Diagnostics

    /// Reads a configuration file's bytes. Throws only when the text is not
    /// a JSON object at all; every other problem is in `diagnostics`.
    public static func read(_ bytes: [UInt8], fileName: String) throws(StationConfError) -> StationConfFile {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw StationConfError(message: error.message)
        }
        return try read(value, kind: Kind(fileName: fileName))
    }

    /// Reads an already parsed document.
    public static func read(_ value: JSONValue, kind: Kind) throws(StationConfError) -> StationConfFile {
        guard let document = value.objectValue else {
            throw StationConfError(message: "the file holds a JSON \(value.typeName), expected an object with a \"radio_conf\" member")
        }
        var d = Diagnostics()
        FieldReader.checkDuplicates(document, "", &d)
        var radioConf = RadioConf()
        if let radio = document["radio_conf"] {
            radioConf = RadioConf.parse(radio, path: "radio_conf", &d)
        } else {
            d.error("radio_conf", "is missing; a station.conf or slave-N.conf holds the boards in \"radio_conf\": [ BOARD, .. ]")
        }
        // Without radio_conf this is probably not a station.conf at all: one error is enough.
        if document["radio_conf"] != nil {
            for key in document.keys where !knownMembers.contains(key) {
                d.warning(key, "is not read by the radio configuration and is ignored")
            }
        }
        return StationConfFile(kind: kind, document: document, radioConf: radioConf, diagnostics: d)
    }

    public var isValid: Bool { !diagnostics.hasErrors }

    /// The document with `radio_conf` written from the model (other members unchanged).
    public func json() -> JSONValue {
        var out = document
        out["radio_conf"] = radioConf.json()
        return .object(out)
    }

    /// The PPS rule across the files of one gateway: at most one board of
    /// all of them has `pps: true`. Each file's own duplicates are already in
    /// its diagnostics, so only the first `pps: true` of each file counts
    /// here. Paths are prefixed with the file's name.
    public static func checkPPS(across files: [(name: String, file: StationConfFile)]) -> Diagnostics {
        var flags: [Bool?] = []
        var paths: [String] = []
        for entry in files {
            if let index = entry.file.radioConf.boards.firstIndex(where: { $0.pps == true }) {
                flags.append(true)
                paths.append("\(entry.name): radio_conf[\(index)].pps")
            }
        }
        var d = Diagnostics()
        RadioConf.checkPPS(flags, paths: paths, &d)
        return d
    }
}
