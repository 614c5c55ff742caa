import CSoapySDR
import LoRaModem

/// Why the SDR could not be opened or read: one line.
public struct SDRError: Error, Sendable {
    public let message: String
    public init(message: String) { self.message = message }
}

/// A live complex baseband stream from any SDR SoapySDR drives (RTL-SDR,
/// HackRF, LimeSDR, Airspy). SoapySDR is loaded when the first source is
/// opened, so nothing else in Lorikeet links it; without the library or a
/// device, `open` fails at once with a line saying which.
public final class SoapySDRSource {
    let handle: OpaquePointer
    var buffer: [Float]

    /// `gainDB` nil: the device's automatic gain.
    public init(arguments: String, sampleRateHz: Int, centreHz: Int64, gainDB: Double?, maxSamples: Int = 65_536) throws(SDRError) {
        var error = [CChar](repeating: 0, count: 512)
        let opened = arguments.withCString { args in
            lk_soapy_open(args, Double(sampleRateHz), Double(centreHz), gainDB ?? -1, &error, error.count)
        }
        guard let opened else { throw SDRError(message: SoapySDRSource.text(error)) }
        handle = opened
        buffer = [Float](repeating: 0, count: 2 * max(1, maxSamples))
    }

    deinit { lk_soapy_close(handle) }

    /// The next samples (up to the buffer's size); empty after a timeout or an overflow.
    public func read(timeoutMicros: Int = 100_000) throws(SDRError) -> [Complex32] {
        var error = [CChar](repeating: 0, count: 512)
        let capacity = buffer.count / 2
        let count = buffer.withUnsafeMutableBufferPointer { iq in
            lk_soapy_read(handle, iq.baseAddress, capacity, timeoutMicros, &error, error.count)
        }
        guard count >= 0 else { throw SDRError(message: SoapySDRSource.text(error)) }
        var samples = [Complex32]()
        samples.reserveCapacity(count)
        for index in 0..<count { samples.append(Complex32(buffer[2 * index], buffer[2 * index + 1])) }
        return samples
    }

    /// Times the device dropped samples because they were not read fast enough.
    public var overflows: UInt { lk_soapy_overflows(handle) }

    static func text(_ characters: [CChar]) -> String {
        var bytes = [UInt8]()
        for character in characters {
            if character == 0 { break }
            bytes.append(UInt8(bitPattern: character))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
