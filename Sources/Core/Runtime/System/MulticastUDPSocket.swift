import CLinux

/// IPv4 multicast UDP sockets (OpenThread's simulation radio: frames to
/// 224.0.0.116 on loopback). Thin wrappers over the C shim; sending and
/// receiving go through `UDPSocket`.
public enum MulticastUDPSocket {
    /// A receiver on `port` (shared with other processes: SO_REUSEPORT),
    /// joined to `group` on the interface with address `interface`.
    public static func receiver(group: [UInt8], port: UInt16, interface: [UInt8]) throws(SystemError) -> UDPSocket {
        guard group.count == 4 && interface.count == 4 else {
            throw SystemError("join multicast group", errno: -Int(LK_EINVAL))
        }
        let fd = group.withUnsafeBufferPointer { g in
            interface.withUnsafeBufferPointer { i in lk_udp_open_multicast_receiver(g.baseAddress, port, i.baseAddress) }
        }
        if fd < 0 { throw SystemError("join multicast group on port \(port)", errno: Int(fd)) }
        return UDPSocket(descriptor: fd)
    }

    /// A sender bound to `address`:`port` that multicasts on that interface
    /// with loopback on.
    public static func sender(address: [UInt8], port: UInt16) throws(SystemError) -> UDPSocket {
        guard address.count == 4 else { throw SystemError("bind multicast sender", errno: -Int(LK_EINVAL)) }
        let fd = address.withUnsafeBufferPointer { lk_udp_open_multicast_sender($0.baseAddress, port) }
        if fd < 0 { throw SystemError("bind UDP port \(port) for multicast", errno: Int(fd)) }
        return UDPSocket(descriptor: fd)
    }
}

extension UDPSocket {
    /// Adopts a descriptor opened by a C shim.
    init(descriptor: Int32) { self.descriptor = descriptor }
}
