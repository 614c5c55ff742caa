import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A UDP socket on loopback for talking to `lorikeet serve` like a gateway.
final class LoopbackUDP {
    let descriptor: Int32

    init(timeoutMicros: Int = 2_000_000) throws {
        descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var timeout = timeval(tv_sec: timeoutMicros / 1_000_000, tv_usec: Int(timeoutMicros % 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    func send(_ bytes: [UInt8], port: Int) {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        _ = bytes.withUnsafeBufferPointer { buffer in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(descriptor, buffer.baseAddress, buffer.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    /// The next datagram, or nil after the timeout (2 s unless told).
    func receive() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count < 0 ? nil : Array(buffer[0..<count])
    }
}

/// A Semtech UDP v2 datagram from gateway AA555A0000000001 (or `gateway`).
func semtech(_ identifier: UInt8, token: UInt16, json: String? = nil,
             gateway: [UInt8] = [0xAA, 0x55, 0x5A, 0, 0, 0, 0, 1]) -> [UInt8] {
    [2, UInt8(token >> 8), UInt8(token & 0xFF), identifier] + gateway + Array((json ?? "").utf8)
}

/// `lorikeet serve` as a network server on loopback: hostile PUSH_DATA
/// (issue 12.11) is counted and ignored and the server keeps serving; it
/// listens on loopback unless told otherwise.
@Suite(.serialized) struct ServeCLITests {
    /// Starts serve on a free-ish port; returns the process and its stdout pipe.
    static func startServe(_ extra: [String] = [], duration: String = "4") throws -> (Process, Pipe, Int) {
        let port = 30_000 + Int(getpid() % 15_000) + Int.random(in: 0..<500)
        let serve = Process()
        serve.executableURL = CLI.executable
        serve.arguments = ["serve", "--port", "\(port)", "--duration", duration] + extra
        serve.currentDirectoryURL = CLI.packageRoot
        let out = Pipe()
        serve.standardOutput = out
        try serve.run()
        try waitUntilServing(serve, port: port)
        return (serve, out, port)
    }

    /// PULL_DATA every 50 ms until serve answers PULL_ACK: a fixed sleep lost
    /// the first datagram when a loaded machine started serve late.
    static func waitUntilServing(_ serve: Process, port: Int) throws {
        let probe = try LoopbackUDP(timeoutMicros: 50_000)
        for _ in 0..<100 where serve.isRunning {
            // From its own EUI, so that "gateway … connected" lines stay the gateway's.
            probe.send(semtech(0x02, token: 0xFFFF, gateway: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE]), port: port)
            if probe.receive() == [2, 0xFF, 0xFF, 0x04] { return }
        }
    }

    @Test func hostileRxpkNumbersAreDroppedAndServingGoesOn() throws {
        let (serve, out, port) = try Self.startServe()
        let gateway = try LoopbackUDP()
        let good = #"{"rxpk":[{"tmst":1000,"freq":868.1,"datr":"SF7BW125","rssi":-40,"lsnr":9.5,"data":"QAEQASYAAAABNfyk7iE="}]}"#
        var token: UInt16 = 1
        for bad in ["\"freq\":1e300", "\"rssi\":1e300", "\"rssi\":-1e300", "\"lsnr\":1e300", "\"lsnr\":-1e999",
                    "\"freq\":-868.1", "\"tmst\":1e300"] {
            // The bad member first: a repeated key's first value is the one read.
            let json = good.replacingOccurrences(of: "\"tmst\":1000", with: bad + ",\"tmst\":1000")
            gateway.send(semtech(0x00, token: token, json: json), port: port)
            #expect(gateway.receive() == [2, UInt8(token >> 8), UInt8(token & 0xFF), 0x01], "PUSH_ACK for \(bad)")
            token += 1
        }
        gateway.send(semtech(0x00, token: token, json: good), port: port)
        #expect(gateway.receive() == [2, 0, UInt8(token), 0x01])
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        serve.waitUntilExit()
        #expect(serve.terminationReason == .exit && serve.terminationStatus == 0)
        #expect(text.contains("serve: dropped PUSH_DATA from gateway AA555A0000000001: rxpk[0].freq: expected MHz in 0..4294.967295, got 1e+300 (1 dropped so far)"))
        #expect(text.contains("rxpk[0].rssi: expected dBm in -300..100, got 1e+300 (2 dropped so far)"))
        #expect(text.contains("rxpk[0].lsnr: expected dB in -100..100, got -inf (5 dropped so far)"))
        #expect(text.contains("uplink gw AA555A0000000001 - 868.100 MHz SF7BW125 rssi -40 snr 9.5"))
        #expect(text.contains("serve: stopped; 7 datagrams dropped"))
    }

    @Test func listensOnLoopbackUnlessToldOtherwise() throws {
        let (serve, out, port) = try Self.startServe(duration: "1")
        // /proc/net/udp: local address 0100007F (127.0.0.1) with our port, in hex.
        let table = try String(contentsOfFile: "/proc/net/udp", encoding: .utf8)
        let portHex = String(format: "%04X", port)
        serve.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("serve: listening on 127.0.0.1:\(port) (UDP)"))
        #expect(table.contains("0100007F:\(portHex)"))
        #expect(!table.contains("00000000:\(portHex)"))
    }

    @Test func listenAddressesAndDurationsAreChecked() throws {
        let other = try CLI.run(["serve", "--listen", "192.168.1.5"])
        #expect(other.status == 2)
        #expect(other.stderr.hasPrefix("Error: --listen: expected 127.0.0.1 or ::1 (loopback), 0.0.0.0 or :: (every interface), got '192.168.1.5'\n"))
        let both = try CLI.run(["serve", "--listen", "::", "--loopback"])
        #expect(both.status == 2 && both.stderr.hasPrefix("Error: --loopback and --listen :: contradict each other\n"))
        for bad in ["nan", "inf", "1e300", "-1"] {
            let run = try CLI.run(["serve", "--duration=\(bad)"])
            #expect(run.status == 2 && run.stderr.hasPrefix("Error: --duration: expected seconds 0-31536000, got "), "\(bad)")
        }
    }
}
