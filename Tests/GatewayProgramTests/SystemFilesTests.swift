import Runtime
import Testing
@testable import GatewayProgram

/// The system layer the gateway program reads files and interfaces through.
@Suite struct SystemFilesTests {
    @Test func readsFilesBoundedAndNamesWhatIsWrong() throws {
        let scratch = Scratch("files")
        let path = scratch.file("a.txt", "hello")
        #expect(try Files.read(path) == Array("hello".utf8))
        #expect(throws: Files.ReadError(reason: .tooLarge(limit: 4))) { try Files.read(path, maximumBytes: 4) }
        #expect(throws: Files.ReadError(reason: .directory)) { try Files.read(scratch.path) }
        #expect(throws: Files.ReadError(reason: .missing)) { try Files.read(scratch.path + "/none") }
        #expect(Files.kind(path) == .file)
        #expect(Files.kind(scratch.path) == .directory)
        _ = scratch.file("b.txt", "")
        #expect(Files.list(scratch.path) == ["a.txt", "b.txt"])
    }

    @Test func pathsWithoutFoundation() {
        #expect(FilePath.directory(of: "examples/global_conf.json") == "examples")
        #expect(FilePath.directory(of: "global_conf.json") == ".")
        #expect(FilePath.directory(of: "/global_conf.json") == "/")
        #expect(FilePath.absolute("./a/../b//c.json", base: "/work") == "/work/b/c.json")
        #expect(FilePath.display("/work/boards/mock.json", base: "/work") == "boards/mock.json")
        #expect(FilePath.display("/other/mock.json", base: "/work") == "/other/mock.json")
        #expect(FilePath.display("/etc/lorikeet/global_conf.json", base: "/") == "/etc/lorikeet/global_conf.json")
        #expect(FilePath.removingExtension("mock.json") == "mock")
    }

    @Test func mainInterfacePrefersDevicesAndSkipsZeroMACs() throws {
        let scratch = Scratch("net")
        _ = scratch.file("lo/address", "00:00:00:00:00:00\n")
        _ = scratch.file("docker0/address", "02:42:ac:11:00:02\n")
        _ = scratch.file("eth0/address", "b8:27:eb:12:34:56\n")
        _ = scratch.directory("eth0/device")
        _ = scratch.file("zero/address", "00:00:00:00:00:00\n")
        let interfaces = NetworkInterfaces(root: scratch.path)
        #expect(try interfaces.mainInterface().name == "eth0")
        #expect(try GatewayProgram.defaultEUIText(interfaces: interfaces) == "B827EBFFFE123456")
        let empty = NetworkInterfaces(root: scratch.path + "/none")
        #expect(throws: GatewayFailure.self) { try GatewayProgram.defaultEUIText(interfaces: empty) }
    }
}
