import LoRaPHY
import Testing
@testable import GatewayProgram

/// The devices file: every number checked (issue 12.10), errors naming
/// the file and the key.
@Suite struct MockDeviceFileTests {
    static let keys = #""dev_addr": "26011001", "nwk_s_key": "000102030405060708090A0B0C0D0E0F", "app_s_key": "000102030405060708090A0B0C0D0E0F""#

    func load(_ device: String) throws(MockDeviceFile.Failure) -> MockDeviceFile {
        let scratch = Scratch("devices")
        let path = scratch.file("devices.json", #"{"devices": [{"name": "a", "# + Self.keys + device + "}]}")
        return try MockDeviceFile.load(path, frequencyHz: 868_100_000, dataRate: DataRateName("SF7BW125")!)
    }

    @Test func readsADevice() throws {
        let file = try load(#", "period_s": 2.5, "payload_bytes": 4, "f_port": 2, "confirmed": true"#)
        #expect(file.devices.count == 1)
        #expect(file.devices[0].periodMicros == 2_500_000)
        #expect(file.devices[0].jitterMicros == 500_000)
        #expect(file.devices[0].confirmed)
    }

    @Test func hugeNegativeAndNonNumbersAreOneLineErrors() {
        let cases: [(String, String)] = [
            (#", "period_s": 1e300"#, "devices[0].period_s: expected a number of seconds 1-86400"),
            (#", "period_s": -5"#, "devices[0].period_s: expected a number of seconds 1-86400"),
            (#", "period_s": 0.5"#, "devices[0].period_s: expected a number of seconds 1-86400"),
            (#", "period_s": "10""#, "devices[0].period_s: expected a number"),
            (#", "payload_bytes": 1e300"#, "devices[0].payload_bytes: expected a whole number"),
            (#", "payload_bytes": -1"#, "devices[0]: payload_bytes 0-222 and f_port 1-223 expected"),
            (#", "f_port": 1e300"#, "devices[0].f_port: expected a whole number"),
            (#", "f_port": 2.5"#, "devices[0].f_port: expected a whole number"),
            (#", "confirmed": 1"#, "devices[0].confirmed: expected true or false"),
        ]
        expectDevicesFileErrors(cases, load: load)
    }

    @Test func aDirectoryIsNotADevicesFile() {
        let scratch = Scratch("devdir")
        let path = scratch.directory("devices.json")
        #expect(throws: MockDeviceFile.Failure.self) {
            try MockDeviceFile.load(path, frequencyHz: 868_100_000, dataRate: DataRateName("SF7BW125")!)
        }
    }
}
