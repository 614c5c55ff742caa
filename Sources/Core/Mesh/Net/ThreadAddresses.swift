/// The addresses a Thread interface has (Thread 1.1 §5.2; OpenThread
/// `src/core/thread/mle.cpp`), as the seed's `ipaddr()` lists them.
public enum ThreadAddresses {
    /// `fe80::/64` with the extended address's interface identifier.
    public static func linkLocal(_ ext: ExtendedAddress) -> IPv6Address {
        IPv6Address(prefix: 0xFE80_0000_0000_0000, interfaceIdentifier: ExtendedAddress.iidValue(ext))
    }

    /// The interface identifier of a locator: `0000:00ff:fe00:RLOC16`.
    public static func locatorIdentifier(_ rloc16: UInt16) -> UInt64 { 0x0000_00FF_FE00_0000 | UInt64(rloc16) }

    /// RLOC `…:0:ff:fe00:RLOC16` in the mesh-local prefix.
    public static func routingLocator(meshLocalPrefix prefix: IPv6Prefix, rloc16: UInt16) -> IPv6Address {
        IPv6Address(prefix: prefix.address.high, interfaceIdentifier: locatorIdentifier(rloc16))
    }

    /// The leader's anycast locator `…:0:ff:fe00:fc00`.
    public static let leaderALOC16: UInt16 = 0xFC00

    public static func leaderALOC(meshLocalPrefix prefix: IPv6Prefix) -> IPv6Address {
        routingLocator(meshLocalPrefix: prefix, rloc16: leaderALOC16)
    }

    /// A mesh-local EID or SLAAC address: prefix and a random, stable
    /// interface identifier chosen by the caller (one that is not a
    /// locator: `0000:00ff:fe00:xxxx` is reserved, Thread 1.1 §5.2.2.4).
    public static func withIdentifier(prefix: IPv6Prefix, interfaceIdentifier: UInt64) -> IPv6Address {
        IPv6Address(prefix: prefix.address.high, interfaceIdentifier: interfaceIdentifier)
    }

    /// Whether `iid` has the reserved locator form.
    public static func isLocatorIdentifier(_ iid: UInt64) -> Bool { iid & 0xFFFF_FFFF_FFFF_0000 == 0x0000_00FF_FE00_0000 }

    /// The RLOC16 an RLOC or ALOC in `prefix` names, or nil.
    public static func locator16(of address: IPv6Address, meshLocalPrefix prefix: IPv6Prefix) -> UInt16? {
        guard address.high == prefix.address.high, isLocatorIdentifier(address.low) else { return nil }
        return UInt16(truncatingIfNeeded: address.low)
    }

    public static let linkLocalAllNodes = IPv6Address(high: 0xFF02_0000_0000_0000, low: 1)
    public static let linkLocalAllRouters = IPv6Address(high: 0xFF02_0000_0000_0000, low: 2)
    public static let realmLocalAllNodes = IPv6Address(high: 0xFF03_0000_0000_0000, low: 1)
    public static let realmLocalAllRouters = IPv6Address(high: 0xFF03_0000_0000_0000, low: 2)
    /// Realm-local all MPL forwarders (`ff03::fc`).
    public static let realmLocalAllMPLForwarders = IPv6Address(high: 0xFF03_0000_0000_0000, low: 0xFC)

    /// Link-local all-Thread-nodes `ff32:40:<prefix>::1` (RFC 3306 unicast-prefix based).
    public static func linkLocalAllThreadNodes(meshLocalPrefix prefix: IPv6Prefix) -> IPv6Address {
        IPv6Address(high: 0xFF32_0040_0000_0000 | prefix.address.high >> 32, low: prefix.address.high << 32 | 1)
    }

    /// Realm-local all-Thread-nodes `ff33:40:<prefix>::1`.
    public static func realmLocalAllThreadNodes(meshLocalPrefix prefix: IPv6Prefix) -> IPv6Address {
        IPv6Address(high: 0xFF33_0040_0000_0000 | prefix.address.high >> 32, low: prefix.address.high << 32 | 1)
    }
}

extension ExtendedAddress {
    static func iidValue(_ ext: ExtendedAddress) -> UInt64 { ext.value ^ 0x0200_0000_0000_0000 }

    /// The extended address behind a link-local (or any EUI-64 based)
    /// interface identifier.
    public init(interfaceIdentifierValue iid: UInt64) { self.init(iid ^ 0x0200_0000_0000_0000) }
}
