/// IQ recording formats: `cf32` (interleaved little-endian float32 I/Q, GNU
/// Radio's complex file), `cs16` (interleaved int16, full scale 32768) and
/// `cu8` (rtl_sdr's unsigned bytes, zero at 127.5).
public enum IQFormat: String, CaseIterable, Sendable {
    case cf32, cs16, cu8

    public var bytesPerSample: Int {
        switch self {
        case .cf32: return 8
        case .cs16: return 4
        case .cu8: return 2
        }
    }

    /// Decodes whole samples from `bytes` (its length a multiple of
    /// `bytesPerSample`). A cf32 value that is NaN, infinite or absurdly large
    /// means the data is not cf32.
    public func decode(_ bytes: [UInt8], firstIndex: Int64 = 0) throws(IQReadError) -> [Complex32] {
        let count = bytes.count / bytesPerSample
        var out = [Complex32]()
        out.reserveCapacity(count)
        switch self {
        case .cf32:
            for index in 0..<count {
                let base = index * 8
                let re = IQFormat.float(bytes, base)
                let im = IQFormat.float(bytes, base + 4)
                guard re.isFinite, im.isFinite, abs(re) < 1e6, abs(im) < 1e6 else {
                    throw IQReadError(message: "sample \(firstIndex + Int64(index)) is not a cf32 value (NaN, infinite or beyond 1e6): is the file really cf32?")
                }
                out.append(Complex32(re, im))
            }
        case .cs16:
            for index in 0..<count {
                let base = index * 4
                let re = Int16(bitPattern: UInt16(bytes[base]) | UInt16(bytes[base + 1]) << 8)
                let im = Int16(bitPattern: UInt16(bytes[base + 2]) | UInt16(bytes[base + 3]) << 8)
                out.append(Complex32(Float(re) / 32768, Float(im) / 32768))
            }
        case .cu8:
            for index in 0..<count {
                out.append(Complex32((Float(bytes[2 * index]) - 127.5) / 127.5, (Float(bytes[2 * index + 1]) - 127.5) / 127.5))
            }
        }
        return out
    }

    /// Encodes samples; cs16 and cu8 clip at full scale (±1).
    public func encode(_ samples: [Complex32]) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(samples.count * bytesPerSample)
        for sample in samples {
            switch self {
            case .cf32:
                for value in [sample.re, sample.im] {
                    let bits = value.bitPattern
                    out += [UInt8(bits & 0xFF), UInt8((bits >> 8) & 0xFF), UInt8((bits >> 16) & 0xFF), UInt8(bits >> 24)]
                }
            case .cs16:
                for value in [sample.re, sample.im] {
                    let scaled = (max(-1, min(1, value)) * 32767).rounded()
                    let bits = UInt16(bitPattern: Int16(scaled))
                    out += [UInt8(bits & 0xFF), UInt8(bits >> 8)]
                }
            case .cu8:
                for value in [sample.re, sample.im] {
                    out.append(UInt8(max(0, min(255, (value * 127.5 + 127.5).rounded()))))
                }
            }
        }
        return out
    }

    @inline(__always)
    static func float(_ bytes: [UInt8], _ base: Int) -> Float {
        let bits = UInt32(bytes[base]) | UInt32(bytes[base + 1]) << 8 | UInt32(bytes[base + 2]) << 16 | UInt32(bytes[base + 3]) << 24
        return Float(bitPattern: bits)
    }
}

/// Why IQ data could not be read.
public struct IQReadError: Error, Sendable, Equatable {
    public let message: String
    public init(message: String) { self.message = message }
}
