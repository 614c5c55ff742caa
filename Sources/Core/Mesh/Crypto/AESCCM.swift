import CMbedTLS

/// AES-128-CCM from mbedTLS: IEEE 802.15.4 MAC security level 5
/// (ENC-MIC-32) and Thread MLE security both use a 13-byte nonce and a
/// 4-byte MIC (802.15.4-2006 §7.6.3, Thread 1.1 §7.1.3). Never hand-rolled.
public enum AESCCM {
    public static let keyBytes = 16
    public static let nonceBytes = 13

    /// Encrypts `plaintext`, authenticating `authenticatedData` as well;
    /// returns the ciphertext followed by the `tagLength`-byte MIC.
    public static func seal(key: [UInt8], nonce: [UInt8], authenticatedData: [UInt8], plaintext: [UInt8],
                            tagLength: Int = 4) throws(MeshError) -> [UInt8] {
        try check(key: key, nonce: nonce, tagLength: tagLength)
        var output = [UInt8](repeating: 0, count: plaintext.count + tagLength)
        let status = try withContext(key: key) { context in
            nonce.withUnsafeBufferPointer { iv in
                authenticatedData.withUnsafeBufferPointer { aad in
                    plaintext.withUnsafeBufferPointer { input in
                        output.withUnsafeMutableBufferPointer { out in
                            mbedtls_ccm_encrypt_and_tag(
                                context, input.count, iv.baseAddress, iv.count, aad.baseAddress, aad.count,
                                input.baseAddress, out.baseAddress, out.baseAddress! + input.count, tagLength)
                        }
                    }
                }
            }
        }
        guard status == 0 else { throw MeshError(.security, "mbedtls_ccm_encrypt_and_tag failed: \(status)") }
        return output
    }

    /// Checks the MIC at the end of `sealed` and returns the plaintext;
    /// a wrong key or any changed byte is a `.security` error.
    public static func open(key: [UInt8], nonce: [UInt8], authenticatedData: [UInt8], sealed: [UInt8],
                            tagLength: Int = 4) throws(MeshError) -> [UInt8] {
        try check(key: key, nonce: nonce, tagLength: tagLength)
        guard sealed.count >= tagLength else {
            throw MeshError(.malformed, "secured payload of \(sealed.count) bytes is shorter than its \(tagLength)-byte MIC")
        }
        let length = sealed.count - tagLength
        var output = [UInt8](repeating: 0, count: max(length, 1))
        let status = try withContext(key: key) { context in
            nonce.withUnsafeBufferPointer { iv in
                authenticatedData.withUnsafeBufferPointer { aad in
                    sealed.withUnsafeBufferPointer { input in
                        output.withUnsafeMutableBufferPointer { out in
                            mbedtls_ccm_auth_decrypt(
                                context, length, iv.baseAddress, iv.count, aad.baseAddress, aad.count,
                                input.baseAddress, out.baseAddress, input.baseAddress! + length, tagLength)
                        }
                    }
                }
            }
        }
        guard status == 0 else { throw MeshError(.security, "MIC check failed (wrong key or altered frame)") }
        return Array(output.prefix(length))
    }

    private static func check(key: [UInt8], nonce: [UInt8], tagLength: Int) throws(MeshError) {
        guard key.count == keyBytes else { throw MeshError(.invalidArgument, "AES-CCM key of \(key.count) bytes: need 16") }
        guard nonce.count == nonceBytes else {
            throw MeshError(.invalidArgument, "AES-CCM nonce of \(nonce.count) bytes: need 13")
        }
        guard [4, 8, 16].contains(tagLength) else {
            throw MeshError(.invalidArgument, "AES-CCM MIC of \(tagLength) bytes: allowed 4, 8, 16")
        }
    }

    /// The context holds pointers into itself, so it lives at one heap
    /// address for the whole operation.
    private static func withContext(key: [UInt8], _ body: (UnsafeMutablePointer<mbedtls_ccm_context>) -> Int32)
        throws(MeshError) -> Int32
    {
        let context = UnsafeMutablePointer<mbedtls_ccm_context>.allocate(capacity: 1)
        mbedtls_ccm_init(context)
        defer {
            mbedtls_ccm_free(context)
            context.deallocate()
        }
        let status = key.withUnsafeBufferPointer { bytes in
            mbedtls_ccm_setkey(context, MBEDTLS_CIPHER_ID_AES, bytes.baseAddress, 128)
        }
        guard status == 0 else { throw MeshError(.security, "mbedtls_ccm_setkey failed: \(status)") }
        return body(context)
    }
}
