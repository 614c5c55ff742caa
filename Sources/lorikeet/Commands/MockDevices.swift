import Foundation
import JSON
import LoRaPHY
import LoRaWAN
import MockBoard

/// examples/mock-devices.json: the simulated ABP devices of the mock board,
/// shared with `lorikeet serve`, which needs their session keys.
struct MockDeviceFile {
    struct Failure: Error { let message: String }

    var devices: [DeviceDescription]

    /// `examples/mock-devices.json` in the current directory or the package.
    static func defaultPath() -> String? {
        var candidates = [FileManager.default.currentDirectoryPath + "/examples/mock-devices.json"]
        if let root = packageRoot() { candidates.append(root.path + "/examples/mock-devices.json") }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The package root above the executable (.build/<triple>/debug/lorikeet).
    static func packageRoot() -> URL? {
        var url = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return nil
    }

    static func load(_ path: String, frequencyHz: UInt32, dataRate: DataRateName) throws(Failure) -> MockDeviceFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(message: "\(path): cannot read the devices file")
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse([UInt8](data))
        } catch {
            throw Failure(message: "\(path): \(error.message)")
        }
        guard let list = root["devices"]?.arrayValue else { throw Failure(message: "\(path): devices: expected an array") }
        var devices: [DeviceDescription] = []
        for (index, item) in list.enumerated() {
            let at = "\(path): devices[\(index)]"
            guard let name = item["name"]?.stringValue else { throw Failure(message: "\(at).name: expected a string") }
            guard let addrText = item["dev_addr"]?.stringValue, let devAddr = DevAddr(hex: addrText) else {
                throw Failure(message: "\(at).dev_addr: expected 8 hex digits")
            }
            guard let nwk = item["nwk_s_key"]?.stringValue.flatMap({ AES128Key(hex: $0) }) else {
                throw Failure(message: "\(at).nwk_s_key: expected 32 hex digits")
            }
            guard let app = item["app_s_key"]?.stringValue.flatMap({ AES128Key(hex: $0) }) else {
                throw Failure(message: "\(at).app_s_key: expected 32 hex digits")
            }
            var rate = dataRate
            if let text = item["data_rate"]?.stringValue {
                guard let parsed = DataRateName(text) else { throw Failure(message: "\(at).data_rate: expected e.g. SF7BW125") }
                rate = parsed
            }
            let period = item["period_s"]?.numberValue ?? 10
            guard period >= 1 else { throw Failure(message: "\(at).period_s: expected at least 1") }
            let bytes = item["payload_bytes"]?.integerValue ?? 10
            let port = item["f_port"]?.integerValue ?? 1
            guard (0...222).contains(bytes), (1...223).contains(port) else {
                throw Failure(message: "\(at): payload_bytes 0-222 and f_port 1-223 expected")
            }
            devices.append(DeviceDescription(
                name: name, devAddr: devAddr, keys: SessionKeys(nwkSKey: nwk, appSKey: app), uplinkFrequencyHz: frequencyHz,
                uplinkParameters: LoRaParameters(spreadingFactor: rate.spreadingFactor, bandwidth: rate.bandwidth),
                payloadBytes: Int(bytes), fPort: UInt8(port), confirmed: item["confirmed"]?.boolValue ?? false,
                periodMicros: UInt64(period * 1_000_000), jitterMicros: UInt64(period * 200_000)))
        }
        return MockDeviceFile(devices: devices)
    }
}
