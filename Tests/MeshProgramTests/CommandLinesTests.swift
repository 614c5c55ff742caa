import Testing
@testable import MeshProgram

/// stdin → command lines: split at newlines however the bytes arrive,
/// trimmed, blank lines skipped, over-long lines refused with bounded memory.
@Suite struct CommandLinesTests {
    @Test func splitsTrimsAndSkipsBlankLines() {
        var lines = CommandLines()
        #expect(lines.take(Array("  state\r\n\n\t\nipaddr ml".utf8)) == [.command("state")])
        #expect(lines.take(Array("eid \nping".utf8)) == [.command("ipaddr mleid")])
        #expect(lines.take(Array(" fdde::1\n".utf8)) == [.command("ping fdde::1")])
    }

    @Test func anOverlongLineIsRefusedOnceAndTheNextLineIsRead() {
        var lines = CommandLines()
        let long = [UInt8](repeating: UInt8(ascii: "a"), count: CommandLines.maximumLineBytes + 1)
        #expect(lines.take(long) == [.tooLong])
        #expect(lines.take(long + Array("\nstate\n".utf8)) == [.command("state")])
        let exact = [UInt8](repeating: UInt8(ascii: "b"), count: CommandLines.maximumLineBytes)
        #expect(lines.take(exact + [0x0A]) == [.command(String(decoding: exact, as: UTF8.self))])
    }
}
