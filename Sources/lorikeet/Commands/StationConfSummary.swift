import Foundation
import Regions
import StationConf

/// The per-board summary `lorikeet station-conf check` prints.
struct StationConfSummary {
    let name: String
    let file: StationConfFile

    func lines() -> [String] {
        let boards = file.radioConf.boards
        var kind = ""
        if case .slave(let n) = file.kind { kind = " of slave \(n)" }
        var out = ["\(name): \(boards.count) board\(boards.count == 1 ? "" : "s")\(kind)"]
        for (index, board) in boards.enumerated() { out += boardLines(index, board) }
        let errors = file.diagnostics.errors
        let warnings = file.diagnostics.warnings
        for d in errors { out.append("  error: \(d.message)") }
        for d in warnings { out.append("  warning: \(d.message)") }
        if errors.isEmpty {
            out.append("  valid\(warnings.isEmpty ? "" : " (\(warnings.count) warning\(warnings.count == 1 ? "" : "s"))")")
        } else {
            out.append("  INVALID: \(errors.count) error\(errors.count == 1 ? "" : "s")")
        }
        return out
    }

    private func boardLines(_ index: Int, _ board: BoardConf) -> [String] {
        var device = "(none)"
        if let raw = board.device, let resolved = board.resolvedDevice(boardIndex: index) {
            device = resolved == raw ? resolved : "\(resolved) (from \"\(raw)\")"
        }
        let type = board.boardType?.rawValue ?? "board_type unset"
        let pps = board.pps == true ? "PPS yes" : "PPS no"
        var out = ["  board \(index): device \(device), \(type), \(pps)"]
        out.append("    antenna: \(board.antennaConfiguration.label)")
        for (c, chain) in (board.rfChains ?? []).enumerated() {
            var roles: [String] = []
            if chain.rxEnable { roles.append("RX") }
            if chain.txEnable { roles.append("TX") }
            var text = "    RF-\(c): \(roles.isEmpty ? "disabled" : roles.joined(separator: "+"))"
            if let type = chain.antennaType { text += ", \(type.rawValue)" }
            if chain.txpowAdjustDB != 0 { text += ", txpow_adjust \(decibels(chain.txpowAdjustDB)) dB" }
            out.append(text)
        }
        if board.chips.isEmpty { out.append("    no SX1301_conf") }
        for (c, chip) in board.chips.enumerated() {
            var text = "    SX1301 \(c): \(chip.isEnabled ? "enabled" : "disabled")"
            if let centre = chip.centerFrequencyHz { text += ", centre \(megahertz(centre)) MHz" }
            text += ", RF-\(chip.rfChain ?? 0)"
            let channels = chip.channels
            text += ", \(channels.count) channel\(channels.count == 1 ? "" : "s")"
            out.append(text)
            guard chip.isEnabled else { continue }
            for (slot, channel) in channels { out.append("      " + channelLine(slot, channel)) }
        }
        return out
    }

    private func channelLine(_ slot: ChannelSlot, _ channel: ChannelConf) -> String {
        let frequency = channel.rxFrequencyHz.map { "\(megahertz($0)) MHz" } ?? "(no chan_rx_freq)"
        var modulation: String
        var bandwidth = channel.bandwidthHz.map { "\($0 / 1000) kHz" } ?? ""
        switch slot {
        case .multiSF:
            modulation = (channel.spreadingFactors ?? SpreadingFactorRange.all).label
            if channel.bandwidthHz == nil { bandwidth = "125 kHz" }
        case .loraStandard:
            modulation = channel.spreadingFactors?.label ?? "SF?"
        case .fsk:
            modulation = "FSK " + (channel.bitRate.map { "\($0) bit/s" } ?? "")
        }
        let line = pad(slot.fieldName, 16) + pad(frequency, 16) + pad(modulation, 18) + bandwidth
        var end = line.endIndex
        while end > line.startIndex, line[line.index(before: end)] == " " { end = line.index(before: end) }
        return String(line[..<end])
    }

    private func megahertz(_ hz: Int) -> String {
        guard hz >= 0, hz <= Int(UInt32.max) else { return "\(hz / 1_000_000)" }
        return FrequencyText.megahertzSixDecimals(UInt32(hz))
    }

    private func decibels(_ db: Double) -> String {
        db == db.rounded() ? String(Int(db)) : String(format: "%.2f", db)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
