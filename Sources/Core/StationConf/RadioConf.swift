import JSON

/// `radio_conf`: the boards of a gateway, in board-index order.
public struct RadioConf: Sendable, Equatable {
    public var boards: [BoardConf]

    public init(boards: [BoardConf] = []) { self.boards = boards }

    /// Every SX1301 of the gateway in Station's global order (board 0's
    /// chips, then board 1's, ...), as (board index, chip index in board).
    public var chipLocations: [(board: Int, chip: Int)] {
        var out: [(board: Int, chip: Int)] = []
        for (b, board) in boards.enumerated() {
            for c in board.chips.indices { out.append((board: b, chip: c)) }
        }
        return out
    }

    /// Parses the value of `radio_conf` at `path`, collecting diagnostics.
    public static func parse(_ value: JSONValue, path: String, _ d: inout Diagnostics) -> RadioConf {
        var conf = RadioConf()
        guard let items = FieldReader.array(value, path, &d) else { return conf }
        if items.isEmpty { d.error(path, "is empty; expected at least one BOARD") }
        for (index, item) in items.enumerated() {
            conf.boards.append(BoardConf.parse(item, path: JSONPath.index(path, index), &d) ?? BoardConf())
        }
        checkPPS(conf.boards.map { $0.pps }, paths: items.indices.map { JSONPath.member(JSONPath.index(path, $0), "pps") }, &d)
        return conf
    }

    /// Seed 003: the board with access to the PPS has `pps: true`, and one
    /// and only one board may have it. Also applied across the files of one
    /// gateway (station.conf and its slave-N.conf).
    public static func checkPPS(_ flags: [Bool?], paths: [String], _ d: inout Diagnostics) {
        var first: String?
        for (index, flag) in flags.enumerated() where flag == true {
            if let first {
                d.error(paths[index], "true, but \(first) is already true; one and only one board may have pps: true")
            } else {
                first = paths[index]
            }
        }
    }

    public func json() -> JSONValue { .array(boards.map { $0.json() }) }
}
