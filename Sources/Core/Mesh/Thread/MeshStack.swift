import Runtime

/// One Thread node on a radio: the ThreadNode logic over the LinkLayer (6LoWPAN + MAC) on an
/// EventLoop. It builds IPv6/UDP/ICMPv6 packets, routes them by RLOC16 (to the parent as a
/// child; to a child, a neighbour router or the next hop as a router, with a mesh header when
/// the frame's receiver is not the final destination), forwards others' mesh frames, answers
/// echo requests and hands application datagrams to `onDatagram`.
/// Its closures hold it strongly (Embedded Swift has no weak or unowned references): a stack
/// lives as long as its node.
public final class MeshStack<Radio: MeshRadio, R: Reactor> {
    public struct Counters: Equatable, Sendable {
        public var packetsIn = 0
        public var packetsOut = 0
        public var forwarded = 0
        public var droppedNoRoute = 0
        public var droppedUnsecured = 0
        public var droppedMalformed = 0
        public var echoRepliesSent = 0
        public var multicastForwarded = 0
        public var addressQueriesReceived = 0
        public var addressQueriesAnswered = 0
        /// Address Notifications sent again for want of their CoAP ACK.
        public var addressNotificationRetransmissions = 0
    }

    public struct EchoReply: Equatable, Sendable {
        public var source: IPv6Address
        public var sequence: UInt16
        public var identifier: UInt16
        public var hopLimit: UInt8
        public var dataBytes: Int
        public var receivedMicros: UInt64
    }

    public let node: ThreadNode
    public let link: LinkLayer<Radio, R>
    public internal(set) var counters = Counters()
    /// The last failed transmission, for `counters`.
    public private(set) var lastSendFailure = ""
    /// UDP datagrams for other ports than MLE and management.
    public var onDatagram: ((ThreadDatagram) -> Void)?
    public var onEchoReply: ((EchoReply) -> Void)?
    /// SLAAC and other unicast addresses the API layer adds.
    public var extraAddresses: [IPv6Address] = []
    /// ML-EID interface identifier → RLOC16, learnt from Address Notifications.
    var eidToRLOC: [UInt64: UInt16] = [:]
    var timer: TimerHandle?
    var mplSequence: UInt8 = 0
    var mplSeen: [[UInt8]] = []
    var pendingQueries: [PendingQuery] = []
    /// Message ids of our Address Notifications still waiting for their ACK.
    var pendingNotifications: [UInt16] = []
    var queryBackoffs: [QueryBackoff] = []

    struct QueryBackoff {
        var target: IPv6Address
        var untilMillis: UInt64
        var delayMillis: UInt64
    }

    struct PendingQuery {
        var target: IPv6Address
        var packets: [[UInt8]]
        var deadlineMillis: UInt64
    }
    public private(set) var running = false

    public var loop: EventLoop<R> { link.mac.loop }
    public var nowMillis: UInt64 { loop.nowMicros / 1000 }

    /// Link margins are measured against this level: OpenThread's simulation reports −20 dBm
    /// against a −100 dBm floor; on LoRa it is the receiver's sensitivity (SX1276 SF7/125 kHz:
    /// −123 dBm, datasheet table 13).
    public let sensitivityDBm: Int
    /// The timings this radio's airtime asks for (`ThreadTimings.forRadio`).
    public let airtimeTimings: ThreadTimings

    public init(radio: Radio, loop: EventLoop<R>, dataset: OperationalDataset, extAddress: ExtendedAddress, seed: UInt64,
                settings: ThreadNode.Settings = ThreadNode.Settings(), macParameters: MACParameters = MACParameters(),
                sensitivityDBm: Int = -100) throws(MeshError) {
        self.sensitivityDBm = sensitivityDBm
        airtimeTimings = ThreadTimings.forRadio(radio)
        node = try ThreadNode(dataset: dataset, extAddress: extAddress, seed: seed, settings: settings)
        let mac = MACLayer(radio: radio, loop: loop, panID: dataset.panID, extendedAddress: extAddress,
                           keys: try KeyManager(networkKey: dataset.networkKey), parameters: macParameters, seed: seed &+ 1)
        link = LinkLayer(mac: mac, contexts: LoWPANContexts.thread(meshLocalPrefix: dataset.meshLocalPrefix))
        node.macFrameCounter = { mac.keys.macFrameCounter }
        // One key sequence for MLE and the MAC: the node owns it (guard, rotation), the MAC follows.
        node.onKeySequenceChanged = { sequence in try? mac.keys.setKeySequence(sequence) }
        mac.onNewerKeySequence = { sequence in self.node.macHeardNewerKeySequence(sequence) }
        link.onPacket = { packet, info in self.receive(packet, info) }
        link.onForward = { payload, mesh, info in self.forward(payload, mesh, info) }
        node.onNetworkDataChanged = { self.networkDataChanged() }
    }

    /// SLAAC addresses, one per prefix with the slaac flag, and the 6LoWPAN contexts follow the
    /// leader's network data; an address goes when its prefix goes.
    func networkDataChanged() {
        let data = node.parsedNetworkData
        var contexts = LoWPANContexts.thread(meshLocalPrefix: node.dataset.meshLocalPrefix)
        var addresses: [IPv6Address] = []
        for p in data.prefixes {
            if let id = p.contextID, id != 0 { try? contexts.set(id: id, prefix: p.prefix) }
            guard p.isSLAAC, p.prefix.length == 64 else { continue }
            // A stable, opaque interface identifier per prefix (RFC 7217 in spirit).
            var r = MeshRandom(seed: node.meshLocalIID ^ p.prefix.address.high)
            addresses.append(ThreadAddresses.withIdentifier(prefix: p.prefix, interfaceIdentifier: r.next() & ~0x0200_0000_0000_0000))
        }
        link.contexts = contexts
        extraAddresses = addresses
    }

    /// `ifconfig up` + `thread start`.
    public func start() throws(MeshError) {
        if !running {
            try link.mac.start()
            running = true
        }
        node.start(nowMillis: nowMillis)
        pump()
    }

    /// `thread stop`.
    public func stopThread() {
        node.stop()
        pump()
    }

    /// `ifconfig down`: the radio stops too.
    public func stop() {
        node.stop()
        if let timer { loop.cancel(timer) }
        timer = nil
        if running { link.mac.stop() }
        running = false
    }

    /// A new dataset (network key, PAN id, prefix…) while the Thread protocol is stopped.
    public func apply(_ dataset: OperationalDataset) throws(MeshError) {
        try node.setDataset(dataset)
        link.mac.panID = dataset.panID
        if link.mac.keys.networkKey != dataset.networkKey {
            link.mac.keys = try KeyManager(networkKey: dataset.networkKey, keySequence: node.keyManager.keySequence)
        }
        link.contexts = LoWPANContexts.thread(meshLocalPrefix: dataset.meshLocalPrefix)
    }

    // MARK: addresses

    /// Unicast addresses in OpenThread's `ipaddr` order: SLAAC, leader ALOC, RLOC, ML-EID, link-local.
    public var unicastAddresses: [IPv6Address] {
        var list = extraAddresses
        if node.role == .leader { list.append(node.leaderALOC) }
        if node.role.isAttached { list.append(node.rlocAddress) }
        list.append(node.meshLocalEID)
        list.append(node.linkLocalAddress)
        return list
    }

    public func owns(_ a: IPv6Address) -> Bool { node.owns(a) || extraAddresses.contains(a) }

    func subscribed(_ a: IPv6Address) -> Bool {
        let prefix = node.dataset.meshLocalPrefix
        return a == ThreadAddresses.linkLocalAllNodes || a == ThreadAddresses.realmLocalAllNodes
            || a == ThreadAddresses.linkLocalAllThreadNodes(meshLocalPrefix: prefix)
            || a == ThreadAddresses.realmLocalAllThreadNodes(meshLocalPrefix: prefix)
            // FTD children subscribe to the all-routers groups too (they answer Address Queries).
            || (node.role.isAttached && (a == ThreadAddresses.linkLocalAllRouters || a == ThreadAddresses.realmLocalAllRouters))
            || (node.role == .detached && a == ThreadAddresses.linkLocalAllRouters)
    }

    // MARK: sending

    /// A UDP datagram from one of our addresses (the source is checked by the API layer).
    public func sendUDP(_ d: ThreadDatagram, hopLimit: UInt8 = 64) {
        let udp = UDPDatagram(sourcePort: d.sourcePort, destinationPort: d.destinationPort, payload: d.payload)
        var header = IPv6Header(payloadLength: 0, nextHeader: IPv6Header.protocolUDP, hopLimit: hopLimit,
                                source: d.source, destination: d.destination)
        var payload = udp.encoded(source: d.source, destination: d.destination)
        if d.destination.isMulticast && d.destination.multicastScope == 3 {
            // Realm-local multicast carries an MPL option (seed = our RLOC16) so routers forward it.
            mplSequence &+= 1
            header.nextHeader = IPv6Header.protocolHopByHop
            payload = [IPv6Header.protocolUDP, 0, 0x6d, 4, 0x40, mplSequence, UInt8(node.rloc16 >> 8), UInt8(node.rloc16 & 0xff)] + payload
            _ = firstSight(mplOption: d.source.bytes + payload[2..<8])
        }
        sendIPv6(IPv6Packet(header: header, payload: payload), mle: d.destinationPort == ThreadTiming.mlePort)
    }

    /// An ICMPv6 echo request.
    public func sendEchoRequest(to destination: IPv6Address, identifier: UInt16, sequence: UInt16, dataBytes: Int, hopLimit: UInt8) {
        let source = sourceAddress(for: destination)
        let data = (0..<max(0, min(dataBytes, 1232))).map { UInt8(truncatingIfNeeded: $0) }
        let icmp = ICMPv6Message.echo(reply: false, identifier: identifier, sequence: sequence, data: data)
        let header = IPv6Header(payloadLength: 0, nextHeader: IPv6Header.protocolICMPv6, hopLimit: hopLimit,
                                source: source, destination: destination)
        sendIPv6(IPv6Packet(header: header, payload: icmp.encoded(source: source, destination: destination)), mle: false)
        pump()
    }

    /// The source address for a destination: link-local for link-local, RLOC for RLOC/ALOC,
    /// else the ML-EID (or a SLAAC address in the same prefix).
    public func sourceAddress(for destination: IPv6Address) -> IPv6Address {
        if destination.isLinkLocalUnicast || (destination.isMulticast && destination.multicastScope <= 2) { return node.linkLocalAddress }
        if let slaac = extraAddresses.first(where: { $0.high == destination.high }) { return slaac }
        if destination.high == node.dataset.meshLocalPrefix.address.high, ThreadAddresses.isLocatorIdentifier(destination.low),
           node.role.isAttached { return node.rlocAddress }
        return node.meshLocalEID
    }

    func sendIPv6(_ packet: IPv6Packet, mle: Bool) {
        let destination = packet.header.destination
        let bytes = packet.encoded
        counters.packetsOut += 1
        if destination.isMulticast {
            link.send(packet: bytes, to: .broadcast, from: .extended(node.extAddress), secure: !mle, completion: noteFailure)
            return
        }
        if owns(destination) {
            loop.schedule(afterMicros: 0) {
                self.receive(bytes, LinkInfo(macSource: .extended(self.node.extAddress), macDestination: .extended(self.node.extAddress),
                                             senderExtended: self.node.extAddress, rssiDBm: 0, lqi: 255, secured: true,
                                             timestampMicros: self.loop.nowMicros))
            }
            return
        }
        if destination.isLinkLocalUnicast {
            let iid = destination.low
            let mac: MACAddress = ThreadAddresses.isLocatorIdentifier(iid)
                ? .short(UInt16(truncatingIfNeeded: iid)) : .extended(ExtendedAddress(interfaceIdentifierValue: iid))
            // MLE goes from the extended address without MAC security, as OpenThread sends
            // Parent, Child ID and Link messages (MLE secures itself).
            link.send(packet: bytes, to: mac, from: mle ? .extended(node.extAddress) : link.preferredSource, secure: !mle,
                      completion: noteFailure)
            return
        }
        guard let rloc = rloc16(for: destination) else {
            if destination.high == node.dataset.meshLocalPrefix.address.high || extraPrefixes.contains(destination.high) {
                queue(bytes, untilResolved: destination)
            } else {
                counters.droppedNoRoute += 1
            }
            return
        }
        route(bytes, toRLOC16: rloc)
    }

    func rloc16(for destination: IPv6Address) -> UInt16? {
        let prefix = node.dataset.meshLocalPrefix
        if let loc = ThreadAddresses.locator16(of: destination, meshLocalPrefix: prefix) {
            return loc == ThreadAddresses.leaderALOC16 ? UInt16(node.leaderData.leaderRouterID) << 10 : loc
        }
        if let child = node.children.first(where: { $0.registeredIIDs.contains(destination.low) }) { return child.rloc16 }
        if let known = eidToRLOC[destination.low] { return known }
        // Unknown EID: resolved by Address Query.
        return nil
    }

    /// Sends a packet towards an RLOC16 with a mesh header when needed.
    func route(_ bytes: [UInt8], toRLOC16 destination: UInt16) {
        guard let hop = nextHopShort(for: destination) else {
            counters.droppedNoRoute += 1
            return
        }
        let mesh: MeshHeader? = hop == destination ? nil
            : MeshHeader(originator: .short(node.rloc16), finalDestination: .short(destination))
        link.send(packet: bytes, to: .short(hop), from: .short(node.rloc16), meshHeader: mesh, secure: true, completion: noteFailure)
    }

    /// The MAC short address of the neighbour that takes a frame for `destination`.
    func nextHopShort(for destination: UInt16) -> UInt16? {
        guard node.role.isAttached else { return nil }
        if node.role == .child { return node.parentRLOC16 }
        let routerID = UInt8(destination >> 10)
        if routerID == node.routerID {
            return node.children.contains { $0.rloc16 == destination } ? destination : nil
        }
        let hop = node.nextHop(toRouter: routerID)
        guard hop <= ThreadTiming.maxRouterID else { return nil }
        return UInt16(hop) << 10
    }

    func forward(_ payload: [UInt8], _ mesh: MeshHeader, _ info: LinkInfo) {
        guard node.role.isRouterOrLeader, info.secured, mesh.hopsLeft > 1, case .short(let final) = mesh.finalDestination,
              let hop = nextHopShort(for: final),
              let (_, length) = try? MeshHeader.decode(payload) else {
            counters.droppedNoRoute += 1
            return
        }
        var next = mesh
        next.hopsLeft -= 1
        // The mesh header stays to the last hop: the IPHC inside elides against its addresses.
        let body = next.encoded + payload[length...]
        counters.forwarded += 1
        link.sendFramePayload(body, to: .short(hop), secure: true)
    }

    func noteFailure(_ result: MACTransmitResult) {
        switch result {
        case .sent: return
        case .failed(let e): lastSendFailure = e.message
        default: lastSendFailure = "\(result)"
        }
    }

    // MARK: receiving

    func receive(_ bytes: [UInt8], _ info: LinkInfo) {
        guard let packet = try? IPv6Packet.decode(bytes) else {
            counters.droppedMalformed += 1
            return
        }
        let h = packet.header
        guard owns(h.destination) || subscribed(h.destination) else {
            // Addressed to someone else without a mesh header: route it on (a child's packet).
            if node.role.isRouterOrLeader, info.secured, !h.destination.isMulticast, h.hopLimit > 1,
               let rloc = rloc16(for: h.destination) {
                var fwd = packet
                fwd.header.hopLimit -= 1
                counters.forwarded += 1
                route(fwd.encoded, toRLOC16: rloc)
            }
            return
        }
        counters.packetsIn += 1
        var nextHeader = h.nextHeader
        var payload = packet.payload
        if nextHeader == IPv6Header.protocolHopByHop {
            // Skip the hop-by-hop header (MPL option on realm-local multicast), forwarding the
            // multicast on once as a router (MPL, RFC 7731, without trickle retransmissions).
            guard payload.count >= 8 else { counters.droppedMalformed += 1; return }
            let length = (Int(payload[1]) + 1) * 8
            guard length <= payload.count else { counters.droppedMalformed += 1; return }
            if h.destination.isMulticast && h.destination.multicastScope == 3 {
                guard firstSight(mplOption: h.source.bytes + payload[2..<length]) else { return }
                if node.role.isRouterOrLeader && h.hopLimit > 1 {
                    var again = packet
                    again.header.hopLimit -= 1
                    counters.multicastForwarded += 1
                    // A random delay (MPL's trickle, reduced to one shot) keeps neighbours'
                    // rebroadcasts from colliding on LoRa.
                    let bytes = again.encoded
                    loop.schedule(afterMicros: 1_000 + node.random.upTo(200) * 1_000) {
                        self.link.send(packet: bytes, to: .broadcast, secure: true, completion: self.noteFailure)
                    }
                }
            }
            nextHeader = payload[0]
            payload = Array(payload[length...])
        }
        switch nextHeader {
        case IPv6Header.protocolUDP:
            guard let udp = try? UDPDatagram.decode(payload, source: h.source, destination: h.destination) else {
                counters.droppedMalformed += 1
                return
            }
            let isThread = udp.destinationPort == ThreadTiming.mlePort || udp.destinationPort == CoAPMessage.threadPort
            // Only MLE may arrive without MAC security (it secures itself).
            guard info.secured || udp.destinationPort == ThreadTiming.mlePort else {
                counters.droppedUnsecured += 1
                return
            }
            let margin = UInt8(clamping: max(0, info.rssiDBm - sensitivityDBm))
            let d = ThreadDatagram(source: h.source, destination: h.destination, sourcePort: udp.sourcePort,
                                   destinationPort: udp.destinationPort, payload: udp.payload, linkMarginDB: margin)
            if udp.destinationPort == CoAPMessage.threadPort, handleAddressResolution(d) {
                pump()
            } else if isThread {
                node.receive(d, nowMillis: nowMillis)
                pump()
            } else {
                onDatagram?(d)
            }
        case IPv6Header.protocolICMPv6:
            guard info.secured, let icmp = try? ICMPv6Message.decode(payload, source: h.source, destination: h.destination) else {
                counters.droppedUnsecured += 1
                return
            }
            if let reply = icmp.echoReplyMessage {
                let source = h.destination.isMulticast ? sourceAddress(for: h.source) : h.destination
                let header = IPv6Header(payloadLength: 0, nextHeader: IPv6Header.protocolICMPv6, hopLimit: 64,
                                        source: source, destination: h.source)
                counters.echoRepliesSent += 1
                sendIPv6(IPv6Packet(header: header, payload: reply.encoded(source: source, destination: h.source)), mle: false)
            } else if icmp.type == ICMPv6Message.echoReply && icmp.isEcho {
                onEchoReply?(EchoReply(source: h.source, sequence: icmp.echoSequence, identifier: icmp.echoIdentifier,
                                       hopLimit: h.hopLimit, dataBytes: icmp.echoData.count, receivedMicros: loop.nowMicros))
            }
        default:
            break
        }
    }

    // MARK: timers

    /// Sends what the Thread logic queued, syncs the MAC with it, re-arms the timer.
    public func pump() {
        let mac = link.mac
        mac.shortAddress = node.role.isAttached ? node.rloc16 : .invalidShort
        for n in node.knownNeighbors { mac.neighbors.setShortAddress(n.rloc16, for: n.ext) }
        while !node.outbox.isEmpty {
            let out = node.outbox
            node.outbox = []
            for d in out { sendUDP(d, hopLimit: d.destinationPort == ThreadTiming.mlePort ? 255 : 64) }
        }
        if let timer { loop.cancel(timer) }
        timer = nil
        if let next = node.nextDeadlineMillis {
            timer = loop.schedule(at: max(next, nowMillis + 1) * 1000) {
                self.timer = nil
                self.node.tick(nowMillis: self.nowMillis)
                self.pump()
            }
        }
    }
}
