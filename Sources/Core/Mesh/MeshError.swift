/// Why a mesh frame, key, address or request was refused. `kind` lets the
/// layers count drops by cause (malformed, wrong key, replay…); `message`
/// names what was wrong in one line.
public struct MeshError: Error, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// Truncated, oversized or inconsistent bytes.
        case malformed
        /// Authentication failed: wrong key, tampered frame.
        case security
        /// A frame counter not newer than the last one accepted.
        case replay
        /// Valid but not something this stack handles (a frame version, a mode).
        case unsupported
        /// A bound was reached (buffers, reassembly slots, queue).
        case resource
        /// A caller's argument is out of range.
        case invalidArgument
        /// The radio or the system below it failed.
        case radio
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}
