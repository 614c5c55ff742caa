/// One IEEE 802.15.4-2006 frame (data, acknowledgment, MAC command; beacons
/// are parsed but not built): MHR fields, payload, MIC. A decoded secured
/// frame holds its ciphertext in `payload` until `MACSecurity.open`
/// replaces it with the plaintext.
public struct MACFrame: Equatable, Sendable {
    /// aMaxPHYPacketSize (802.15.4-2006 §6.4.1): the PSDU including the FCS.
    public static let maxPSDUBytes = 127
    public static let fcsBytes = 2

    public var frameControl: FrameControl
    public var sequence: UInt8
    public var destinationPANID: UInt16?
    public var destination: MACAddress
    /// nil when PAN-ID compression implies it equals the destination PAN.
    public var sourcePANID: UInt16?
    public var source: MACAddress
    public var security: SecurityHeader?
    /// The first payload octet of a command frame: in 2006 frames it is
    /// authenticated but not encrypted (§7.6.3.4; OpenThread's
    /// `Frame::FindPayloadIndex` treats it as header).
    public var commandID: UInt8?
    public var payload: [UInt8]
    /// The MIC as received (empty once opened or for unsecured frames).
    public var mic: [UInt8]
    /// The MAC header exactly as received (the AES-CCM authenticated data).
    public private(set) var receivedHeader: [UInt8]

    public var type: MACFrameType { frameControl.frameType ?? .beacon }
    public var ackRequested: Bool { frameControl.ackRequest }
    public var framePending: Bool { frameControl.framePending }

    /// The PAN the frame belongs to (destination PAN, else source PAN).
    public var panID: UInt16? { destinationPANID ?? sourcePANID }

    /// A data or command frame in Thread's usual shape, as OpenThread sends
    /// them: 2006 version (FCF 0xd841 for a Parent Request), PAN-ID
    /// compression when both addresses are present.
    public init(type: MACFrameType, sequence: UInt8, panID: UInt16, destination: MACAddress, source: MACAddress,
                ackRequest: Bool? = nil, framePending: Bool = false, security: SecurityHeader? = nil,
                commandID: UInt8? = nil, payload: [UInt8]) {
        let compress = destination != .none && source != .none
        frameControl = FrameControl(
            type: type, security: security != nil, framePending: framePending,
            ackRequest: ackRequest ?? !(destination.isBroadcast || destination == .none),
            panIDCompression: compress, destinationMode: destination.mode,
            frameVersion: 1, sourceMode: source.mode)
        self.sequence = sequence
        destinationPANID = destination == .none ? nil : panID
        self.destination = destination
        sourcePANID = compress || source == .none ? nil : panID
        self.source = source
        self.security = security
        self.commandID = type == .command ? commandID : nil
        self.payload = payload
        mic = []
        receivedHeader = []
    }

    /// An immediate acknowledgment (5-byte PSDU: FCF 0x0002, 0x0012 with
    /// frame pending, plus the acknowledged frame's version — OpenThread's
    /// simulation radio answers a 2006 frame with FCF 0x1012; sequence; FCS).
    public static func acknowledgment(sequence: UInt8, framePending: Bool, frameVersion: UInt16 = 1) -> MACFrame {
        var frame = MACFrame(type: .acknowledgment, sequence: sequence, panID: 0, destination: .none, source: .none,
                             ackRequest: false, framePending: framePending, payload: [])
        frame.frameControl = FrameControl(type: .acknowledgment, security: false, framePending: framePending,
                                          ackRequest: false, panIDCompression: false, destinationMode: 0,
                                          frameVersion: frameVersion, sourceMode: 0)
        frame.destinationPANID = nil
        return frame
    }

    // MARK: Encoding

    /// The MHR (with auxiliary security header and command id).
    public func header() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        out.append(UInt8(frameControl.rawValue & 0xFF))
        out.append(UInt8(frameControl.rawValue >> 8))
        out.append(sequence)
        if let pan = destinationPANID, destination != .none { MACFrame.appendLE16(pan, to: &out) }
        MACFrame.append(destination, to: &out)
        // Mirrors `decode`: the source PAN is present unless compressed into the destination's.
        if source != .none && !(frameControl.panIDCompression && destination != .none) {
            MACFrame.appendLE16(sourcePANID ?? destinationPANID ?? 0xFFFF, to: &out)
        }
        MACFrame.append(source, to: &out)
        if frameControl.securityEnabled, let security { out.append(contentsOf: security.encoded) }
        if let commandID, type == .command { out.append(commandID) }
        return out
    }

    /// Header + `body` (plaintext payload, or ciphertext ‖ MIC) + FCS;
    /// a `.malformed` error when it exceeds 127 bytes.
    public func psdu(body: [UInt8]? = nil) throws(MeshError) -> [UInt8] {
        let bytes = header() + (body ?? (payload + mic))
        guard bytes.count + MACFrame.fcsBytes <= MACFrame.maxPSDUBytes else {
            throw MeshError(.malformed, "802.15.4 frame of \(bytes.count + MACFrame.fcsBytes) bytes exceeds 127")
        }
        return FrameCheckSequence.appending(to: bytes)
    }

    // MARK: Decoding

    /// Parses a PSDU (with FCS): every length is checked before it is used;
    /// a bad FCS, a truncated field or a reserved mode is `.malformed`.
    public static func decode(_ psdu: [UInt8]) throws(MeshError) -> MACFrame {
        guard psdu.count >= 5 else { throw MeshError(.malformed, "802.15.4 frame of \(psdu.count) bytes: at least 5") }
        guard psdu.count <= maxPSDUBytes else {
            throw MeshError(.malformed, "802.15.4 frame of \(psdu.count) bytes exceeds 127")
        }
        guard FrameCheckSequence.isValid(psdu) else { throw MeshError(.malformed, "802.15.4 FCS mismatch") }
        let end = psdu.count - fcsBytes
        let control = FrameControl(rawValue: UInt16(psdu[0]) | UInt16(psdu[1]) << 8)
        guard let type = control.frameType else {
            throw MeshError(.unsupported, "802.15.4 frame type \(control.rawValue & 7) is reserved")
        }
        guard control.destinationMode != 1 && control.sourceMode != 1 else {
            throw MeshError(.malformed, "802.15.4 addressing mode 1 is reserved")
        }
        guard control.frameVersion <= 1 else {
            throw MeshError(.unsupported, "802.15.4 frame version \(control.frameVersion) (only 2003/2006)")
        }
        var offset = 3
        var frame = MACFrame(type: type, sequence: psdu[2], panID: 0, destination: .none, source: .none, payload: [])
        frame.frameControl = control
        frame.destinationPANID = nil
        frame.sourcePANID = nil
        if control.destinationMode != 0 {
            frame.destinationPANID = try readLE16(psdu, &offset, end, "destination PAN id")
            frame.destination = try readAddress(mode: control.destinationMode, psdu, &offset, end)
        }
        if control.sourceMode != 0 {
            if !(control.panIDCompression && control.destinationMode != 0) {
                frame.sourcePANID = try readLE16(psdu, &offset, end, "source PAN id")
            }
            frame.source = try readAddress(mode: control.sourceMode, psdu, &offset, end)
        }
        if control.securityEnabled {
            guard control.frameVersion >= 1 else {
                throw MeshError(.malformed, "802.15.4-2003 frame with security enabled")
            }
            let (security, length) = try SecurityHeader.decode(psdu, at: offset, end: end)
            frame.security = security
            offset += length
        }
        if type == .command {
            guard offset < end else { throw MeshError(.malformed, "MAC command frame without a command id") }
            frame.commandID = psdu[offset]
            offset += 1
        }
        frame.receivedHeader = Array(psdu[0..<offset])
        let micLength = frame.security?.micLength ?? 0
        guard end - offset >= micLength else { throw MeshError(.malformed, "802.15.4 frame shorter than its MIC") }
        frame.payload = Array(psdu[offset..<(end - micLength)])
        frame.mic = Array(psdu[(end - micLength)..<end])
        return frame
    }

    mutating func replacePayload(withPlaintext plaintext: [UInt8]) {
        payload = plaintext
        mic = []
    }

    static func appendLE16(_ value: UInt16, to out: inout [UInt8]) {
        out.append(UInt8(value & 0xFF))
        out.append(UInt8(value >> 8))
    }

    static func append(_ address: MACAddress, to out: inout [UInt8]) {
        switch address {
        case .none: break
        case .short(let value): appendLE16(value, to: &out)
        case .extended(let ext): out.append(contentsOf: ext.airBytes)
        }
    }

    static func readLE16(_ bytes: [UInt8], _ offset: inout Int, _ end: Int, _ what: String) throws(MeshError) -> UInt16 {
        guard end - offset >= 2 else { throw MeshError(.malformed, "802.15.4 \(what) truncated") }
        defer { offset += 2 }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    static func readAddress(mode: UInt16, _ bytes: [UInt8], _ offset: inout Int, _ end: Int) throws(MeshError)
        -> MACAddress
    {
        if mode == 2 { return .short(try readLE16(bytes, &offset, end, "short address")) }
        guard end - offset >= 8 else { throw MeshError(.malformed, "802.15.4 extended address truncated") }
        defer { offset += 8 }
        return .extended(ExtendedAddress(unchecked: bytes[offset..<(offset + 8)].reversed()))
    }
}
