/// Border routers and the leader's network data (Thread 1.1 §5.13, §5.15): a node with local
/// prefixes registers them with the leader (Server Data `a/sd` carrying a Thread Network Data
/// TLV); the leader merges every border router's entries, assigns 6LoWPAN contexts, bumps the
/// data versions and the routers fetch the new data (Data Request/Response).
extension ThreadNode {
    public static let serverDataURI = "a/sd"
    static let threadNetworkDataTLV: UInt8 = 10

    /// The leader's network data, parsed (empty when malformed).
    public var parsedNetworkData: NetworkData { (try? NetworkData(decoding: networkData)) ?? NetworkData() }

    /// `prefix add` / Pymesh `border_router(prefix, preference)`: takes effect on `registerLocalNetworkData`.
    public func addLocalPrefix(_ prefix: IPv6Prefix, flags: UInt16, stable: Bool) {
        localPrefixes.removeAll { $0.prefix == prefix }
        localPrefixes.append(NetworkData.Prefix(prefix: prefix, stable: stable, borderRouters: [NetworkData.BorderRouter(rloc16: rloc16, flags: flags)]))
    }

    public func removeLocalPrefix(_ prefix: IPv6Prefix) -> Bool {
        let before = localPrefixes.count
        localPrefixes.removeAll { $0.prefix == prefix }
        return localPrefixes.count != before
    }

    /// `netdata register`: the leader merges its own data; others notify the leader.
    public func registerLocalNetworkData() {
        guard role.isAttached else { return }
        let local = NetworkData(prefixes: localPrefixes.map { p in
            var q = p
            q.borderRouters = q.borderRouters.map { NetworkData.BorderRouter(rloc16: rloc16, flags: $0.flags) }
            return q
        })
        if role == .leader {
            mergeServerData(local, from: rloc16)
            return
        }
        var payload: [UInt8] = []
        MLETLV(type: Self.threadNetworkDataTLV, value: local.encoded).encode(into: &payload)
        var r: [UInt8] = []
        MLEBytes.put16(rloc16, &r)
        MLETLV(type: ThreadTLVType.rloc16, value: r).encode(into: &payload)
        sendCoAP(CoAPMessage(kind: .confirmable, code: CoAPMessage.post, messageID: nextCoAPMessageID(), token: random.bytes(4),
                             uriPath: Self.serverDataURI, payload: payload), to: leaderALOC)
        registeredLocalData = true
    }

    func handleServerData(_ m: CoAPMessage, datagram d: ThreadDatagram) {
        guard role == .leader else { return }
        sendCoAP(m.acknowledgement(code: CoAPMessage.changed, payload: []), to: d.source)
        guard let bytes = ThreadTLVType.find(Self.threadNetworkDataTLV, in: m.payload),
              let local = try? NetworkData(decoding: bytes) else { return }
        let from = ThreadAddresses.locator16(of: d.source, meshLocalPrefix: dataset.meshLocalPrefix)
            ?? local.prefixes.first?.borderRouters.first?.rloc16
        guard let from else { return }
        mergeServerData(local, from: from)
    }

    func mergeServerData(_ local: NetworkData, from rloc: UInt16) {
        var merged = parsedNetworkData
        merged.replaceEntries(of: rloc, with: local)
        let bytes = merged.encoded
        guard bytes != networkData else { return }
        networkData = bytes
        leaderNetworkDataChanged(stable: true)
        // OpenThread's leader multicasts the new data too (Data Response to ff02::1).
        var r = MLEMessage(.dataResponse)
        r.append(MLESourceAddress(raw: rloc16))
        r.append(leaderData)
        r.append(MLENetworkDataTLV(value: networkData))
        r.append(MLEActiveTimestamp(raw: dataset.activeTimestamp))
        sendMLE(r, to: ThreadAddresses.linkLocalAllNodes)
    }

    /// The leader drops the entries of routers whose id it released.
    func dropServerData(of routerID: UInt8) {
        var merged = parsedNetworkData
        let before = merged
        for i in merged.prefixes.indices { merged.prefixes[i].borderRouters.removeAll { $0.rloc16 >> 10 == UInt16(routerID) } }
        merged.prefixes.removeAll { $0.borderRouters.isEmpty }
        guard merged != before else { return }
        networkData = merged.encoded
        leaderNetworkDataChanged(stable: true)
    }
}
