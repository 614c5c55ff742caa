import Testing
@testable import GatewayProgram

/// The firmware's own argv parser: the options of `lorikeet gateway`, in
/// both `--name value` and `--name=value` form, and one-line usage errors.
@Suite struct GatewayArgumentsTests {
    @Test func readsEveryOptionInBothForms() throws {
        let request = try GatewayArguments.parse([
            "--config", "c.json", "--board=mock", "--server", "127.0.0.1:1700", "--gateway-id", "0102030405060708",
            "--frequency", "868300000", "--datarate=SF9BW125", "--devices", "d.json", "--duration", "-1", "--quiet",
        ])
        var expected = GatewayOptions()
        expected.configPath = "c.json"
        expected.board = "mock"
        expected.server = "127.0.0.1:1700"
        expected.gatewayID = "0102030405060708"
        expected.frequency = "868300000"
        expected.datarate = "SF9BW125"
        expected.devices = "d.json"
        expected.duration = "-1"
        expected.quiet = true
        #expect(request == .run(expected))
    }

    @Test func helpAndPrintEUIAreRequestsOfTheirOwn() throws {
        #expect(try GatewayArguments.parse(["--help"]) == .help)
        #expect(try GatewayArguments.parse(["--quiet", "--print-eui"]) == .printEUI)
        #expect(try GatewayArguments.parse([]) == .run(GatewayOptions()))
    }

    @Test func unknownArgumentsAndMissingValuesAreUsageErrors() {
        #expect(throws: GatewayFailure.self) { try GatewayArguments.parse(["--bogus"]) }
        do {
            _ = try GatewayArguments.parse(["--config"])
            Issue.record("accepted --config without a value")
        } catch {
            #expect(error == GatewayFailure("--config: expected a value", exitCode: 2))
        }
        do {
            _ = try GatewayArguments.parse(["stray"])
            Issue.record("accepted a stray argument")
        } catch {
            #expect(error.exitCode == 2)
            #expect(error.message.hasPrefix("unknown argument 'stray'"))
        }
    }

    @Test func durationRefusesNonFiniteNegativeHugeAndOverflowingValues() throws {
        #expect(try GatewayConfiguration.durationMicros("7") == 7_000_000)
        #expect(try GatewayConfiguration.durationMicros("0.25") == 250_000)
        for text in ["nan", "inf", "-inf", "1e300", "-1", "1e10", "18446744073709.552", "", "7s"] {
            do {
                _ = try GatewayConfiguration.durationMicros(text)
                Issue.record("accepted --duration \(text)")
            } catch {
                #expect(error == GatewayFailure("--duration: expected a number of seconds 0-1000000000, got '\(text)'", exitCode: 2))
            }
        }
    }
}
