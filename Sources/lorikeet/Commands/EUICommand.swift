import ArgumentParser
import Foundation
import GatewayProgram
import LoRaWAN

/// `lorikeet eui`: the gateway EUI-64 (Semtech UDP `gateway_ID`) from a MAC
/// address, as seed 000 builds it for The Things Network.
struct EUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eui",
        abstract: "Gateway EUI-64 from a MAC address (FFFE inserted in the middle).",
        discussion: """
            Without an option, uses the first interface that is not loopback and has a
            non-zero MAC (interfaces backed by a device first, then by name).
            Examples:
              lorikeet eui --mac 24:0a:c4:00:8d:88            # 240AC4FFFE008D88
              lorikeet eui --mac 24:0a:c4:00:8d:88 --legacy-ffff   # 240AC4FFFF008D88
              lorikeet eui --interface eth0
            """
    )

    @Option(name: .customLong("mac"), help: "A MAC address: 24:0a:c4:00:8d:88, 24-0A-C4-00-8D-88 or 240ac4008d88.")
    var mac: String?

    @Option(name: .customLong("interface"), help: "A network interface whose MAC to use (from /sys/class/net/NAME/address).")
    var interface: String?

    @Flag(name: .customLong("legacy-ffff"), help: "Insert FFFF instead of FFFE, as the seed's config.py does.")
    var legacyFFFF = false

    @Flag(name: .customLong("verbose"), help: "Also say where the MAC came from.")
    var verbose = false

    /// For tests: the folder standing for /sys/class/net.
    @Option(name: .customLong("sysfs-net"), help: .hidden)
    var sysfsNet = "/sys/class/net"

    func validate() throws {
        if mac != nil && interface != nil {
            throw ValidationError("--mac and --interface exclude each other; give one (or neither for the main interface)")
        }
    }

    func run() throws {
        let source: String
        let macAddress: MAC48
        do {
            (source, macAddress) = try resolveMAC()
        } catch {
            FileHandle.standardError.write(Data("lorikeet eui: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode)
        }
        let eui = EUI64(mac: macAddress, legacyFFFF: legacyFFFF)
        print(verbose ? "\(eui.hex) (\(source) \(macAddress.text))" : eui.hex)
    }

    func resolveMAC() throws(NetworkInterfaces.Failure) -> (source: String, mac: MAC48) {
        if let mac {
            do {
                return ("--mac", try MAC48.parse(mac))
            } catch {
                throw NetworkInterfaces.Failure(message: "--mac: \(error.message)", exitCode: 2)
            }
        }
        let interfaces = NetworkInterfaces(root: sysfsNet)
        let found: NetworkInterfaces.Interface
        if let interface {
            found = try interfaces.interface(named: interface)
            if found.mac.isZero {
                throw NetworkInterfaces.Failure(
                    message: "--interface: '\(interface)' has no hardware address (00:00:00:00:00:00); choose another: \(interfaces.names().joined(separator: ", "))",
                    exitCode: 2)
            }
        } else {
            found = try interfaces.mainInterface()
        }
        return ("interface \(found.name)", found.mac)
    }
}
