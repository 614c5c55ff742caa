/// One Thread device's MLE and management logic (roles, attach, leader, routers), driven by
/// received datagrams and by `tick` on a millisecond clock; what it sends collects in
/// `outbox` for the IPv6 stack below. No clock or randomness of its own: both come in,
/// so a network of nodes runs deterministically on a virtual clock.
public final class ThreadNode {
    public struct Settings: Sendable {
        public var routerUpgradeThreshold = ThreadTiming.routerUpgradeThreshold
        public var routerDowngradeThreshold = ThreadTiming.routerDowngradeThreshold
        public var routerSelectionJitterSeconds = ThreadTiming.routerSelectionJitterSeconds
        public var leaderWeight = ThreadTiming.leaderWeight
        public var childTimeoutSeconds = ThreadTiming.childTimeoutSeconds
        public var routerEligible = true
        /// MLE Version TLV value sent: 2 is Thread 1.1.
        public var mleVersion = MLEVersion.thread11
        /// MLE timers: OpenThread's, or stretched for LoRa airtime (`ThreadTimings.loRa`).
        public var timings = ThreadTimings.openThread
        public init() {}
    }

    public struct RouterEntry: Equatable, Sendable {
        public var routerID: UInt8
        public var extAddress: ExtendedAddress?
        public var linkEstablished = false
        public var linkQualityIn: UInt8 = 0
        public var linkQualityOut: UInt8 = 0
        /// Path cost to this router as last computed (0 for ourselves, 16 unreachable).
        public var pathCost: UInt8 = 16
        public var nextHop: UInt8 = 63
        public var lastHeardMillis: UInt64 = 0
        /// The neighbour's advertised costs by router id (from its Route64).
        var advertisedCosts: [UInt8: UInt8] = [:]
        public var rloc16: UInt16 { UInt16(routerID) << 10 }
    }

    public struct ChildEntry: Equatable, Sendable {
        public var extAddress: ExtendedAddress
        public var rloc16: UInt16
        public var timeoutSeconds: UInt32
        public var lastHeardMillis: UInt64
        public var mode: UInt8
        public var linkMarginDB: UInt8
        public var registeredIIDs: [UInt64]
    }

    struct Peer: Sendable {
        var extAddress: ExtendedAddress
        var rloc16: UInt16
        var linkFrameCounter: UInt32
        var mleFrameCounter: UInt32
        var challenge: [UInt8]
        var leaderData: MLELeaderData
        var linkMarginDB: UInt8
        var connectivity: MLEConnectivity?
        var version: UInt16
    }

    /// OpenThread's attach modes: any partition (detached), or a better partition while this
    /// node keeps its role until the Child ID Response (`kBetterPartition`).
    enum AttachMode: Equatable { case anyPartition, betterPartition }

    enum AttachState: Equatable {
        case idle
        case starting(at: UInt64)
        case parentRequest(round: Int, allDevices: Bool, deadline: UInt64)
        case childIDRequest(deadline: UInt64)
    }

    public var settings: Settings
    public var dataset: OperationalDataset
    public internal(set) var keyManager: KeyManager
    public let extAddress: ExtendedAddress
    public let meshLocalIID: UInt64
    public internal(set) var role: ThreadRole = .disabled
    public internal(set) var rloc16: UInt16 = ThreadTiming.invalidRLOC16
    public internal(set) var leaderData = MLELeaderData(partitionID: 0, weighting: 64, dataVersion: 0, stableDataVersion: 0, leaderRouterID: 63)
    /// The leader's network data (Thread network data TLVs) as last received or built.
    public internal(set) var networkData: [UInt8] = []
    public internal(set) var routers: [RouterEntry] = []
    public internal(set) var routerIDSequence: UInt8 = 0
    public internal(set) var children: [ChildEntry] = []
    /// Counters a test or `cli` can read.
    public internal(set) var droppedMLE = 0
    public internal(set) var droppedWrongKey = 0
    public internal(set) var droppedReplay = 0
    /// Why the last MLE or management message was dropped (one line).
    public internal(set) var lastDropReason = ""
    public internal(set) var becameLeaderAtMillis: UInt64?
    public internal(set) var attachedAtMillis: UInt64?
    public internal(set) var becameRouterAtMillis: UInt64?

    public var outbox: [ThreadDatagram] = []
    /// This node's own border-router prefixes (`prefix add`).
    public internal(set) var localPrefixes: [NetworkData.Prefix] = []
    var registeredLocalData = false
    var lastDataRequestMillis: UInt64 = 0
    /// The MAC layer's outgoing frame counter (it owns the MAC key's counters).
    public var macFrameCounter: (() -> UInt32)?
    /// Called after the network data changes (the glue re-derives SLAAC addresses).
    public var onNetworkDataChanged: (() -> Void)?
    /// Called when the key sequence changed (the glue moves the MAC's keys with it at once, so
    /// that the Link-layer Frame Counter TLVs sent next carry the new sequence's counter).
    public var onKeySequenceChanged: ((UInt32) -> Void)?

    var random: MeshRandom
    var attach = AttachState.idle
    var attachMode = AttachMode.anyPartition
    /// Attach attempts since the node was last attached (the first one starts later, spread).
    var attachAttempts = 0
    var askedAgainThisAttach = false
    /// When the leader last advanced its router id sequence (every routerIDSequencePeriod).
    var routerIDSequenceBumpedMillis: UInt64 = 0
    /// When we last sent a unicast Link Request to each router id (one at a time per router).
    var linkRequestSentMillis: [UInt8: UInt64] = [:]
    var linkRequestBackoffMillis: [UInt8: UInt64] = [:]
    /// The challenges of our last six Parent Requests.
    var attachChallenges: [[UInt8]] = []
    var parentCandidate: Peer?
    var parent: Peer?
    /// Our last challenges in Link Requests and Link Accept And Requests, and in Parent
    /// Responses, by the peer's extended address: on LoRa two routers' requests cross and an
    /// answer can come after our next challenge (4 kept per peer).
    var pendingChallenges: [UInt64: [[UInt8]]] = [:]
    var parentResponseChallenges: [UInt64: [[UInt8]]] = [:]
    var linkRequestChallenge: [UInt8] = []
    var lastMLEFrameCounter: [UInt64: UInt32] = [:]
    /// Key sequence of the last MLE message per sender (ThreadNode+KeySequence).
    var lastMLEKeySequence: [UInt64: UInt32] = [:]
    /// The challenge of a Child Update Request sent to resynchronise key sequences.
    var keyResyncChallenge: [UInt8] = []
    /// Leader: when each released router id was released (ID_REUSE_DELAY, ThreadNode+Management).
    var routerIDReleasedAtMillis: [UInt8: UInt64] = [:]
    /// REED: Child ID Requests answered once we are a router (ThreadNode+REED).
    var pendingChildIDRequests: [PendingChildIDRequest] = []
    var neighborLinkFrameCounters: [UInt64: UInt32] = [:]
    /// Delayed MLE messages, sealed when sent so their frame counters stay in order.
    var delayed: [(at: UInt64, message: MLEMessage, destination: IPv6Address)] = []
    var trickleIntervalMillis = ThreadTimings.openThread.trickleIminMillis
    var nextAdvertisementMillis: UInt64?
    var trickleIntervalEndMillis: UInt64 = 0
    var upgradeAtMillis: UInt64?
    var addressSolicitPending = false
    var lastLeaderHeardMillis: UInt64 = 0
    var nextChildUpdateMillis: UInt64?
    var coapMessageID: UInt16 = 1
    var nowMillis: UInt64 = 0
    var previousPartitionID: UInt32?
    /// When we last heard a better partition than ours (we are about to leave for it).
    var betterPartitionHeardMillis: UInt64?
    /// The next try to attach to a better partition is not before this (backoff).
    var nextBetterPartitionTryMillis: UInt64?
    var betterPartitionBackoffMillis: UInt64 = 0
    /// The partition whose leader we lost: not a parent for the next attach.
    var lostPartitionID: UInt32?

    public init(dataset: OperationalDataset, extAddress: ExtendedAddress, seed: UInt64, settings: Settings = Settings()) throws(MeshError) {
        self.dataset = dataset
        self.extAddress = extAddress
        self.settings = settings
        // Mixed so that neighbouring seeds and addresses never give the same stream.
        random = MeshRandom(seed: (seed &* 0x9E37_79B9_7F4A_7C15) ^ extAddress.value)
        meshLocalIID = random.next()
        keyManager = try KeyManager(networkKey: dataset.networkKey)
        coapMessageID = UInt16(truncatingIfNeeded: random.next())
    }

    // MARK: addresses

    public var linkLocalAddress: IPv6Address { ThreadAddresses.linkLocal(extAddress) }
    public var meshLocalEID: IPv6Address { ThreadAddresses.withIdentifier(prefix: dataset.meshLocalPrefix, interfaceIdentifier: meshLocalIID) }
    public var rlocAddress: IPv6Address { ThreadAddresses.routingLocator(meshLocalPrefix: dataset.meshLocalPrefix, rloc16: rloc16) }
    public var leaderALOC: IPv6Address { ThreadAddresses.leaderALOC(meshLocalPrefix: dataset.meshLocalPrefix) }
    public var routerID: UInt8 { UInt8(rloc16 >> 10) }
    public var activeRouterCount: Int { routers.count }

    /// The mesh-local and link-local unicast addresses this node answers on.
    public func owns(_ address: IPv6Address) -> Bool {
        if address == linkLocalAddress || address == meshLocalEID { return true }
        if role.isAttached && address == rlocAddress { return true }
        if role == .leader && address == leaderALOC { return true }
        return false
    }

    /// MAC frame counter last announced by a neighbour (Link-layer Frame Counter TLV).
    public func neighborLinkFrameCounter(_ ext: ExtendedAddress) -> UInt32? { neighborLinkFrameCounters[ext.value] }

    // MARK: lifecycle

    /// `thread start`: detached, then attach (or form a partition when nothing answers).
    public func start(nowMillis now: UInt64) {
        nowMillis = now
        guard role == .disabled else { return }
        role = .detached
        rloc16 = ThreadTiming.invalidRLOC16
        attachAttempts = 0
        keyManager.startTimers(nowMillis: now)
        beginAttach()
    }

    /// `thread stop`.
    public func stop() {
        role = .disabled
        rloc16 = ThreadTiming.invalidRLOC16
        attach = .idle
        routers = []
        children = []
        parent = nil
        nextAdvertisementMillis = nil
        upgradeAtMillis = nil
        delayed = []
        outbox = []
    }

    /// Runs what is due at `now` (attach steps, advertisements, upgrade, timeouts).
    public func tick(nowMillis now: UInt64) {
        nowMillis = max(nowMillis, now)
        guard role != .disabled else { return }
        let due = delayed.filter { $0.at <= nowMillis }
        delayed.removeAll { $0.at <= nowMillis }
        for d in due { sendMLE(d.message, to: d.destination) }
        tickKeyRotation()
        tickAttach()
        tickRouter()
        tickChild()
    }

    /// The earliest time something is scheduled (for a virtual-clock event loop).
    public var nextDeadlineMillis: UInt64? {
        var times: [UInt64] = delayed.map { $0.at }
        if let rotation = keyManager.rotationDueMillis { times.append(rotation) }
        switch attach {
        case .idle: break
        case .starting(let d), .parentRequest(_, _, let d), .childIDRequest(let d): times.append(d)
        }
        if role.isRouterOrLeader, let a = nextAdvertisementMillis { times.append(a) }
        if role.isRouterOrLeader { times.append(trickleIntervalEndMillis) }
        if role == .child, let u = upgradeAtMillis { times.append(u) }
        if role == .child, let c = nextChildUpdateMillis { times.append(c) }
        if role == .router || role == .child { times.append(lastLeaderHeardMillis + settings.timings.networkIDTimeoutMillis) }
        if role == .leader { times.append(routerIDSequenceBumpedMillis + settings.timings.routerIDSequencePeriodMillis) }
        return times.min()
    }

    // MARK: receive

    /// A datagram for UDP port 19788 (MLE) or 61631 (Thread management CoAP).
    public func receive(_ d: ThreadDatagram, nowMillis now: UInt64) {
        nowMillis = max(nowMillis, now)
        guard role != .disabled else { return }
        if d.destinationPort == ThreadTiming.mlePort {
            receiveMLE(d)
        } else if d.destinationPort == CoAPMessage.threadPort {
            receiveCoAP(d)
        }
    }

    func receiveMLE(_ d: ThreadDatagram) {
        let opened: MLESecurity.Opened
        do {
            opened = try MLESecurity.open(d.payload, keyManager: keyManager, source: d.source.bytes, destination: d.destination.bytes)
        } catch {
            if error.kind == .security { droppedWrongKey += 1 } else { droppedMLE += 1 }
            return
        }
        let sender = ExtendedAddress(MLEBytes.be64(opened.senderExtAddress, 0))
        guard mleMessageIsFresh(opened, from: sender) else {
            droppedReplay += 1
            return
        }
        let keyClass = keySequenceClass(of: opened.message, from: sender)
        do {
            try handle(opened.message, from: sender, datagram: d, frameCounter: opened.frameCounter)
        } catch {
            droppedMLE += 1
            lastDropReason = error.message
            return
        }
        processKeySequence(opened.keySequence, class: keyClass, from: sender)
    }

    func handle(_ m: MLEMessage, from sender: ExtendedAddress, datagram d: ThreadDatagram, frameCounter: UInt32) throws(MeshError) {
        switch m.command {
        case .parentRequest: try handleParentRequest(m, from: sender, datagram: d)
        case .parentResponse: try handleParentResponse(m, from: sender, datagram: d, frameCounter: frameCounter)
        case .childIDRequest: try handleChildIDRequest(m, from: sender, datagram: d, frameCounter: frameCounter)
        case .childIDResponse: try handleChildIDResponse(m, from: sender)
        case .childUpdateRequest: try handleChildUpdateRequest(m, from: sender, datagram: d)
        case .childUpdateResponse: try handleChildUpdateResponse(m, from: sender)
        case .advertisement: try handleAdvertisement(m, from: sender, datagram: d)
        case .linkRequest: try handleLinkRequest(m, from: sender, datagram: d)
        case .linkAccept, .linkAcceptAndRequest: try handleLinkAccept(m, from: sender, datagram: d, frameCounter: frameCounter)
        case .dataRequest: try handleDataRequest(m, from: sender, datagram: d)
        case .dataResponse: try handleDataResponse(m, from: sender)
        default: break
        }
    }

    // MARK: send

    func sendMLE(_ m: MLEMessage, to destination: IPv6Address, delayMillis: UInt64 = 0) {
        guard delayMillis == 0 else {
            delayed.append((at: nowMillis + delayMillis, message: m, destination: destination))
            return
        }
        guard let counter = keyManager.takeMLEFrameCounter(),
              let payload = try? MLESecurity.seal(m, keys: keyManager.current, frameCounter: counter,
                                                  source: linkLocalAddress.bytes, destination: destination.bytes)
        else { return }
        outbox.append(ThreadDatagram(source: linkLocalAddress, destination: destination, sourcePort: ThreadTiming.mlePort,
                                     destinationPort: ThreadTiming.mlePort, payload: payload))
    }

    func newChallenge() -> [UInt8] { random.bytes(8) }

    /// Our MAC frame counter as announced in Link-layer Frame Counter TLVs.
    var linkFrameCounterTLV: MLELinkFrameCounter { MLELinkFrameCounter(raw: macFrameCounter?() ?? keyManager.macFrameCounter) }
    var mleFrameCounterTLV: MLEFrameCounter { MLEFrameCounter(raw: keyManager.mleFrameCounter) }

    /// Every neighbour whose extended address and RLOC16 we know, for the MAC's security table
    /// (the MAC keeps the last RLOC16 given for an extended address). A node in two lists keeps
    /// the one it sends from now: a linked router over a child entry not yet expired (the child
    /// became that router), a child over a router id the leader has just given it (its Address
    /// Solicit answer is still on the way).
    public var knownNeighbors: [(ext: ExtendedAddress, rloc16: UInt16)] {
        var list: [(ext: ExtendedAddress, rloc16: UInt16)] = []
        let others = routers.filter { $0.routerID != routerID || !role.isRouterOrLeader }
        for r in others where !r.linkEstablished { if let e = r.extAddress { list.append((e, r.rloc16)) } }
        for c in children { list.append((c.extAddress, c.rloc16)) }
        if let p = parent { list.append((p.extAddress, p.rloc16)) }
        for r in others where r.linkEstablished { if let e = r.extAddress { list.append((e, r.rloc16)) } }
        return list
    }

    /// The parent's RLOC16 while a child.
    public var parentRLOC16: UInt16? { role == .child ? parent?.rloc16 : nil }

    /// `networkkey` / `dataset networkkey` while stopped.
    public func setDataset(_ d: OperationalDataset) throws(MeshError) {
        dataset = d
        // The same key keeps its sequence (OpenThread: an unchanged key is no change).
        if d.networkKey != keyManager.networkKey { try keyManager.setNetworkKey(d.networkKey) }
    }
}
