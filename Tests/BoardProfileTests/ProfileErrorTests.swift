import BoardProfile
import Testing

/// A valid Linux profile as key/value lines; tests replace or drop keys.
let validPairs: [(String, String)] = [
    ("board", "\"linux\""), ("name", "\"Test HAT\""), ("description", "\"a test board\""), ("radio", "\"sx1276\""),
    ("spi-device", "\"/dev/spidev0.0\""), ("chip-select", "\"gpio\""), ("cs-gpio", "25"),
    ("reset-gpio", "17"), ("dio0-gpio", "4"), ("dio1-gpio", "23"), ("pa-output", "\"pa-boost\""),
    ("max-tx-power-dbm", "14"), ("region", "\"EU868\""), ("channel", "0"), ("data-rate", "\"SF7BW125\""),
]

func profileText(replacing changes: [(String, String?)] = [], adding extra: [(String, String)] = []) -> String {
    var pairs = validPairs
    for (key, value) in changes {
        if let index = pairs.firstIndex(where: { $0.0 == key }) {
            if let value { pairs[index].1 = value } else { pairs.remove(at: index) }
        } else if let value {
            pairs.append((key, value))
        }
    }
    pairs += extra
    return "{\n" + pairs.map { "  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n}\n"
}

func loadError(_ text: String, file: String = "boards/test.json") -> BoardProfileError? {
    do {
        _ = try BoardProfileLoader.load(text, file: file)
        return nil
    } catch {
        return error
    }
}

@Test func validTestProfileLoads() throws {
    let profile = try BoardProfileLoader.load(profileText(), file: "boards/test.json")
    #expect(profile.wiring?.chipSelect == .gpio(25))
    #expect(profile.wiring?.dio2Line == nil)
    #expect(profile.wiring?.spiSpeedHz == 1_000_000)
    #expect(profile.wiring?.gpioChip == "gpiochip0")
    #expect(profile.antennaGainDBi == 0)
    #expect(profile.tcxo == false)
}

@Test func wrongTypeNamesFileFieldAndValue() {
    let error = loadError(profileText(replacing: [("dio0-gpio", "\"four\"")]), file: "boards/dragino.json")
    #expect(error?.file == "boards/dragino.json")
    #expect(error?.field == "dio0-gpio")
    #expect(error?.message == "boards/dragino.json: \"dio0-gpio\": expected a GPIO line number (0-511), got \"four\"")
}

@Test func missingFieldIsNamed() {
    let error = loadError(profileText(replacing: [("dio0-gpio", nil)]))
    #expect(error?.message == "boards/test.json: \"dio0-gpio\": missing; expected a GPIO line number (0-511)")
    let noRegion = loadError(profileText(replacing: [("region", nil)]))
    #expect(noRegion?.field == "region")
    #expect(noRegion?.detail.hasPrefix("missing; expected a frequency plan name") == true)
}

@Test func outOfRangeValuesAreRefused() {
    #expect(loadError(profileText(replacing: [("reset-gpio", "600")]))?.message
        == "boards/test.json: \"reset-gpio\": expected a GPIO line number (0-511) or null (not wired), got 600")
    #expect(loadError(profileText(replacing: [("dio1-gpio", "-1")]))?.field == "dio1-gpio")
    #expect(loadError(profileText(replacing: [("dio0-gpio", "4.5")]))?.detail.hasSuffix("got 4.5") == true)
    let power = loadError(profileText(replacing: [("max-tx-power-dbm", "27")]))
    #expect(power?.message == "boards/test.json: \"max-tx-power-dbm\": expected a TX power in dBm (2-20 on pa-boost), got 27")
    #expect(loadError(profileText(replacing: [("spi-speed-hz", "20000000")]))?.field == "spi-speed-hz")
    #expect(loadError(profileText(replacing: [("channel", "96")]))?.field == "channel")
    #expect(loadError(profileText(adding: [("antenna-gain-dbi", "45")]))?.field == "antenna-gain-dbi")
}

@Test func unknownKeyIsNamedWithASuggestion() {
    let error = loadError(profileText(adding: [("dio0", "4")]))
    #expect(error?.field == "dio0")
    #expect(error?.detail.hasPrefix("unknown key; did you mean \"dio0-gpio\"?") == true)
    let typo = loadError(profileText(adding: [("regoin", "\"EU868\"")]))
    #expect(typo?.detail.hasPrefix("unknown key; did you mean \"region\"?") == true)
    let unrelated = loadError(profileText(adding: [("colour", "\"red\"")]))
    #expect(unrelated?.detail.hasPrefix("unknown key (allowed: board, name,") == true)
}

@Test func duplicateKeyIsRefused() {
    let error = loadError(profileText(adding: [("dio0-gpio", "5")]))
    #expect(error?.message == "boards/test.json: \"dio0-gpio\": appears twice; give each key once")
}

@Test func badJSONGivesLineAndColumn() {
    let text = "{\n  \"board\": \"linux\",\n  \"name\": \"x\"\n  \"radio\": \"sx1276\"\n}\n"
    let error = loadError(text, file: "boards/broken.json")
    #expect(error?.field == nil)
    #expect(error?.message.hasPrefix("boards/broken.json: invalid JSON at line 4, column 3") == true)
}

@Test func topLevelMustBeAnObject() {
    #expect(loadError("[1, 2]")?.message == "boards/test.json: expected a JSON object of board settings, got array")
}

@Test func enumerationsListWhatIsAllowed() {
    let board = loadError(profileText(replacing: [("board", "\"arduino\"")]))
    #expect(board?.message == "boards/test.json: \"board\": expected a board kind: \"linux\" or \"mock\", got \"arduino\"")
    let pa = loadError(profileText(replacing: [("pa-output", "\"boost\"")]))
    #expect(pa?.detail == "expected a PA output: \"pa-boost\" or \"rfo\", got \"boost\"")
    #expect(loadError(profileText(replacing: [("radio", "\"sx1262\"")]))?.field == "radio")
    #expect(loadError(profileText(replacing: [("chip-select", "\"ce2\"")]))?.field == "chip-select")
}

@Test func crossFieldRulesNameTheField() {
    // cs-gpio is required with a software chip select, refused with a hardware one.
    #expect(loadError(profileText(replacing: [("cs-gpio", nil)]))?.field == "cs-gpio")
    #expect(loadError(profileText(replacing: [("chip-select", "\"ce0\"")]))?.field == "cs-gpio")
    // ce1 on spidev0.0 is a wiring contradiction.
    let mismatch = loadError(profileText(replacing: [("chip-select", "\"ce1\""), ("cs-gpio", nil)]))
    #expect(mismatch?.field == "chip-select")
    #expect(mismatch?.detail.contains("/dev/spidevBUS.1") == true)
    // One line, two functions.
    let shared = loadError(profileText(replacing: [("dio1-gpio", "4")]))
    #expect(shared?.message == "boards/test.json: \"dio1-gpio\": line 4 is already \"dio0-gpio\"; each function needs its own line")
    // RFM modules have no RFO pin.
    let rfo = loadError(profileText(replacing: [("radio", "\"rfm95\""), ("pa-output", "\"rfo\"")]))
    #expect(rfo?.field == "pa-output")
    // A channel and a frequency at once.
    #expect(loadError(profileText(adding: [("frequency-hz", "868100000")]))?.field == "frequency-hz")
    // A frequency outside the plan.
    let outside = loadError(profileText(replacing: [("channel", nil)], adding: [("frequency-hz", "433175000")]))
    #expect(outside?.message == "boards/test.json: \"frequency-hz\": 433.175 MHz is outside the EU868 plan (863-870 MHz)")
    // A plan the module cannot tune.
    let lf = loadError(profileText(replacing: [("radio", "\"rfm96\"")]))
    #expect(lf?.field == "channel")
    #expect(lf?.detail == "EU868 listens on 868.1 MHz, outside what an RFM96W (SX1278) tunes (410-525 MHz)")
    // A channel the plan does not have, a data rate it does not use.
    let channel = loadError(profileText(replacing: [("channel", "5")]))
    #expect(channel?.detail.hasPrefix("channel 5 is not an uplink channel of EU868 (default channels 0: 868.1 MHz, 1: 868.3 MHz, 2: 868.5 MHz") == true)
    let rate = loadError(profileText(replacing: [("data-rate", "\"SF7BW500\"")]))
    #expect(rate?.detail.hasPrefix("\"SF7BW500\" is not an uplink data rate of EU868 (DR0 SF12BW125") == true)
    #expect(loadError(profileText(replacing: [("spi-device", "\"/dev/spi0\"")]))?.field == "spi-device")
    #expect(loadError(profileText(replacing: [("region", "\"EU999\"")]))?.field == "region")
    #expect(loadError(profileText(replacing: [("data-rate", "\"SF13BW125\"")]))?.field == "data-rate")
}

@Test func mockBoardRefusesWiringKeys() {
    let text = """
        {"board": "mock", "name": "m", "description": "d", "radio": "sx1276", "pa-output": "pa-boost",
         "max-tx-power-dbm": 14, "region": "EU868", "dio0-gpio": 4}
        """
    let error = loadError(text)
    #expect(error?.field == "dio0-gpio")
    #expect(error?.detail.hasPrefix("not used by a mock board") == true)
}
