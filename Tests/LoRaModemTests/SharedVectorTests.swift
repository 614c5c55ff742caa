import Testing
import LoRaModem
import LoRaPHY

@Suite struct SharedVectorTests {
    let parameters = LoRaParameters(spreadingFactor: .sf7, bandwidth: .khz125, codingRate: .cr4_5)

    @Test func sharedVectorDecodesAndMatchesTheEncoder() throws {
        let bytes = try fixture("hello_sf7_cr45_bw125k_fs500k.cf32")
        let samples = try IQFormat.cf32.decode(bytes)
        let frames = try receive(samples, settings: LoRaReceiverSettings(parameters: parameters, sampleRate: 500_000, syncWord: 0x12))
        #expect(frames.count == 1)
        let frame = try #require(frames.first)
        print("vector symbols: \(frame.symbols) cfo \(frame.cfoHz) snr \(frame.snrDB) offset \(frame.offsetSeconds)")
        #expect(frame.result.payload == Array("hello lora".utf8))
        #expect(frame.result.crc == .ok)
        let expected = try LoRaEncoder(parameters: parameters).symbols(payload: Array("hello lora".utf8))
        print("encoder symbols: \(expected)")
        #expect(frame.symbols == expected)
    }
}
