import Testing
@testable import SX1276Emulator

@Suite struct LineProtocolTests {
    func run(_ session: EmulatorSession, _ line: String) -> String {
        session.handle(line).joined(separator: "\n")
    }

    @Test func readsVersionThroughCsAndXfer() {
        let session = EmulatorSession()
        #expect(run(session, "cs 0") == "ok")
        #expect(run(session, "xfer 4200") == "0012")
        #expect(run(session, "cs 1") == "ok")
    }

    @Test func badInputAnswersErrAndGoesOn() {
        let session = EmulatorSession()
        #expect(run(session, "xfer 4200").hasPrefix("err xfer: chip select is high"))
        #expect(run(session, "xfer 4").hasPrefix("err"))
        #expect(run(session, "bogus").hasPrefix("err unknown command 'bogus'"))
        #expect(run(session, "dio 9").hasPrefix("err"))
        #expect(run(session, "rx 1 2").hasPrefix("err rx: expected 11 arguments"))
        #expect(run(session, "tick x").hasPrefix("err"))
        #expect(run(session, "now") == "0")
        #expect(!session.finished)
        #expect(run(session, "quit") == "ok")
        #expect(session.finished)
    }

    @Test func injectedFrameIsReadBackFromTheFifo() {
        let session = EmulatorSession()
        for line in ["cs 0", "xfer 8100", "cs 1", "cs 0", "xfer 8180", "cs 1", "cs 0", "xfer 8185", "cs 1",
                     "cs 0", "xfer 86d90666", "cs 1", "cs 0", "xfer b934", "cs 1", "cs 0", "xfer 9e74", "cs 1"] {
            #expect(run(session, line) != "", "\(line)")
        }
        #expect(run(session, "rx 868100000 7 125000 1 1 0 34 0 -60 9.5 48656c6c6f") == "ok")
        #expect(run(session, "tick 100000") == "ok")
        #expect(run(session, "dio 0") == "1")
        #expect(run(session, "cs 0") == "ok")
        // 0x10 FifoRxCurrentAddr, 0x11 mask, 0x12 flags (RxDone + ValidHeader), 0x13 RxNbBytes.
        #expect(run(session, "xfer 1000000000") == "0000005005")
        #expect(run(session, "cs 1") == "ok")
        _ = session.handle("cs 0"); _ = session.handle("xfer 1200"); _ = session.handle("cs 1")
        _ = session.handle("cs 0"); _ = session.handle("xfer 8d00"); _ = session.handle("cs 1")
        _ = session.handle("cs 0")
        #expect(run(session, "xfer 000000000000") == "0048656c6c6f")
        _ = session.handle("cs 1")
        // SNR register: 9.5 dB · 4 = 38; RSSI −60 dBm → PacketRssi 97.
        _ = session.handle("cs 0")
        #expect(run(session, "xfer 190000") == "002661")
        _ = session.handle("cs 1")
    }
}

/// Numbers from the protocol never trap (issue 12.10): a 64-bit tick, and
/// RSSI/SNR that are not finite or out of range, answer `err`.
@Suite struct LineProtocolNumberTests {
    @Test func hugeTickIsRefusedAndTheClockStays() {
        let session = EmulatorSession()
        #expect(session.handle("tick 18446744073709551615") == ["err tick: 18446744073709551615 µs would take the clock past 2^62 µs (now 0)"])
        #expect(session.handle("tick 4611686018427387904") == ["ok"])
        #expect(session.handle("tick 1").first?.hasPrefix("err tick:") == true)
        #expect(session.handle("now") == ["4611686018427387904"])
    }

    @Test func nonFiniteOrHugeSignalValuesAreRefused() {
        let session = EmulatorSession()
        for rssi in ["nan", "inf", "1e300", "-1e300", "-60x"] {
            #expect(session.handle("rx 868100000 7 125000 1 1 0 34 0 \(rssi) 9.5 48").first?.hasPrefix("err rx: rssiDbm") == true, "\(rssi)")
        }
        #expect(session.handle("rx 868100000 7 125000 1 1 0 34 0 -60 1e999 48").first?.hasPrefix("err rx: snrDb") == true)
        #expect(session.handle("rx 868100000 7 125000 1 1 0 34 0 -60.5 -7.25 48") == ["ok"])
    }
}
