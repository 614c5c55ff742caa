import BoardProfile
import Foundation
import LoRaPHY
import Regions
import Testing

/// The package root, from this file's path (Tests/BoardProfileTests/...).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func loadShipped(_ name: String) throws -> BoardProfile {
    let url = packageRoot.appendingPathComponent("boards").appendingPathComponent(name)
    let bytes = [UInt8](try Data(contentsOf: url))
    return try BoardProfileLoader.load(bytes, file: "boards/\(name)")
}

let shippedFiles = [
    "dragino-lora-gps-hat.json", "adafruit-rfm9x-bonnet.json", "uputronics-lora-hat-ce0.json",
    "uputronics-lora-hat-ce1.json", "hallard-loraspi.json", "rfm95-breakout.json", "mock.json",
]

@Test func everyShippedProfileIsListedHere() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("boards").path)
        .filter { $0.hasSuffix(".json") }
    #expect(Set(names) == Set(shippedFiles))
}

@Test(arguments: shippedFiles)
func shippedProfileLoads(_ file: String) throws {
    let profile = try loadShipped(file)
    #expect(!profile.name.isEmpty)
    #expect(profile.source != nil)
    #expect(profile.region == .eu868 || profile.region == .us915)
    #expect(profile.dataRate == DataRateName("SF7BW125"))
    if profile.kind == .linux {
        #expect(profile.wiring != nil)
        #expect(profile.paOutput == .paBoost)
    }
}

@Test func draginoHATDrivesNSSOnBCM25() throws {
    let profile = try loadShipped("dragino-lora-gps-hat.json")
    #expect(profile.kind == .linux)
    #expect(profile.radio == .sx1276)
    #expect(profile.wiring == BoardWiring(
        spiDevice: "/dev/spidev0.0", spiSpeedHz: 1_000_000, chipSelect: .gpio(25), gpioChip: "gpiochip0",
        resetLine: 17, dio0Line: 4, dio1Line: 23, dio2Line: 24))
    #expect(profile.channel == 0)
    #expect(profile.listenFrequencyHz == 868_100_000)
    #expect(profile.frequencyPort == .highFrequency)
}

@Test func adafruitBonnetIsOnCE1() throws {
    let profile = try loadShipped("adafruit-rfm9x-bonnet.json")
    #expect(profile.radio == .rfm95)
    #expect(profile.wiring == BoardWiring(
        spiDevice: "/dev/spidev0.1", chipSelect: .ce1, resetLine: 25, dio0Line: 22, dio1Line: 23, dio2Line: 24))
    #expect(profile.region == .us915)
    #expect(profile.channel == 8)
    #expect(profile.listenFrequencyHz == 903_900_000)
}

@Test func uputronicsVariantsDifferInChipSelectAndDIO0() throws {
    let ce0 = try loadShipped("uputronics-lora-hat-ce0.json")
    let ce1 = try loadShipped("uputronics-lora-hat-ce1.json")
    #expect(ce0.wiring == BoardWiring(spiDevice: "/dev/spidev0.0", chipSelect: .ce0, resetLine: nil, dio0Line: 25))
    #expect(ce1.wiring == BoardWiring(spiDevice: "/dev/spidev0.1", chipSelect: .ce1, resetLine: nil, dio0Line: 16))
}

@Test func loRasPiIsOnCE0WithResetOn22() throws {
    let profile = try loadShipped("hallard-loraspi.json")
    #expect(profile.wiring == BoardWiring(spiDevice: "/dev/spidev0.0", chipSelect: .ce0, resetLine: 22, dio0Line: 25))
}

@Test func genericBreakoutUsesCE0() throws {
    let profile = try loadShipped("rfm95-breakout.json")
    #expect(profile.wiring == BoardWiring(
        spiDevice: "/dev/spidev0.0", chipSelect: .ce0, resetLine: 17, dio0Line: 4, dio1Line: 23, dio2Line: 24))
}

@Test func mockProfileHasNoWiring() throws {
    let profile = try loadShipped("mock.json")
    #expect(profile.kind == .mock)
    #expect(profile.wiring == nil)
    #expect(profile.radio == .sx1276)
    #expect(profile.maxTxPowerDBm == 14)
}
