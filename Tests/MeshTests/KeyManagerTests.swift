import Testing
import TextCoding
@testable import Mesh

@Suite("Crypto: key derivation and AES-CCM")
struct KeyManagerTests {
    /// Thread 1.1 §7.1.4.1 vector (OpenThread tests/scripts/thread-cert/test_crypto.py),
    /// as quoted in ../shared/tools/openthread/README.md.
    @Test func threadSpecVector() throws {
        let key = try NetworkKey(hex: "00112233445566778899aabbccddeeff")
        let keys = try DerivedKeys(networkKey: key, keySequence: 0)
        #expect(Hex.encode(keys.mleKey, uppercase: false) == "5445f4158fd75912175809f8b57a66a4")
        #expect(Hex.encode(keys.macKey, uppercase: false) == "de89c53af382b421e0fde5a9bae3bef0")
        #expect(keys.keyIndex == 1)
    }

    @Test func keyIndexWrapsEvery128Sequences() {
        #expect(KeyManager.keyIndex(forSequence: 0) == 1)
        #expect(KeyManager.keyIndex(forSequence: 127) == 128)
        #expect(KeyManager.keyIndex(forSequence: 128) == 1)
    }

    @Test func pymeshKeysArePaddedAsTheSeedShows() throws {
        let key = try NetworkKey(pymeshKey: [0x11, 0x22, 0x33])
        #expect(key.hex == "11223300000000000000000000000000")
        #expect(NetworkKey.pymeshDefault.hex == "0134c0de1ab51234c0de1ab5ca1a110f")
        #expect(throws: MeshError.self) { try NetworkKey(pymeshKey: []) }
        #expect(throws: MeshError.self) { try NetworkKey(pymeshKey: [UInt8](repeating: 1, count: 17)) }
        #expect(throws: MeshError.self) { try NetworkKey(hex: "0011") }
    }

    @Test func rotationKeepsTheNeighbouringSequences() throws {
        var manager = try KeyManager(networkKey: .pymeshDefault)
        #expect(manager.takeMACFrameCounter() == 0)
        #expect(manager.takeMACFrameCounter() == 1)
        let first = manager.current
        try manager.rotate()
        #expect(manager.keySequence == 1)
        #expect(manager.previous == first)
        #expect(manager.keys(forKeyIndex: 1) == first)
        #expect(manager.keys(forKeyIndex: 3)?.keySequence == 2)
        #expect(manager.keys(forKeyIndex: 9) == nil)
        #expect(manager.takeMACFrameCounter() == 0)
        #expect(manager.current != first)
    }

    /// RFC 3610 packet vector #1 (8-byte MIC) shows mbedTLS is wired right;
    /// the 4-byte MIC path is checked against OpenThread's frames in MACSecurityTests.
    @Test func aesCCMRFC3610Vector() throws {
        let key = Hex.decode("C0C1C2C3C4C5C6C7C8C9CACBCCCDCECF")!
        let nonce = Hex.decode("00000003020100A0A1A2A3A4A5")!
        let aad = Hex.decode("0001020304050607")!
        let plaintext = Hex.decode("08090A0B0C0D0E0F101112131415161718191A1B1C1D1E")!
        let sealed = try AESCCM.seal(key: key, nonce: nonce, authenticatedData: aad, plaintext: plaintext, tagLength: 8)
        #expect(Hex.encode(sealed) == "588C979A61C663D2F066D0C2C0F989806D5F6B61DAC38417E8D12CFDF926E0")
        #expect(try AESCCM.open(key: key, nonce: nonce, authenticatedData: aad, sealed: sealed, tagLength: 8) == plaintext)
        var tampered = sealed
        tampered[3] ^= 1
        #expect(throws: MeshError.self) {
            try AESCCM.open(key: key, nonce: nonce, authenticatedData: aad, sealed: tampered, tagLength: 8)
        }
    }
}
