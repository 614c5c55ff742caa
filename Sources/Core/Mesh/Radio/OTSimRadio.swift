import Runtime

/// OpenThread's simulation radio transport (examples/platforms/simulation,
/// ../shared/tools/openthread/README.md): one UDP datagram per frame,
/// `channel ‖ PSDU`, sent to 224.0.0.116 port 9000 + 34·PORT_OFFSET from
/// 127.0.0.1 port 9000 + 34·PORT_OFFSET + NODEID. The sender's node id is
/// its source port; a node drops its own frames and other channels' frames.
/// No airtime, no loss, RSSI −20 dBm. Immediate ACKs are sent by the MAC
/// above (OpenThread's simulated radio sends them itself; on the wire it is
/// the same 5-byte frame).
public struct OTSimRadio: MeshRadio {
    public static let group: [UInt8] = [224, 0, 0, 116]
    public static let loopback: [UInt8] = [127, 0, 0, 1]
    public static let basePort = 9000
    public static let portsPerOffset = 34
    public static let maxNodeID = 33

    public let nodeID: Int
    public let portOffset: Int
    /// 11–26 (802.15.4 2.4 GHz channel numbers; here only a filter byte).
    public var channel: UInt8
    private var receiver: UDPSocket?
    private var sender: UDPSocket?
    private var pending: [MeshRadioEvent] = []
    private var buffer: [UInt8] = []
    /// Datagrams dropped: too short or long, other channel, own.
    public private(set) var droppedDatagrams = 0

    public init(nodeID: Int, portOffset: Int = 0, channel: UInt8 = 11) throws(MeshError) {
        guard nodeID >= 1 && nodeID <= OTSimRadio.maxNodeID else {
            throw MeshError(.invalidArgument, "ot-sim node id \(nodeID): allowed 1-\(OTSimRadio.maxNodeID)")
        }
        guard portOffset >= 0 && portOffset <= 1000 else {
            throw MeshError(.invalidArgument, "PORT_OFFSET \(portOffset): allowed 0-1000")
        }
        guard channel >= 11 && channel <= 26 else {
            throw MeshError(.invalidArgument, "channel \(channel): allowed 11-26")
        }
        self.nodeID = nodeID
        self.portOffset = portOffset
        self.channel = channel
    }

    public var groupPort: UInt16 { UInt16(OTSimRadio.basePort + OTSimRadio.portsPerOffset * portOffset) }
    public var nodePort: UInt16 { groupPort + UInt16(nodeID) }

    /// OpenThread's simulated EUI-64 for this node id.
    public var factoryExtendedAddress: ExtendedAddress { .openThreadSimulation(nodeID: UInt32(nodeID)) }

    public var eventDescriptor: Int32 { receiver?.descriptor ?? -1 }

    public mutating func start() throws(MeshError) {
        guard receiver == nil else { return }
        do {
            receiver = try MulticastUDPSocket.receiver(group: OTSimRadio.group, port: groupPort,
                                                       interface: OTSimRadio.loopback)
            sender = try MulticastUDPSocket.sender(address: OTSimRadio.loopback, port: nodePort)
        } catch {
            stop()
            throw MeshError(.radio, "ot-sim node \(nodeID): \(error.message)")
        }
    }

    public mutating func stop() {
        receiver?.close()
        sender?.close()
        receiver = nil
        sender = nil
    }

    public mutating func transmit(_ psdu: [UInt8]) throws(MeshError) {
        guard !psdu.isEmpty && psdu.count <= MACFrame.maxPSDUBytes else {
            throw MeshError(.invalidArgument, "PSDU of \(psdu.count) bytes: allowed 1-127")
        }
        guard let sender else { throw MeshError(.radio, "ot-sim node \(nodeID): radio not started") }
        do {
            try sender.send([channel] + psdu, to: SocketAddress(family: 4, bytes: OTSimRadio.group, port: groupPort))
        } catch {
            throw MeshError(.radio, error.message)
        }
        pending.append(.transmitDone)
    }

    /// No CCA model on the simulation radio: the channel is always clear.
    public mutating func startChannelActivityDetection() throws(MeshError) {
        pending.append(.channelActivity(busy: false))
    }

    public mutating func nextEvent() throws(MeshError) -> MeshRadioEvent? {
        if !pending.isEmpty { return pending.removeFirst() }
        guard let receiver else { return nil }
        while true {
            let received: (count: Int, from: SocketAddress)?
            do {
                received = try receiver.receive(into: &buffer, capacity: 2048)
            } catch {
                throw MeshError(.radio, error.message)
            }
            guard let (count, from) = received else { return nil }
            if let psdu = accept(Array(buffer.prefix(min(count, buffer.count))), count: count, fromPort: from.port) {
                // Stamped on CLOCK_MONOTONIC, the time base of the PollReactor loop it runs on.
                return .received(ReceivedPSDU(psdu: psdu, rssiDBm: -20, lqi: 255,
                                              timestampMicros: SystemMonotonicClock().nowMicros()))
            }
        }
    }

    /// The PSDU of a datagram meant for us, or nil (counted).
    mutating func accept(_ datagram: [UInt8], count: Int, fromPort: UInt16) -> [UInt8]? {
        guard count >= 2 && count <= 1 + MACFrame.maxPSDUBytes && datagram.count == count else {
            droppedDatagrams += 1
            return nil
        }
        guard fromPort != nodePort, datagram[0] == channel else {
            droppedDatagrams += 1
            return nil
        }
        return Array(datagram[1...])
    }

    /// The node id behind a datagram's source port (nil outside 1–33).
    public func senderNodeID(fromPort port: UInt16) -> Int? {
        let id = Int(port) - Int(groupPort)
        return id >= 1 && id <= OTSimRadio.maxNodeID ? id : nil
    }

    public func airtimeMicros(psduBytes: Int) -> UInt64 { 0 }
    public var channelActivityDetectionMicros: UInt64 { 0 }
    public var turnaroundMicros: UInt64 { 0 }
}
