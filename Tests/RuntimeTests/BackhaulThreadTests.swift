import HAL
import Testing
@testable import Runtime

/// The backhaul thread on loopback (issue 12 #7): datagrams both ways through
/// its queues and eventfd, name resolution off the calling thread, IPv6.
@Suite struct BackhaulThreadTests {
    /// Polls `descriptor` until `take` gives something (at most 2 s).
    func waitFor<T>(_ descriptor: Int32, _ take: () throws(SystemError) -> T?) throws -> T? {
        var loop = PollReactor()
        var ready = [false]
        let deadline = loop.nowMicros() + 2_000_000
        while loop.nowMicros() < deadline {
            if let value = try take() { return value }
            _ = try loop.wait(descriptors: [descriptor], ready: &ready, deadline: loop.nowMicros() + 50_000, precise: false)
        }
        return try take()
    }

    @Test func datagramsBothWaysOverIPv4AndIPv6() throws {
        for (family, server) in [(UInt8(4), SocketAddress.loopback(port: 0)),
                                 (UInt8(6), SocketAddress(family: 6, bytes: [UInt8](repeating: 0, count: 15) + [1], port: 0))] {
            let peer: UDPSocket
            do {
                peer = try UDPSocket(family: family, bindPort: 0, loopbackOnly: true)
            } catch {
                continue  // no IPv6 on this machine
            }
            defer { peer.close() }
            var address = server
            address.port = peer.localPort
            let thread = try BackhaulThread()  // dual-stack: reaches both
            try thread.send([1, 2, 3], to: address)
            var buffer = [UInt8](repeating: 0, count: 64)
            let got = try waitFor(peer.descriptor) { () throws(SystemError) in try peer.receive(into: &buffer) }
            #expect(got?.count == 3)
            guard let from = got?.from else { continue }
            try peer.send([9, 8], to: from.family == 6 && family == 4 ? from : from)
            var inbox = [UInt8](repeating: 0, count: 64)
            let answer = try waitFor(thread.wakeDescriptor) { () throws(SystemError) in try thread.receive(into: &inbox) }
            #expect(answer?.count == 2 && Array(inbox.prefix(2)) == [9, 8])
            #expect(answer?.from == address)  // IPv4 peers come back as family 4, not ::ffff:
        }
    }

    @Test func resolvesOnTheThread() throws {
        let thread = try BackhaulThread()
        #expect(thread.resolve(host: "127.0.0.1", port: 1700))
        let answer = try waitFor(thread.wakeDescriptor) { thread.takeResolution(host: "127.0.0.1") }
        #expect((try? answer?.get()) == SocketAddress.loopback(port: 1700))
        #expect(thread.resolve(host: "::1", port: 1701))
        let six = try waitFor(thread.wakeDescriptor) { thread.takeResolution(host: "::1") }
        #expect((try? six?.get())?.family == 6)
    }

    @Test func aFullSendQueueIsAnErrorNotABlock() throws {
        let thread = try BackhaulThread()
        let big = [UInt8](repeating: 0, count: 3_000)
        #expect(throws: SystemError.self) { try thread.send(big, to: .loopback(port: 9)) }
    }
}
