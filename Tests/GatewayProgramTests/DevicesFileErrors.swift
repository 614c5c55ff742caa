import Testing
@testable import GatewayProgram

/// Each (device members, expected message end) pair must be refused with the
/// one line that names devices.json and the key.
func expectDevicesFileErrors(
    _ cases: [(String, String)], load: (String) throws(MockDeviceFile.Failure) -> MockDeviceFile,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    for (json, expected) in cases {
        do {
            _ = try load(json)
            Issue.record("accepted \(json)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.message.hasSuffix("devices.json: " + expected), "\(json): \(error.message)",
                    sourceLocation: sourceLocation)
        }
    }
}
