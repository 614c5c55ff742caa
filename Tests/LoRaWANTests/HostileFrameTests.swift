import Testing
@testable import LoRaWAN

/// Radio frames are input from outside: any bytes of any length, read
/// without keys (`peek`) or with wrong ones, give a frame or a one-line
/// error — never a trap. Seeded, so every run tries the same frames.
@Suite struct HostileFrameTests {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }
    }

    @Test func randomFramesOfEveryLengthAndTypeNeverTrap() {
        var random = Generator(state: 41)
        let appKey = repeatedKey(3)
        let keys = SessionKeys(nwkSKey: repeatedKey(1), appSKey: repeatedKey(2))
        var refused = 0
        for length in 0...300 {
            for mhdr in stride(from: 0, to: 256, by: 9) {
                var frame = random.bytes(length)
                if !frame.isEmpty { frame[0] = UInt8(mhdr) }
                for message in [
                    errorMessage { () throws(LoRaWANError) in try DataFrameCodec.peek(frame) },
                    errorMessage { () throws(LoRaWANError) in
                        try DataFrameCodec.decode(frame, keys: keys, frameCounterHint: UInt32(truncatingIfNeeded: random.next()))
                    },
                    errorMessage { () throws(LoRaWANError) in try JoinRequest.decode(frame, appKey: appKey) },
                    errorMessage { () throws(LoRaWANError) in try JoinAccept.decode(frame, appKey: appKey) },
                ] {
                    if let message {
                        refused += 1
                        #expect(!message.isEmpty && !message.contains("\n"))
                    }
                }
            }
        }
        #expect(refused > 25_000)  // of 34 916 calls; peek reads many frames whole
    }

    @Test func aJoinServerFedRandomFramesRefusesThemAll() {
        var random = Generator(state: 42)
        var server = JoinServer()
        let known = OTAACredentials(devEUI: EUI64(1), joinEUI: EUI64(2), appKey: repeatedKey(4))
        server.add(known)
        for _ in 0..<5_000 {
            var frame = random.bytes(Int(random.next() % 40))
            if frame.count > 17 { frame[0] = 0x00 }  // claim to be a JoinRequest
            if frame.count == 23 { frame.replaceSubrange(9..<17, with: known.devEUI.airBytes) }  // from a known DevEUI
            #expect(errorMessage { () throws(LoRaWANError) in try server.answer(frame) } != nil)
        }
    }
}
