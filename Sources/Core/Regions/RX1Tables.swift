/// Builders for RX1 data-rate tables (rows: uplink DR, columns: RX1DROffset).
enum RX1Tables {
    /// RX1 DR = max(minimum, uplink DR − offset): the rule of the EU868-style
    /// regions (RP002 EU868/EU433/RU864/KR920/CN470 "Receive Windows" tables).
    static func subtractive(uplinkDataRates: [Int], offsets: Int, minimum: Int = 0) -> [[Int]] {
        var table: [[Int]] = []
        for dr in 0...(uplinkDataRates.max() ?? 0) {
            guard uplinkDataRates.contains(dr) else {
                table.append([])
                continue
            }
            var row: [Int] = []
            for offset in 0..<offsets { row.append(max(minimum, dr - offset)) }
            table.append(row)
        }
        return table
    }

    /// Offsets 6 and 7 mean one and two data rates *up* (RP002 AS923 and IN865
    /// "Effective_RX1DROffset" = 0, 1, 2, 3, 4, 5, −1, −2).
    static let effectiveOffsets = [0, 1, 2, 3, 4, 5, -1, -2]
}
