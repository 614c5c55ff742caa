import Foundation
import Testing

/// `lorikeet gateway` and `lorikeet serve` as the user runs them: argument
/// and configuration errors, and a short real-clock run of the gateway on
/// the mock board against `lorikeet serve` on loopback.
@Suite(.serialized) struct GatewayCLITests {
    static func temporary(_ name: String, _ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lorikeet-gw-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func configurationErrorsNameFileAndKeyAndExit2() throws {
        let path = try Self.temporary("global_conf.json", #"{"gateway_conf": {"serv_port_up": 70000}}"#)
        let result = try CLI.run(["gateway", "--config", path, "--gateway-id", "0102030405060708"])
        #expect(result.status == 2)
        #expect(result.stderr == "lorikeet gateway: \(path): gateway_conf.serv_port_up: expected an integer 1-65535\n")
    }

    @Test func badFlagsExit2WithOneLine() throws {
        let missing = try CLI.run(["gateway", "--config", "/nonexistent/global_conf.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "lorikeet gateway: --config: cannot read /nonexistent/global_conf.json\n")
        let server = try CLI.run(["gateway", "--config", "examples/global_conf.json", "--server", "localhost"])
        #expect(server.status == 2)
        #expect(server.stderr.contains("--server: expected HOST:PORT"))
        let rate = try CLI.run(["gateway", "--config", "examples/global_conf.json", "--datarate", "SF99"])
        #expect(rate.status == 2)
        #expect(rate.stderr.contains("--datarate: expected e.g. SF7BW125"))
        let port = try CLI.run(["serve", "--port", "0"])
        #expect(port.status == 2)
    }

    @Test func hostileNumbersAreOneLineErrorsNotTraps() throws {
        for duration in ["nan", "inf", "1e300", "-1", "18446744073709.552"] {
            let result = try CLI.run(["gateway", "--board", "boards/mock.json", "--gateway-id", "0102030405060708", "--duration", duration])
            #expect(result.status == 2, "\(duration)")
            #expect(result.stderr == "lorikeet gateway: --duration: expected a number of seconds 0-1000000000, got '\(duration)'\n")
        }
        let devices = try Self.temporary("devices.json", #"{"devices": [{"name": "a", "dev_addr": "26011001", "nwk_s_key": "000102030405060708090A0B0C0D0E0F", "app_s_key": "000102030405060708090A0B0C0D0E0F", "period_s": 1e300}]}"#)
        let result = try CLI.run(["gateway", "--board", "boards/mock.json", "--gateway-id", "0102030405060708", "--devices", devices, "--duration", "1"])
        #expect(result.status == 2)
        #expect(result.stderr == "lorikeet gateway: \(devices): devices[0].period_s: expected a number of seconds 1-86400\n")
    }

    @Test func withoutConfigTheGatewayRunsOnDefaults() throws {
        let result = try CLI.run(["gateway", "--board", "boards/mock.json", "--server", "127.0.0.1:9", "--gateway-id", "0102030405060708",
                                  "--duration", "0.3", "--quiet"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("lorikeet gateway 0102030405060708: board boards/mock.json (Mock board), server 127.0.0.1:9/9"))
        #expect(result.stdout.contains("radio listening on 868.100000 MHz SF7BW125 4/5, region EU868"))
    }

    @Test func gatewayOnTheMockBoardForwardsToServe() throws {
        let (gateway, serveText, _) = try ServeAndGateway.run(
            basePort: 20_000 + Int(getpid() % 20_000), serve: ["--loopback", "--duration", "9"],
            gateway: { ["gateway", "--config", "examples/global_conf.json", "--server", $0, "--duration", "7"] })
        #expect(gateway.status == 0)
        #expect(gateway.stdout.contains("radio listening on 868.100000 MHz SF7BW125 4/5, region EU868"))
        #expect(gateway.stdout.contains("door-2: downlink received in RX1"))
        #expect(gateway.stdout.contains("stopped; final statistics: rxnb"))
        #expect(serveText.contains("gateway AA555A0000000001 connected"))
        #expect(serveText.contains("ConfirmedDataUp 26011002 FCnt 0 FPort 2 4 bytes (door-2) -> ACK for RX1"))
        #expect(serveText.contains("tx_ack gw AA555A0000000001: NONE"))
    }
}
