import LoRaPHY
import LoRaWAN
import Testing
@testable import GatewayProgram

/// OTAA devices in the devices file: `app_key`, `dev_eui` and `join_eui`
/// instead of `dev_addr` and session keys; the device joins first.
@Suite struct MockDeviceFileOTAATests {
    static let otaa = #""dev_eui": "70B3D57ED0000004", "join_eui": "70B3D57ED00000AA", "app_key": "8D7F3A1C2B4E5F60718293A4B5C6D7E8""#

    func load(_ device: String) throws(MockDeviceFile.Failure) -> MockDeviceFile {
        let scratch = Scratch("otaa-devices")
        let path = scratch.file("devices.json", #"{"devices": [{"name": "t", "# + device + "}]}")
        return try MockDeviceFile.load(path, frequencyHz: 868_100_000, dataRate: DataRateName("SF7BW125")!)
    }

    @Test func readsAnOTAADevice() throws {
        let device = try load(Self.otaa + #", "confirmed": true"#).devices[0]
        #expect(device.otaa == OTAACredentials(
            devEUI: EUI64(0x70B3_D57E_D000_0004), joinEUI: EUI64(0x70B3_D57E_D000_00AA),
            appKey: AES128Key(hex: "8D7F3A1C2B4E5F60718293A4B5C6D7E8")!))
        #expect(device.devAddr == nil && device.keys == nil && device.confirmed)
    }

    @Test func theShippedExampleHasAnOTAADevice() throws {
        let path = try #require(MockDeviceFile.defaultPath())
        let file = try MockDeviceFile.load(path, frequencyHz: 868_100_000, dataRate: DataRateName("SF7BW125")!)
        #expect(file.devices.filter { $0.otaa != nil }.map { $0.name } == ["tracker-4"])
        #expect(file.devices.filter { $0.keys != nil }.count == 3)
    }

    @Test func badOTAAKeysAreOneLineErrors() {
        let cases: [(String, String)] = [
            (#""app_key": "00", "dev_eui": "70B3D57ED0000004", "join_eui": "70B3D57ED00000AA""#, "devices[0].app_key: expected 32 hex digits"),
            (#""app_key": 5, "dev_eui": "70B3D57ED0000004", "join_eui": "70B3D57ED00000AA""#, "devices[0].app_key: expected 32 hex digits"),
            (#""app_key": "8D7F3A1C2B4E5F60718293A4B5C6D7E8", "join_eui": "70B3D57ED00000AA""#, "devices[0].dev_eui: expected 16 hex digits"),
            (#""app_key": "8D7F3A1C2B4E5F60718293A4B5C6D7E8", "dev_eui": "70B3D57ED0000004", "join_eui": 1e300"#, "devices[0].join_eui: expected 16 hex digits"),
            (#""period_s": 1"#, "devices[0].dev_addr: expected 8 hex digits (or app_key, dev_eui and join_eui for OTAA)"),
        ]
        expectDevicesFileErrors(cases, load: load)
    }
}
