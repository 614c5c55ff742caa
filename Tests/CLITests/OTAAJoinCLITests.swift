import Foundation
import Testing

/// An OTAA device of the mock board joins through the real gateway and
/// `lorikeet serve` on loopback, on the real clock: JoinRequest, JoinAccept
/// in RX1 5 s later, then data frames that serve decodes with the derived keys.
@Suite(.serialized) struct OTAAJoinCLITests {
    @Test func aDeviceJoinsThroughGatewayAndServe() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lorikeet-otaa-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let devices = folder.appendingPathComponent("devices.json").path
        try #"""
        {"devices": [{"name": "joiner", "dev_eui": "70B3D57ED0000009", "join_eui": "70B3D57ED00000AA",
                      "app_key": "00112233445566778899AABBCCDDEEFF", "confirmed": true, "period_s": 1, "payload_bytes": 3}]}
        """#.write(toFile: devices, atomically: true, encoding: .utf8)
        let (gateway, serveText, port) = try ServeAndGateway.run(
            basePort: 21_000 + Int(getpid() % 20_000), serve: ["--devices", devices, "--duration", "12"],
            gateway: { ["gateway", "--config", "examples/global_conf.json", "--server", $0, "--devices", devices, "--duration", "10"] })
        #expect(gateway.status == 0)
        #expect(serveText.contains("serve: listening on 127.0.0.1:\(port) (UDP), 0 ABP and 1 OTAA devices known"))
        #expect(serveText.contains("JoinRequest DevEUI 70B3D57ED0000009 DevNonce"))
        #expect(serveText.contains("(joiner) -> JoinAccept DevAddr 26012000 for RX1 at tmst"))
        #expect(gateway.stdout.contains("joiner: sent JoinRequest DevNonce"))
        #expect(gateway.stdout.contains("joiner: downlink received in RX1 (started"))
        #expect(gateway.stdout.contains("JoinAccept DevAddr 26012000, joined (session keys derived, RX1 delay 1 s)"))
        #expect(gateway.stdout.contains("joiner: sent confirmed uplink FCnt 0, 16 bytes"))
        // serve knows the session: the data frame's MIC verifies and its payload decrypts.
        #expect(serveText.contains("ConfirmedDataUp 26012000 FCnt 0 FPort 1 3 bytes (joiner) -> ACK for RX1"))
    }

    @Test func listensOnIPv6LoopbackWhenAsked() throws {
        let port = 22_000 + Int(getpid() % 20_000)
        let run = try CLI.run(["serve", "--port", "\(port)", "--listen", "::1", "--duration", "0"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("serve: listening on [::1]:\(port) (UDP)"))
    }
}
