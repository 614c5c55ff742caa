import LoRaPHY
import Mesh
import SX1276
import TextCoding

/// `MeshNodeOptions` checked and typed: which radio, the network key, the
/// seed, and the LoRa channel of a board. Every number is checked before it
/// becomes an integer (no `Double(String)`: it does not link in Embedded Swift).
public struct MeshNodeConfiguration: Equatable, Sendable {
    public enum Radio: Equatable, Sendable {
        /// A board profile (path or name): its SX1276 on LoRa.
        case board(String)
        /// OpenThread's simulation radio: UDP on 127.0.0.1, ports 9000 + 34·PORT_OFFSET.
        case otSim(nodeID: Int, portOffset: Int)
    }

    public var radio: Radio
    public var dataset: OperationalDataset
    /// nil: from the clock at start.
    public var seed: UInt64?
    /// The LoRa channel on a board (Pymesh's default unless --frequency/--datarate).
    public var loraSettings: RadioSettings
    /// Whether --frequency was given (then the board's region must allow it).
    public var frequencyGiven: Bool
    /// The MLE timers: LoRa-tuned on a board unless --timings openthread; OpenThread's on the
    /// ot-sim radio, which meets ot-cli-ftd nodes.
    public var timings: ThreadTimingsChoice

    /// `portOffset`: the PORT_OFFSET environment variable (ot-sim only).
    public static func parse(_ options: MeshNodeOptions, portOffset: String?) throws(MeshNodeFailure) -> MeshNodeConfiguration {
        guard (options.radio == nil) != (options.board == nil) else {
            throw .usage("give either --board FILE or --radio ot-sim:NODEID")
        }
        var dataset = OperationalDataset.pymeshDefault
        if let key = options.key { dataset.networkKey = try networkKey(key) }
        var seed: UInt64?
        if let text = options.seed {
            guard let value = UInt64(text) else { throw .usage("--seed must be a whole number 0-\(UInt64.max), got \"\(text)\"") }
            seed = value
        }
        var settings = MockBoardMeshRadio.defaultSettings  // Pymesh: 869.525 MHz SF7BW125
        if let text = options.frequency {
            guard let hz = UInt32(text), ChipFrequencyRange.sx1276Hz.contains(hz) else {
                throw .usage("--frequency must be a frequency in Hz \(ChipFrequencyRange.sx1276HzLabel) (e.g. 869525000), got \"\(text)\"")
            }
            settings.frequencyHz = hz
        }
        if let text = options.datarate {
            // SF6 needs implicit-header mode; Pymesh frames carry an explicit header.
            guard let rate = DataRateName(text), rate.spreadingFactor != .sf6 else {
                throw .usage("--datarate must be SF7-SF12 with a bandwidth, e.g. SF7BW125 or SF9BW125, got \"\(text)\"")
            }
            settings.parameters = LoRaParameters(spreadingFactor: rate.spreadingFactor, bandwidth: rate.bandwidth)
        }
        var timings = ThreadTimingsChoice.loRa
        if let text = options.timings {
            guard let choice = ThreadTimingsChoice(text) else {
                throw .usage("--timings must be \(ThreadTimingsChoice.names), got \"\(text)\"")
            }
            timings = choice
        }
        let radio: Radio
        if let board = options.board {
            radio = .board(board)
        } else {
            guard options.timings == nil else {
                throw .usage("--timings sets the MLE timers of --board; the ot-sim radio keeps OpenThread's (to meet ot-cli-ftd)")
            }
            timings = .openThread
            guard options.frequency == nil && options.datarate == nil else {
                throw .usage("--frequency and --datarate set the LoRa channel of --board; the ot-sim radio has none")
            }
            let text = options.radio ?? ""
            guard text.hasPrefix(otSimPrefix), let id = Int(text.dropFirst(otSimPrefix.utf8.count)),
                  (1...OTSimRadio.maxNodeID).contains(id) else {
                throw .usage("--radio must be ot-sim:NODEID with NODEID 1-\(OTSimRadio.maxNodeID), got \"\(text)\"")
            }
            let offsetText = portOffset ?? "0"
            guard let offset = Int(offsetText), (0...maximumPortOffset).contains(offset) else {
                throw .usage("PORT_OFFSET must be 0-\(maximumPortOffset), got \"\(offsetText)\"")
            }
            radio = .otSim(nodeID: id, portOffset: offset)
        }
        return MeshNodeConfiguration(radio: radio, dataset: dataset, seed: seed, loraSettings: settings,
                                     frequencyGiven: options.frequency != nil, timings: timings)
    }

    static let otSimPrefix = "ot-sim:"
    /// OpenThread's simulation allows offsets up to where ports would pass 65535; 1000 is far inside.
    static let maximumPortOffset = 1000

    /// 2-32 hex digits, zero-padded to 16 bytes as Pymesh does.
    static func networkKey(_ text: String) throws(MeshNodeFailure) -> NetworkKey {
        guard text.utf8.count <= 32, text.utf8.count % 2 == 0, let bytes = Hex.decode(text), !bytes.isEmpty else {
            throw .usage("--key must be 2-32 hex digits, got \"\(text)\"")
        }
        do {
            return try NetworkKey(pymeshKey: bytes)
        } catch {
            throw .usage(error.message)
        }
    }
}
