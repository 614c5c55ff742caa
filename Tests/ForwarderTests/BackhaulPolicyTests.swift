import Runtime
import Testing
@testable import Forwarder

/// Issue 12 #7 and #2: when to resolve again, when to retry the radio.
@Suite struct BackhaulPolicyTests {
    @Test func reresolvesHourlyAndAfterPersistentTimeouts() {
        var link = ServerLink(host: "ns.example", portUp: 1700, portDown: 1701)
        var asks: [Bool] = []
        asks.append(link.wantsReresolve(now: 0, consecutiveTimeouts: 0))  // never resolved: the retry loop handles it
        link.requested()
        let first = link.resolved(.loopback(port: 9), now: 1_000_000)
        asks.append(link.wantsReresolve(now: 3_600_000_000, consecutiveTimeouts: 4))
        asks.append(link.wantsReresolve(now: 3_601_000_000, consecutiveTimeouts: 0))  // an hour later
        link.requested()
        let same = link.resolved(.loopback(port: 9), now: 3_601_000_000)
        asks.append(link.wantsReresolve(now: 3_602_000_000, consecutiveTimeouts: 5))
        asks.append(link.wantsReresolve(now: 3_603_000_000, consecutiveTimeouts: 6))
        asks.append(link.wantsReresolve(now: 3_604_000_000, consecutiveTimeouts: 10))  // again after as many more
        #expect(asks == [false, false, true, true, false, true])
        #expect(first && !same)
        #expect(link.up?.port == 1700 && link.down?.port == 1701)
        let delays = [link.failed(), link.failed()]
        #expect(delays == [1_000_000, 2_000_000])
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
        let again = supervisor.failed()
        #expect(!supervisor.mayAttempt && again == 1_000_000)
    }
}
