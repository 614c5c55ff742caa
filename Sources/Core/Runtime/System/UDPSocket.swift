import CLinux

/// A non-blocking UDP socket (thin wrapper; errors name the operation and errno).
public struct UDPSocket {
    public let descriptor: Int32

    /// Opens a socket for `family` (4 or 6), bound to `port` on the wildcard
    /// address (0: ephemeral) or on loopback only.
    public init(family: UInt8 = 4, bindPort port: UInt16 = 0, loopbackOnly: Bool = false) throws(SystemError) {
        let fd = lk_udp_open(family, port, loopbackOnly ? 1 : 0)
        if fd < 0 { throw SystemError("bind UDP port \(port)", errno: Int(fd)) }
        descriptor = fd
    }

    /// Sends one datagram.
    public func send(_ bytes: [UInt8], to address: SocketAddress) throws(SystemError) {
        var raw = address.raw
        let sent = bytes.withUnsafeBufferPointer { lk_udp_send(descriptor, $0.baseAddress, $0.count, &raw) }
        if sent < 0 { throw SystemError("sendto \(address.description)", errno: sent) }
    }

    /// Receives one datagram into `buffer` (resized to its length) without
    /// waiting; nil when none is queued. Truncated datagrams keep their
    /// true length in `count` so the caller can reject them.
    public func receive(into buffer: inout [UInt8], capacity: Int = 65_536) throws(SystemError)
        -> (count: Int, from: SocketAddress)?
    {
        if buffer.count < capacity { buffer = [UInt8](repeating: 0, count: capacity) }
        var raw = lk_address()
        let received = buffer.withUnsafeMutableBufferPointer { lk_udp_receive(descriptor, $0.baseAddress, $0.count, &raw) }
        if received == -Int(Syscalls.EAGAIN) { return nil }
        if received < 0 { throw SystemError("recvfrom", errno: received) }
        return (received, SocketAddress(raw))
    }

    /// The local port (after binding to 0).
    public var localPort: UInt16 {
        let port = lk_socket_port(descriptor)
        return port > 0 ? UInt16(port) : 0
    }

    public func close() { lk_close(descriptor) }
}
