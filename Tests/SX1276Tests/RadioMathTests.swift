import LoRaPHY
import Testing
@testable import SX1276

@Suite struct RadioMathTests {
    @Test func frfFollowsTheDatasheetFormula() {
        // Frf = f · 2^19 / 32 MHz.
        #expect(RadioMath.frf(frequencyHz: 868_100_000) == 0xD9_0666)
        #expect(RadioMath.frf(frequencyHz: 915_000_000) == 0xE4_C000)
        #expect(RadioMath.frf(frequencyHz: 434_000_000) == 0x6C_8000)
        #expect(abs(RadioMath.frequencyHz(frf: 0xD9_0666) - 868_100_000) < 61.1)
    }

    @Test func lowFrequencyPortBelow525MHz() {
        #expect(RadioMath.isLowFrequencyPort(frequencyHz: 433_175_000))
        #expect(!RadioMath.isLowFrequencyPort(frequencyHz: 868_100_000))
    }

    @Test func snrIsSignedQuarterDecibels() {
        #expect(RadioMath.packetSNR(register: 0x28) == 10)
        #expect(RadioMath.packetSNR(register: 0xF8) == -2)
        #expect(RadioMath.packetSNR(register: 0x80) == -32)
    }

    @Test func packetRSSIOffsetsAndNegativeSNRCorrection() {
        #expect(RadioMath.packetRSSI(register: 60, snrDB: 10, lowFrequencyPort: false) == -97)
        #expect(RadioMath.packetRSSI(register: 60, snrDB: 10, lowFrequencyPort: true) == -104)
        #expect(RadioMath.packetRSSI(register: 60, snrDB: -5, lowFrequencyPort: false) == -102)
    }

    @Test func frequencyErrorFromFEIRegisters() {
        #expect(RadioMath.feiValue(msb: 0x0F, mid: 0xFF, lsb: 0xFF) == -1)
        #expect(RadioMath.feiValue(msb: 0x07, mid: 0xFF, lsb: 0xFF) == 524_287)
        #expect(RadioMath.feiValue(msb: 0xF8, mid: 0x00, lsb: 0x00) == -524_288)
        // 2^24 / 32 MHz · 125/500 = 0.131072 Hz per step.
        #expect(abs(RadioMath.frequencyErrorHz(fei: 1000, bandwidth: .khz125) - 131.072) < 1e-9)
    }
}

@Suite struct ModemRegistersTests {
    @Test func lorawanUplinkChannel() throws {
        let registers = try ModemRegisters(settings: RadioSettings(frequencyHz: 868_100_000, parameters: LoRaParameters(spreadingFactor: .sf7)))
        #expect(registers.modemConfig1 == 0x72)  // 125 kHz, 4/5, explicit
        #expect(registers.modemConfig2 == 0x74)  // SF7, CRC on
        #expect(registers.modemConfig3 == 0x04)  // AGC on, no LDRO
        #expect(registers.detectOptimize == 0x43)
        #expect(registers.detectionThreshold == 0x0A)
        #expect(registers.syncWord == 0x34)
        #expect(registers.invertIQReceive == 0x27 && registers.invertIQ2 == 0x1D)
        #expect(registers.highBwOptimize1 == 0x03 && registers.highBwOptimize2 == nil)
        #expect(registers.ifFreq2 == 0x40 && registers.ifFreq1 == 0x00)
        #expect(!registers.lowFrequencyModeOn)
    }

    @Test func lowDataRateOptimizeFollowsSymbolTime() throws {
        let sf12 = try ModemRegisters(settings: RadioSettings(frequencyHz: 869_525_000, parameters: LoRaParameters(spreadingFactor: .sf12)))
        #expect(sf12.modemConfig3 == 0x0C)
        let forcedOff = try ModemRegisters(settings: RadioSettings(
            frequencyHz: 869_525_000, parameters: LoRaParameters(spreadingFactor: .sf12, lowDataRateOptimize: .off)))
        #expect(forcedOff.modemConfig3 == 0x04)
    }

    @Test func invertedIQForDownlinks() throws {
        let registers = try ModemRegisters(settings: RadioSettings(
            frequencyHz: 869_525_000, parameters: LoRaParameters(spreadingFactor: .sf9, crcOn: false), invertIQ: true))
        #expect(registers.invertIQTransmit == 0x26)
        #expect(registers.invertIQReceive == 0x67)
        #expect(registers.invertIQ2 == 0x19)
        #expect(registers.modemConfig2 == 0x90)
    }

    @Test func sf6NeedsImplicitHeader() throws {
        #expect(throws: SX1276Error.self) {
            _ = try ModemRegisters(settings: RadioSettings(frequencyHz: 868_100_000, parameters: LoRaParameters(spreadingFactor: .sf6)))
        }
        let sf6 = try ModemRegisters(settings: RadioSettings(
            frequencyHz: 868_100_000, parameters: LoRaParameters(spreadingFactor: .sf6, explicitHeader: false),
            implicitPayloadLength: 12))
        #expect(sf6.detectOptimize & 0x07 == 0x05)
        #expect(sf6.detectionThreshold == 0x0C)
        #expect(sf6.modemConfig1 & 0x01 == 1)
        #expect(sf6.payloadLength == 12)
    }

    @Test func errataFor500kHz() throws {
        let hf = try ModemRegisters(settings: RadioSettings(frequencyHz: 923_300_000, parameters: LoRaParameters(spreadingFactor: .sf8, bandwidth: .khz500)))
        #expect(hf.highBwOptimize1 == 0x02 && hf.highBwOptimize2 == 0x64)
        #expect(hf.detectOptimize & 0x80 != 0)
        #expect(hf.ifFreq2 == nil)
        let lf = try ModemRegisters(settings: RadioSettings(frequencyHz: 433_175_000, parameters: LoRaParameters(spreadingFactor: .sf8, bandwidth: .khz500)))
        #expect(lf.highBwOptimize2 == 0x7F)
        #expect(lf.lowFrequencyModeOn)
    }
}

@Suite struct PowerAmplifierTests {
    @Test func paBoostRange() throws {
        #expect(try PowerAmplifierRegisters(dBm: 17, output: .paBoost).paConfig == 0xFF)
        #expect(try PowerAmplifierRegisters(dBm: 14, output: .paBoost).paConfig == 0xFC)
        #expect(try PowerAmplifierRegisters(dBm: 2, output: .paBoost).paConfig == 0xF0)
        let high = try PowerAmplifierRegisters(dBm: 20, output: .paBoost)
        #expect(high.paConfig == 0xFF && high.paDac == 0x87 && high.ocp == 0x31)
        #expect(try PowerAmplifierRegisters(dBm: 14, output: .paBoost).ocp == 0x2B)
    }

    @Test func rfoRange() throws {
        #expect(try PowerAmplifierRegisters(dBm: 14, output: .rfo).paConfig == 0x7E)
        #expect(try PowerAmplifierRegisters(dBm: 0, output: .rfo).paConfig == 0x70)
    }

    @Test func outOfRangeNamesTheAllowedRange() {
        do {
            _ = try PowerAmplifierRegisters(dBm: 21, output: .paBoost)
            Issue.record("21 dBm accepted")
        } catch {
            #expect(error.message.contains("2-20 dBm"))
        }
        #expect(throws: SX1276Error.self) { _ = try PowerAmplifierRegisters(dBm: 15, output: .rfo) }
    }
}
