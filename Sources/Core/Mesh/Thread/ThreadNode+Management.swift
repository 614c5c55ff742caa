extension ThreadTiming {
    /// ID_REUSE_DELAY: a released router id is not handed out again for 100 s (Thread 1.1
    /// §5.9.9; OpenThread `kRouterIdReuseDelay`, `RouterTable::Release`).
    public static let routerIDReuseDelayMillis: UInt64 = 100_000
}

/// Thread management over CoAP on UDP 61631: Address Solicit `a/as` and Address Release
/// `a/ar` (Thread 1.1 §5.19.4, OpenThread `mle_router.cpp`), leader side and REED side.
extension ThreadNode {
    public static let addressSolicitURI = "a/as"
    public static let addressReleaseURI = "a/ar"

    func sendCoAP(_ message: CoAPMessage, to destination: IPv6Address) {
        outbox.append(ThreadDatagram(source: rlocAddress, destination: destination, sourcePort: CoAPMessage.threadPort,
                                     destinationPort: CoAPMessage.threadPort, payload: message.encoded))
    }

    func nextCoAPMessageID() -> UInt16 {
        coapMessageID &+= 1
        return coapMessageID
    }

    func sendAddressSolicit(reason: UInt8 = ThreadTLVType.reasonTooFewRouters) {
        guard role == .child, !addressSolicitPending else { return }
        addressSolicitPending = true
        var payload: [UInt8] = []
        MLETLV(type: ThreadTLVType.extMACAddress, value: extAddress.bytes).encode(into: &payload)
        MLETLV(type: ThreadTLVType.status, value: [reason]).encode(into: &payload)
        let m = CoAPMessage(kind: .confirmable, code: CoAPMessage.post, messageID: nextCoAPMessageID(), token: random.bytes(4),
                            uriPath: Self.addressSolicitURI, payload: payload)
        sendCoAP(m, to: leaderALOC)
        // Unanswered: retry after another jitter (the CoAP exchange has no own retransmission here).
        upgradeAtMillis = nowMillis + 5_000
    }

    func receiveCoAP(_ d: ThreadDatagram) {
        guard let m = try? CoAPMessage(decoding: d.payload) else { droppedMLE += 1; return }
        if m.kind == .confirmable && m.uriPath == Self.addressSolicitURI {
            handleAddressSolicit(m, datagram: d)
        } else if m.kind == .confirmable && m.uriPath == Self.serverDataURI {
            handleServerData(m, datagram: d)
        } else if m.kind == .confirmable && m.uriPath == Self.addressReleaseURI {
            if role == .leader, let r = ThreadTLVType.find(ThreadTLVType.rloc16, in: m.payload), r.count == 2 {
                let id = UInt8(MLEBytes.be16(r, 0) >> 10)
                if id != routerID, routers.contains(where: { $0.routerID == id }) {
                    routers.removeAll { $0.routerID == id }
                    routerIDSequence &+= 1
                    noteRouterIDReleased(id)
                    resetTrickle()
                }
            }
            sendCoAP(m.acknowledgement(code: CoAPMessage.changed, payload: []), to: d.source)
        } else if m.kind == .acknowledgement && addressSolicitPending {
            handleAddressSolicitResponse(m)
        }
    }

    func handleAddressSolicit(_ m: CoAPMessage, datagram d: ThreadDatagram) {
        guard role == .leader, let ext = ThreadTLVType.find(ThreadTLVType.extMACAddress, in: m.payload), ext.count == 8 else { return }
        let requester = ExtendedAddress(MLEBytes.be64(ext, 0))
        var id: UInt8?
        if let existing = routers.first(where: { $0.extAddress == requester }) { id = existing.routerID }
        // Too few routers is a reason only below the upgrade threshold; a REED with a Child ID
        // Request to answer is always one (OpenThread `HandleAddressSolicit`).
        let reason = ThreadTLVType.find(ThreadTLVType.status, in: m.payload)?.first ?? ThreadTLVType.reasonTooFewRouters
        let mayGrow = reason != ThreadTLVType.reasonTooFewRouters || routers.count < Int(settings.routerUpgradeThreshold)
        if id == nil, mayGrow, let r = ThreadTLVType.find(ThreadTLVType.rloc16, in: m.payload), r.count == 2 {
            let wanted = UInt8(MLEBytes.be16(r, 0) >> 10)
            if wanted <= ThreadTiming.maxRouterID && routerIDIsAllocatable(wanted) { id = wanted }
        }
        if id == nil && mayGrow && routers.count <= Int(ThreadTiming.maxRouterID) {
            let free = (0...ThreadTiming.maxRouterID).filter { routerIDIsAllocatable($0) }
            if !free.isEmpty { id = free[Int(random.upTo(UInt64(free.count - 1)))] }
        }
        var payload: [UInt8] = []
        if let id {
            if !routers.contains(where: { $0.routerID == id }) {
                routers.append(RouterEntry(routerID: id, extAddress: requester, lastHeardMillis: nowMillis))
                routerIDSequence &+= 1
            }
            MLETLV(type: ThreadTLVType.status, value: [ThreadTLVType.statusSuccess]).encode(into: &payload)
            var r: [UInt8] = []
            MLEBytes.put16(UInt16(id) << 10, &r)
            MLETLV(type: ThreadTLVType.rloc16, value: r).encode(into: &payload)
            MLETLV(type: ThreadTLVType.routerMask, value: Array(route64.value.prefix(9))).encode(into: &payload)
            resetTrickle()
        } else {
            MLETLV(type: ThreadTLVType.status, value: [ThreadTLVType.statusNoAddressAvailable]).encode(into: &payload)
        }
        sendCoAP(m.acknowledgement(code: CoAPMessage.changed, payload: payload), to: d.source)
    }

    /// The leader records a released or expired router id; it stays unallocatable for
    /// ID_REUSE_DELAY.
    func noteRouterIDReleased(_ id: UInt8) { routerIDReleasedAtMillis[id] = nowMillis }

    /// Free and not released within ID_REUSE_DELAY (OpenThread `RouterIdMap::CanAllocate`).
    func routerIDIsAllocatable(_ id: UInt8) -> Bool {
        guard !routers.contains(where: { $0.routerID == id }) else { return false }
        guard let released = routerIDReleasedAtMillis[id] else { return true }
        if nowMillis >= released + ThreadTiming.routerIDReuseDelayMillis {
            routerIDReleasedAtMillis[id] = nil
            return true
        }
        return false
    }

    func handleAddressSolicitResponse(_ m: CoAPMessage) {
        addressSolicitPending = false
        guard role == .child,
              let status = ThreadTLVType.find(ThreadTLVType.status, in: m.payload), status == [ThreadTLVType.statusSuccess],
              let r = ThreadTLVType.find(ThreadTLVType.rloc16, in: m.payload), r.count == 2,
              let mask = ThreadTLVType.find(ThreadTLVType.routerMask, in: m.payload), mask.count == 9
        else {
            pendingChildIDRequests = []
            return
        }
        let newRLOC = MLEBytes.be16(r, 0)
        guard newRLOC & 0x1ff == 0, newRLOC >> 10 <= UInt16(ThreadTiming.maxRouterID) else {
            pendingChildIDRequests = []
            return
        }
        upgradeAtMillis = nil
        rloc16 = newRLOC
        role = .router
        becameRouterAtMillis = nowMillis
        routerIDSequence = mask[0]
        var list: [RouterEntry] = []
        for id in 0...ThreadTiming.maxRouterID where mask[1 + Int(id / 8)] & (0x80 >> (id % 8)) != 0 {
            list.append(RouterEntry(routerID: id, pathCost: id == routerID ? 0 : 16, lastHeardMillis: nowMillis))
        }
        if !list.contains(where: { $0.routerID == routerID }) { list.append(RouterEntry(routerID: routerID, pathCost: 0)) }
        routers = list
        parent = nil
        sendLinkRequest(to: ThreadAddresses.linkLocalAllRouters)
        resetTrickle()
        if !localPrefixes.isEmpty { registerLocalNetworkData() }
        answerPendingChildIDRequests()
    }

    /// The leader bumps its data versions and tells the network (Data Response multicast is
    /// replaced by the next Advertisement carrying the new versions, as OpenThread routers then
    /// ask with Data Request).
    func leaderNetworkDataChanged(stable: Bool) {
        leaderData.dataVersion &+= 1
        if stable { leaderData.stableDataVersion &+= 1 }
        onNetworkDataChanged?()
        if role == .leader { resetTrickle() }
    }
}
