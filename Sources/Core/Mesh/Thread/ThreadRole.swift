/// Device roles numbered as Pymesh's `state()` returns them (seed 002) and named as
/// OpenThread's `state` command prints them.
public enum ThreadRole: UInt8, Sendable {
    case disabled = 0, detached = 1, child = 2, router = 3, leader = 4

    public var name: String {
        switch self {
        case .disabled: return "disabled"
        case .detached: return "detached"
        case .child: return "child"
        case .router: return "router"
        case .leader: return "leader"
        }
    }

    public var isRouterOrLeader: Bool { self == .router || self == .leader }
    public var isAttached: Bool { self == .child || isRouterOrLeader }
}

/// One UDP datagram between a node's Thread logic and its IPv6 stack.
public struct ThreadDatagram: Equatable, Sendable {
    public var source: IPv6Address
    public var destination: IPv6Address
    public var sourcePort: UInt16
    public var destinationPort: UInt16
    public var payload: [UInt8]
    /// Link margin of the received frame in dB (receive only; OpenThread's simulation: 80).
    public var linkMarginDB: UInt8

    public init(source: IPv6Address, destination: IPv6Address, sourcePort: UInt16, destinationPort: UInt16,
                payload: [UInt8], linkMarginDB: UInt8 = 0) {
        self.source = source
        self.destination = destination
        self.sourcePort = sourcePort
        self.destinationPort = destinationPort
        self.payload = payload
        self.linkMarginDB = linkMarginDB
    }
}

/// Thread's timing and threshold constants (OpenThread `mle.hpp`, `mle_ftd.cpp`; see
/// ../shared/tools/openthread/README.md).
public enum ThreadTiming {
    public static let mlePort: UInt16 = 19788
    public static let parentRequestRoutersMillis: UInt64 = 750
    public static let parentRequestAllMillis: UInt64 = 1250
    public static let childIDResponseMillis: UInt64 = 1250
    /// Unanswered Parent Request rounds before a node starts its own partition (six requests).
    public static let parentRequestRounds = 3
    public static let parentResponseMaxDelayRoutersMillis: UInt64 = 500
    public static let networkIDTimeoutMillis: UInt64 = 120_000
    public static let trickleIminMillis: UInt64 = 1_000
    public static let trickleImaxMillis: UInt64 = 32_000
    public static let routerUpgradeThreshold: UInt8 = 16
    public static let routerDowngradeThreshold: UInt8 = 23
    public static let routerSelectionJitterSeconds: UInt32 = 120
    public static let leaderWeight: UInt8 = 64
    public static let childTimeoutSeconds: UInt32 = 240
    public static let maxRouterID: UInt8 = 62
    public static let invalidRLOC16: UInt16 = 0xfffe

    /// Link quality from link margin (Thread 1.1 §4.7.1.1 with OpenThread's hysteresis left out).
    public static func linkQuality(marginDB: UInt8) -> UInt8 { marginDB > 20 ? 3 : (marginDB > 10 ? 2 : (marginDB > 2 ? 1 : 0)) }
    /// Link cost per link quality (Thread 1.1 §5.11.3): 3→1, 2→2, 1→4, 0→unreachable (16).
    public static func linkCost(quality: UInt8) -> UInt8 { quality >= 3 ? 1 : (quality == 2 ? 2 : (quality == 1 ? 4 : 16)) }
}
