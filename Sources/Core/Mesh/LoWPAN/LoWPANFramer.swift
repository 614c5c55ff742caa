/// Splits an IPv6 packet into 6LoWPAN frame payloads (RFC 4944 §5.3,
/// RFC 6282): one IPHC-compressed payload when it fits, else FRAG1 with the
/// compressed headers and FRAGN fragments of 8-octet multiples. A mesh
/// header, when given, leads every fragment (RFC 4944 §5: mesh, then
/// fragment, then IPHC).
public enum LoWPANFramer {
    public static func framePayloads(packet: [UInt8], macSource: MACAddress, macDestination: MACAddress,
                                     contexts: LoWPANContexts, meshHeader: MeshHeader? = nil,
                                     maxFramePayload: Int, tag: UInt16) throws(MeshError) -> [[UInt8]] {
        guard packet.count <= 2047 else {
            throw MeshError(.invalidArgument, "IPv6 packet of \(packet.count) bytes exceeds the 2047 a 6LoWPAN fragment header can name")
        }
        // With a mesh header, elided addresses derive from its originator and
        // final destination, not from the hop's MAC addresses (RFC 6282 §3.2.2).
        let compressed = try IPHC.compress(packet, macSource: meshHeader?.originator ?? macSource,
                                           macDestination: meshHeader?.finalDestination ?? macDestination,
                                           contexts: contexts)
        let mesh = meshHeader?.encoded ?? []
        let rest = packet[compressed.uncompressedBytes...]
        let whole = mesh.count + compressed.bytes.count + rest.count
        if whole <= maxFramePayload { return [mesh + compressed.bytes + rest] }

        let firstRoom = maxFramePayload - mesh.count - FragmentHeader.firstBytes - compressed.bytes.count
        let laterRoom = (maxFramePayload - mesh.count - FragmentHeader.subsequentBytes) / 8 * 8
        // The first fragment must end on an 8-octet boundary of the uncompressed packet.
        let firstEnd = (compressed.uncompressedBytes + max(firstRoom, 0)) / 8 * 8
        guard firstEnd > compressed.uncompressedBytes || (firstRoom >= 0 && firstEnd >= 8), laterRoom >= 8 else {
            throw MeshError(.invalidArgument, "frame payload room of \(maxFramePayload) bytes is too small to fragment into")
        }
        let size = UInt16(packet.count)
        var payloads: [[UInt8]] = []
        let first = FragmentHeader(datagramSize: size, tag: tag, offsetBytes: 0, isFirst: true)
        payloads.append(mesh + first.encoded + compressed.bytes + packet[compressed.uncompressedBytes..<firstEnd])
        var offset = firstEnd
        while offset < packet.count {
            let end = min(offset + laterRoom, packet.count)
            let header = FragmentHeader(datagramSize: size, tag: tag, offsetBytes: offset, isFirst: false)
            payloads.append(mesh + header.encoded + packet[offset..<end])
            offset = end
        }
        return payloads
    }
}

/// What the front of a 6LoWPAN frame payload holds.
public struct LoWPANPayload: Equatable, Sendable {
    public var meshHeader: MeshHeader?
    public var fragment: FragmentHeader?
    /// Where the IPHC header (or a FRAGN's data) starts.
    public var offset: Int

    /// Parses the mesh and fragment headers; the dispatch that follows must
    /// be IPHC (for an unfragmented or FRAG1 payload).
    public static func parse(_ payload: [UInt8]) throws(MeshError) -> LoWPANPayload {
        var offset = 0
        var mesh: MeshHeader?
        var fragment: FragmentHeader?
        guard !payload.isEmpty else { throw MeshError(.malformed, "empty 6LoWPAN payload") }
        if MeshHeader.isMeshHeader(payload[0]) {
            let (header, length) = try MeshHeader.decode(payload, at: 0)
            mesh = header
            offset += length
        }
        guard offset < payload.count else { throw MeshError(.malformed, "6LoWPAN payload ends after its mesh header") }
        if FragmentHeader.isFragmentHeader(payload[offset]) {
            let (header, length) = try FragmentHeader.decode(payload, at: offset)
            fragment = header
            offset += length
        }
        if fragment == nil || fragment!.isFirst {
            guard offset < payload.count, IPHC.isIPHC(payload[offset]) else {
                throw MeshError(.unsupported, "6LoWPAN dispatch is not IPHC")
            }
        }
        return LoWPANPayload(meshHeader: mesh, fragment: fragment, offset: offset)
    }
}
