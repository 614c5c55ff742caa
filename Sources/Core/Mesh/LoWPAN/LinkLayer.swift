import Runtime

/// Where an IPv6 packet came from on the link.
public struct LinkInfo: Equatable, Sendable {
    public var macSource: MACAddress
    public var macDestination: MACAddress
    public var senderExtended: ExtendedAddress?
    public var rssiDBm: Int
    public var lqi: UInt8
    public var secured: Bool
    public var timestampMicros: UInt64
}

/// The 6LoWPAN adaptation over the MAC: an IPv6 packet becomes one frame
/// or a train of fragments (IPHC-compressed against `contexts`), and frames
/// become IPv6 packets again (reassembled within bounds). Frames carrying
/// a mesh header for another node go to `onForward` untouched — routing is
/// the Thread layer's decision (mesh-high).
public final class LinkLayer<Radio: MeshRadio, R: Reactor> {
    public struct Counters: Equatable, Sendable {
        public var packetsSent = 0
        public var packetsFailed = 0
        public var packetsReceived = 0
        public var droppedMalformed = 0
        public var forwarded = 0
    }

    public let mac: MACLayer<Radio, R>
    public var contexts: LoWPANContexts
    public var reassembler: Reassembler
    public private(set) var counters = Counters()
    /// A reassembled or single-frame IPv6 packet for this node.
    public var onPacket: (([UInt8], LinkInfo) -> Void)?
    /// A frame with a mesh header whose final destination is another node
    /// (the frame's payload, the parsed header, link info).
    public var onForward: (([UInt8], MeshHeader, LinkInfo) -> Void)?
    private var nextTag: UInt16

    public init(mac: MACLayer<Radio, R>, contexts: LoWPANContexts, reassemblyTimeoutMicros: UInt64? = nil) {
        self.mac = mac
        self.contexts = contexts
        // Long enough for 1280 bytes in ~16 fragments at the radio's airtime, at least 2 s (OpenThread's).
        let frameAirtime = mac.radio.airtimeMicros(psduBytes: MACFrame.maxPSDUBytes)
        let timeout = reassemblyTimeoutMicros ?? max(2_000_000, frameAirtime * 16 * 4)
        reassembler = Reassembler(timeoutMicros: timeout)
        nextTag = UInt16(truncatingIfNeeded: mac.nextSequence()) << 8 | UInt16(mac.nextSequence())
        mac.onReceive = { indication in self.receive(indication) }
    }

    /// Bytes of payload a frame with these addresses can carry.
    public func maxFramePayload(destination: MACAddress, source: MACAddress, secure: Bool) -> Int {
        let template = MACFrame(type: .data, sequence: 0, panID: mac.panID, destination: destination, source: source,
                                security: secure ? SecurityHeader(frameCounter: 0, keyIndex: 1) : nil, payload: [])
        return MACFrame.maxPSDUBytes - template.header().count - (secure ? 4 : 0) - MACFrame.fcsBytes
    }

    /// The MAC source to use: the short address once we have one, else the extended.
    public var preferredSource: MACAddress {
        mac.shortAddress == .invalidShort ? .extended(mac.extendedAddress) : .short(mac.shortAddress)
    }

    /// Sends an IPv6 packet to a neighbour (or broadcast); `completion`
    /// gets the first failure or the last fragment's success.
    public func send(packet: [UInt8], to destination: MACAddress, from source: MACAddress? = nil,
                     meshHeader: MeshHeader? = nil, secure: Bool = true,
                     completion: @escaping (MACTransmitResult) -> Void = { _ in }) {
        let source = source ?? preferredSource
        let payloads: [[UInt8]]
        do {
            nextTag &+= 1
            payloads = try LoWPANFramer.framePayloads(
                packet: packet, macSource: source, macDestination: destination, contexts: contexts,
                meshHeader: meshHeader, maxFramePayload: maxFramePayload(destination: destination, source: source,
                                                                          secure: secure), tag: nextTag)
        } catch {
            counters.packetsFailed += 1
            completion(.failed(error))
            return
        }
        sendFrames(payloads[...], to: destination, from: source, secure: secure, completion: completion)
    }

    /// Sends an already-built 6LoWPAN payload (a frame being forwarded).
    public func sendFramePayload(_ payload: [UInt8], to destination: MACAddress, secure: Bool = true,
                                 completion: @escaping (MACTransmitResult) -> Void = { _ in }) {
        sendFrames([payload][...], to: destination, from: preferredSource, secure: secure, completion: completion)
    }

    private func sendFrames(_ payloads: ArraySlice<[UInt8]>, to destination: MACAddress, from source: MACAddress,
                            secure: Bool, completion: @escaping (MACTransmitResult) -> Void) {
        guard let first = payloads.first else {
            counters.packetsSent += 1
            completion(.sent(framePending: false))
            return
        }
        let frame = MACFrame(type: .data, sequence: mac.nextSequence(), panID: mac.panID, destination: destination,
                             source: source, payload: first)
        mac.send(MACTransmitRequest(frame: frame, secure: secure)) { result in
            guard case .sent = result else {
                self.counters.packetsFailed += 1
                completion(result)
                return
            }
            if payloads.count == 1 {
                self.counters.packetsSent += 1
                completion(result)
            } else {
                self.sendFrames(payloads.dropFirst(), to: destination, from: source, secure: secure,
                                completion: completion)
            }
        }
    }

    private func receive(_ indication: MACIndication) {
        let frame = indication.frame
        guard frame.type == .data else { return }
        let info = LinkInfo(macSource: frame.source, macDestination: frame.destination,
                            senderExtended: indication.senderExtended, rssiDBm: indication.rssiDBm,
                            lqi: indication.lqi, secured: indication.secured,
                            timestampMicros: indication.timestampMicros)
        do throws(MeshError) {
            let lowpan = try LoWPANPayload.parse(frame.payload)
            var source = frame.source
            var destination = frame.destination
            if let mesh = lowpan.meshHeader {
                let forUs = mesh.finalDestination == .short(mac.shortAddress)
                    || mesh.finalDestination == .extended(mac.extendedAddress)
                if !forUs {
                    counters.forwarded += 1
                    onForward?(frame.payload, mesh, info)
                    return
                }
                source = mesh.originator
                destination = mesh.finalDestination
            }
            if let fragment = lowpan.fragment {
                let packet = try reassembler.receive(fragment, payload: frame.payload, at: lowpan.offset,
                                                     source: source, destination: destination, contexts: contexts,
                                                     nowMicros: mac.loop.nowMicros)
                if let packet { deliver(packet, info) }
                return
            }
            let headers = try IPHC.decompress(frame.payload, at: lowpan.offset, macSource: source,
                                              macDestination: destination, contexts: contexts)
            deliver(headers.bytes + frame.payload[(lowpan.offset + headers.compressedBytes)...], info)
        } catch {
            counters.droppedMalformed += 1
        }
    }

    private func deliver(_ packet: [UInt8], _ info: LinkInfo) {
        counters.packetsReceived += 1
        onPacket?(packet, info)
    }
}
