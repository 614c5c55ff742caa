import Mesh
import SX1276
import Testing
@testable import MeshProgram

/// `lorikeet mesh node` and `lorikeet-mesh` check their options here: each
/// bad value is one line naming it, exit code 2.
@Suite struct MeshNodeConfigurationTests {
    func options(_ fill: (inout MeshNodeOptions) -> Void) -> MeshNodeOptions {
        var o = MeshNodeOptions()
        fill(&o)
        return o
    }

    func failure(_ o: MeshNodeOptions, portOffset: String? = nil) -> MeshNodeFailure? {
        do {
            _ = try MeshNodeConfiguration.parse(o, portOffset: portOffset)
            return nil
        } catch {
            return error
        }
    }

    @Test func otSimRadioWithKeyAndSeed() throws {
        let c = try MeshNodeConfiguration.parse(options { $0.radio = "ot-sim:3"; $0.key = "112233"; $0.seed = "7" }, portOffset: "5")
        #expect(c.radio == .otSim(nodeID: 3, portOffset: 5))
        #expect(c.dataset.networkKey.hex == "11223300000000000000000000000000")
        #expect(c.seed == 7)
    }

    @Test func boardWithPymeshDefaultsOrTheGivenChannel() throws {
        let plain = try MeshNodeConfiguration.parse(options { $0.board = "mock" }, portOffset: "bogus")
        #expect(plain.radio == .board("mock"))
        #expect(plain.loraSettings.frequencyHz == 869_525_000)
        #expect(plain.loraSettings.parameters.spreadingFactor == .sf7)
        #expect(plain.loraSettings.syncWord == RadioSettings.privateSyncWord)
        #expect(!plain.frequencyGiven && plain.seed == nil)
        #expect(plain.dataset == .pymeshDefault)
        let tuned = try MeshNodeConfiguration.parse(options { $0.board = "mock"; $0.frequency = "869500000"; $0.datarate = "SF9BW125" },
                                                    portOffset: nil)
        #expect(tuned.loraSettings.frequencyHz == 869_500_000)
        #expect(tuned.loraSettings.parameters.spreadingFactor == .sf9)
        #expect(tuned.loraSettings.parameters.bandwidth == .khz125)
        #expect(tuned.frequencyGiven)
    }

    @Test func exactlyOneRadio() {
        let message = "give either --board FILE or --radio ot-sim:NODEID"
        #expect(failure(MeshNodeOptions()) == MeshNodeFailure(message, exitCode: 2))
        #expect(failure(options { $0.board = "mock"; $0.radio = "ot-sim:1" })?.message == message)
    }

    @Test func badValuesAreOneLineEach() {
        for radio in ["ot-sim:0", "ot-sim:34", "ot-sim:", "ot-sim:-1", "ot:1", "ot-sim:99999999999999999999"] {
            #expect(failure(options { $0.radio = radio })?.message == "--radio must be ot-sim:NODEID with NODEID 1-33, got \"\(radio)\"")
        }
        for key in ["", "1", "xyz0", String(repeating: "0", count: 34)] {
            #expect(failure(options { $0.radio = "ot-sim:1"; $0.key = key })?.message == "--key must be 2-32 hex digits, got \"\(key)\"")
        }
        for seed in ["-1", "nan", "1e3", "18446744073709551616", ""] {
            #expect(failure(options { $0.radio = "ot-sim:1"; $0.seed = seed })?.message
                    == "--seed must be a whole number 0-18446744073709551615, got \"\(seed)\"")
        }
        for hz in ["nan", "inf", "-1", "1e300", "869.525", "136999999", "1020000001", "4294967296"] {
            #expect(failure(options { $0.board = "mock"; $0.frequency = hz })?.message
                    == "--frequency must be a frequency in Hz 137000000-1020000000 (e.g. 869525000), got \"\(hz)\"")
        }
        for rate in ["SF6BW125", "SF13BW125", "SF7", "sf7bw125", "SF7BW100", ""] {
            #expect(failure(options { $0.board = "mock"; $0.datarate = rate })?.message
                    == "--datarate must be SF7-SF12 with a bandwidth, e.g. SF7BW125 or SF9BW125, got \"\(rate)\"")
        }
        for offset in ["-1", "1001", "nan", "x"] {
            #expect(failure(options { $0.radio = "ot-sim:1" }, portOffset: offset)?.message == "PORT_OFFSET must be 0-1000, got \"\(offset)\"")
        }
    }

    @Test func aBoardRunsLoRaTunedTimersUnlessToldOtherwiseTheSimulationRadioOpenThreads() throws {
        #expect(try MeshNodeConfiguration.parse(options { $0.board = "mock" }, portOffset: nil).timings == .loRa)
        #expect(try MeshNodeConfiguration.parse(options { $0.board = "mock"; $0.timings = "openthread" }, portOffset: nil).timings == .openThread)
        #expect(try MeshNodeConfiguration.parse(options { $0.board = "mock"; $0.timings = "lora" }, portOffset: nil).timings == .loRa)
        #expect(try MeshNodeConfiguration.parse(options { $0.radio = "ot-sim:1" }, portOffset: nil).timings == .openThread)
        for text in ["", "LoRa", "OpenThread", "both", "lora "] {
            #expect(failure(options { $0.board = "mock"; $0.timings = text })?.message == "--timings must be openthread|lora, got \"\(text)\"")
        }
        #expect(failure(options { $0.radio = "ot-sim:1"; $0.timings = "lora" })?.message
                == "--timings sets the MLE timers of --board; the ot-sim radio keeps OpenThread's (to meet ot-cli-ftd)")
    }

    @Test func loRaChannelOnlyWithABoard() {
        #expect(failure(options { $0.radio = "ot-sim:1"; $0.datarate = "SF7BW125" })?.message
                == "--frequency and --datarate set the LoRa channel of --board; the ot-sim radio has none")
    }
}
