import LoRaPHY
import Regions
import Testing

@Suite struct SingleChannelTests {
    @Test(arguments: [
        (RegionID.eu868, UInt32(868_100_000), 5), (.us915, 903_900_000, 3), (.in865, 865_062_500, 5),
        (.au915, 916_800_000, 5), (.as923_1, 923_200_000, 5), (.kr920, 922_100_000, 5), (.cn470, 470_300_000, 5),
        (.eu433, 433_175_000, 5), (.ru864, 868_900_000, 5),
    ])
    func defaultsAreSF7BW125OnAnUplinkChannel(id: RegionID, frequencyHz: UInt32, dataRate: Int) {
        let plan = id.plan
        let setup = plan.singleChannel
        #expect(setup.frequencyHz == frequencyHz)
        #expect(setup.dataRate == dataRate)
        #expect(plan.dataRate(index: setup.dataRate)?.modulation == .lora(.sf7, .khz125))
        #expect(plan.uplinkChannel(frequencyHz: frequencyHz) != nil)
        #expect(!setup.node.adrEnabled)
        #expect(setup.node.dataRate == dataRate)
        #expect(!setup.rationale.isEmpty)
    }

    @Test func eu868NodeSetupMatchesTheSeedForm() {
        let node = RegionID.eu868.plan.singleChannel.node
        #expect(node.channelsToSet == [
            Channel(index: 0, frequencyHz: 868_100_000, minDataRate: 0, maxDataRate: 5),
            Channel(index: 1, frequencyHz: 868_100_000, minDataRate: 0, maxDataRate: 5),
            Channel(index: 2, frequencyHz: 868_100_000, minDataRate: 0, maxDataRate: 5),
        ])
        #expect(node.channelsToDisable == [3...15])
        #expect(node.rx1 == RX1Window(frequencyHz: 868_100_000, dataRate: 5))
        #expect(node.pycomExample == [
            "for i in range(3, 16):",
            "    lora.remove_channel(i)",
            "lora.add_channel(0, frequency=868100000, dr_min=0, dr_max=5)",
            "lora.add_channel(1, frequency=868100000, dr_min=0, dr_max=5)",
            "lora.add_channel(2, frequency=868100000, dr_min=0, dr_max=5)",
        ])
        #expect(node.instructions.count == 4)
        #expect(node.instructions[0].hasPrefix("1. Set channels 0-2"))
        #expect(node.instructions[3].contains("869.525 MHz"))
    }

    @Test func us915NodeKeepsOnlyChannel8() {
        let node = RegionID.us915.plan.singleChannel.node
        #expect(node.channelsToDisable == [0...7, 9...71])
        #expect(node.channelsToSet.map(\.index) == [8])
        #expect(node.rx1 == RX1Window(frequencyHz: 923_300_000, dataRate: 13))
        #expect(node.instructions[0].contains("channel 8 (903.9 MHz)"))
        #expect(node.instructions[0].contains("0-7, 9-71"))
        #expect(node.pycomExample.first == "for i in range(3, 72):")
        #expect(node.pycomExample.last == "lora.add_channel(2, frequency=903900000, dr_min=0, dr_max=3)")
    }

    @Test func frequencyText() {
        #expect(FrequencyText.megahertz(868_100_000) == "868.1")
        #expect(FrequencyText.megahertz(865_062_500) == "865.0625")
        #expect(FrequencyText.megahertz(869_525_000) == "869.525")
        #expect(FrequencyText.megahertz(915_000_000) == "915")
        #expect(FrequencyText.megahertz(433_175_000) == "433.175")
    }
}

@Suite struct SingleChannelOverrideTests {
    @Test func otherChannelsGetTheirOwnNodeSetup() throws {
        let eu = RegionID.eu868.plan
        let setup = try eu.singleChannelSetup(frequencyHz: 868_500_000, dataRate: 3)
        #expect(setup.node.channelsToSet.map(\.frequencyHz) == [868_500_000, 868_500_000, 868_500_000])
        #expect(setup.node.rx1 == RX1Window(frequencyHz: 868_500_000, dataRate: 3))
        #expect(try eu.singleChannelSetup(frequencyHz: 868_100_000, dataRate: 5) == eu.singleChannel)
        let us = try RegionID.us915.plan.singleChannelSetup(frequencyHz: 904_100_000, dataRate: 3)
        #expect(us.node.channelsToDisable == [0...8, 10...71])
        #expect(us.node.rx1 == RX1Window(frequencyHz: 923_900_000, dataRate: 13))
    }

    @Test func badOverridesAreRefusedWithAReason() {
        let cases: [(RegionID, UInt32, Int, String)] = [
            (.eu868, 915_000_000, 5, "915 MHz is outside the EU868 band"),
            (.us915, 904_000_000, 3, "904 MHz is not a US915 uplink channel"),
            (.eu868, 868_100_000, 7, "DR7 is not a LoRa uplink data rate in EU868"),
            (.us915, 903_900_000, 8, "DR8 is not a LoRa uplink data rate in US915"),
            (.us915, 903_900_000, 4, "DR4 is not allowed on US915 channel 8 (DR0-DR3)"),
        ]
        for (id, frequency, dr, message) in cases {
            do {
                _ = try id.plan.singleChannelSetup(frequencyHz: frequency, dataRate: dr)
                Issue.record("accepted \(frequency) DR\(dr)")
            } catch {
                #expect(error.message == message)
            }
        }
    }
}
