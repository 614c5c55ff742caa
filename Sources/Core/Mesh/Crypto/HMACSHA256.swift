import CMbedTLS

/// HMAC-SHA256 from mbedTLS (Thread key derivation, Thread 1.1 §7.1.4).
public enum HMACSHA256 {
    public static let digestBytes = 32

    public static func authenticate(_ message: [UInt8], key: [UInt8]) throws(MeshError) -> [UInt8] {
        guard let info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256) else {
            throw MeshError(.security, "mbedTLS has no SHA-256 (built without it?)")
        }
        var digest = [UInt8](repeating: 0, count: digestBytes)
        let status = key.withUnsafeBufferPointer { keyBytes in
            message.withUnsafeBufferPointer { input in
                digest.withUnsafeMutableBufferPointer { out in
                    mbedtls_md_hmac(info, keyBytes.baseAddress, keyBytes.count, input.baseAddress, input.count,
                                    out.baseAddress)
                }
            }
        }
        guard status == 0 else { throw MeshError(.security, "mbedtls_md_hmac failed: \(status)") }
        return digest
    }
}
