import Testing
@testable import LoRaWAN

@Suite struct IdentifierTests {
    @Test func macParsesEverySeparatorStyle() throws {
        for text in ["24:0a:c4:00:8d:88", "24-0A-C4-00-8D-88", "240ac4008d88", "240AC4008D88"] {
            let mac = try MAC48.parse(text)
            #expect(mac.rawValue == 0x240A_C400_8D88)
            #expect(mac.text == "24:0a:c4:00:8d:88")
        }
        #expect(MAC48(text: "24:0a:c4:00:8d:88")?.bytes == [0x24, 0x0A, 0xC4, 0x00, 0x8D, 0x88])
    }

    @Test(arguments: ["", "24:0a:c4:00:8d", "24:0a:c4:00:8d:88:99", "24:0a-c4:00:8d:88", "24:0a:c4:00:8d:8g",
                      "240ac4008d8", "2:40a:c4:00:8d:88", "24.0a.c4.00.8d.88", " 24:0a:c4:00:8d:88"])
    func badMACsAreRefusedClearly(text: String) {
        #expect(MAC48(text: text) == nil)
        #expect(errorMessage { () throws(LoRaWANError) in try MAC48.parse(text) }
            == "invalid MAC address \"\(text)\": expected 6 bytes as 12 hex digits, optionally separated by ':' or '-' (e.g. 24:0a:c4:00:8d:88)")
    }

    @Test func euiFromMACInsertsFFFE() throws {
        let mac = try MAC48.parse("24:0a:c4:00:8d:88")
        #expect(EUI64(mac: mac).hex == "240AC4FFFE008D88")
        #expect(EUI64(mac: mac, legacyFFFF: true).hex == "240AC4FFFF008D88")  // seed 000's config.py
        #expect(EUI64(mac: try MAC48.parse("ffffffffffff")).hex == "FFFFFFFFFEFFFFFF")
        #expect(EUI64(mac: try MAC48.parse("000000000001")).rawValue == 0x0000_00FF_FE00_0001)
    }

    @Test func euiParsesWithSeparators() {
        #expect(EUI64(hex: "240AC4FFFE008D88")?.rawValue == 0x240A_C4FF_FE00_8D88)
        #expect(EUI64(hex: "240ac4fffe008d88")?.hex == "240AC4FFFE008D88")
        #expect(EUI64(hex: "24-0A-C4-FF-FE-00-8D-88")?.hex == "240AC4FFFE008D88")
        #expect(EUI64(hex: "24:0a:c4:ff:fe:00:8d:88")?.hex == "240AC4FFFE008D88")
        #expect(EUI64(hex: "240AC4FFFE008D8") == nil)
        #expect(EUI64(hex: "240AC4FFFE008D888") == nil)
        #expect(EUI64(hex: "240AC4FFFE008D8X") == nil)
        #expect(EUI64(hex: "") == nil)
        #expect(EUI64(0x0102_0304_0506_0708).bytes == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(EUI64(0x0102_0304_0506_0708).airBytes == [8, 7, 6, 5, 4, 3, 2, 1])
        #expect(errorMessage { () throws(LoRaWANError) in try EUI64.parse("xyz", name: "gateway_ID") }
            == "gateway_ID \"xyz\": expected 16 hex digits (8 bytes), optionally separated by '-' or ':'")
    }

    @Test func devAddrHexIsBigEndianAndAirIsLittleEndian() {
        let addr = DevAddr(hex: "26011bda")
        #expect(addr?.rawValue == 0x2601_1BDA)
        #expect(addr?.hex == "26011BDA")
        #expect(addr?.airBytes == [0xDA, 0x1B, 0x01, 0x26])
        #expect(addr?.networkID == 0x13)
        #expect(DevAddr(0xA).hex == "0000000A")
        #expect(DevAddr(hex: "26011BD") == nil)
        #expect(DevAddr(hex: "26011BDAA") == nil)
        #expect(DevAddr(hex: "2601 BDA") == nil)
    }

    @Test func aesKeysParseAndPrint() {
        let k = AES128Key(hex: "2b7e151628aed2a6abf7158809cf4f3c")
        #expect(k?.hex == "2B7E151628AED2A6ABF7158809CF4F3C")
        #expect(k?.bytes.count == 16)
        #expect(AES128Key(hex: "2b7e151628aed2a6abf7158809cf4f") == nil)
        #expect(AES128Key(hex: "zz7e151628aed2a6abf7158809cf4f3c") == nil)
        #expect(AES128Key(bytes: [1, 2, 3]) == nil)
        #expect(errorMessage { () throws(LoRaWANError) in try AES128Key.parse("12", name: "NwkSKey") }
            == "NwkSKey \"12\": expected 32 hex digits (16 bytes)")
    }
}
