import BoardProfile
import LoRaPHY
import Regions
import Testing

func baseProfile() throws -> BoardProfile {
    try BoardProfileLoader.load(profileText(), file: "boards/test.json")
}

func overrideError(_ overrides: BoardOverrides) throws -> BoardProfileError? {
    let profile = try baseProfile()
    do {
        _ = try profile.applying(overrides)
        return nil
    } catch {
        return error
    }
}

@Test func noOverridesChangeNothing() throws {
    let profile = try baseProfile()
    #expect(try profile.applying(BoardOverrides()) == profile)
}

@Test func regionOverrideDropsThePlansChannel() throws {
    let profile = try baseProfile().applying(BoardOverrides(region: "US915"))
    #expect(profile.region == .us915)
    #expect(profile.channel == nil)
    #expect(profile.listenFrequencyHz == Int(RegionID.us915.plan.singleChannel.frequencyHz))
    let withChannel = try baseProfile().applying(BoardOverrides(region: "US915", channel: "8"))
    #expect(withChannel.channel == 8)
}

@Test func frequencyReplacesChannelAndAcceptsMHz() throws {
    let hz = try baseProfile().applying(BoardOverrides(frequency: "868300000"))
    #expect(hz.frequencyHz == 868_300_000)
    #expect(hz.channel == nil)
    let mhz = try baseProfile().applying(BoardOverrides(frequency: "869.525"))
    #expect(mhz.frequencyHz == 869_525_000)
    let channel = try mhz.applying(BoardOverrides(channel: "2"))
    #expect(channel.channel == 2)
    #expect(channel.frequencyHz == nil)
}

@Test func dataRateOverride() throws {
    let profile = try baseProfile().applying(BoardOverrides(dataRate: "SF9BW125"))
    #expect(profile.dataRate == DataRateName(spreadingFactor: .sf9, bandwidth: .khz125))
}

@Test func badOverridesNameTheOption() throws {
    #expect(try overrideError(BoardOverrides(region: "XX1"))?.message
        .hasPrefix("--region: expected a frequency plan name (EU868, US915") == true)
    #expect(try overrideError(BoardOverrides(channel: "x"))?.message
        == "--channel: expected a channel number of the plan (0-95), got \"x\"")
    #expect(try overrideError(BoardOverrides(frequency: "8a8"))?.field == "--frequency")
    #expect(try overrideError(BoardOverrides(frequency: "5000"))?.message
        == "--frequency: 5000 MHz is outside the EU868 plan (863-870 MHz)")
    #expect(try overrideError(BoardOverrides(region: "US915", channel: "80"))?.field == "--channel")
    #expect(try overrideError(BoardOverrides(dataRate: "SF12BW500"))?.message.hasPrefix(
        "--data-rate: \"SF12BW500\" is not an uplink data rate of EU868") == true)
    #expect(try overrideError(BoardOverrides(dataRate: "SF7"))?.field == "--data-rate")
    #expect(try overrideError(BoardOverrides(channel: "1", frequency: "868.1"))?.field == "--channel")
}
