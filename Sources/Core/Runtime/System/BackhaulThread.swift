import CLinux

/// A UDP socket served by its own pthread (CLinux's lk_backhaul): name
/// resolution, sendto and recvfrom never run on the radio loop. The loop
/// polls `wakeDescriptor` (an eventfd) and takes what is waiting; sends are
/// queued (bounded: 16 datagrams each way) and return at once.
public final class BackhaulThread {
    public let socket: UDPSocket
    private let handle: OpaquePointer

    /// `family` 0: a dual-stack socket (IPv6, reaching IPv4 peers as well).
    public init(family: UInt8 = 0, bindPort: UInt16 = 0, loopbackOnly: Bool = false) throws(SystemError) {
        socket = try UDPSocket(family: family, bindPort: bindPort, loopbackOnly: loopbackOnly)
        var started: OpaquePointer?
        let rc = lk_backhaul_start(socket.descriptor, &started)
        guard rc == 0, let started else {
            socket.close()
            throw SystemError("start the backhaul thread", errno: Int(rc))
        }
        handle = started
    }

    deinit {
        lk_backhaul_stop(handle)
        socket.close()
    }

    /// Readable when a datagram, a resolution answer or a send error waits.
    public var wakeDescriptor: Int32 { lk_backhaul_wake_fd(handle) }

    /// Queues one datagram; throws when the queue is full (the server is
    /// not keeping up: the caller's own retry rules apply).
    public func send(_ bytes: [UInt8], to address: SocketAddress) throws(SystemError) {
        var raw = address.raw
        let rc = bytes.withUnsafeBufferPointer { lk_backhaul_send(handle, $0.baseAddress, $0.count, &raw) }
        if rc < 0 { throw SystemError("sendto \(address.description)", errno: Int(rc)) }
    }

    /// One received datagram, or nil; a failed send is reported here once.
    public func receive(into buffer: inout [UInt8]) throws(SystemError) -> (count: Int, from: SocketAddress)? {
        let failed = lk_backhaul_take_send_error(handle)
        if failed < 0 { throw SystemError("sendto", errno: failed) }
        var raw = lk_address()
        let received = buffer.withUnsafeMutableBufferPointer { lk_backhaul_receive(handle, $0.baseAddress, $0.count, &raw) }
        if received == -Int(Syscalls.EAGAIN) { return nil }
        if received < 0 { throw SystemError("recvfrom", errno: received) }
        return (received, SocketAddress(raw))
    }

    /// Starts resolving on the thread (false while one is pending).
    @discardableResult
    public func resolve(host: String, port: UInt16) -> Bool {
        host.withCString { lk_backhaul_resolve(handle, $0, port) } == 0
    }

    /// The answer of the last `resolve`, once it is there.
    public func takeResolution(host: String) -> Result<SocketAddress, SystemError>? {
        var raw = lk_address()
        let rc = lk_backhaul_take_resolution(handle, &raw)
        if rc == 0 { return nil }
        if rc > 0 { return .success(SocketAddress(raw)) }
        return .failure(Resolver.failure(host: host, code: rc))
    }

    /// Datagrams dropped because the loop did not take them in time.
    public var droppedDatagrams: UInt64 { lk_backhaul_dropped(handle) }
}
