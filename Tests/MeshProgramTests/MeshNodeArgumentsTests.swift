import Testing
@testable import MeshProgram

/// The firmware's own argv parser: the options of `lorikeet mesh node`, in
/// both `--name value` and `--name=value` form.
@Suite struct MeshNodeArgumentsTests {
    @Test func readsEveryOptionInBothForms() throws {
        let request = try MeshNodeArguments.parse([
            "--board", "mock", "--radio=ot-sim:2", "--key", "112233", "--seed=-1", "--frequency", "869525000", "--datarate=SF9BW125",
            "--timings", "openthread",
        ])
        var expected = MeshNodeOptions()
        expected.board = "mock"
        expected.radio = "ot-sim:2"
        expected.key = "112233"
        expected.seed = "-1"
        expected.frequency = "869525000"
        expected.datarate = "SF9BW125"
        expected.timings = "openthread"
        #expect(request == .run(expected))
        #expect(try MeshNodeArguments.parse(["--radio", "ot-sim:1", "--help"]) == .help)
        #expect(try MeshNodeArguments.parse([]) == .run(MeshNodeOptions()))
    }

    @Test func unknownArgumentsAndMissingValuesAreUsageErrors() {
        #expect(throws: MeshNodeFailure("--key: expected a value", exitCode: 2)) { try MeshNodeArguments.parse(["--key"]) }
        #expect(throws: MeshNodeFailure(
            "unknown argument '--bogus' (options: --board, --radio, --key, --seed, --frequency, --datarate, --timings, --help)",
            exitCode: 2)) { try MeshNodeArguments.parse(["--bogus"]) }
        #expect(throws: MeshNodeFailure.self) { try MeshNodeArguments.parse(["stray"]) }
    }
}
