import Foundation
import JSON
import LoRaModem

/// The fields every decoded frame prints, narrow or wideband: one JSON
/// object, or one line of text.
enum PhyFrameFields {
    static func object(_ frame: LoRaReceivedFrame, spreadingFactor: Int, bandwidthHz: Double) -> JSONObject {
        let result = frame.result
        var object = JSONObject()
        object["payload"] = .string(hex(result.payload))
        object["crc"] = .string(result.crc.rawValue)
        object["header"] = .string(result.headerValid ? "ok" : "bad")
        object["sf"] = .number(Double(spreadingFactor))
        object["bw"] = .number(bandwidthHz)
        object["cr"] = result.header.map { .number(Double($0.codingRate.rawValue)) } ?? .null
        object["length"] = result.header.map { .number(Double($0.payloadLength)) } ?? .null
        object["snr_db"] = .number((frame.snrDB * 10).rounded() / 10)
        object["cfo_hz"] = .number(frame.cfoHz.rounded())
        object["offset_s"] = .number((frame.offsetSeconds * 1e6).rounded() / 1e6)
        return object
    }

    static func line(_ object: JSONObject) -> String { JSONSerializer.compact(.object(object)) }

    /// "frame 3: 10 bytes "hello lora" [68…] crc ok, SF7 CR 4/5, <place>".
    static func text(_ frame: LoRaReceivedFrame, index: Int, spreadingFactor: Int, place: String) -> String {
        let result = frame.result
        guard result.headerValid, let header = result.header else {
            return "frame \(index): header checksum failed, \(place)"
        }
        let printable = result.payload.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
        let text = printable ? " \"\(String(decoding: result.payload, as: UTF8.self))\"" : ""
        return "frame \(index): \(header.payloadLength) bytes\(text) [\(hex(result.payload))] crc \(result.crc.rawValue), SF\(spreadingFactor) CR \(header.codingRate.label), \(place)"
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}
