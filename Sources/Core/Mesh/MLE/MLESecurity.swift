/// MLE message security (Thread 1.1 §4.4; OpenThread `mle.cpp`: `ProcessMessageSecurity`).
/// UDP payload: security suite 0, then the auxiliary security header
/// `0x15` ‖ LE32 frame counter ‖ BE32 key sequence ‖ key index, then the AES-CCM encrypted
/// command and TLVs, then a 4-byte MIC. Nonce: sender's extended address ‖ BE32 frame counter ‖
/// level 5, where the extended address is the source IPv6 interface identifier with bit 0x02 of
/// its first byte flipped. Authenticated data: source IPv6 ‖ destination IPv6 ‖ auxiliary header.
public enum MLESecurity {
    public static let securedSuite: UInt8 = 0
    public static let unsecuredSuite: UInt8 = 255
    /// Security level 5 (ENC-MIC-32), key id mode 2 (key source + index).
    public static let securityControl: UInt8 = 0x15
    static let headerBytes = 10
    static let micBytes = 4

    public struct Opened: Equatable, Sendable {
        public var message: MLEMessage
        public var frameCounter: UInt32
        public var keySequence: UInt32
        /// The sender's extended address (from its source IPv6 address).
        public var senderExtAddress: [UInt8]
    }

    /// The extended address an IPv6 interface identifier stands for.
    public static func extAddress(fromIPv6 address: [UInt8]) -> [UInt8] {
        var ext = Array(address[8..<16])
        ext[0] ^= 0x02
        return ext
    }

    static func nonce(ext: [UInt8], frameCounter: UInt32) -> [UInt8] {
        var n = ext
        MLEBytes.put32(frameCounter, &n)
        n.append(5)
        return n
    }

    static func header(frameCounter: UInt32, keySequence: UInt32) -> [UInt8] {
        var h: [UInt8] = [securityControl]
        h += [UInt8(frameCounter & 0xff), UInt8(frameCounter >> 8 & 0xff), UInt8(frameCounter >> 16 & 0xff), UInt8(frameCounter >> 24)]
        MLEBytes.put32(keySequence, &h)
        h.append(KeyManager.keyIndex(forSequence: keySequence))
        return h
    }

    /// The UDP payload of a secured MLE message.
    public static func seal(_ message: MLEMessage, keys: DerivedKeys, frameCounter: UInt32,
                            source: [UInt8], destination: [UInt8]) throws(MeshError) -> [UInt8] {
        guard source.count == 16, destination.count == 16 else {
            throw MeshError(.invalidArgument, "MLE addresses must be 16 bytes")
        }
        let aux = header(frameCounter: frameCounter, keySequence: keys.keySequence)
        let sealed = try AESCCM.seal(key: keys.mleKey, nonce: nonce(ext: extAddress(fromIPv6: source), frameCounter: frameCounter),
                                     authenticatedData: source + destination + aux, plaintext: message.encoded, tagLength: micBytes)
        return [securedSuite] + aux + sealed
    }

    /// Checks and decrypts a received MLE UDP payload with the keys of its key sequence.
    public static func open(_ payload: [UInt8], keyManager: KeyManager, source: [UInt8], destination: [UInt8]) throws(MeshError) -> Opened {
        guard source.count == 16, destination.count == 16 else {
            throw MeshError(.invalidArgument, "MLE addresses must be 16 bytes")
        }
        guard let suite = payload.first else { throw MeshError(.malformed, "MLE payload is empty") }
        guard suite == securedSuite else { throw MeshError(.unsupported, "unsecured MLE (suite \(suite)) is only for discovery") }
        guard payload.count >= 1 + headerBytes + 1 + micBytes else {
            throw MeshError(.malformed, "MLE payload of \(payload.count) bytes is too short to be secured")
        }
        let aux = Array(payload[1...headerBytes])
        guard aux[0] == securityControl else { throw MeshError(.unsupported, "MLE security control 0x\(hex(aux[0])) is not 0x15") }
        let frameCounter = UInt32(aux[1]) | UInt32(aux[2]) << 8 | UInt32(aux[3]) << 16 | UInt32(aux[4]) << 24
        let keySequence = MLEBytes.be32(aux, 5)
        let keys = try keyManager.mleKeys(forSequence: keySequence)
        let ext = extAddress(fromIPv6: source)
        let plain = try AESCCM.open(key: keys.mleKey, nonce: nonce(ext: ext, frameCounter: frameCounter),
                                    authenticatedData: source + destination + aux,
                                    sealed: Array(payload[(1 + headerBytes)...]), tagLength: micBytes)
        return Opened(message: try MLEMessage(decoding: plain), frameCounter: frameCounter, keySequence: keySequence,
                      senderExtAddress: ext)
    }

    static func hex(_ b: UInt8) -> String {
        let d: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
        return String([d[Int(b >> 4)], d[Int(b & 15)]])
    }
}
