/// 802.15.4-2006 MAC security as Thread uses it (§7.6.3, CCM*): level 5
/// (encryption + 4-byte MIC), nonce = sender's extended address (8 bytes,
/// display order) ‖ BE32 frame counter ‖ level, authenticated data = the
/// MAC header (OpenThread `src/core/crypto/aes_ccm.cpp`: `GenerateNonce`,
/// `src/core/mac/mac_frame.cpp`).
public enum MACSecurity {
    public static func nonce(sender: ExtendedAddress, frameCounter: UInt32, level: UInt8) -> [UInt8] {
        sender.bytes + [UInt8(frameCounter >> 24), UInt8(frameCounter >> 16 & 0xFF), UInt8(frameCounter >> 8 & 0xFF),
                        UInt8(frameCounter & 0xFF), level]
    }

    /// The PSDU of `frame` (security header set, plaintext payload) with its
    /// payload encrypted and the MIC appended under `key`.
    public static func seal(_ frame: MACFrame, key: [UInt8], sender: ExtendedAddress) throws(MeshError) -> [UInt8] {
        guard let security = frame.security, frame.frameControl.securityEnabled else {
            throw MeshError(.invalidArgument, "frame to secure has no auxiliary security header")
        }
        guard security.encrypts && security.micLength == 4 else {
            throw MeshError(.unsupported, "MAC security level \(security.level): only level 5 is supported")
        }
        let header = frame.header()
        let nonce = nonce(sender: sender, frameCounter: security.frameCounter, level: security.level)
        let sealed = try AESCCM.seal(key: key, nonce: nonce, authenticatedData: header, plaintext: frame.payload,
                                     tagLength: security.micLength)
        return try frame.psdu(body: sealed)
    }

    /// Checks the MIC of a decoded secured frame and decrypts its payload.
    public static func open(_ frame: MACFrame, key: [UInt8], sender: ExtendedAddress) throws(MeshError) -> MACFrame {
        guard let security = frame.security else {
            throw MeshError(.invalidArgument, "frame has no auxiliary security header")
        }
        guard security.encrypts && security.micLength == 4 else {
            throw MeshError(.unsupported, "MAC security level \(security.level): only level 5 is supported")
        }
        let nonce = nonce(sender: sender, frameCounter: security.frameCounter, level: security.level)
        let plaintext = try AESCCM.open(key: key, nonce: nonce, authenticatedData: frame.receivedHeader,
                                        sealed: frame.payload + frame.mic, tagLength: security.micLength)
        var opened = frame
        opened.replacePayload(withPlaintext: plaintext)
        return opened
    }
}
