/// ML-EID → RLOC16 resolution (Thread 1.1 §5.4.2; OpenThread `address_resolver.cpp`):
/// Address Query `a/aq` (non-confirmable, to ff03::2 with an MPL option) carrying the Target
/// EID; the owner (or the parent of a child owning it) answers with a confirmable Address
/// Notification `a/an` (Target EID, RLOC16, ML-EID interface identifier), retransmitted until
/// its ACK comes (CoAP: the timeout doubling, at most 4 times). Packets wait for the answer in a
/// small bounded queue for the query timeout (OpenThread 3 s; LoRa-tuned: 4 hops there and
/// back); an unanswered target is not queried again for a delay doubling from 15 s to 120 s
/// (OpenThread `kAddressQueryInitialRetryDelay`, `kAddressQueryMaxRetryDelay`).
extension MeshStack {
    static var addressQueryURI: String { "a/aq" }
    static var addressNotificationURI: String { "a/an" }
    static var maxPendingQueries: Int { 4 }
    static var maxPacketsPerQuery: Int { 4 }
    static var maxPendingNotifications: Int { 8 }
    static var maxQueryBackoffs: Int { 8 }

    /// The node's timings, with the waits for answers across the mesh never shorter than this
    /// radio's airtime needs (OpenThread's 3 s query timeout is less than 4 LoRa hops and back).
    var timings: ThreadTimings {
        var t = node.settings.timings
        t.addressQueryTimeoutMillis = max(t.addressQueryTimeoutMillis, airtimeTimings.addressQueryTimeoutMillis)
        t.coapAckTimeoutMillis = max(t.coapAckTimeoutMillis, airtimeTimings.coapAckTimeoutMillis)
        return t
    }
    /// A lost query is sent again within its timeout: three tries (a broadcast lost to a
    /// collision on LoRa is not retransmitted by the MAC).
    var queryRetryMillis: UInt64 { max(timings.addressQueryTimeoutMillis / 3, 1) }

    /// Prefixes of SLAAC addresses in the network data (resolved like ML-EIDs).
    var extraPrefixes: [UInt64] { extraAddresses.map { $0.high } }

    /// MPL duplicate check keyed by source address and MPL option (seed, sequence).
    func firstSight(mplOption option: [UInt8]) -> Bool {
        if mplSeen.contains(option) { return false }
        if mplSeen.count >= 32 { mplSeen.removeFirst() }
        mplSeen.append(option)
        return true
    }

    func queue(_ packet: [UInt8], untilResolved target: IPv6Address) {
        guard node.role.isAttached else { counters.droppedNoRoute += 1; return }
        pendingQueries.removeAll { $0.deadlineMillis <= nowMillis }
        if let b = queryBackoffs.first(where: { $0.target == target }), nowMillis < b.untilMillis {
            counters.droppedNoRoute += 1
            return
        }
        if let i = pendingQueries.firstIndex(where: { $0.target == target }) {
            if pendingQueries[i].packets.count < Self.maxPacketsPerQuery { pendingQueries[i].packets.append(packet) }
            return
        }
        guard pendingQueries.count < Self.maxPendingQueries else { counters.droppedNoRoute += 1; return }
        pendingQueries.append(PendingQuery(target: target, packets: [packet], deadlineMillis: nowMillis + timings.addressQueryTimeoutMillis))
        sendAddressQuery(for: target, attempt: 1)
    }

    /// Sends the query and repeats it while unanswered within the timeout; after the timeout
    /// the target is left alone for the retry delay.
    func sendAddressQuery(for target: IPv6Address, attempt: Int) {
        guard let i = pendingQueries.firstIndex(where: { $0.target == target }) else { return }
        guard nowMillis < pendingQueries[i].deadlineMillis else {
            counters.droppedNoRoute += pendingQueries[i].packets.count
            pendingQueries.remove(at: i)
            backOff(from: target)
            return
        }
        var payload: [UInt8] = []
        MLETLV(type: ThreadTLVType.targetEID, value: target.bytes).encode(into: &payload)
        let m = CoAPMessage(kind: .nonConfirmable, code: CoAPMessage.post, messageID: UInt16(truncatingIfNeeded: nowMillis),
                            token: [UInt8(truncatingIfNeeded: nowMillis >> 8), UInt8(truncatingIfNeeded: nowMillis)],
                            uriPath: Self.addressQueryURI, payload: payload)
        sendUDP(ThreadDatagram(source: node.rlocAddress, destination: ThreadAddresses.realmLocalAllRouters,
                               sourcePort: CoAPMessage.threadPort, destinationPort: CoAPMessage.threadPort, payload: m.encoded))
        let wait = min(queryRetryMillis, pendingQueries[i].deadlineMillis - nowMillis)
        loop.schedule(afterMicros: wait * 1000) {
            self.sendAddressQuery(for: target, attempt: attempt + 1)
        }
    }

    func backOff(from target: IPv6Address) {
        let previous = queryBackoffs.first { $0.target == target }?.delayMillis ?? 0
        let delay = previous == 0 ? timings.addressQueryInitialRetryDelayMillis : min(previous * 2, timings.addressQueryMaxRetryDelayMillis)
        queryBackoffs.removeAll { $0.target == target }
        if queryBackoffs.count >= Self.maxQueryBackoffs { queryBackoffs.removeFirst() }
        queryBackoffs.append(QueryBackoff(target: target, untilMillis: nowMillis + delay, delayMillis: delay))
    }

    /// Sends a confirmable Address Notification and sends it again until its ACK arrives
    /// (RFC 7252 §4.2: ACK_TIMEOUT doubling, MAX_RETRANSMIT; OpenThread `CoapBase`).
    func sendNotification(_ d: ThreadDatagram, messageID: UInt16) {
        if pendingNotifications.count >= Self.maxPendingNotifications { pendingNotifications.removeFirst() }
        pendingNotifications.append(messageID)
        sendUDP(d)
        retransmitNotification(d, messageID: messageID, attempt: 1, timeoutMillis: timings.coapAckTimeoutMillis)
    }

    func retransmitNotification(_ d: ThreadDatagram, messageID: UInt16, attempt: Int, timeoutMillis: UInt64) {
        loop.schedule(afterMicros: timeoutMillis * 1000) {
            guard self.pendingNotifications.contains(messageID) else { return }
            guard attempt <= self.timings.coapMaxRetransmissions, self.node.role.isAttached else {
                self.pendingNotifications.removeAll { $0 == messageID }
                return
            }
            self.counters.addressNotificationRetransmissions += 1
            self.sendUDP(ThreadDatagram(source: self.node.rlocAddress, destination: d.destination, sourcePort: d.sourcePort,
                                        destinationPort: d.destinationPort, payload: d.payload))
            self.pump()
            self.retransmitNotification(d, messageID: messageID, attempt: attempt + 1, timeoutMillis: timeoutMillis * 2)
        }
    }

    /// Handles `a/aq` and `a/an`; false for other management messages.
    func handleAddressResolution(_ d: ThreadDatagram) -> Bool {
        guard let m = try? CoAPMessage(decoding: d.payload) else { return false }
        if m.kind == .acknowledgement, let i = pendingNotifications.firstIndex(of: m.messageID) {
            pendingNotifications.remove(at: i)
            return true
        }
        switch m.uriPath {
        case Self.addressQueryURI:
            counters.addressQueriesReceived += 1
            guard node.role.isAttached,
                  let t = ThreadTLVType.find(ThreadTLVType.targetEID, in: m.payload), t.count == 16,
                  let target = try? IPv6Address(bytes: t) else { return true }
            var owner: UInt16?
            var iid = node.meshLocalIID
            if owns(target) && !ThreadAddresses.isLocatorIdentifier(target.low) { owner = node.rloc16 }
            if let child = node.children.first(where: { $0.registeredIIDs.contains(target.low) }) {
                owner = child.rloc16
                iid = target.low
            }
            guard let owner else { return true }
            counters.addressQueriesAnswered += 1
            var payload: [UInt8] = []
            MLETLV(type: ThreadTLVType.targetEID, value: t).encode(into: &payload)
            var r: [UInt8] = []
            MLEBytes.put16(owner, &r)
            MLETLV(type: ThreadTLVType.rloc16, value: r).encode(into: &payload)
            var i: [UInt8] = []
            MLEBytes.put64(iid, &i)
            MLETLV(type: ThreadTLVType.meshLocalEID, value: i).encode(into: &payload)
            let id = node.nextCoAPMessageID()
            let n = CoAPMessage(kind: .confirmable, code: CoAPMessage.post, messageID: id,
                                token: [0x4c, UInt8(truncatingIfNeeded: id)], uriPath: Self.addressNotificationURI, payload: payload)
            sendNotification(ThreadDatagram(source: node.rlocAddress, destination: d.source, sourcePort: CoAPMessage.threadPort,
                                             destinationPort: CoAPMessage.threadPort, payload: n.encoded), messageID: id)
            return true
        case Self.addressNotificationURI:
            if m.kind == .confirmable {
                sendUDP(ThreadDatagram(source: d.destination, destination: d.source, sourcePort: CoAPMessage.threadPort,
                                       destinationPort: CoAPMessage.threadPort,
                                       payload: m.acknowledgement(code: CoAPMessage.changed, payload: []).encoded))
            }
            guard let t = ThreadTLVType.find(ThreadTLVType.targetEID, in: m.payload), t.count == 16,
                  let target = try? IPv6Address(bytes: t),
                  let r = ThreadTLVType.find(ThreadTLVType.rloc16, in: m.payload), r.count == 2 else { return true }
            let rloc = MLEBytes.be16(r, 0)
            queryBackoffs.removeAll { $0.target == target }
            if eidToRLOC.count >= 64 && eidToRLOC[target.low] == nil { eidToRLOC.removeAll() }
            eidToRLOC[target.low] = rloc
            if let i = pendingQueries.firstIndex(where: { $0.target == target }) {
                let packets = pendingQueries[i].packets
                pendingQueries.remove(at: i)
                for p in packets { route(p, toRLOC16: rloc) }
            }
            return true
        default:
            return false
        }
    }
}
