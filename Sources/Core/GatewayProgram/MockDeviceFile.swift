import JSON
import LoRaPHY
import LoRaWAN
import MockBoard
import Runtime
import TextCoding

/// examples/mock-devices.json: the simulated ABP devices of the mock board,
/// shared with `lorikeet serve`, which needs their session keys. Every
/// number is checked before it becomes an integer or a duration, and a bad
/// one is an error naming the file and the key.
public struct MockDeviceFile {
    public struct Failure: Error, Sendable { public let message: String }

    public var devices: [DeviceDescription]

    /// `examples/mock-devices.json` in the current directory, the package, or
    /// /usr/share/lorikeet.
    public static func defaultPath() -> String? {
        InstallLocations.candidates("examples/mock-devices.json").first { Files.kind($0) == .file }
    }

    /// The longest period between a device's uplinks: one day.
    public static let maximumPeriodSeconds = 86_400.0

    public static func load(_ path: String, frequencyHz: UInt32, dataRate: DataRateName) throws(Failure) -> MockDeviceFile {
        let bytes: [UInt8]
        do {
            bytes = try Files.read(path)
        } catch {
            let reason = error.reason == .missing ? "" : " (\(error.message))"
            throw Failure(message: "\(path): cannot read the devices file\(reason)")
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
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
            let period = try number(item["period_s"], default: 10, at: "\(at).period_s")
            guard period >= 1, period <= maximumPeriodSeconds,
                  let periodMicros = CheckedNumber.micros(seconds: period, maximumSeconds: maximumPeriodSeconds) else {
                throw Failure(message: "\(at).period_s: expected a number of seconds 1-86400")
            }
            let bytes = try integer(item["payload_bytes"], default: 10, at: "\(at).payload_bytes")
            let port = try integer(item["f_port"], default: 1, at: "\(at).f_port")
            guard (0...222).contains(bytes), (1...223).contains(port) else {
                throw Failure(message: "\(at): payload_bytes 0-222 and f_port 1-223 expected")
            }
            var confirmed = false
            if let value = item["confirmed"], !value.isNull {
                guard let flag = value.boolValue else { throw Failure(message: "\(at).confirmed: expected true or false") }
                confirmed = flag
            }
            devices.append(DeviceDescription(
                name: name, devAddr: devAddr, keys: SessionKeys(nwkSKey: nwk, appSKey: app), uplinkFrequencyHz: frequencyHz,
                uplinkParameters: LoRaParameters(spreadingFactor: rate.spreadingFactor, bandwidth: rate.bandwidth),
                payloadBytes: Int(bytes), fPort: UInt8(port), confirmed: confirmed,
                periodMicros: periodMicros, jitterMicros: periodMicros / 5))
        }
        return MockDeviceFile(devices: devices)
    }

    /// A number key: absent or null → `fallback`; present → finite or an error.
    static func number(_ value: JSONValue?, default fallback: Double, at key: String) throws(Failure) -> Double {
        guard let value, !value.isNull else { return fallback }
        guard let number = value.numberValue, number.isFinite else { throw Failure(message: "\(key): expected a number") }
        return number
    }

    /// An integer key: absent or null → `fallback`; a fraction or a number
    /// beyond ±2^53 is an error.
    static func integer(_ value: JSONValue?, default fallback: Int64, at key: String) throws(Failure) -> Int64 {
        guard let value, !value.isNull else { return fallback }
        guard let number = value.integerValue else { throw Failure(message: "\(key): expected a whole number") }
        return number
    }
}
