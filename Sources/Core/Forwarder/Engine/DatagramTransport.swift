import Runtime

/// One UDP association with the network server (lora_pkt_fwd opens one for
/// the up port, one for the down port). Generic, so tests plug in an
/// in-process fake network on the virtual clock.
///
/// Nothing here may block the radio loop: name resolution is asked for and
/// answered later (`takeResolution`, when `descriptor` is readable), sends
/// are handed over. `BackhaulTransport` does both on its own thread.
public protocol DatagramTransport {
    /// Readable when a datagram or a resolution answer is waiting; -1: check after every loop wait.
    var descriptor: Int32 { get }
    /// Starts resolving the server; the answer comes from `takeResolution()`.
    mutating func requestResolve(host: String, port: UInt16)
    mutating func takeResolution() -> Result<SocketAddress, SystemError>?
    mutating func send(_ bytes: [UInt8], to address: SocketAddress) throws(SystemError)
    /// One waiting datagram into `buffer`, or nil.
    mutating func receive(into buffer: inout [UInt8]) throws(SystemError) -> (count: Int, from: SocketAddress)?
}

/// A non-blocking UDP socket on the radio loop with a blocking getaddrinfo
/// (the pre-thread transport, kept for tools; the gateway uses
/// `BackhaulTransport`, which resolves and sends on its own thread).
public struct UDPTransport: DatagramTransport {
    public let socket: UDPSocket
    private var answer: Result<SocketAddress, SystemError>?

    public init(family: UInt8 = 0) throws(SystemError) { socket = try UDPSocket(family: family) }

    public var descriptor: Int32 { socket.descriptor }

    public mutating func requestResolve(host: String, port: UInt16) {
        answer = Resolver.resolveUDP(host: host, port: port)
    }

    public mutating func takeResolution() -> Result<SocketAddress, SystemError>? {
        defer { answer = nil }
        return answer
    }

    public mutating func send(_ bytes: [UInt8], to address: SocketAddress) throws(SystemError) {
        try socket.send(bytes, to: address)
    }

    public mutating func receive(into buffer: inout [UInt8]) throws(SystemError) -> (count: Int, from: SocketAddress)? {
        try socket.receive(into: &buffer, capacity: 4_096)
    }
}

/// The gateway's transport: a `BackhaulThread` resolves, sends and receives
/// off the radio loop; the loop sees an eventfd and bounded queues.
public struct BackhaulTransport: DatagramTransport {
    public let thread: BackhaulThread
    private var host = ""

    public init(family: UInt8 = 0) throws(SystemError) { thread = try BackhaulThread(family: family) }

    public var descriptor: Int32 { thread.wakeDescriptor }

    private var refused: SystemError?

    public mutating func requestResolve(host: String, port: UInt16) {
        self.host = host
        if !thread.resolve(host: host, port: port) {  // a name too long for getaddrinfo, or one already pending
            refused = SystemError(operation: "resolve", code: -1, message: "cannot resolve \(host): not accepted by the backhaul thread")
        }
    }

    public mutating func takeResolution() -> Result<SocketAddress, SystemError>? {
        if let refused {
            self.refused = nil
            return .failure(refused)
        }
        return thread.takeResolution(host: host)
    }

    public mutating func send(_ bytes: [UInt8], to address: SocketAddress) throws(SystemError) {
        try thread.send(bytes, to: address)
    }

    public mutating func receive(into buffer: inout [UInt8]) throws(SystemError) -> (count: Int, from: SocketAddress)? {
        try thread.receive(into: &buffer)
    }
}
