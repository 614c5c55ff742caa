/// Attaching as a child (Thread 1.1 §4.7.1): Parent Request to routers (750 ms), then to
/// routers and REEDs (1250 ms); the best Parent Response gets a Child ID Request; the Child ID
/// Response gives the RLOC16, leader data, network data and the active dataset.
extension ThreadNode {
    /// Starts an attach after OpenThread's start delay (`Mle::GetAttachStartDelay`): a detached
    /// node's first attempt waits a random part of `firstAttachMaxDelayMillis` (OpenThread: one
    /// Parent Request timeout; LoRa-tuned: one whole attach), so that nodes switched on together
    /// do not ask at the same instant; later attempts add a short jitter; a router or leader
    /// trying a better partition keeps its role meanwhile.
    func beginAttach(mode: AttachMode = .anyPartition) {
        if mode == .betterPartition && isAttaching { return }
        let t = settings.timings
        if mode == .betterPartition {
            // Tries to reach a better partition back off (doubling up to the trickle maximum):
            // on LoRa a failed try was a multicast answered by many.
            if let next = nextBetterPartitionTryMillis, nowMillis < next { return }
            betterPartitionBackoffMillis = min(max(betterPartitionBackoffMillis * 2, t.betterPartitionAttachMaxDelayMillis), t.trickleImaxMillis)
            nextBetterPartitionTryMillis = nowMillis + betterPartitionBackoffMillis
        }
        attachMode = mode
        parentCandidate = nil
        askedAgainThisAttach = false
        let delay: UInt64
        if mode == .betterPartition {
            delay = 1 + random.upTo(t.betterPartitionAttachMaxDelayMillis)
        } else {
            // LoRa-tuned: a retry (after hearing a partition it could not join) spreads over two,
            // then four first-attach delays, as OpenThread's attach backoff spaces its attempts.
            let retrySpread = t.asksAgainOnAdvertisement ? t.firstAttachMaxDelayMillis << UInt64(min(attachAttempts, 2)) : t.attachStartJitterMillis
            delay = attachAttempts == 0 ? 1 + random.upTo(t.firstAttachMaxDelayMillis) : 1 + random.upTo(retrySpread)
            attachAttempts += 1
        }
        attach = .starting(at: nowMillis + delay)
    }

    /// Whether an attach is in progress (OpenThread: such a node answers no Parent Request).
    var isAttaching: Bool {
        if case .idle = attach { return false }
        return true
    }

    /// A partition was formed within earshot while we ask for a parent (LoRa-tuned): ask it now,
    /// once per attach, rather than end our rounds and start a partition of our own.
    func askAgainOnAdvertisement() {
        guard settings.timings.asksAgainOnAdvertisement, !askedAgainThisAttach, parentCandidate == nil,
              case .parentRequest(let round, _, _) = attach else { return }
        askedAgainThisAttach = true
        // Not at once: every detached node heard the same Advertisement.
        let delay = 1 + random.upTo(settings.timings.betterPartitionAttachMaxDelayMillis)
        attach = .parentRequest(round: round, allDevices: false, deadline: nowMillis + delay + settings.timings.parentRequestRoutersMillis)
        sendParentRequest(allDevices: false, delayMillis: delay)
    }

    /// LoRa-tuned: a detached node that has not begun asking hears another's Parent Request and
    /// waits one response window and a random part of a round more: the askers take turns
    /// instead of filling the shared channel together (twenty switched on together sent 80
    /// Parent Requests in their first 20 s, and most answers were lost).
    func postponeAttachOnHeardParentRequest() {
        guard settings.timings.asksAgainOnAdvertisement, role == .detached, case .starting(let at) = attach else { return }
        let round = settings.timings.parentRequestRoutersMillis + settings.timings.parentRequestAllMillis
        attach = .starting(at: max(at, nowMillis + settings.timings.parentRequestRoutersMillis + random.upTo(round)))
    }

    /// Parent Request rounds: three when detached (then a partition of our own), one when
    /// looking for a better partition (then we stay where we are).
    var parentRequestRounds: Int { attachMode == .betterPartition ? 1 : ThreadTiming.parentRequestRounds }

    func sendParentRequest(allDevices: Bool, delayMillis: UInt64 = 0) {
        let attachChallenge = newChallenge()
        if attachChallenges.count >= 6 { attachChallenges.removeFirst() }
        attachChallenges.append(attachChallenge)
        var m = MLEMessage(.parentRequest)
        m.append(MLEMode.ftd)
        m.append(try! MLEChallenge(value: attachChallenge))
        m.append(MLEScanMask(raw: allDevices ? MLEScanMask.routers | MLEScanMask.endDevices : MLEScanMask.routers))
        m.append(MLEVersion(raw: settings.mleVersion))
        sendMLE(m, to: ThreadAddresses.linkLocalAllRouters, delayMillis: delayMillis)
    }

    func tickAttach() {
        switch attach {
        case .idle:
            break
        case .starting(let at):
            guard nowMillis >= at else { return }
            attach = .parentRequest(round: 0, allDevices: false, deadline: nowMillis + settings.timings.parentRequestRoutersMillis)
            sendParentRequest(allDevices: false)
        case .parentRequest(let round, let all, let deadline):
            guard nowMillis >= deadline else { return }
            if let candidate = parentCandidate {
                sendChildIDRequest(to: candidate)
                return
            }
            if !all {
                attach = .parentRequest(round: round, allDevices: true, deadline: nowMillis + settings.timings.parentRequestAllMillis)
                sendParentRequest(allDevices: true)
            } else if round + 1 < parentRequestRounds {
                attach = .parentRequest(round: round + 1, allDevices: false, deadline: nowMillis + settings.timings.parentRequestRoutersMillis)
                sendParentRequest(allDevices: false)
            } else {
                attach = .idle
                if role == .detached {
                    // LoRa-tuned: a partition was heard, so try it again rather than start another.
                    if askedAgainThisAttach && attachAttempts < 4 { beginAttach() } else { becomeLeader() }
                }
            }
        case .childIDRequest(let deadline):
            guard nowMillis >= deadline else { return }
            attach = .idle
            parentCandidate = nil
            if role == .detached { beginAttach() }
        }
    }

    func handleParentResponse(_ m: MLEMessage, from sender: ExtendedAddress, datagram d: ThreadDatagram, frameCounter: UInt32) throws(MeshError) {
        // LoRa-tuned: a detached node waiting to ask again takes a late answer to its last asks
        // (under load two thirds of the answers came after the asker's window had closed).
        var late = false
        if case .starting = attach, role == .detached, settings.timings.asksAgainOnAdvertisement { late = true }
        if !late { guard case .parentRequest = attach else { return } }
        // Any of our last six Parent Requests: on LoRa an answer can arrive after the next one.
        guard attachChallenges.contains(try m.require(MLEResponse.self).value) else {
            throw MeshError(.security, "Parent Response does not answer our challenge")
        }
        let leader = try m.require(MLELeaderData.self)
        let candidate = Peer(extAddress: sender, rloc16: try m.require(MLESourceAddress.self).raw,
                             linkFrameCounter: try m.require(MLELinkFrameCounter.self).raw,
                             mleFrameCounter: try m.get(MLEFrameCounter.self)?.raw ?? frameCounter,
                             challenge: try m.require(MLEChallenge.self).value, leaderData: leader,
                             linkMarginDB: d.linkMarginDB, connectivity: try m.get(MLEConnectivity.self),
                             version: try m.get(MLEVersion.self)?.raw ?? 2)
        // After losing our leader, its partition is no parent (OpenThread `mPreviousPartitionId`).
        if role == .detached && leader.partitionID == lostPartitionID { return }
        // When re-attaching to merge, only a better partition is worth leaving ours for.
        if role.isAttached && !Self.partitionIsBetter(leader, singleton: isSingletonFrom(candidate), than: leaderData, singleton: activeRouterCount <= 1) {
            return
        }
        if let current = parentCandidate, !candidateIsBetter(candidate, than: current) { return }
        parentCandidate = candidate
        if late { sendChildIDRequest(to: candidate) }
    }

    func isSingletonFrom(_ p: Peer) -> Bool { (p.connectivity?.activeRouters ?? 1) <= 1 }

    func candidateIsBetter(_ a: Peer, than b: Peer) -> Bool {
        if a.leaderData.partitionID != b.leaderData.partitionID {
            return Self.partitionIsBetter(a.leaderData, singleton: isSingletonFrom(a), than: b.leaderData, singleton: isSingletonFrom(b))
        }
        let qa = ThreadTiming.linkQuality(marginDB: a.linkMarginDB), qb = ThreadTiming.linkQuality(marginDB: b.linkMarginDB)
        if qa != qb { return qa > qb }
        let ra = a.rloc16 & 0x1ff == 0, rb = b.rloc16 & 0x1ff == 0
        if ra != rb { return ra }
        return (a.connectivity?.linkQuality3 ?? 0) > (b.connectivity?.linkQuality3 ?? 0)
    }

    /// Partitions compare by weighting, then non-singleton, then partition id (OpenThread
    /// `MleRouter::ComparePartitions`).
    public static func partitionIsBetter(_ a: MLELeaderData, singleton sa: Bool, than b: MLELeaderData, singleton sb: Bool) -> Bool {
        if a.weighting != b.weighting { return a.weighting > b.weighting }
        if sa != sb { return !sa }
        return a.partitionID > b.partitionID
    }

    func sendChildIDRequest(to p: Peer) {
        attach = .childIDRequest(deadline: nowMillis + settings.timings.childIDResponseMillis)
        var m = MLEMessage(.childIDRequest)
        m.append(try! MLEResponse(value: p.challenge))
        m.append(linkFrameCounterTLV)
        m.append(mleFrameCounterTLV)
        m.append(MLEMode.ftd)
        m.append(MLETimeout(raw: settings.childTimeoutSeconds))
        m.append(MLEVersion(raw: settings.mleVersion))
        m.append(MLETLVRequest(value: [MLETLVType.address16, MLETLVType.networkData, MLETLVType.route64]))
        m.append(MLEActiveTimestamp(raw: dataset.activeTimestamp))
        sendMLE(m, to: ThreadAddresses.linkLocal(p.extAddress))
    }

    func handleChildIDResponse(_ m: MLEMessage, from sender: ExtendedAddress) throws(MeshError) {
        guard case .childIDRequest = attach, let candidate = parentCandidate, candidate.extAddress == sender else { return }
        let source = try m.require(MLESourceAddress.self).raw
        let address = try m.require(MLEAddress16.self).raw
        guard source >> 10 == address >> 10 else { throw MeshError(.malformed, "Child ID Response gives an RLOC16 of another router") }
        let leader = try m.require(MLELeaderData.self)
        let data = try m.require(MLENetworkDataTLV.self)
        if let ds = try m.get(MLEActiveDataset.self) {
            let updated = try OperationalDataset(decoding: ds.value, base: dataset)
            guard updated.networkKey == dataset.networkKey else { throw MeshError(.security, "dataset with another network key") }
            dataset = updated
        }
        let wasAttached = role.isAttached
        if wasAttached { resetRouterState() }
        parent = candidate
        parent?.rloc16 = source
        neighborLinkFrameCounters[sender.value] = candidate.linkFrameCounter
        rloc16 = address
        role = .child
        attach = .idle
        attachAttempts = 0
        lostPartitionID = nil
        betterPartitionHeardMillis = nil
        nextBetterPartitionTryMillis = nil
        betterPartitionBackoffMillis = 0
        parentCandidate = nil
        leaderData = leader
        lastLeaderHeardMillis = nowMillis
        if attachedAtMillis == nil { attachedAtMillis = nowMillis }
        setNetworkData(data.value)
        if let route = try m.get(MLERoute64.self) { learnRouterSet(route) }
        nextChildUpdateMillis = nowMillis + UInt64(settings.childTimeoutSeconds) * 1000 / 2
        scheduleUpgradeIfNeeded()
        if !localPrefixes.isEmpty { registerLocalNetworkData() }
    }

    func resetRouterState() {
        routers = []
        children = []
        nextAdvertisementMillis = nil
        upgradeAtMillis = nil
        addressSolicitPending = false
        linkRequestSentMillis = [:]
        linkRequestBackoffMillis = [:]
    }

    /// A child keeps its parent's router list (from Route64) to know how many routers exist.
    func learnRouterSet(_ route: MLERoute64) {
        routerIDSequence = route.idSequence
        guard !role.isRouterOrLeader else { return }
        routers = route.entries.map { e in
            var r = RouterEntry(routerID: e.routerID)
            r.pathCost = e.routeCost
            return r
        }
    }

    func setNetworkData(_ data: [UInt8]) {
        guard data != networkData else { return }
        networkData = data
        onNetworkDataChanged?()
    }

    /// Keep-alive: a child refreshes its parent before the child timeout.
    func tickChild() {
        guard role == .child, let p = parent else { return }
        if let at = nextChildUpdateMillis, nowMillis >= at {
            nextChildUpdateMillis = nowMillis + UInt64(settings.childTimeoutSeconds) * 1000 / 2
            var m = MLEMessage(.childUpdateRequest)
            m.append(MLESourceAddress(raw: rloc16))
            m.append(MLEMode.ftd)
            m.append(MLETimeout(raw: settings.childTimeoutSeconds))
            m.append(leaderData)
            m.append(MLEAddressRegistration(entries: [.compressed(contextID: 0, iid: iidBytes(meshLocalIID))]))
            sendMLE(m, to: ThreadAddresses.linkLocal(p.extAddress))
        }
        if nowMillis >= lastLeaderHeardMillis + settings.timings.networkIDTimeoutMillis {
            detachAndReattach()
        }
    }

    func handleChildUpdateResponse(_ m: MLEMessage, from sender: ExtendedAddress) throws(MeshError) {
        guard role == .child, parent?.extAddress == sender else { return }
        if let leader = try m.get(MLELeaderData.self) { leaderData = leader }
        lastLeaderHeardMillis = nowMillis
    }

    func detachAndReattach(leaderLost: Bool = false) {
        previousPartitionID = leaderData.partitionID
        lostPartitionID = leaderLost ? leaderData.partitionID : nil
        resetRouterState()
        parent = nil
        role = .detached
        rloc16 = ThreadTiming.invalidRLOC16
        attach = .idle
        beginAttach()
    }

    func iidBytes(_ v: UInt64) -> [UInt8] { var b: [UInt8] = []; MLEBytes.put64(v, &b); return b }
}
