import StationConf
import Testing

@Suite("Antenna configurations (seed 003)")
struct AntennaConfigurationTests {
    private func configuration(_ chains: String) throws -> (AntennaConfiguration, StationConfFile) {
        let file = try Fixture.conf("{\"rf_chain_conf\": [\(chains)]}")
        return (file.radioConf.boards[0].antennaConfiguration, file)
    }

    @Test func singleAntenna() throws {
        let (config, file) = try configuration(#"{"rx_enable": true, "tx_enable": true}, {"rx_enable": false, "tx_enable": false}"#)
        #expect(config == .singleAntenna(rfChain: 0))
        #expect(file.isValid)
        #expect(try configuration(#"{}, {"rx_enable": true, "tx_enable": true}"#).0 == .singleAntenna(rfChain: 1))
        #expect(try configuration(#"{"rx_enable": true, "tx_enable": true}"#).0 == .singleAntenna(rfChain: 0))
    }

    @Test func fullDiversity() throws {
        let (config, file) = try configuration(#"""
            {"rx_enable": true, "tx_enable": true, "antenna_type": "omni"},
            {"rx_enable": true, "tx_enable": true, "antenna_type": "omni"}
            """#)
        #expect(config == .fullDiversity)
        #expect(config.allowsTransmitDiversion)
        #expect(file.isValid)
    }

    @Test func sectorization() throws {
        let (config, file) = try configuration(#"""
            {"rx_enable": true, "tx_enable": true, "antenna_type": "sector"},
            {"rx_enable": true, "tx_enable": true, "antenna_type": "sector"}
            """#)
        #expect(config == .sectorization)
        #expect(!config.allowsTransmitDiversion)
        #expect(file.isValid)
    }

    @Test func fullDuplex() throws {
        let (config, file) = try configuration(#"{"rx_enable": true, "tx_enable": false}, {"rx_enable": false, "tx_enable": true}"#)
        #expect(config == .fullDuplex(rxChain: 0, txChain: 1))
        #expect(file.isValid)
        #expect(try configuration(#"{"tx_enable": true}, {"rx_enable": true}"#).0 == .fullDuplex(rxChain: 1, txChain: 0))
    }

    @Test func invalidConfigurationsAreErrors() throws {
        let cases = [
            #"{"rx_enable": true, "tx_enable": true, "antenna_type": "omni"}, {"rx_enable": true, "tx_enable": true, "antenna_type": "sector"}"#,
            #"{"rx_enable": true, "tx_enable": true}, {"rx_enable": true, "tx_enable": true}"#,
            #"{"rx_enable": true}, {}"#,
            #"{}, {}"#,
            #"{"rx_enable": true, "tx_enable": true}, {"rx_enable": true}"#,
        ]
        for chains in cases {
            let (config, file) = try configuration(chains)
            guard case .invalid = config else {
                Issue.record("\(chains) read as \(config.label)")
                continue
            }
            #expect(file.errorPaths == ["radio_conf[0].rf_chain_conf"], "\(chains)")
        }
        let (mixed, _) = try configuration(cases[0])
        #expect(mixed.label.contains("antenna_type is \"omni\" and \"sector\""))
        #expect(AntennaConfiguration(rfChains: []) == .invalid(reason: "no RF chain is configured (rf_chain_conf is absent or empty)"))
    }

    @Test func fullDuplexFlagMustMatchTheChains() throws {
        let file = try Fixture.conf(Fixture.board(#""full_duplex": true"#))
        #expect(file.errorPaths == ["radio_conf[0].full_duplex"])
        let ok = try Fixture.conf(#"{"full_duplex": true, "rf_chain_conf": [{"rx_enable": true}, {"tx_enable": true}]}"#)
        #expect(ok.isValid)
    }
}
