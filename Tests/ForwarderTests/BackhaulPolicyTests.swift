import Runtime
import Testing
@testable import Forwarder

/// Issue 12 #7 and #2: when to resolve again, when to retry the radio.
@Suite struct BackhaulPolicyTests {
    @Test func reresolvesHourlyAndAfterPersistentTimeouts() {
        var link = ServerLink(host: "ns.example", portUp: 1700, portDown: 1701)
        #expect(!link.wantsReresolve(now: 0, consecutiveTimeouts: 0))  // never resolved: the retry loop handles it
        link.requested()
        #expect(link.resolved(.loopback(port: 9), now: 1_000_000))
        #expect(link.up?.port == 1700 && link.down?.port == 1701)
        #expect(!link.wantsReresolve(now: 3_600_000_000, consecutiveTimeouts: 4))
        #expect(link.wantsReresolve(now: 3_601_000_000, consecutiveTimeouts: 0))  // an hour later
        link.requested()
        #expect(!link.resolved(.loopback(port: 9), now: 3_601_000_000))  // same address: no change
        #expect(link.wantsReresolve(now: 3_602_000_000, consecutiveTimeouts: 5))
        #expect(!link.wantsReresolve(now: 3_603_000_000, consecutiveTimeouts: 6))
        #expect(link.wantsReresolve(now: 3_604_000_000, consecutiveTimeouts: 10))  // again after as many more
        #expect(link.failed() == 1_000_000 && link.failed() == 2_000_000)
    }

    @Test func radioRetriesBackOffOneAtATime() {
        var supervisor = RadioSupervisor()
        #expect(supervisor.mayAttempt && !supervisor.isDown)
        var delays: [UInt64] = []
        for _ in 0..<8 {
            delays.append(supervisor.failed())
            #expect(!supervisor.mayAttempt && supervisor.isDown)
            supervisor.retryDue()
        }
        #expect(delays == [1, 2, 4, 8, 16, 32, 60, 60].map { $0 * 1_000_000 })
        supervisor.succeeded()
        #expect(!supervisor.isDown && supervisor.failed() == 1_000_000)
    }
}
