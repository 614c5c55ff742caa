import Runtime

/// Pycom's Pymesh API (seed 002) on a Lorikeet mesh node: `Mesh(radio:key:…)` starts the node
/// by itself, as the seed's `Mesh()` does; the calls answer what the seed documents, in its
/// forms and order. After `deinit()` every call answers nothing (0, empty, nil).
public final class Pymesh<Radio: MeshRadio, R: Reactor> {
    public struct Neighbor: Equatable, Sendable {
        public var mac: UInt64
        public var role: Int
        public var rloc16: Int
        public var rssi: Int
        public var age: Int
    }

    public struct Router: Equatable, Sendable {
        public var mac: UInt64
        public var rloc16: Int
        public var id: Int
        public var pathCost: Int
        public var age: Int
    }

    public struct Leader: Equatable, Sendable {
        public var partID: UInt32
        public var mac: UInt64
        public var rloc16: Int
    }

    public struct BorderRouterEntry: Equatable, Sendable {
        public var net: String
        public var preference: Int
    }

    public static var maxSockets: Int { 3 }

    public private(set) var stack: MeshStack<Radio, R>?
    var cliEngine: MeshCLI<Radio, R>?
    var cliLines: [String] = []
    /// Lines the cli printed after its command returned (ping replies, `udp` datagrams).
    public private(set) var laterOutput: [String] = []
    var capturing = false
    var sockets: [PymeshSocket] = []
    var rxCallback: (() -> Void)?

    /// `Mesh(key=…)`: 1-16 key bytes (zero-padded, as the seed's `112233`); the node starts.
    public init(radio: Radio, loop: EventLoop<R>, key: [UInt8] = NetworkKey.pymeshDefault.bytes, extAddress: ExtendedAddress,
                seed: UInt64, dataset: OperationalDataset = .pymeshDefault, settings: ThreadNode.Settings = ThreadNode.Settings(),
                sensitivityDBm: Int = -100) throws(MeshError) {
        var d = dataset
        d.networkKey = try NetworkKey(pymeshKey: key)
        let stack = try MeshStack(radio: radio, loop: loop, dataset: d, extAddress: extAddress, seed: seed, settings: settings,
                                  sensitivityDBm: sensitivityDBm)
        let cli = MeshCLI(stack: stack) { _ in }
        self.stack = stack
        cliEngine = cli
        cli.output = { line in
            if self.capturing { self.cliLines.append(line) } else if self.laterOutput.count < 64 { self.laterOutput.append(line) }
        }
        stack.onDatagram = { d in self.deliver(d) }
        cli.interfaceUp = true
        try stack.start()
    }

    var node: ThreadNode? { stack?.node }

    /// DISABLED 0, DETACHED 1, CHILD 2, ROUTER 3, LEADER 4.
    public func state() -> Int { Int(node?.role.rawValue ?? 0) }

    /// True when this node is the only router or leader of its partition.
    public func single() -> Bool {
        guard let n = node, n.role.isRouterOrLeader else { return false }
        return n.routers.count <= 1
    }

    /// Unicast addresses as the seed lists them: SLAAC, leader ALOC, RLOC, ML-EID, link-local.
    public func ipaddr() -> [String] { stack?.unicastAddresses.map { $0.description } ?? [] }

    public func rloc() -> Int { node.map { $0.role.isAttached ? Int($0.rloc16) : 0 } ?? 0 }

    public func neighbors() -> [Neighbor] {
        guard let n = node, let s = stack else { return [] }
        let now = s.nowMillis
        var list: [Neighbor] = []
        for r in n.routers where r.linkEstablished && !(n.role.isRouterOrLeader && r.routerID == n.routerID) {
            list.append(Neighbor(mac: r.extAddress?.value ?? 0, role: 3, rloc16: Int(r.rloc16), rssi: -20,
                                 age: Int(min((now &- r.lastHeardMillis) / 1000, 100_000))))
        }
        for c in n.children {
            list.append(Neighbor(mac: c.extAddress.value, role: 2, rloc16: Int(c.rloc16), rssi: -20,
                                 age: Int(min((now &- c.lastHeardMillis) / 1000, 100_000))))
        }
        if let p = n.parentRLOC16, let ext = n.knownNeighbors.first(where: { $0.rloc16 == p })?.ext {
            list.append(Neighbor(mac: ext.value, role: 3, rloc16: Int(p), rssi: -20, age: 0))
        }
        return list
    }

    /// Routers with the seed's path cost (0 for a neighbour and ourselves: hops − 1).
    public func routers() -> [Router] {
        guard let n = node, let s = stack else { return [] }
        let now = s.nowMillis
        return n.routers.sorted { $0.routerID < $1.routerID }.map { r in
            let me = n.role.isRouterOrLeader && r.routerID == n.routerID
            let cost = me ? 0 : max(Int(n.pathCost(toRouter: r.routerID)) - 1, 0)
            return Router(mac: me ? n.extAddress.value : (r.extAddress?.value ?? 0), rloc16: Int(r.rloc16), id: Int(r.routerID),
                          pathCost: cost, age: me ? 0 : Int(min((now &- r.lastHeardMillis) / 1000, 100_000)))
        }
    }

    public func leader() -> Leader? {
        guard let n = node, n.role.isAttached else { return nil }
        let id = n.leaderData.leaderRouterID
        let mac = n.role == .leader ? n.extAddress.value : (n.routers.first { $0.routerID == id }?.extAddress?.value ?? 0)
        return Leader(partID: n.leaderData.partitionID, mac: mac, rloc16: Int(UInt16(id) << 10))
    }

    /// `rx_cb(handler, argument)`: called when a datagram arrives on any socket.
    public func rxCallback(_ handler: @escaping () -> Void) { rxCallback = handler }

    /// `border_router(prefix, preference)`: preference −1 low, 0 normal, 1 high.
    public func borderRouter(_ prefix: String, preference: Int) throws(MeshError) {
        guard let n = node, let s = stack else { throw MeshError(.invalidArgument, "Pymesh is deinitialised") }
        let p = try IPv6Prefix(parsing: prefix)
        guard p.length == 64 else { throw MeshError(.invalidArgument, "border router prefix \(prefix) must be a /64") }
        guard (-1...1).contains(preference) else { throw MeshError(.invalidArgument, "preference \(preference): allowed -1, 0, 1") }
        let pref: UInt16 = preference == 1 ? 1 : (preference == -1 ? 3 : 0)
        n.addLocalPrefix(p, flags: NetworkData.Flag.preferred | NetworkData.Flag.slaac | NetworkData.Flag.onMesh
            | NetworkData.Flag.defaultRoute | pref << 14, stable: true)
        n.registerLocalNetworkData()
        s.pump()
    }

    /// `border_router()`: this node's entries.
    public func borderRouter() -> [BorderRouterEntry] {
        (node?.localPrefixes ?? []).map { BorderRouterEntry(net: $0.prefix.description, preference: $0.borderRouters.first?.preference ?? 0) }
    }

    /// `border_router_del(prefix)`.
    public func borderRouterDelete(_ prefix: String) throws(MeshError) {
        guard let n = node, let s = stack else { throw MeshError(.invalidArgument, "Pymesh is deinitialised") }
        guard n.removeLocalPrefix(try IPv6Prefix(parsing: prefix)) else {
            throw MeshError(.invalidArgument, "\(prefix) is not a border router prefix of this node")
        }
        n.registerLocalNetworkData()
        s.pump()
    }

    /// `cli(command)`: OpenThread's command, its output lines (without `Done`) joined by "\r\n".
    public func cli(_ command: String) -> String {
        guard let c = cliEngine else { return "" }
        capturing = true
        cliLines = []
        c.execute(command)
        capturing = false
        return cliLines.filter { $0 != "Done" }.joined(separator: "\r\n")
    }

    /// Takes what the cli printed since (ping replies and summaries).
    public func takeLaterOutput() -> [String] {
        defer { laterOutput = [] }
        return laterOutput
    }

    /// `deinit()`: the node stops; every call answers nothing afterwards.
    public func `deinit`() {
        stack?.stop()
        for s in sockets { s.detach() }
        sockets = []
        cliEngine = nil
        stack = nil
    }

    // MARK: sockets

    /// `socket.socket(AF_LORA, SOCK_RAW)`: at most three.
    public func socket() throws(MeshError) -> PymeshSocket {
        guard stack != nil else { throw MeshError(.invalidArgument, "Pymesh is deinitialised") }
        guard sockets.count < Self.maxSockets else { throw MeshError(.resource, "at most \(Self.maxSockets) Pymesh sockets") }
        let s = PymeshSocket(send: { d in self.send(d) }, owns: { a in self.owns(a) },
                             source: { a in self.source(for: a) }, close: { s in self.close(s) })
        sockets.append(s)
        return s
    }

    func close(_ socket: PymeshSocket) { sockets.removeAll { $0 === socket } }

    func owns(_ address: IPv6Address) -> Bool { stack?.owns(address) ?? false }

    func send(_ d: ThreadDatagram) {
        stack?.sendUDP(d)
        stack?.pump()
    }

    func source(for destination: IPv6Address) -> IPv6Address? { stack?.sourceAddress(for: destination) }

    func deliver(_ d: ThreadDatagram) {
        var taken = false
        for s in sockets where s.accepts(d) {
            s.enqueue(d)
            taken = true
        }
        if taken { rxCallback?() }
        cliEngine?.deliver(d)
    }
}

/// A Pymesh UDP socket: `bind`, `sendto`, `recvfrom`, `close`, with a small bounded queue.
public final class PymeshSocket {
    public static var portRange: ClosedRange<Int> { 1024...63535 }
    public static var queueLimit: Int { 4 }

    /// False once closed or its Pymesh is deinitialised (it must not outlive its Pymesh).
    public private(set) var alive = true
    var sendHandler: ((ThreadDatagram) -> Void)?
    var ownsAddress: ((IPv6Address) -> Bool)?
    var sourceFor: ((IPv6Address) -> IPv6Address?)?
    var closeHandler: ((PymeshSocket) -> Void)?
    public private(set) var port: UInt16?
    public private(set) var address: IPv6Address?
    var queue: [ThreadDatagram] = []
    public private(set) var droppedQueueFull = 0

    init(send: @escaping (ThreadDatagram) -> Void, owns: @escaping (IPv6Address) -> Bool,
         source: @escaping (IPv6Address) -> IPv6Address?, close: @escaping (PymeshSocket) -> Void) {
        sendHandler = send
        ownsAddress = owns
        sourceFor = source
        closeHandler = close
    }

    func detach() {
        alive = false
        sendHandler = nil
        ownsAddress = nil
        sourceFor = nil
        closeHandler = nil
        port = nil
        queue = []
    }

    /// `bind(port)` or `bind((address, port))`; port 1024–63535, address one of ours.
    public func bind(port: Int, address text: String? = nil) throws(MeshError) {
        guard alive else { throw MeshError(.invalidArgument, "socket of a deinitialised Pymesh") }
        guard Self.portRange.contains(port) else { throw MeshError(.invalidArgument, "port \(port) outside 1024-63535") }
        if let text, text != "::" {
            let a = try IPv6Address(parsing: text)
            guard ownsAddress?(a) == true else { throw MeshError(.invalidArgument, "\(text) is not an address of this node") }
            address = a
        } else {
            address = nil
        }
        self.port = UInt16(port)
    }

    /// `sendto(bytes, (ip, port))`: the number of bytes sent.
    @discardableResult
    public func sendto(_ bytes: [UInt8], address text: String, port: Int) throws(MeshError) -> Int {
        guard alive, let sourceFor, let sendHandler else { throw MeshError(.invalidArgument, "socket of a deinitialised Pymesh") }
        guard (1...65535).contains(port) else { throw MeshError(.invalidArgument, "destination port \(port) outside 1-65535") }
        guard bytes.count <= 1232 else { throw MeshError(.invalidArgument, "datagram of \(bytes.count) bytes exceeds 1232") }
        let destination = try IPv6Address(parsing: text)
        guard let source = address ?? sourceFor(destination) else { throw MeshError(.invalidArgument, "no source address") }
        sendHandler(ThreadDatagram(source: source, destination: destination, sourcePort: self.port ?? 49153,
                                   destinationPort: UInt16(port), payload: bytes))
        return bytes.count
    }

    /// `recvfrom(bufsize)`: (data, (address, port)), nil when nothing is queued.
    public func recvfrom(_ bufsize: Int) -> (data: [UInt8], address: String, port: Int)? {
        guard !queue.isEmpty, bufsize > 0 else { return nil }
        let d = queue.removeFirst()
        return (Array(d.payload.prefix(bufsize)), d.source.description, Int(d.sourcePort))
    }

    public func close() {
        closeHandler?(self)
        detach()
    }

    func accepts(_ d: ThreadDatagram) -> Bool {
        guard let port, d.destinationPort == port else { return false }
        return address == nil || address == d.destination
    }

    func enqueue(_ d: ThreadDatagram) {
        guard queue.count < Self.queueLimit else { droppedQueueFull += 1; return }
        queue.append(d)
    }
}
