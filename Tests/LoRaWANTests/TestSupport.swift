@testable import LoRaWAN

func bytes(_ hex: String) -> [UInt8] {
    let digits = hex.filter { $0 != " " }
    guard let out = Hex.bytes(digits) else { fatalError("bad hex in test: \(hex)") }
    return out
}

func key(_ hex: String) -> AES128Key {
    guard let key = AES128Key(hex: hex) else { fatalError("bad key in test: \(hex)") }
    return key
}

func repeatedKey(_ byte: UInt8) -> AES128Key {
    AES128Key(bytes: [UInt8](repeating: byte, count: 16))!
}

/// The error message of a throwing call, or nil when it did not throw.
func errorMessage<T>(_ body: () throws(LoRaWANError) -> T) -> String? {
    do {
        _ = try body()
        return nil
    } catch {
        return error.message
    }
}
