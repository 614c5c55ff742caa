import StationConf
import Testing

@Suite("Downlink antenna and power policy")
struct TransmitPolicyTests {
    private func board(_ a: RFChainConf, _ b: RFChainConf) -> BoardConf {
        var board = BoardConf()
        board.rfChains = [a, b]
        return board
    }

    private let omni0 = RFChainConf(rxEnable: true, txEnable: true, txpowAdjustDB: 2, antennaType: .omni)
    private let omni1 = RFChainConf(rxEnable: true, txEnable: true, txpowAdjustDB: 5, antennaType: .omni)
    private let sector0 = RFChainConf(rxEnable: true, txEnable: true, txpowAdjustDB: 6, antennaType: .sector)
    private let sector1 = RFChainConf(rxEnable: true, txEnable: true, txpowAdjustDB: 6, antennaType: .sector)

    @Test func powerIsTargetMinusTxpowAdjust() {
        let decision = TransmitPolicy.choose(board: board(omni0, omni1), targetPowerDBm: 14, uplinkRFChain: 1)
        #expect(decision == .transmit(.init(rfChain: 1, powerDBm: 9, diverted: false)))
        #expect(TransmitPolicy.power(27, RFChainConf(txpowAdjustDB: 2.15)) == 24.85)
    }

    @Test func antennaGainAliasGivesTheSamePower() throws {
        let file = try Fixture.conf(#"{"rf_chain_conf": [{"rx_enable": true, "tx_enable": true, "antenna_gain": 3}]}"#)
        let decision = TransmitPolicy.choose(board: file.radioConf.boards[0], targetPowerDBm: 16, uplinkRFChain: 0)
        #expect(decision == .transmit(.init(rfChain: 0, powerDBm: 13, diverted: false)))
    }

    @Test func prefersTheUplinkAntenna() {
        for uplink in [0, 1] {
            let decision = TransmitPolicy.choose(board: board(sector0, sector1), targetPowerDBm: 14, uplinkRFChain: uplink)
            #expect(decision == .transmit(.init(rfChain: uplink, powerDBm: 8, diverted: false)))
        }
    }

    @Test func blockedOmniDivertsToAnotherOmni() {
        let decision = TransmitPolicy.choose(board: board(omni0, omni1), targetPowerDBm: 14, uplinkRFChain: 0, blockedRFChains: [0])
        #expect(decision == .transmit(.init(rfChain: 1, powerDBm: 9, diverted: true)))
    }

    @Test func blockedOmniWithNoFreeOmniIsRefused() {
        let both = TransmitPolicy.choose(board: board(omni0, omni1), targetPowerDBm: 14, uplinkRFChain: 0, blockedRFChains: [0, 1])
        #expect(both == .refused(reason: "RF chain 0 is blocked and no other omni antenna is free"))
        let other = TransmitPolicy.choose(board: board(omni0, sector1), targetPowerDBm: 14, uplinkRFChain: 0, blockedRFChains: [0])
        #expect(other == .refused(reason: "RF chain 0 is blocked and no other omni antenna is free"))
    }

    @Test func blockedSectorNeverDiverts() {
        let decision = TransmitPolicy.choose(board: board(sector0, sector1), targetPowerDBm: 14, uplinkRFChain: 1, blockedRFChains: [1])
        #expect(decision == .refused(reason: "RF chain 1 is blocked and is a sector antenna, so the downlink is not diverted"))
    }

    @Test func undefinedAntennaTypeDoesNotDivert() {
        let plain = RFChainConf(rxEnable: true, txEnable: true)
        let decision = TransmitPolicy.choose(board: board(plain, omni1), targetPowerDBm: 14, uplinkRFChain: 0, blockedRFChains: [0])
        #expect(decision == .refused(reason: "RF chain 0 is blocked and is an antenna of undefined antenna_type, so the downlink is not diverted"))
    }

    @Test func fullDuplexTransmitsOnTheTXChain() {
        let rx = RFChainConf(rxEnable: true)
        let tx = RFChainConf(txEnable: true, txpowAdjustDB: 1)
        let decision = TransmitPolicy.choose(board: board(rx, tx), targetPowerDBm: 14, uplinkRFChain: 0)
        #expect(decision == .transmit(.init(rfChain: 1, powerDBm: 13, diverted: false)))
    }

    @Test func singleAntennaTransmitsOnItsChain() {
        let decision = TransmitPolicy.choose(board: board(omni0, RFChainConf()), targetPowerDBm: 14, uplinkRFChain: 0)
        #expect(decision == .transmit(.init(rfChain: 0, powerDBm: 12, diverted: false)))
    }

    @Test func noTransmitterIsRefused() {
        let decision = TransmitPolicy.choose(board: board(RFChainConf(rxEnable: true), RFChainConf()), targetPowerDBm: 14, uplinkRFChain: 0)
        #expect(decision == .refused(reason: "no RF chain has tx_enable"))
    }
}
