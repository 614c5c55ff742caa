// swift-tools-version: 6.0
// Lorikeet: LoRa gateway firmware for Linux single-board computers.
//
// Layout (see README.md "Architecture"):
//   Sources/Core/    firmware core, Embedded-Swift clean (stdlib + C libraries only)
//   Sources/Boards/  hardware behind the HAL: Linux (spidev + libgpiod), SX1276 emulator, mock board
//   Sources/C/       C libraries from Debian as system-library targets, plus small C shims
//   Sources/lorikeet host-only command line (swift-argument-parser, Foundation allowed)
import PackageDescription

func core(_ name: String, _ deps: [Target.Dependency] = [], exclude: [String] = []) -> Target {
    .target(name: name, dependencies: deps, path: "Sources/Core/\(name)", exclude: exclude)
}
func board(_ name: String, _ deps: [Target.Dependency] = []) -> Target {
    .target(name: name, dependencies: deps, path: "Sources/Boards/\(name)")
}
func system(_ name: String) -> Target {
    .systemLibrary(name: name, path: "Sources/C/\(name)")
}
func tests(_ name: String, _ deps: [Target.Dependency], exclude: [String] = []) -> Target {
    .testTarget(name: "\(name)Tests", dependencies: deps, path: "Tests/\(name)Tests", exclude: exclude)
}

let package = Package(
    name: "Lorikeet",
    products: [
        .executable(name: "lorikeet", targets: ["lorikeet"]),
        .executable(name: "lorikeet-gateway", targets: ["lorikeet-gateway"]),
        .executable(name: "lorikeet-mesh", targets: ["lorikeet-mesh"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries from Debian and our own shims.
        system("CJSON"),
        system("CMbedTLS"),
        system("CFFTW"),
        system("CGPIOD"),
        .target(name: "CLinux", path: "Sources/C/CLinux"),
        // SoapySDR's headers at build time, its library loaded at run time (dlopen): only `phy listen` needs it.
        .target(name: "CSoapySDR", path: "Sources/C/CSoapySDR", linkerSettings: [.linkedLibrary("dl")]),

        // Firmware core: Embedded-Swift clean.
        core("TextCoding"),
        core("Randomness"),
        core("JSON", ["CJSON", "TextCoding"]),
        core("HAL"),
        core("LoRaPHY"),
        core("LoRaModem", ["LoRaPHY", "CFFTW", "Randomness"]),
        core("LoRaWAN", ["CMbedTLS", "TextCoding"]),
        core("Regions", ["LoRaPHY"]),
        core("SX1276", ["HAL", "LoRaPHY", "TextCoding"]),
        core("BoardProfile", ["JSON", "Regions", "LoRaPHY"]),
        core("StationConf", ["JSON", "TextCoding"]),
        core("Runtime", ["HAL", "CLinux"]),
        core("Forwarder", ["Runtime", "HAL", "SX1276", "Regions", "LoRaPHY", "JSON", "LoRaWAN", "BoardProfile"]),
        core("Mesh", ["CMbedTLS", "LoRaPHY", "HAL", "SX1276", "Runtime", "TextCoding", "Randomness"], exclude: ["README.md"]),

        // Boards: implementations of the HAL.
        board("SX1276Emulator", ["HAL", "LoRaPHY", "TextCoding"]),
        board("MockBoard", ["SX1276Emulator", "HAL", "LoRaWAN", "LoRaPHY", "Randomness"]),
        board("LinuxBoard", ["HAL", "CGPIOD", "CLinux"]),
        board("SoapySDRSource", ["CSoapySDR", "LoRaModem"]),

        // The gateway composed once (configuration, board, loop, signals, log)
        // for both front doors: `lorikeet gateway` and the firmware.
        core("GatewayProgram", ["Forwarder", "Runtime", "BoardProfile", "MockBoard", "SX1276Emulator", "LinuxBoard", "SX1276", "LoRaWAN",
                                "LoRaPHY", "Regions", "JSON", "HAL", "TextCoding"]),

        // One mesh node composed once (options, board or ot-sim radio, loop,
        // the OpenThread-style prompt) for `lorikeet mesh node` and the firmware.
        core("MeshProgram", ["Mesh", "GatewayProgram", "HAL", "BoardProfile", "MockBoard", "SX1276Emulator", "LinuxBoard", "SX1276",
                             "LoRaPHY", "Regions", "Runtime", "TextCoding"]),

        // The firmware: the gateway program and the mesh node program, each
        // alone, built in Embedded Swift for arm64/armhf Linux by `make
        // firmware` (and as plain host programs).
        .executableTarget(name: "lorikeet-gateway", dependencies: ["GatewayProgram", "Runtime"],
                          path: "Sources/Firmware/lorikeet-gateway",
                          linkerSettings: [.linkedLibrary("m")]),  // rounding (ceil, floor…), which Foundation brings the CLI
        .executableTarget(name: "lorikeet-mesh", dependencies: ["MeshProgram", "Runtime"],
                          path: "Sources/Firmware/lorikeet-mesh",
                          linkerSettings: [.linkedLibrary("m")]),

        // Host-only command line.
        .executableTarget(
            name: "lorikeet",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "LoRaPHY", "LoRaModem", "LoRaWAN", "Regions", "HAL", "SX1276", "BoardProfile",
                "StationConf", "Runtime", "Forwarder", "SX1276Emulator", "MockBoard", "LinuxBoard", "JSON", "TextCoding",
                "GatewayProgram",
                "SoapySDRSource",
                "Mesh", "MeshProgram", "Randomness",
            ],
            path: "Sources/lorikeet"
        ),

        tests("JSON", ["JSON"]),
        tests("TextCoding", ["TextCoding"]),
        tests("Randomness", ["Randomness"]),
        tests("MeshProgram", ["MeshProgram", "Mesh", "SX1276"]),
        tests("GatewayProgram", ["GatewayProgram", "Forwarder", "Runtime", "LoRaWAN"]),
        tests("HAL", ["HAL"]),
        tests("LoRaPHY", ["LoRaPHY"], exclude: ["Fixtures"]),
        tests("LoRaModem", ["LoRaModem", "LoRaPHY"], exclude: ["Fixtures"]),
        tests("LoRaWAN", ["LoRaWAN", "TextCoding"]),
        tests("Regions", ["Regions"]),
        tests("SX1276", ["SX1276", "SX1276Emulator", "MockBoard", "HAL"]),
        tests("BoardProfile", ["BoardProfile", "Regions", "LoRaPHY"]),
        tests("StationConf", ["StationConf"]),
        tests("Runtime", ["Runtime", "HAL"]),
        tests("Forwarder", ["Forwarder", "MockBoard", "SX1276Emulator", "Runtime", "LoRaWAN"]),
        tests("SX1276Emulator", ["SX1276Emulator", "HAL"]),
        tests("MockBoard", ["MockBoard", "SX1276Emulator", "LoRaWAN"]),
        tests("LinuxBoard", ["LinuxBoard", "HAL"]),
        .testTarget(name: "CLITests", dependencies: ["lorikeet", "Forwarder", "BoardProfile", "StationConf", "JSON", "MockBoard", "GatewayProgram", "Randomness"],
                    path: "Tests/CLITests", exclude: ["Fixtures"]),
        tests("Mesh", ["Mesh", "SX1276Emulator", "SX1276", "Runtime", "HAL", "LoRaPHY", "TextCoding"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v5]
)
