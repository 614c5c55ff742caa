import Testing
@testable import MeshProgram

/// What the node program refuses before it serves the prompt: a board that
/// is not there (2), a frequency its region forbids (2), a HAT whose
/// devices the system does not have (1). Board profiles come from the
/// package's boards/ (the tests run in the package root).
@Suite struct MeshNodeProgramTests {
    func failure(_ fill: (inout MeshNodeOptions) -> Void) -> MeshNodeFailure? {
        var options = MeshNodeOptions()
        fill(&options)
        do {
            try MeshNodeProgram.run(options)
            return nil
        } catch {
            return error
        }
    }

    @Test func aMissingBoardIsAUsageError() throws {
        let error = try #require(failure { $0.board = "no-such-board" })
        #expect(error.exitCode == 2)
        #expect(error.message.hasPrefix("--board: no board profile \"no-such-board\""))
        #expect(error.message.contains("mock"))
    }

    @Test func theFrequencyMustBeInTheBoardsRegion() throws {
        let error = try #require(failure { $0.board = "mock"; $0.frequency = "915000000" })
        #expect(error == MeshNodeFailure(
            "--frequency: 915 MHz is outside the transmit bands of EU868, the region of the board profile boards/mock.json", exitCode: 2))
    }

    @Test func aHATWithoutItsDevicesIsASystemError() throws {
        let error = try #require(failure { $0.board = "rfm95-breakout" })
        #expect(error.exitCode == 1)
        #expect(error.message.contains("/dev/"))
    }
}
