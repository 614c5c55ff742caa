/// Router and leader behaviour (Thread 1.1 §5.9–§5.16): forming a partition, router ids,
/// Advertisements with Route64 on a trickle timer, Link Request/Accept, route costs, upgrade
/// and downgrade, partition merge and leader loss.
extension ThreadNode {
    func becomeLeader() {
        var pid = UInt32(truncatingIfNeeded: random.next())
        if pid == previousPartitionID { pid &+= 1 }
        let id = UInt8(random.upTo(UInt64(ThreadTiming.maxRouterID)))
        routerIDSequence = UInt8(truncatingIfNeeded: random.next())
        rloc16 = UInt16(id) << 10
        role = .leader
        routers = [RouterEntry(routerID: id, extAddress: extAddress, pathCost: 0, nextHop: 63, lastHeardMillis: nowMillis)]
        leaderData = MLELeaderData(partitionID: pid, weighting: settings.leaderWeight,
                                   dataVersion: UInt8(truncatingIfNeeded: random.next()),
                                   stableDataVersion: UInt8(truncatingIfNeeded: random.next()), leaderRouterID: id)
        if becameLeaderAtMillis == nil { becameLeaderAtMillis = nowMillis }
        if attachedAtMillis == nil { attachedAtMillis = nowMillis }
        attachAttempts = 0
        lastLeaderHeardMillis = nowMillis
        routerIDSequenceBumpedMillis = nowMillis
        networkData = []
        leaderNetworkDataChanged(stable: true)
        resetTrickle()
        if !localPrefixes.isEmpty { registerLocalNetworkData() }
    }

    var route64: MLERoute64 {
        MLERoute64(idSequence: routerIDSequence, entries: routers.map { r in
            r.routerID == routerID
                ? .init(routerID: r.routerID, linkQualityOut: 0, linkQualityIn: 0, routeCost: 1)
                : .init(routerID: r.routerID, linkQualityOut: r.linkEstablished ? r.linkQualityOut : 0,
                        linkQualityIn: r.linkEstablished ? r.linkQualityIn : 0, routeCost: min(r.pathCost, 15) == 15 ? 0 : r.pathCost)
        })
    }

    public func pathCost(toRouter id: UInt8) -> UInt8 {
        if role.isRouterOrLeader && id == routerID { return 0 }
        if role == .child { return routers.first { $0.routerID == id }.map { min($0.pathCost + 1, 16) } ?? 16 }
        return routers.first { $0.routerID == id }?.pathCost ?? 16
    }

    /// Next hop router id towards router `id` (63 = none), for mesh forwarding.
    public func nextHop(toRouter id: UInt8) -> UInt8 {
        if role.isRouterOrLeader && id == routerID { return id }
        return routers.first { $0.routerID == id }?.nextHop ?? 63
    }

    /// Bellman-Ford over the neighbours' advertised costs (Thread 1.1 §5.11).
    func recomputeRoutes() {
        guard role.isRouterOrLeader else { return }
        let before = routers.map { $0.pathCost }
        defer {
            // A route that appears or goes counts unless new links do not (LoRa-tuned); a cost
            // change only with OpenThread's timings.
            let after = routers.map { $0.pathCost }
            let reachability = zip(before, after).contains { ($0 >= 16) != ($1 >= 16) } || before.count != after.count
            if after != before && (reachability || settings.timings.trickleResetOnRouteCostChange) && settings.timings.trickleResetOnNewLink { resetTrickle() }
        }
        for i in routers.indices where routers[i].routerID != routerID {
            let target = routers[i].routerID
            var best: UInt8 = 16, hop: UInt8 = 63
            for n in routers where n.linkEstablished && n.routerID != routerID {
                let link = ThreadTiming.linkCost(quality: min(n.linkQualityIn, n.linkQualityOut == 0 ? n.linkQualityIn : n.linkQualityOut))
                let rest: UInt8 = n.routerID == target ? 0 : (n.advertisedCosts[target] ?? 16)
                let total = min(UInt16(link) + UInt16(rest), 16)
                if total < best { best = UInt8(total); hop = n.routerID }
            }
            routers[i].pathCost = best
            routers[i].nextHop = hop
        }
    }

    func resetTrickle() {
        trickleIntervalMillis = settings.timings.trickleIminMillis
        startTrickleInterval()
    }

    func startTrickleInterval() {
        let half = trickleIntervalMillis / 2
        trickleIntervalEndMillis = nowMillis + trickleIntervalMillis
        nextAdvertisementMillis = nowMillis + half + random.upTo(half)
    }

    func sendAdvertisement() {
        var m = MLEMessage(.advertisement)
        m.append(MLESourceAddress(raw: rloc16))
        m.append(leaderData)
        m.append(route64)
        sendMLE(m, to: ThreadAddresses.linkLocalAllNodes)
    }

    func tickRouter() {
        guard role.isRouterOrLeader else {
            if role == .child, let at = upgradeAtMillis, nowMillis >= at {
                upgradeAtMillis = nil
                // An unanswered Address Solicit (lost on the way) is sent again.
                addressSolicitPending = false
                if routers.count < Int(settings.routerUpgradeThreshold) { sendAddressSolicit() }
            }
            return
        }
        if let at = nextAdvertisementMillis, nowMillis >= at {
            if !isLeavingForBetterPartition { sendAdvertisement() }
            nextAdvertisementMillis = nil
        }
        if nowMillis >= trickleIntervalEndMillis {
            trickleIntervalMillis = min(trickleIntervalMillis * 2, settings.timings.trickleImaxMillis)
            startTrickleInterval()
        }
        expireChildren()
        let networkIDTimeout = settings.timings.networkIDTimeoutMillis
        // The leader shows it is alive by advancing the router id sequence; routers pass the
        // newest sequence on in their Route64 (OpenThread `RouterTable::HandleTimeTick`).
        if role == .leader && nowMillis >= routerIDSequenceBumpedMillis + settings.timings.routerIDSequencePeriodMillis {
            routerIDSequence &+= 1
            routerIDSequenceBumpedMillis = nowMillis
        }
        // Routers not heard for the network id timeout lose their links.
        var changed = false
        for i in routers.indices where routers[i].routerID != routerID && routers[i].linkEstablished
            && nowMillis > routers[i].lastHeardMillis + networkIDTimeout {
            routers[i].linkEstablished = false
            changed = true
        }
        if role == .leader {
            let before = routers.count
            let gone = routers.filter { $0.routerID != routerID && !$0.linkEstablished && $0.pathCost >= 16
                && nowMillis > $0.lastHeardMillis + networkIDTimeout }
            routers.removeAll { r in gone.contains { $0.routerID == r.routerID } }
            for g in gone { dropServerData(of: g.routerID); noteRouterIDReleased(g.routerID) }
            if routers.count != before { routerIDSequence &+= 1; changed = true }
        }
        if changed { recomputeRoutes() }
        if role == .router && nowMillis >= lastLeaderHeardMillis + networkIDTimeout {
            // Leader lost (no newer router id sequence for the network id timeout): attach to
            // any partition but the old one, else start our own (OpenThread: `Attach(kSamePartition)`,
            // then any partition, then leader).
            detachAndReattach(leaderLost: true)
            return
        }
        if role == .router && routers.count > Int(settings.routerDowngradeThreshold) && children.isEmpty {
            // Too many routers: go back to being a child of a neighbour (router → REED).
            detachAndReattach()
        }
    }

    func scheduleUpgradeIfNeeded() {
        guard settings.routerEligible, role == .child, routers.count < Int(settings.routerUpgradeThreshold) else { return }
        let jitter = UInt64(max(settings.routerSelectionJitterSeconds, 1)) * 1000
        upgradeAtMillis = nowMillis + 1 + random.upTo(jitter - 1)
    }

    func handleAdvertisement(_ m: MLEMessage, from sender: ExtendedAddress, datagram d: ThreadDatagram) throws(MeshError) {
        let source = try m.require(MLESourceAddress.self).raw
        let leader = try m.require(MLELeaderData.self)
        guard source & 0x1ff == 0 else { return }
        let route = try m.require(MLERoute64.self)
        let senderID = UInt8(source >> 10)
        if role == .detached {
            askAgainOnAdvertisement()
            return
        }
        if leader.partitionID != leaderData.partitionID {
            // Our parent moved to another partition: follow it by attaching again.
            if role == .child, parent?.extAddress == sender, !isAttaching {
                detachAndReattach()
                return
            }
            // A better partition in range: try to attach to it, keeping our role until its Child
            // ID Response (OpenThread `Attach(kBetterPartition)`).
            let theirSingleton = route.entries.count <= 1
            if role.isAttached, !isAttaching,
               Self.partitionIsBetter(leader, singleton: theirSingleton, than: leaderData, singleton: routers.count <= 1) {
                betterPartitionHeardMillis = nowMillis
                beginAttach(mode: .betterPartition)
            }
            return
        }
        let fromLeader = senderID == leader.leaderRouterID
        if fromLeader { lastLeaderHeardMillis = nowMillis }
        // A newer router id sequence from a neighbour we trust carries the leader's router set
        // and shows the leader alive (OpenThread `ProcessRouteTlv`; leader age).
        let newerSequence = Self.serialIsGreater(route.idSequence, than: routerIDSequence)
        if role == .child {
            if parent?.rloc16 == source {
                if newerSequence { lastLeaderHeardMillis = nowMillis }
                learnRouterSet(route)
            }
            // New network data somewhere in the partition: ask our parent (at most once a second);
            // our data version changes only with the data itself (Data Response).
            if leader.dataVersion != leaderData.dataVersion, let p = parent, nowMillis >= lastDataRequestMillis + 1_000 {
                lastDataRequestMillis = nowMillis
                sendDataRequest(to: ThreadAddresses.linkLocal(p.extAddress))
            }
            return
        }
        guard role.isRouterOrLeader else { return }
        let trusted = fromLeader || routers.contains { $0.routerID == senderID && $0.linkEstablished }
        if role == .router && trusted && newerSequence {
            routerIDSequence = route.idSequence
            lastLeaderHeardMillis = nowMillis
            guard route.entries.contains(where: { $0.routerID == routerID }) else {
                detachAndReattach()
                return
            }
            var kept: [RouterEntry] = []
            for e in route.entries {
                kept.append(routers.first { $0.routerID == e.routerID } ?? RouterEntry(routerID: e.routerID))
            }
            routers = kept
        }
        if role == .router, leader.dataVersion != leaderData.dataVersion, senderID == leader.leaderRouterID || routers.contains(where: { $0.routerID == senderID && $0.linkEstablished }) {
            sendDataRequest(to: d.source)
        }
        if role == .router { leaderData.weighting = leader.weighting; leaderData.leaderRouterID = leader.leaderRouterID }
        guard let i = routers.firstIndex(where: { $0.routerID == senderID }) else {
            if role == .leader { return }
            routers.append(RouterEntry(routerID: senderID))
            return try handleAdvertisement(m, from: sender, datagram: d)
        }
        routers[i].extAddress = sender
        routers[i].lastHeardMillis = nowMillis
        routers[i].linkQualityIn = ThreadTiming.linkQuality(marginDB: d.linkMarginDB)
        if let mine = route.entry(for: routerID) { routers[i].linkQualityOut = mine.linkQualityIn }
        var costs: [UInt8: UInt8] = [:]
        for e in route.entries where e.routerID != senderID { costs[e.routerID] = e.routeCost == 0 ? 16 : e.routeCost }
        routers[i].advertisedCosts = costs
        for e in route.entries where !routers.contains(where: { $0.routerID == e.routerID }) && role == .router {
            routers.append(RouterEntry(routerID: e.routerID))
        }
        if !routers[i].linkEstablished { sendLinkRequest(toRouter: senderID, ext: sender) }
        recomputeRoutes()
    }

    /// Serial number arithmetic on the 8-bit router id sequence (RFC 1982, as OpenThread's
    /// `SerialNumber::IsGreater`).
    static func serialIsGreater(_ a: UInt8, than b: UInt8) -> Bool {
        a != b && (a &- b) < 128
    }

    func sendDataRequest(to destination: IPv6Address) {
        var m = MLEMessage(.dataRequest)
        m.append(MLETLVRequest(value: [MLETLVType.networkData]))
        m.append(MLEActiveTimestamp(raw: dataset.activeTimestamp))
        sendMLE(m, to: destination)
    }

    /// Multicast Link Request (after becoming a router): its challenge is answered by many.
    func sendLinkRequest(to destination: IPv6Address) {
        linkRequestChallenge = newChallenge()
        sendMLE(linkRequest(challenge: linkRequestChallenge), to: destination)
    }

    /// Unicast Link Request to a router heard without a link: one challenge per neighbour, and
    /// no second request while the first may still be answered (OpenThread keeps the neighbour
    /// in `kStateLinkRequest`); on LoRa an answer takes a while.
    func sendLinkRequest(toRouter id: UInt8, ext: ExtendedAddress) {
        let t = settings.timings
        // Unanswered, the next one waits twice as long (up to the trickle maximum).
        let wait = linkRequestBackoffMillis[id] ?? (t.parentRequestRoutersMillis + t.parentResponseMaxDelayRoutersMillis)
        if let sent = linkRequestSentMillis[id], nowMillis < sent + wait { return }
        if linkRequestSentMillis[id] != nil { linkRequestBackoffMillis[id] = min(wait * 2, max(t.trickleImaxMillis, wait)) }
        linkRequestSentMillis[id] = nowMillis
        let challenge = newChallenge()
        remember(challenge, in: &pendingChallenges, for: ext)
        sendMLE(linkRequest(challenge: challenge), to: ThreadAddresses.linkLocal(ext))
    }

    func linkRequest(challenge: [UInt8]) -> MLEMessage {
        var m = MLEMessage(.linkRequest)
        m.append(MLESourceAddress(raw: rloc16))
        m.append(leaderData)
        m.append(try! MLEChallenge(value: challenge))
        m.append(MLEVersion(raw: settings.mleVersion))
        m.append(MLETLVRequest(value: [MLETLVType.linkMargin]))
        return m
    }

    func handleLinkRequest(_ m: MLEMessage, from sender: ExtendedAddress, datagram d: ThreadDatagram) throws(MeshError) {
        guard role.isRouterOrLeader else { return }
        let challenge = try m.require(MLEChallenge.self).value
        let source = try m.get(MLESourceAddress.self)?.raw
        if let leader = try m.get(MLELeaderData.self), leader.partitionID != leaderData.partitionID { return }
        // A child that became a router (its Address Solicit answered) is no longer our child.
        if let source, source & 0x1ff == 0 { children.removeAll { $0.extAddress == sender } }
        var r = MLEMessage(.linkAccept)
        r.append(MLESourceAddress(raw: rloc16))
        r.append(try MLEResponse(value: challenge))
        r.append(linkFrameCounterTLV)
        r.append(mleFrameCounterTLV)
        r.append(MLEVersion(raw: settings.mleVersion))
        r.append(MLELinkMargin(raw: d.linkMarginDB))
        r.append(leaderData)
        if let source, source & 0x1ff == 0, let i = routers.firstIndex(where: { $0.routerID == UInt8(source >> 10) }) {
            if !routers[i].linkEstablished {
                r.command = .linkAcceptAndRequest
                let ours = newChallenge()
                remember(ours, in: &pendingChallenges, for: sender)
                r.append(try MLEChallenge(value: ours))
            }
            r.append(route64)
        }
        sendMLE(r, to: d.destination.isMulticast ? ThreadAddresses.linkLocal(sender) : d.source,
                delayMillis: d.destination.isMulticast ? 1 + random.upTo(settings.timings.parentResponseMaxDelayRoutersMillis) : 0)
    }

    func handleLinkAccept(_ m: MLEMessage, from sender: ExtendedAddress, datagram d: ThreadDatagram, frameCounter: UInt32) throws(MeshError) {
        guard role.isRouterOrLeader else { return }
        let response = try m.require(MLEResponse.self).value
        guard response == linkRequestChallenge || pendingChallenges[sender.value]?.contains(response) == true else {
            throw MeshError(.security, "Link Accept does not answer our challenge")
        }
        pendingChallenges[sender.value] = nil
        let source = try m.require(MLESourceAddress.self).raw
        guard source & 0x1ff == 0 else { return }
        neighborLinkFrameCounters[sender.value] = try m.require(MLELinkFrameCounter.self).raw
        let id = UInt8(source >> 10)
        if !routers.contains(where: { $0.routerID == id }) { routers.append(RouterEntry(routerID: id)) }
        let i = routers.firstIndex { $0.routerID == id }!
        let newLink = !routers[i].linkEstablished
        routers[i].extAddress = sender
        routers[i].linkEstablished = true
        linkRequestBackoffMillis[id] = nil
        // A child of ours that became this router is no child any more.
        children.removeAll { $0.extAddress == sender }
        routers[i].lastHeardMillis = nowMillis
        routers[i].linkQualityIn = ThreadTiming.linkQuality(marginDB: d.linkMarginDB)
        if let margin = try m.get(MLELinkMargin.self) { routers[i].linkQualityOut = ThreadTiming.linkQuality(marginDB: margin.raw) }
        if let route = try m.get(MLERoute64.self) {
            var costs: [UInt8: UInt8] = [:]
            for e in route.entries where e.routerID != id { costs[e.routerID] = e.routeCost == 0 ? 16 : e.routeCost }
            routers[i].advertisedCosts = costs
            if role == .router { for e in route.entries where !routers.contains(where: { $0.routerID == e.routerID }) { routers.append(RouterEntry(routerID: e.routerID)) } }
        }
        if m.command == .linkAcceptAndRequest, let c = try m.get(MLEChallenge.self) {
            var r = MLEMessage(.linkAccept)
            r.append(MLESourceAddress(raw: rloc16))
            r.append(try MLEResponse(value: c.value))
            r.append(linkFrameCounterTLV)
            r.append(mleFrameCounterTLV)
            r.append(MLEVersion(raw: settings.mleVersion))
            r.append(MLELinkMargin(raw: d.linkMarginDB))
            r.append(leaderData)
            sendMLE(r, to: d.source)
        }
        recomputeRoutes()
        if (newLink && settings.timings.trickleResetOnNewLink) || settings.timings.trickleResetOnRouteCostChange { resetTrickle() }
    }
}
