/// Fixed-size MLE TLVs (OpenThread `mle_tlvs.hpp`).
public struct MLESourceAddress: MLEUInt16TLV, Equatable {
    public static let type = MLETLVType.sourceAddress
    public var raw: UInt16
    public init(raw: UInt16) { self.raw = raw }
}
public struct MLEAddress16: MLEUInt16TLV, Equatable {
    public static let type = MLETLVType.address16
    public var raw: UInt16
    public init(raw: UInt16) { self.raw = raw }
}
public struct MLEPANID: MLEUInt16TLV, Equatable {
    public static let type = MLETLVType.panID
    public var raw: UInt16
    public init(raw: UInt16) { self.raw = raw }
}
/// Version TLV: 2 = Thread 1.1; OpenThread 1.4 sends 5 and accepts 2.
public struct MLEVersion: MLEUInt16TLV, Equatable {
    public static let type = MLETLVType.version
    public static let thread11: UInt16 = 2
    public var raw: UInt16
    public init(raw: UInt16) { self.raw = raw }
}
/// Timeout TLV: child timeout in seconds.
public struct MLETimeout: MLEUInt32TLV, Equatable {
    public static let type = MLETLVType.timeout
    public var raw: UInt32
    public init(raw: UInt32) { self.raw = raw }
}
public struct MLELinkFrameCounter: MLEUInt32TLV, Equatable {
    public static let type = MLETLVType.linkFrameCounter
    public var raw: UInt32
    public init(raw: UInt32) { self.raw = raw }
}
public struct MLEFrameCounter: MLEUInt32TLV, Equatable {
    public static let type = MLETLVType.mleFrameCounter
    public var raw: UInt32
    public init(raw: UInt32) { self.raw = raw }
}
/// Scan Mask TLV: bit 7 routers, bit 6 end devices (REEDs).
public struct MLEScanMask: MLEUInt8TLV, Equatable {
    public static let type = MLETLVType.scanMask
    public static let routers: UInt8 = 0x80
    public static let endDevices: UInt8 = 0x40
    public var raw: UInt8
    public init(raw: UInt8) { self.raw = raw }
}
public struct MLELinkMargin: MLEUInt8TLV, Equatable {
    public static let type = MLETLVType.linkMargin
    public var raw: UInt8
    public init(raw: UInt8) { self.raw = raw }
}
/// Status TLV: 1 = error (OpenThread `StatusTlv::kError`).
public struct MLEStatus: MLEUInt8TLV, Equatable {
    public static let type = MLETLVType.status
    public static let error: UInt8 = 1
    public var raw: UInt8
    public init(raw: UInt8) { self.raw = raw }
}
/// Mode TLV flags (Thread 1.1 §4.5.2).
public struct MLEMode: MLEUInt8TLV, Equatable {
    public static let type = MLETLVType.mode
    public static let rxOnWhenIdle: UInt8 = 0x08
    public static let secureDataRequests: UInt8 = 0x04
    public static let fullThreadDevice: UInt8 = 0x02
    public static let fullNetworkData: UInt8 = 0x01
    /// A router-capable, always-on device that wants all network data (OpenThread FTD: 0x0f).
    public static let ftd = MLEMode(raw: 0x0f)
    public var raw: UInt8
    public init(raw: UInt8) { self.raw = raw }
    public var isFullThreadDevice: Bool { raw & Self.fullThreadDevice != 0 }
}

/// Challenge and Response TLVs: 4 to 8 random bytes.
public struct MLEChallenge: MLETLVValue, Equatable {
    public static let type = MLETLVType.challenge
    public var value: [UInt8]
    public init(value: [UInt8]) throws(MeshError) {
        guard (4...8).contains(value.count) else { throw MeshError(.malformed, "MLE Challenge TLV must be 4-8 bytes, got \(value.count)") }
        self.value = value
    }
}
public struct MLEResponse: MLETLVValue, Equatable {
    public static let type = MLETLVType.response
    public var value: [UInt8]
    public init(value: [UInt8]) throws(MeshError) {
        guard (4...8).contains(value.count) else { throw MeshError(.malformed, "MLE Response TLV must be 4-8 bytes, got \(value.count)") }
        self.value = value
    }
}

/// TLV Request TLV: the TLV types the sender wants in the answer.
public struct MLETLVRequest: MLETLVValue, Equatable {
    public static let type = MLETLVType.tlvRequest
    public var value: [UInt8]
    public init(value: [UInt8]) { self.value = value }
}

/// Active Timestamp TLV: 48-bit seconds, 15-bit ticks, authoritative bit, kept as one 64-bit value.
public struct MLEActiveTimestamp: MLETLVValue, Equatable {
    public static let type = MLETLVType.activeTimestamp
    public var raw: UInt64
    public init(raw: UInt64) { self.raw = raw }
    public init(value: [UInt8]) throws(MeshError) {
        try Self.require(value, count: 8, "Active Timestamp")
        raw = MLEBytes.be64(value, 0)
    }
    public var value: [UInt8] { var b: [UInt8] = []; MLEBytes.put64(raw, &b); return b }
    public var seconds: UInt64 { raw >> 16 }
}

/// Network Data TLV and Active Operational Dataset TLV: nested TLV blobs parsed in Thread/.
public struct MLENetworkDataTLV: MLETLVValue, Equatable {
    public static let type = MLETLVType.networkData
    public var value: [UInt8]
    public init(value: [UInt8]) { self.value = value }
}
public struct MLEActiveDataset: MLETLVValue, Equatable {
    public static let type = MLETLVType.activeDataset
    public var value: [UInt8]
    public init(value: [UInt8]) { self.value = value }
}
