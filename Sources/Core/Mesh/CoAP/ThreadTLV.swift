/// Thread network-layer TLV codes carried in CoAP payloads (Thread 1.1 §5.18;
/// OpenThread `thread_tlvs.hpp`) and the Address Solicit status values.
public enum ThreadTLVType {
    public static let targetEID: UInt8 = 0
    public static let extMACAddress: UInt8 = 1
    public static let rloc16: UInt8 = 2
    public static let meshLocalEID: UInt8 = 3
    public static let status: UInt8 = 4
    public static let lastTransactionTime: UInt8 = 6
    public static let routerMask: UInt8 = 7

    public static let statusSuccess: UInt8 = 0
    public static let statusNoAddressAvailable: UInt8 = 1
    /// Address Solicit reason: the partition has fewer routers than the upgrade threshold.
    public static let reasonTooFewRouters: UInt8 = 2
    /// Address Solicit reason: a REED has a Child ID Request to answer (OpenThread `kHaveChildIdRequest`).
    public static let reasonHaveChildIDRequest: UInt8 = 3
    /// Address Solicit reason: the parent moved to another partition (`kParentPartitionChange`).
    public static let reasonParentPartitionChange: UInt8 = 4

    public static func find(_ type: UInt8, in payload: [UInt8]) -> [UInt8]? {
        guard let tlvs = try? MLETLV.decodeAll(payload[...]) else { return nil }
        return tlvs.first { $0.type == type }?.value
    }
}
