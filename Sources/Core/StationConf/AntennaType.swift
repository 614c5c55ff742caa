/// RFCONF `antenna_type` (seed 003). A downlink answering an uplink heard on
/// a sector antenna always leaves by that antenna; from an omni antenna it
/// may be diverted to another omni antenna when the first is blocked.
public enum AntennaType: String, Sendable, Equatable {
    case omni
    case sector
}
