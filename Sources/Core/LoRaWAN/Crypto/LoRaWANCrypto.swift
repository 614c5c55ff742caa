import CMbedTLS

/// AES-128 and AES-CMAC from mbedTLS (Debian's libmbedcrypto), the two
/// primitives LoRaWAN 1.0.x builds on (§4.3.3 FRMPayload encryption,
/// §4.4 message integrity code). Never hand-rolled.
public enum LoRaWANCrypto {
    /// AES-128 ECB encryption of whole 16-byte blocks with one key schedule.
    public static func aes128Encrypt(blocks input: [UInt8], key: AES128Key) throws(LoRaWANError) -> [UInt8] {
        try aes128ECB(input, key: key, encrypt: true)
    }

    /// AES-128 ECB decryption of whole 16-byte blocks. LoRaWAN 1.0.x §6.2.5:
    /// the network server "encrypts" a JoinAccept with aes128_decrypt so that
    /// the end device needs only AES encryption to read it.
    public static func aes128Decrypt(blocks input: [UInt8], key: AES128Key) throws(LoRaWANError) -> [UInt8] {
        try aes128ECB(input, key: key, encrypt: false)
    }

    static func aes128ECB(_ input: [UInt8], key: AES128Key, encrypt: Bool) throws(LoRaWANError) -> [UInt8] {
        guard input.count % 16 == 0 else {
            throw LoRaWANError("AES-128 ECB input must be whole 16-byte blocks, got \(input.count) bytes")
        }
        // The context holds a pointer into itself (rk -> buf), so it must not
        // move between mbedtls_aes_setkey_enc and mbedtls_aes_crypt_ecb:
        // keep it at one heap address for the whole call.
        let context = UnsafeMutablePointer<mbedtls_aes_context>.allocate(capacity: 1)
        mbedtls_aes_init(context)
        defer {
            mbedtls_aes_free(context)
            context.deallocate()
        }
        var status = key.bytes.withUnsafeBufferPointer { keyBytes in
            encrypt ? mbedtls_aes_setkey_enc(context, keyBytes.baseAddress, 128)
                : mbedtls_aes_setkey_dec(context, keyBytes.baseAddress, 128)
        }
        guard status == 0 else {
            throw LoRaWANError("mbedtls_aes_setkey_\(encrypt ? "enc" : "dec") failed: \(ByteOrder.signedCode(status))")
        }
        let mode = encrypt ? MBEDTLS_AES_ENCRYPT : MBEDTLS_AES_DECRYPT
        var output = [UInt8](repeating: 0, count: input.count)
        var offset = 0
        while offset < input.count {
            status = input.withUnsafeBufferPointer { inBytes in
                output.withUnsafeMutableBufferPointer { outBytes in
                    mbedtls_aes_crypt_ecb(
                        context, mode, inBytes.baseAddress! + offset, outBytes.baseAddress! + offset)
                }
            }
            guard status == 0 else {
                throw LoRaWANError("mbedtls_aes_crypt_ecb failed: \(ByteOrder.signedCode(status))")
            }
            offset += 16
        }
        return output
    }

    /// AES-128 encryption of one 16-byte block.
    public static func aes128EncryptBlock(_ block: [UInt8], key: AES128Key) throws(LoRaWANError) -> [UInt8] {
        guard block.count == 16 else {
            throw LoRaWANError("AES-128 block must be 16 bytes, got \(block.count)")
        }
        return try aes128Encrypt(blocks: block, key: key)
    }

    /// AES-CMAC (RFC 4493) of a message: the full 16-byte tag.
    public static func aesCMAC(_ message: [UInt8], key: AES128Key) throws(LoRaWANError) -> [UInt8] {
        guard let info = mbedtls_cipher_info_from_type(MBEDTLS_CIPHER_AES_128_ECB) else {
            throw LoRaWANError("mbedTLS has no AES-128-ECB cipher (built without AES?)")
        }
        var tag = [UInt8](repeating: 0, count: 16)
        let status = key.bytes.withUnsafeBufferPointer { keyBytes in
            message.withUnsafeBufferPointer { messageBytes in
                tag.withUnsafeMutableBufferPointer { tagBytes in
                    // An empty message has no base address; CMAC of it is still defined.
                    var empty: UInt8 = 0
                    return withUnsafePointer(to: &empty) { emptyPointer in
                        mbedtls_cipher_cmac(
                            info, keyBytes.baseAddress, 128, messageBytes.baseAddress ?? emptyPointer,
                            messageBytes.count, tagBytes.baseAddress)
                    }
                }
            }
        }
        guard status == 0 else {
            throw LoRaWANError("mbedtls_cipher_cmac failed: \(ByteOrder.signedCode(status))")
        }
        return tag
    }
}
