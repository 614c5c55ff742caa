/// Merges an LNS channel plan into the local `radio_conf`, as Station does
/// before initialising the boards (seed 003; Station's
/// `sx1301v2conf_parse_setup`): frequencies and channels come from the plan,
/// hardware fields (device, RF chains, TX LUT, calibration, ...) from the file.
public enum ChannelPlanMerge {
    public struct Result: Sendable, Equatable {
        public var radioConf: RadioConf
        /// Errors make the merge unusable; warnings say what was not done.
        public var diagnostics: Diagnostics
        /// What the merge decided, for people (e.g. the duplication).
        public var notes: [String]
    }

    /// SX1301 multi-SF channels are 125 kHz (seed 003, CHANCONF; Station
    /// gives them `BW_125K`, SF7-12).
    public static let multiSFBandwidthHz = 125_000
    /// LoRaWAN's FSK channel, when the plan names no `datarate`.
    public static let defaultFSKBitRate = 50_000

    public static func merge(_ local: RadioConf, plan: ChannelPlan) -> Result {
        var merged = local
        var d = Diagnostics()
        var notes: [String] = []
        let locations = local.chipLocations
        if plan.chips.count > locations.count {
            d.error("router_config.sx1301_conf",
                    "the plan needs \(plan.chips.count) SX1301 chips but radio_conf has \(locations.count); it cannot be mapped onto this hardware")
            return Result(radioConf: local, diagnostics: d, notes: notes)
        }
        // Plan chip i goes to the gateway's i-th chip, counting board by board.
        for (index, location) in locations.enumerated() {
            var chip = merged.boards[location.board].chips[location.chip]
            if index < plan.chips.count {
                apply(plan.chips[index], to: &chip)
                notes.append("radio_conf[\(location.board)].SX1301_conf[\(location.chip)] <- sx1301_conf[\(index)]: \(chip.channels.count) channels, centre \(chip.centerFrequencyHz ?? 0) Hz")
            } else {
                chip.chipEnable = false
                chip.centerFrequencyHz = nil
                chip.clearChannels()
            }
            merged.boards[location.board].chips[location.chip] = chip
        }
        duplicateSingleChipPlan(&merged, plan: plan, &d, &notes)
        return Result(radioConf: merged, diagnostics: d, notes: notes)
    }

    /// Seed 003: "On a single-board, a two-chip gateway platform Station
    /// will automatically assume full antenna diversity for frequency plans
    /// which can be allocated on a single SX1301 chip. This is done by
    /// duplicating the single-chip frequency plan on both chips while
    /// assigning them to different RF chains."
    private static func duplicateSingleChipPlan(
        _ conf: inout RadioConf, plan: ChannelPlan, _ d: inout Diagnostics, _ notes: inout [String]
    ) {
        guard plan.chips.count == 1, conf.boards.count == 1, conf.boards[0].chips.count >= 2 else { return }
        let board = conf.boards[0]
        let first = board.chips[0]
        guard first.isEnabled else { return }
        let firstChain = first.rfChain ?? 0
        let otherChain = firstChain == 0 ? 1 : 0
        let chains = board.rfChains ?? []
        guard otherChain < chains.count, chains[otherChain].rxEnable else {
            d.warning("radio_conf[0].SX1301_conf[1]",
                      "the single-chip plan is not duplicated: rf_chain_conf[\(otherChain)] does not receive, so there is no second antenna for diversity")
            return
        }
        var copy = first
        copy.rfChain = otherChain
        conf.boards[0].chips[1] = copy
        notes.append("radio_conf[0].SX1301_conf[1] <- copy of SX1301_conf[0] on RF chain \(otherChain): single-chip plan duplicated for full antenna diversity")
    }

    /// Channels and centre frequency from the plan; the chip's own
    /// `chip_rf_chain` is kept (0 when the file has none, as Station).
    private static func apply(_ planChip: PlanChip, to chip: inout ChipConf) {
        chip.clearChannels()
        var lowest = Int.max
        var highest = Int.min
        for slot in PlanChip.slots {
            guard let frequency = planChip.frequencyHz(slot), let source = planChip[slot] else { continue }
            var channel = ChannelConf(rxFrequencyHz: frequency)
            switch slot {
            case .multiSF:
                channel.bandwidthHz = multiSFBandwidthHz  // all of SF7-12: spread_factor stays absent
            case .loraStandard:
                channel.bandwidthHz = source.bandwidthHz
                if let sf = source.spreadFactor { channel.spreadingFactors = SpreadingFactorRange(lowest: sf, highest: sf) }
            case .fsk:
                channel.bitRate = source.datarate ?? defaultFSKBitRate
            }
            chip[slot] = channel
            lowest = min(lowest, frequency)
            highest = max(highest, frequency)
        }
        if lowest <= highest {
            chip.chipEnable = true
            chip.centerFrequencyHz = lowest + (highest - lowest) / 2
            if chip.rfChain == nil { chip.rfChain = 0 }
        } else {
            chip.chipEnable = false
            chip.centerFrequencyHz = nil
        }
    }
}
