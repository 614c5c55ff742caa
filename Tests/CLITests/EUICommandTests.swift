import Foundation
import GatewayProgram
import LoRaWAN
import Testing
@testable import lorikeet

/// `lorikeet eui` against a fake /sys/class/net folder.
@Suite struct EUICommandTests {
    /// A temporary folder laid out like /sys/class/net.
    final class FakeSysfs {
        let root: String

        init(_ interfaces: [(name: String, address: String?, physical: Bool)]) throws {
            root = NSTemporaryDirectory() + "lorikeet-eui-\(UUID().uuidString)"
            let files = FileManager.default
            for interface in interfaces {
                let folder = "\(root)/\(interface.name)"
                try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
                if let address = interface.address {
                    try (address + "\n").write(toFile: "\(folder)/address", atomically: true, encoding: .utf8)
                }
                if interface.physical {
                    try files.createDirectory(atPath: "\(folder)/device", withIntermediateDirectories: true)
                }
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    func resolve(_ arguments: [String]) throws -> Result<String, NetworkInterfaces.Failure> {
        let command = try EUICommand.parse(arguments)
        do {
            let found = try command.resolveMAC()
            return .success(EUI64(mac: found.mac, legacyFFFF: command.legacyFFFF).hex)
        } catch {
            return .failure(error)
        }
    }

    func eui(_ arguments: [String]) throws -> String? {
        if case .success(let hex) = try resolve(arguments) { return hex }
        return nil
    }

    func failure(_ arguments: [String]) throws -> NetworkInterfaces.Failure? {
        if case .failure(let error) = try resolve(arguments) { return error }
        return nil
    }

    @Test func macGivesTheFFFEForm() throws {
        #expect(try eui(["--mac", "24:0a:c4:00:8d:88"]) == "240AC4FFFE008D88")
        #expect(try eui(["--mac", "24-0A-C4-00-8D-88"]) == "240AC4FFFE008D88")
        #expect(try eui(["--mac", "240ac4008d88", "--legacy-ffff"]) == "240AC4FFFF008D88")
    }

    @Test func badMACIsAUsageError() throws {
        let error = try #require(try failure(["--mac", "24:0a:c4:00:8d"]))
        #expect(error.exitCode == 2)
        #expect(error.message.hasPrefix("--mac: invalid MAC address \"24:0a:c4:00:8d\""))
    }

    @Test func macAndInterfaceExcludeEachOther() {
        #expect(throws: (any Error).self) { try EUICommand.parse(["--mac", "240ac4008d88", "--interface", "eth0"]) }
    }

    @Test func interfaceIsReadFromSysfs() throws {
        let sysfs = try FakeSysfs([("lo", "00:00:00:00:00:00", false), ("eth0", "b8:27:eb:12:34:56", true)])
        #expect(try eui(["--interface", "eth0", "--sysfs-net", sysfs.root]) == "B827EBFFFE123456")
    }

    @Test func missingInterfaceIsNamedWithTheAvailableOnes() throws {
        let sysfs = try FakeSysfs([("lo", "00:00:00:00:00:00", false), ("wlan0", "b8:27:eb:12:34:56", true)])
        let error = try #require(try failure(["--interface", "eth0", "--sysfs-net", sysfs.root]))
        #expect(error.exitCode == 2)
        #expect(error.message == "--interface: no network interface 'eth0' (\(sysfs.root)/eth0/address not found); available: lo, wlan0")
    }

    @Test func loopbackHasNoHardwareAddress() throws {
        let sysfs = try FakeSysfs([("lo", "00:00:00:00:00:00", false), ("wlan0", "b8:27:eb:12:34:56", true)])
        let error = try #require(try failure(["--interface", "lo", "--sysfs-net", sysfs.root]))
        #expect(error.message.contains("'lo' has no hardware address"))
    }

    @Test func defaultIsTheFirstPhysicalInterfaceWithAMAC() throws {
        let sysfs = try FakeSysfs([
            ("lo", "00:00:00:00:00:00", false),
            ("docker0", "02:42:ac:11:00:01", false),  // virtual, sorts first
            ("eth0", "00:00:00:00:00:00", true),  // no MAC
            ("wlan0", "b8:27:eb:12:34:56", true),
            ("wlan1", "b8:27:eb:00:00:01", true),
        ])
        #expect(try eui(["--sysfs-net", sysfs.root]) == "B827EBFFFE123456")
    }

    @Test func defaultFallsBackToVirtualInterfaces() throws {
        let sysfs = try FakeSysfs([("lo", "00:00:00:00:00:00", false), ("veth1", "02:fc:00:00:00:01", false)])
        #expect(try eui(["--sysfs-net", sysfs.root]) == "02FC00FFFE000001")
    }

    @Test func noUsableInterfaceIsAClearError() throws {
        let sysfs = try FakeSysfs([("lo", "00:00:00:00:00:00", false), ("dummy0", nil, false)])
        let error = try #require(try failure(["--sysfs-net", sysfs.root]))
        #expect(error.exitCode == 1)
        #expect(error.message.hasPrefix("no network interface with a MAC address in \(sysfs.root)"))
    }
}
