import LoRaWAN
import Runtime

/// Network interfaces and their MAC addresses as Linux shows them in
/// /sys/class/net/<name>/address (the root is a parameter so tests can use a
/// folder of their own). The default gateway EUI comes from the main one.
public struct NetworkInterfaces {
    public struct Failure: Error, Sendable {
        public let message: String
        /// 2 when the user named something that is not there, 1 otherwise.
        public let exitCode: Int32
        public init(message: String, exitCode: Int32) {
            self.message = message
            self.exitCode = exitCode
        }
    }

    public struct Interface: Sendable {
        public let name: String
        public let mac: MAC48
        /// Backed by a device (a `device` link in sysfs): eth0, wlan0, not
        /// docker0 or a bridge.
        public let isPhysical: Bool
    }

    public var root: String

    public init(root: String = "/sys/class/net") { self.root = root }

    /// Interface names, sorted.
    public func names() -> [String] { Files.list(root) }

    /// The MAC of one named interface.
    public func interface(named name: String) throws(Failure) -> Interface {
        let path = "\(root)/\(name)/address"
        var text: String?
        if !name.isEmpty, !name.contains("/"), let bytes = try? Files.read(path, maximumBytes: 4_096) {
            text = String(decoding: bytes, as: UTF8.self)
        }
        guard let text else {
            let available = names()
            let list = available.isEmpty ? "none found in \(root)" : available.joined(separator: ", ")
            throw Failure(message: "--interface: no network interface '\(name)' (\(path) not found); available: \(list)", exitCode: 2)
        }
        let mac: MAC48
        do {
            mac = try MAC48.parse(Self.trimmed(text))
        } catch {
            throw Failure(message: "--interface: \(path): \(error.message)", exitCode: 1)
        }
        return Interface(name: name, mac: mac, isPhysical: Files.exists("\(root)/\(name)/device"))
    }

    /// The main interface: not loopback, a non-zero MAC; interfaces backed by
    /// a device first (so eth0/wlan0 win over docker0 or br-*), then by name.
    public func mainInterface() throws(Failure) -> Interface {
        var candidates: [Interface] = []
        for name in names() where name != "lo" {
            guard let interface = try? interface(named: name), !interface.mac.isZero else { continue }
            candidates.append(interface)
        }
        guard let chosen = candidates.first(where: { $0.isPhysical }) ?? candidates.first else {
            throw Failure(
                message: "no network interface with a MAC address in \(root) (loopback and 00:00:00:00:00:00 are skipped); give one with --mac",
                exitCode: 1)
        }
        return chosen
    }

    /// The default gateway EUI: the main interface's MAC with FFFE in the
    /// middle (as `lorikeet eui`), or nil.
    public func defaultGatewayEUI() -> EUI64? {
        guard let interface = try? mainInterface() else { return nil }
        return EUI64(mac: interface.mac)
    }

    /// Without leading and trailing spaces and line ends (sysfs ends with "\n").
    static func trimmed(_ text: String) -> String {
        var bytes = Array(text.utf8)
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        while let last = bytes.last, blank(last) { bytes.removeLast() }
        while let first = bytes.first, blank(first) { bytes.removeFirst() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
