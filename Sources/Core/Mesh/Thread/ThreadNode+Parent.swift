/// Serving children as a router or leader: Parent Response, Child ID Response, Child Update
/// and Data Response (Thread 1.1 §4.7.1, §4.7.6).
extension ThreadNode {
    func handleParentRequest(_ m: MLEMessage, from sender: ExtendedAddress, datagram d: ThreadDatagram) throws(MeshError) {
        postponeAttachOnHeardParentRequest()
        guard role.isRouterOrLeader || isREED, canServeAsParent else { return }
        let scan = try m.require(MLEScanMask.self).raw
        // Routers answer the first phase (routers only); REEDs only the second (routers and REEDs).
        guard scan & (isREED ? MLEScanMask.endDevices : MLEScanMask.routers) != 0 else { return }
        guard !isREED || reedMayAnswerParentRequest else { return }
        let challenge = try m.require(MLEChallenge.self).value
        let ours = newChallenge()
        remember(ours, in: &parentResponseChallenges, for: sender)
        var r = MLEMessage(.parentResponse)
        r.append(MLESourceAddress(raw: rloc16))
        r.append(leaderData)
        r.append(linkFrameCounterTLV)
        r.append(mleFrameCounterTLV)
        r.append(try MLEResponse(value: challenge))
        r.append(try MLEChallenge(value: ours))
        r.append(MLELinkMargin(raw: d.linkMarginDB))
        r.append(connectivity)
        r.append(MLEVersion(raw: settings.mleVersion))
        let window = scan & MLEScanMask.endDevices != 0 ? settings.timings.parentResponseMaxDelayAllMillis
                                                         : settings.timings.parentResponseMaxDelayRoutersMillis
        sendMLE(r, to: ThreadAddresses.linkLocal(sender), delayMillis: 1 + random.upTo(window))
    }

    /// OpenThread `HandleParentRequest`: no Parent Response while attaching elsewhere or while
    /// cut off from the leader (no newer router id sequence within the network id timeout).
    /// Nor, on LoRa, while a better partition was heard within one trickle interval: we are
    /// about to leave for it, and the requester would prefer it anyway; each answer fewer is
    /// one collision fewer when many partitions merge at once.
    var canServeAsParent: Bool {
        !isAttaching && !isLeavingForBetterPartition
            && (role == .leader || nowMillis < lastLeaderHeardMillis + settings.timings.networkIDTimeoutMillis)
    }

    /// LoRa-tuned only: a better partition was heard within the trickle maximum.
    var isLeavingForBetterPartition: Bool {
        guard !settings.timings.staysHeardWhenLeaving, let heard = betterPartitionHeardMillis else { return false }
        return nowMillis < heard + settings.timings.trickleImaxMillis
    }

    /// Keeps a challenge we sent to a peer among its last four (bounded: 32 peers).
    func remember(_ c: [UInt8], in table: inout [UInt64: [[UInt8]]], for peer: ExtendedAddress) {
        if table[peer.value] == nil && table.count >= 32 { table = [:] }
        var list = table[peer.value] ?? []
        if list.count >= 4 { list.removeFirst() }
        list.append(c)
        table[peer.value] = list
    }

    var connectivity: MLEConnectivity {
        let linked = routers.filter { $0.linkEstablished && $0.routerID != routerID }
        return MLEConnectivity(linkQuality3: UInt8(min(linked.filter { $0.linkQualityIn == 3 }.count + children.count, 255)),
                               leaderCost: pathCost(toRouter: leaderData.leaderRouterID), idSequence: routerIDSequence,
                               activeRouters: UInt8(routers.count))
    }

    func handleChildIDRequest(_ m: MLEMessage, from sender: ExtendedAddress, datagram d: ThreadDatagram, frameCounter: UInt32) throws(MeshError) {
        guard role.isRouterOrLeader || isREED, let expected = parentResponseChallenges[sender.value] else { return }
        guard expected.contains(try m.require(MLEResponse.self).value) else { throw MeshError(.security, "Child ID Request with a wrong response") }
        if isREED {
            // A REED becomes a router first, then answers (OpenThread `HandleChildIdRequest`).
            deferChildIDRequest(PendingChildIDRequest(message: m, sender: sender, datagram: d, frameCounter: frameCounter))
            return
        }
        parentResponseChallenges[sender.value] = nil
        let mode = try m.require(MLEMode.self).raw
        let timeout = try m.require(MLETimeout.self).raw
        neighborLinkFrameCounters[sender.value] = try m.require(MLELinkFrameCounter.self).raw
        let requested = try m.get(MLETLVRequest.self)?.value ?? []
        let childRLOC: UInt16
        if let existing = children.firstIndex(where: { $0.extAddress == sender }) {
            childRLOC = children[existing].rloc16
            children.remove(at: existing)
        } else {
            var id: UInt16 = 1
            while children.contains(where: { $0.rloc16 & 0x1ff == id }) { id += 1 }
            guard id < 512 else { throw MeshError(.resource, "child table full") }
            childRLOC = rloc16 | id
        }
        children.append(ChildEntry(extAddress: sender, rloc16: childRLOC, timeoutSeconds: max(timeout, 10), lastHeardMillis: nowMillis,
                                   mode: mode, linkMarginDB: d.linkMarginDB, registeredIIDs: []))
        var r = MLEMessage(.childIDResponse)
        r.append(MLESourceAddress(raw: rloc16))
        r.append(leaderData)
        r.append(MLEAddress16(raw: childRLOC))
        r.append(MLENetworkDataTLV(value: networkData))
        if requested.contains(MLETLVType.route64) { r.append(route64) }
        r.append(MLEActiveTimestamp(raw: dataset.activeTimestamp))
        let theirs = try m.get(MLEActiveTimestamp.self)?.raw
        if theirs != dataset.activeTimestamp { r.append(MLEActiveDataset(value: dataset.encoded)) }
        sendMLE(r, to: ThreadAddresses.linkLocal(sender))
    }

    func handleChildUpdateRequest(_ m: MLEMessage, from sender: ExtendedAddress, datagram d: ThreadDatagram) throws(MeshError) {
        if role == .child, parent?.extAddress == sender {
            // The parent asks us for an update: answer with our state.
            var r = MLEMessage(.childUpdateResponse)
            r.append(MLESourceAddress(raw: rloc16))
            r.append(MLEMode.ftd)
            r.append(MLETimeout(raw: settings.childTimeoutSeconds))
            r.append(MLEAddressRegistration(entries: [.compressed(contextID: 0, iid: iidBytes(meshLocalIID))]))
            if let c = try m.get(MLEChallenge.self) { r.append(try MLEResponse(value: c.value)) }
            r.append(linkFrameCounterTLV)
            r.append(mleFrameCounterTLV)
            if let leader = try m.get(MLELeaderData.self) { leaderData = leader; lastLeaderHeardMillis = nowMillis }
            if let nd = try m.get(MLENetworkDataTLV.self) { setNetworkData(nd.value) }
            sendMLE(r, to: d.source)
            return
        }
        guard role.isRouterOrLeader, let i = children.firstIndex(where: { $0.extAddress == sender }) else {
            // Not our child: tell it so, so that it re-attaches (OpenThread answers Status error).
            if role.isRouterOrLeader {
                var r = MLEMessage(.childUpdateResponse)
                r.append(MLEStatus(raw: MLEStatus.error))
                sendMLE(r, to: d.source)
            }
            return
        }
        children[i].lastHeardMillis = nowMillis
        if let t = try m.get(MLETimeout.self) { children[i].timeoutSeconds = max(t.raw, 10) }
        var registration: MLEAddressRegistration?
        if let reg = try m.get(MLEAddressRegistration.self) {
            registration = reg
            children[i].registeredIIDs = reg.entries.compactMap { e in
                if case .compressed(_, let iid) = e { return MLEBytes.be64(iid, 0) }
                return nil
            }
        }
        var r = MLEMessage(.childUpdateResponse)
        r.append(MLESourceAddress(raw: rloc16))
        r.append(MLEMode(raw: children[i].mode))
        r.append(MLETimeout(raw: children[i].timeoutSeconds))
        if let registration { r.append(registration) }
        r.append(leaderData)
        if let c = try m.get(MLEChallenge.self) { r.append(try MLEResponse(value: c.value)) }
        sendMLE(r, to: d.source)
    }

    func handleDataRequest(_ m: MLEMessage, from sender: ExtendedAddress, datagram d: ThreadDatagram) throws(MeshError) {
        guard role.isRouterOrLeader else { return }
        let requested = try m.get(MLETLVRequest.self)?.value ?? []
        var r = MLEMessage(.dataResponse)
        r.append(MLESourceAddress(raw: rloc16))
        r.append(leaderData)
        r.append(MLENetworkDataTLV(value: networkData))
        r.append(MLEActiveTimestamp(raw: dataset.activeTimestamp))
        if requested.contains(MLETLVType.activeDataset) { r.append(MLEActiveDataset(value: dataset.encoded)) }
        sendMLE(r, to: d.source)
    }

    func handleDataResponse(_ m: MLEMessage, from sender: ExtendedAddress) throws(MeshError) {
        guard role.isAttached else { return }
        let leader = try m.require(MLELeaderData.self)
        guard leader.partitionID == leaderData.partitionID else { return }
        if role == .child && parent?.extAddress != sender { return }
        let data = try m.require(MLENetworkDataTLV.self)
        if role != .leader {
            let changed = data.value != networkData
            leaderData = leader
            setNetworkData(data.value)
            // New network data is an inconsistency for the trickle timer (RFC 6206): tell the
            // neighbours soon (OpenThread `HandleNetworkDataUpdateRouter`).
            if changed && role == .router { resetTrickle() }
        }
    }

    /// Drops children not heard within their timeout.
    func expireChildren() {
        children.removeAll { nowMillis > $0.lastHeardMillis + UInt64($0.timeoutSeconds) * 1000 }
    }
}
