import Runtime

/// One UDP association with the network server (lora_pkt_fwd opens one for
/// the up port, one for the down port). Generic, so tests plug in an
/// in-process fake network.
public protocol DatagramTransport {
    /// Readable when a datagram is waiting; -1: check after every loop wait.
    var descriptor: Int32 { get }
    /// Resolves the server (blocking; called from an alarm with backoff).
    mutating func resolve(host: String, port: UInt16) -> Result<SocketAddress, SystemError>
    mutating func send(_ bytes: [UInt8], to address: SocketAddress) throws(SystemError)
    /// One waiting datagram into `buffer`, or nil.
    mutating func receive(into buffer: inout [UInt8]) throws(SystemError) -> (count: Int, from: SocketAddress)?
}

/// The real thing: a non-blocking UDP socket and getaddrinfo.
public struct UDPTransport: DatagramTransport {
    public let socket: UDPSocket

    public init(family: UInt8 = 4) throws(SystemError) { socket = try UDPSocket(family: family) }

    public var descriptor: Int32 { socket.descriptor }

    public mutating func resolve(host: String, port: UInt16) -> Result<SocketAddress, SystemError> {
        Resolver.resolveUDP(host: host, port: port)
    }

    public mutating func send(_ bytes: [UInt8], to address: SocketAddress) throws(SystemError) {
        try socket.send(bytes, to: address)
    }

    public mutating func receive(into buffer: inout [UInt8]) throws(SystemError) -> (count: Int, from: SocketAddress)? {
        try socket.receive(into: &buffer, capacity: 4_096)
    }
}
