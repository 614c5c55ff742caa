/// MLE TLV type codes (Thread 1.1 §4.5; OpenThread `src/core/thread/mle_tlvs.hpp`, `Tlv::Type`).
public enum MLETLVType {
    public static let sourceAddress: UInt8 = 0
    public static let mode: UInt8 = 1
    public static let timeout: UInt8 = 2
    public static let challenge: UInt8 = 3
    public static let response: UInt8 = 4
    public static let linkFrameCounter: UInt8 = 5
    public static let mleFrameCounter: UInt8 = 8
    public static let route64: UInt8 = 9
    public static let address16: UInt8 = 10
    public static let leaderData: UInt8 = 11
    public static let networkData: UInt8 = 12
    public static let tlvRequest: UInt8 = 13
    public static let scanMask: UInt8 = 14
    public static let connectivity: UInt8 = 15
    public static let linkMargin: UInt8 = 16
    public static let status: UInt8 = 17
    public static let version: UInt8 = 18
    public static let addressRegistration: UInt8 = 19
    public static let channel: UInt8 = 20
    public static let panID: UInt8 = 21
    public static let activeTimestamp: UInt8 = 22
    public static let pendingTimestamp: UInt8 = 23
    public static let activeDataset: UInt8 = 24
    public static let pendingDataset: UInt8 = 25
    public static let discovery: UInt8 = 26
}

/// MLE command codes (OpenThread `mle.hpp`, `Command`).
public enum MLECommand: UInt8, Sendable {
    case linkRequest = 0
    case linkAccept = 1
    case linkAcceptAndRequest = 2
    case linkReject = 3
    case advertisement = 4
    case dataRequest = 7
    case dataResponse = 8
    case parentRequest = 9
    case parentResponse = 10
    case childIDRequest = 11
    case childIDResponse = 12
    case childUpdateRequest = 13
    case childUpdateResponse = 14
    case announce = 15
    case discoveryRequest = 16
    case discoveryResponse = 17
}
