/// Which antenna (RF chain) a downlink leaves by and at what power
/// (seed 003, RFCONF):
/// - Station targets an output power; `txpow_adjust` (alias `antenna_gain`)
///   of the chosen chain is subtracted from it for antenna gain and cable loss.
/// - The antenna the uplink came in on is preferred (always so for sector
///   antennas). If it is blocked (duty cycle, busy transmitting), the
///   downlink may move to another free omni antenna; never from a sector one.
public enum TransmitPolicy {
    public struct Choice: Sendable, Equatable {
        /// Index in `rf_chain_conf`.
        public let rfChain: Int
        /// Power to ask of the radio: target minus the chain's txpow_adjust.
        public let powerDBm: Double
        /// True when the preferred antenna was blocked and another took over.
        public let diverted: Bool

        public init(rfChain: Int, powerDBm: Double, diverted: Bool) {
            self.rfChain = rfChain
            self.powerDBm = powerDBm
            self.diverted = diverted
        }
    }

    public enum Decision: Sendable, Equatable {
        case transmit(Choice)
        /// Nothing can send it now, with why.
        case refused(reason: String)
    }

    /// Chooses for a downlink answering an uplink received on
    /// `uplinkRFChain`, with `targetPowerDBm` to dissipate, when the chains
    /// in `blockedRFChains` cannot transmit now.
    public static func choose(
        board: BoardConf, targetPowerDBm: Double, uplinkRFChain: Int, blockedRFChains: [Int] = []
    ) -> Decision {
        let chains = board.rfChains ?? []
        let transmitters = chains.indices.filter { chains[$0].txEnable }
        guard !transmitters.isEmpty else {
            return .refused(reason: "no RF chain has tx_enable")
        }
        // The uplink's own antenna when it can transmit; in full duplex the
        // uplink came in on the RX-only chain and the TX chain is the only choice.
        let preferred = transmitters.contains(uplinkRFChain) ? uplinkRFChain : transmitters[0]
        if !blockedRFChains.contains(preferred) {
            return .transmit(Choice(rfChain: preferred, powerDBm: power(targetPowerDBm, chains[preferred]), diverted: false))
        }
        guard chains[preferred].antennaType == .omni else {
            let kind = chains[preferred].antennaType == .sector ? "a sector antenna" : "an antenna of undefined antenna_type"
            return .refused(reason: "RF chain \(preferred) is blocked and is \(kind), so the downlink is not diverted")
        }
        for candidate in transmitters where candidate != preferred {
            if chains[candidate].antennaType == .omni, !blockedRFChains.contains(candidate) {
                return .transmit(Choice(rfChain: candidate, powerDBm: power(targetPowerDBm, chains[candidate]), diverted: true))
            }
        }
        return .refused(reason: "RF chain \(preferred) is blocked and no other omni antenna is free")
    }

    /// The power to program for a chain: the target minus its txpow_adjust.
    public static func power(_ targetDBm: Double, _ chain: RFChainConf) -> Double {
        targetDBm - chain.txpowAdjustDB
    }
}
