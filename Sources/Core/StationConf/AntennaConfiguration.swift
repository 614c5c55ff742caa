/// The multi-antenna scenario of a board, derived from its RF chains'
/// `rx_enable`, `tx_enable` and `antenna_type` (seed 003, "Antenna
/// Configurations").
public enum AntennaConfiguration: Sendable, Equatable {
    /// One RF chain receives and transmits; any other is fully disabled.
    case singleAntenna(rfChain: Int)
    /// Both chains receive and transmit through omni antennas: a downlink
    /// may be diverted to the other antenna.
    case fullDiversity
    /// Both chains receive and transmit through sector antennas: a downlink
    /// strictly leaves by the antenna its uplink came in on.
    case sectorization
    /// One chain only receives, the other only transmits, so reception goes
    /// on during transmissions.
    case fullDuplex(rxChain: Int, txChain: Int)
    /// None of the above, with why.
    case invalid(reason: String)

    public init(rfChains chains: [RFChainConf]) {
        guard !chains.isEmpty else {
            self = .invalid(reason: "no RF chain is configured (rf_chain_conf is absent or empty)")
            return
        }
        let both = chains.indices.filter { chains[$0].rxEnable && chains[$0].txEnable }
        let rxOnly = chains.indices.filter { chains[$0].rxEnable && !chains[$0].txEnable }
        let txOnly = chains.indices.filter { !chains[$0].rxEnable && chains[$0].txEnable }
        let off = chains.count - both.count - rxOnly.count - txOnly.count
        if both.count == 1, off == chains.count - 1 {
            self = .singleAntenna(rfChain: both[0])
        } else if both.count == 2, chains.count == 2 {
            let a = chains[0].antennaType
            let b = chains[1].antennaType
            if a == .omni, b == .omni {
                self = .fullDiversity
            } else if a == .sector, b == .sector {
                self = .sectorization
            } else {
                self = .invalid(
                    reason: "both RF chains receive and transmit but their antenna_type is \(Self.name(a)) and \(Self.name(b)) (full diversity needs \"omni\" on both, sectorization \"sector\" on both)")
            }
        } else if rxOnly.count == 1, txOnly.count == 1, chains.count == 2 {
            self = .fullDuplex(rxChain: rxOnly[0], txChain: txOnly[0])
        } else {
            var described = ""
            for (index, chain) in chains.enumerated() {
                if !described.isEmpty { described += ", " }
                let role = chain.rxEnable ? (chain.txEnable ? "RX+TX" : "RX only") : (chain.txEnable ? "TX only" : "disabled")
                described += "rf_chain_conf[\(index)] \(role)"
            }
            self = .invalid(reason: "\(described) is not an antenna configuration")
        }
    }

    /// "single antenna (RF-0)", "full diversity", ...
    public var label: String {
        switch self {
        case .singleAntenna(let chain): return "single antenna (RF-\(chain))"
        case .fullDiversity: return "full diversity (omni, TX diversion allowed)"
        case .sectorization: return "sectorization (sector, TX on the same antenna)"
        case .fullDuplex(let rx, let tx): return "full duplex (RX on RF-\(rx), TX on RF-\(tx))"
        case .invalid(let reason): return "invalid: \(reason)"
        }
    }

    public var isFullDuplex: Bool {
        if case .fullDuplex = self { return true } else { return false }
    }

    /// Whether a blocked downlink may move to another antenna.
    public var allowsTransmitDiversion: Bool { self == .fullDiversity }

    private static func name(_ type: AntennaType?) -> String {
        guard let type else { return "undefined" }
        return "\"\(type.rawValue)\""
    }
}
