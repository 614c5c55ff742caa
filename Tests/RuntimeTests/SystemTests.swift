import Foundation
import HAL
import Testing
@testable import Runtime

@Suite struct SystemTests {
    @Test func udpLoopbackRoundTripThroughPollReactor() throws {
        let server = try UDPSocket(bindPort: 0, loopbackOnly: true)
        let client = try UDPSocket()
        defer { server.close(); client.close() }
        let loop = EventLoop(reactor: PollReactor())
        var received: [UInt8] = []
        var sender: SocketAddress?
        loop.addSource(descriptor: server.descriptor) {
            var buffer: [UInt8] = []
            while let (count, from) = try! server.receive(into: &buffer) {
                received = Array(buffer[0..<count])
                sender = from
                loop.stop()
            }
        }
        try client.send([2, 0x12, 0x34, 2], to: .loopback(port: server.localPort))
        loop.schedule(afterMicros: 2_000_000) { loop.stop() }  // safety net
        try loop.run()
        #expect(received == [2, 0x12, 0x34, 2])
        #expect(sender?.port == client.localPort)
        #expect(sender?.bytes == [127, 0, 0, 1])
    }

    @Test func preciseAlarmFiresAtItsDeadlineNotBefore() throws {
        let loop = EventLoop(reactor: PollReactor())
        let deadline = loop.nowMicros + 3_000
        var firedAt: UInt64 = 0
        loop.schedule(at: deadline, precise: true) { firedAt = loop.nowMicros; loop.stop() }
        try loop.run()
        #expect(firedAt >= deadline)
    }

    @Test func receiveOnEmptySocketReturnsNil() throws {
        let socket = try UDPSocket(bindPort: 0, loopbackOnly: true)
        defer { socket.close() }
        var buffer: [UInt8] = []
        #expect(try socket.receive(into: &buffer) == nil)
    }

    @Test func bindingABusyPortNamesThePortAndCause() throws {
        let first = try UDPSocket(bindPort: 0, loopbackOnly: true)
        defer { first.close() }
        // Bound exclusively (no SO_REUSEADDR): a second socket on the port must fail.
        do {
            let second = try UDPSocket(bindPort: first.localPort, loopbackOnly: true)
            second.close()
            Issue.record("a second socket bound the busy port \(first.localPort)")
        } catch {
            #expect(error.message.contains("bind UDP port \(first.localPort)"))
            #expect(error.message.contains("in use"))
        }
    }

    @Test func resolvesLiteralsAndReportsUnknownNames() {
        let literal = Resolver.resolveUDP(host: "127.0.0.1", port: 1700)
        #expect((try? literal.get()) == SocketAddress.loopback(port: 1700))
        let bogus = Resolver.resolveUDP(host: "no-such-host.invalid", port: 1700)
        if case .failure(let error) = bogus {
            #expect(error.message.hasPrefix("cannot resolve no-such-host.invalid: "))
        } else {
            Issue.record("an .invalid name resolved")
        }
    }

    @Test func addressDescriptions() {
        #expect(SocketAddress.loopback(port: 1700).description == "127.0.0.1:1700")
        var six = [UInt8](repeating: 0, count: 16)
        six[0] = 0x20; six[1] = 0x01; six[2] = 0x0d; six[3] = 0xb8; six[15] = 1
        #expect(SocketAddress(family: 6, bytes: six, port: 1700).description == "[2001:db8:0:0:0:0:0:1]:1700")
    }

    /// One test for both cases: the environment is process-wide and tests run in parallel.
    @Test func systemdNotifyReachesAbstractSocketAndIsANoOpOutsideSystemd() throws {
        unsetenv("NOTIFY_SOCKET")
        #expect(try SystemdNotifier().notify("WATCHDOG=1") == false)
        let name = "lorikeet-test-\(getpid())"
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = [UInt8(0)] + Array(name.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in pathBytes.enumerated() { raw[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        #expect(bound == 0)
        setenv("NOTIFY_SOCKET", "@" + name, 1)
        defer { unsetenv("NOTIFY_SOCKET") }
        let notifier = SystemdNotifier()
        #expect(notifier.isActive)
        #expect(try notifier.notify("READY=1"))
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        #expect(count == 7)
        #expect(String(decoding: buffer[0..<max(count, 0)], as: UTF8.self) == "READY=1")
    }

    @Test func utcClocks() {
        let clock = VirtualClock(startMicros: 5)
        let utc = VirtualUTCClock(clock: clock, utcAtZeroMicros: 1_700_000_000_000_000)
        #expect(utc.utcMicros() == 1_700_000_000_000_005)
        #expect(SystemUTCClock().utcMicros() > 1_700_000_000_000_000)
    }
}
