/// The MLE timers a node runs with. `openThread` holds OpenThread's values (`mle_types.hpp`,
/// `mle_router.hpp`, `address_resolver.hpp`), sized for 2.4 GHz frames of at most 4 ms;
/// `loRa(frameAirtimeMicros:)` scales the windows that must hold several frames from the
/// airtime of one full frame, so that the answers of many neighbours spread instead of
/// colliding (an SF7/125 kHz frame of 127 bytes lasts 210 ms, SF9 677 ms).
public struct ThreadTimings: Equatable, Sendable {
    /// Random delay before a detached node's first attach (OpenThread: up to
    /// `kParentRequestRouterTimeout`, 750 ms), before its later ones (`kAttachStartJitter`,
    /// 50 ms) and before an attached router or leader tries a better partition (OpenThread:
    /// 1 ms; on LoRa the weaker partition's routers all hear the same advertisement).
    public var firstAttachMaxDelayMillis: UInt64
    public var attachStartJitterMillis: UInt64
    public var betterPartitionAttachMaxDelayMillis: UInt64
    /// Waits for Parent Responses after a Parent Request to routers, then to routers and REEDs
    /// (`kParentRequestRouterTimeout` 750 ms, `kParentRequestReedTimeout` 1250 ms).
    public var parentRequestRoutersMillis: UInt64
    public var parentRequestAllMillis: UInt64
    /// Random delay of a Parent Response (`kParentResponseMaxDelayRouters` 500 ms,
    /// `kParentResponseMaxDelayAll` 1000 ms); also the Link Accept to a multicast Link Request.
    public var parentResponseMaxDelayRoutersMillis: UInt64
    public var parentResponseMaxDelayAllMillis: UInt64
    /// Wait for the Child ID Response (`kChildIdResponseTimeout`, 1250 ms).
    public var childIDResponseMillis: UInt64
    /// Advertisement trickle timer (`kAdvIntervalMin` 1 s, `kAdvIntervalMax` 32 s).
    public var trickleIminMillis: UInt64
    public var trickleImaxMillis: UInt64
    /// A router that has seen no newer router id sequence for this long has lost its leader
    /// (`kNetworkIdTimeout`, 120 s).
    public var networkIDTimeoutMillis: UInt64
    /// The leader advances its router id sequence this often, so that routers can tell it is
    /// alive (`kRouterIdSequencePeriod`, 10 s).
    public var routerIDSequencePeriodMillis: UInt64
    /// Address Query: wait for the notification (`kAddressQueryTimeout`, 3 s), then refuse new
    /// queries for the target for a delay that doubles from 15 s to 120 s
    /// (`kAddressQueryInitialRetryDelay`, `kAddressQueryMaxRetryDelay`).
    public var addressQueryTimeoutMillis: UInt64
    public var addressQueryInitialRetryDelayMillis: UInt64
    public var addressQueryMaxRetryDelayMillis: UInt64
    /// CoAP confirmable messages (RFC 7252 §4.8, OpenThread `coap.hpp`): ACK_TIMEOUT 2 s,
    /// MAX_RETRANSMIT 4, the timeout doubling each time.
    public var coapAckTimeoutMillis: UInt64
    public var coapMaxRetransmissions: Int
    /// Whether a router or leader that has just heard a better partition still advertises and
    /// answers Parent Requests (OpenThread: yes; LoRa-tuned: no, it is about to leave for that
    /// partition, and on a shared LoRa channel every frame it spares is one collision fewer).
    public var staysHeardWhenLeaving = true
    /// Whether any change of a route cost resets the advertisement trickle (as this stack
    /// did for OpenThread's timings; LoRa-tuned: only a new link, router set or network data
    /// does, since on a busy LoRa channel costs flap while the links form).
    public var trickleResetOnRouteCostChange = true
    /// Whether a new router link or a route that appears or goes resets it (OpenThread's
    /// timings here: yes; LoRa-tuned: no, only the router set, the network data and a role
    /// change do; with twenty routers in range links form one by one for minutes, and each reset
    /// sent every router's next Advertisement within one window: 512 Advertisements in 300 s).
    public var trickleResetOnNewLink = true
    /// Whether a detached node that hears an Advertisement while it asks for a parent asks
    /// again at once (LoRa-tuned: a partition formed meanwhile is joined instead of a second one
    /// being started; OpenThread waits for its rounds to end).
    public var asksAgainOnAdvertisement = false

    public init(firstAttachMaxDelayMillis: UInt64, attachStartJitterMillis: UInt64, betterPartitionAttachMaxDelayMillis: UInt64,
                parentRequestRoutersMillis: UInt64, parentRequestAllMillis: UInt64,
                parentResponseMaxDelayRoutersMillis: UInt64, parentResponseMaxDelayAllMillis: UInt64,
                childIDResponseMillis: UInt64, trickleIminMillis: UInt64, trickleImaxMillis: UInt64,
                networkIDTimeoutMillis: UInt64, routerIDSequencePeriodMillis: UInt64,
                addressQueryTimeoutMillis: UInt64, addressQueryInitialRetryDelayMillis: UInt64,
                addressQueryMaxRetryDelayMillis: UInt64, coapAckTimeoutMillis: UInt64, coapMaxRetransmissions: Int) {
        self.firstAttachMaxDelayMillis = firstAttachMaxDelayMillis
        self.attachStartJitterMillis = attachStartJitterMillis
        self.betterPartitionAttachMaxDelayMillis = betterPartitionAttachMaxDelayMillis
        self.parentRequestRoutersMillis = parentRequestRoutersMillis
        self.parentRequestAllMillis = parentRequestAllMillis
        self.parentResponseMaxDelayRoutersMillis = parentResponseMaxDelayRoutersMillis
        self.parentResponseMaxDelayAllMillis = parentResponseMaxDelayAllMillis
        self.childIDResponseMillis = childIDResponseMillis
        self.trickleIminMillis = trickleIminMillis
        self.trickleImaxMillis = trickleImaxMillis
        self.networkIDTimeoutMillis = networkIDTimeoutMillis
        self.routerIDSequencePeriodMillis = routerIDSequencePeriodMillis
        self.addressQueryTimeoutMillis = addressQueryTimeoutMillis
        self.addressQueryInitialRetryDelayMillis = addressQueryInitialRetryDelayMillis
        self.addressQueryMaxRetryDelayMillis = addressQueryMaxRetryDelayMillis
        self.coapAckTimeoutMillis = coapAckTimeoutMillis
        self.coapMaxRetransmissions = coapMaxRetransmissions
    }

    public static let openThread = ThreadTimings(
        firstAttachMaxDelayMillis: 750, attachStartJitterMillis: 50, betterPartitionAttachMaxDelayMillis: 1,
        parentRequestRoutersMillis: 750, parentRequestAllMillis: 1250,
        parentResponseMaxDelayRoutersMillis: 500, parentResponseMaxDelayAllMillis: 1000,
        childIDResponseMillis: 1250, trickleIminMillis: 1_000, trickleImaxMillis: 32_000,
        networkIDTimeoutMillis: 120_000, routerIDSequencePeriodMillis: 10_000,
        addressQueryTimeoutMillis: 3_000, addressQueryInitialRetryDelayMillis: 15_000,
        addressQueryMaxRetryDelayMillis: 120_000, coapAckTimeoutMillis: 2_000, coapMaxRetransmissions: 4)

    /// A response window holds this many full frames: the answers of several neighbours to one
    /// multicast spread over it, listen-before-talk and the MAC's retries sort out the rest.
    public static let loRaResponseSlots: UInt64 = 8

    /// OpenThread's timings stretched for a radio whose full frame lasts `frameAirtimeMicros`:
    /// every window is at least OpenThread's; the routers of a weaker partition spread their
    /// attaches to a better one over four response windows; the response windows hold `loRaResponseSlots`
    /// frames, each wait adds three frames for the last answer (backoff, a retry), the
    /// trickle's first interval holds as many advertisements (its maximum stays 32 s), and the address query and CoAP
    /// waits cover 4 hops there and back (a frame and its ACK per hop) with half again spare.
    public static func loRa(frameAirtimeMicros: UInt64) -> ThreadTimings {
        let frame = max(frameAirtimeMicros / 1000, 1)
        let window = loRaResponseSlots * frame
        let lastAnswer = 3 * frame
        let fourHopsAndBack = 24 * frame
        var t = openThread
        t.staysHeardWhenLeaving = false
        t.trickleResetOnRouteCostChange = false
        t.trickleResetOnNewLink = false
        t.asksAgainOnAdvertisement = true
        t.betterPartitionAttachMaxDelayMillis = max(t.betterPartitionAttachMaxDelayMillis, 4 * window)
        t.parentResponseMaxDelayRoutersMillis = max(t.parentResponseMaxDelayRoutersMillis, window)
        t.parentResponseMaxDelayAllMillis = max(t.parentResponseMaxDelayAllMillis, 2 * window)
        t.parentRequestRoutersMillis = max(t.parentRequestRoutersMillis, window + lastAnswer)
        t.parentRequestAllMillis = max(t.parentRequestAllMillis, 2 * window + lastAnswer)
        // Switched on together, nodes spread their first attach over one whole attach (three
        // rounds): the first to become leader is heard by most others while they still ask, so
        // few partitions form (OpenThread spreads over one Parent Request timeout only and lets
        // the partitions merge, which on LoRa costs a storm of Parent Responses).
        t.firstAttachMaxDelayMillis = UInt64(ThreadTiming.parentRequestRounds) * (t.parentRequestRoutersMillis + t.parentRequestAllMillis)
        t.childIDResponseMillis = max(t.childIDResponseMillis, 4 * window + lastAnswer)
        t.trickleIminMillis = max(t.trickleIminMillis, window)
        // Imax stays OpenThread's 32 s: a router must be heard several times within the 120 s
        // after which its neighbours drop the link (at SF9 16 windows would be 86 s).
        t.addressQueryTimeoutMillis = max(t.addressQueryTimeoutMillis, fourHopsAndBack)
        t.coapAckTimeoutMillis = max(t.coapAckTimeoutMillis, fourHopsAndBack)
        return t
    }

    /// OpenThread's timings on a radio without airtime worth counting (OpenThread's simulation
    /// transport), the LoRa-tuned ones otherwise.
    public static func forRadio<Radio: MeshRadio>(_ radio: Radio, psduBytes: Int = 127) -> ThreadTimings {
        let airtime = radio.airtimeMicros(psduBytes: psduBytes)
        return airtime < 10_000 ? openThread : loRa(frameAirtimeMicros: airtime)
    }
}
