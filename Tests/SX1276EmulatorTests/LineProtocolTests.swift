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
