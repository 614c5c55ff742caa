import Testing
@testable import LoRaWAN

@Suite struct CryptoTests {
    // FIPS-197 Appendix C.1 (AES-128).
    @Test func aes128MatchesFIPS197() throws {
        let out = try LoRaWANCrypto.aes128EncryptBlock(
            bytes("00112233445566778899aabbccddeeff"), key: key("000102030405060708090a0b0c0d0e0f"))
        #expect(out == bytes("69c4e0d86a7b0430d8cdb78070b4c55a"))
    }

    @Test func aes128EncryptsSeveralBlocksIndependently() throws {
        let k = key("000102030405060708090a0b0c0d0e0f")
        let block = bytes("00112233445566778899aabbccddeeff")
        let out = try LoRaWANCrypto.aes128Encrypt(blocks: block + block, key: k)
        #expect(out == bytes("69c4e0d86a7b0430d8cdb78070b4c55a69c4e0d86a7b0430d8cdb78070b4c55a"))
    }

    @Test func aes128RejectsPartialBlocks() {
        let message = errorMessage { () throws(LoRaWANError) in
            try LoRaWANCrypto.aes128Encrypt(blocks: [1, 2, 3], key: repeatedKey(0))
        }
        #expect(message == "AES-128 ECB input must be whole 16-byte blocks, got 3 bytes")
    }

    // RFC 4493 §4, examples 1 and 2.
    @Test func cmacMatchesRFC4493() throws {
        let k = key("2b7e151628aed2a6abf7158809cf4f3c")
        #expect(try LoRaWANCrypto.aesCMAC([], key: k) == bytes("bb1d6929e95937287fa37d129b756746"))
        #expect(try LoRaWANCrypto.aesCMAC(bytes("6bc1bee22e409f96e93d7e117393172a"), key: k)
            == bytes("070a16b46b4d4144f79bdd9dd04a287c"))
    }
}
