/// BOARD `board_type` (seed 003): "master" | "slave". Station's parser
/// compares against "MASTER"/"SLAVE"; both spellings are accepted.
public enum BoardType: String, Sendable, Equatable {
    case master
    case slave

    init?(text: String) {
        switch text {
        case "master", "MASTER": self = .master
        case "slave", "SLAVE": self = .slave
        default: return nil
        }
    }
}
