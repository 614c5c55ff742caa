import Foundation
import LoRaWAN

/// Network interfaces and their MAC addresses as Linux shows them in
/// /sys/class/net/<name>/address (the root is a parameter so tests can use a
/// folder of their own).
struct NetworkInterfaces {
    struct Failure: Error {
        let message: String
        /// 2 when the user named something that is not there, 1 otherwise.
        let exitCode: Int32
    }

    struct Interface {
        let name: String
        let mac: MAC48
        /// Backed by a device (a `device` link in sysfs): eth0, wlan0, not
        /// docker0 or a bridge.
        let isPhysical: Bool
    }

    var root = "/sys/class/net"

    /// Interface names, sorted.
    func names() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
    }

    /// The MAC of one named interface.
    func interface(named name: String) throws(Failure) -> Interface {
        let path = "\(root)/\(name)/address"
        guard !name.isEmpty, !name.contains("/"),
              let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            let available = names()
            let list = available.isEmpty ? "none found in \(root)" : available.joined(separator: ", ")
            throw Failure(message: "--interface: no network interface '\(name)' (\(path) not found); available: \(list)", exitCode: 2)
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let mac: MAC48
        do {
            mac = try MAC48.parse(trimmed)
        } catch {
            throw Failure(message: "--interface: \(path): \(error.message)", exitCode: 1)
        }
        let physical = FileManager.default.fileExists(atPath: "\(root)/\(name)/device")
        return Interface(name: name, mac: mac, isPhysical: physical)
    }

    /// The main interface: not loopback, a non-zero MAC; interfaces backed by
    /// a device first (so eth0/wlan0 win over docker0 or br-*), then by name.
    func mainInterface() throws(Failure) -> Interface {
        var candidates: [Interface] = []
        for name in names() where name != "lo" {
            guard let interface = try? interface(named: name), !interface.mac.isZero else { continue }
            candidates.append(interface)
        }
        let physical = candidates.filter(\.isPhysical)
        guard let chosen = physical.first ?? candidates.first else {
            throw Failure(
                message: "no network interface with a MAC address in \(root) (loopback and 00:00:00:00:00:00 are skipped); give one with --mac",
                exitCode: 1)
        }
        return chosen
    }
}
