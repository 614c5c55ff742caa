import Mesh
import Runtime

/// The node with an ot-cli-style prompt: one command per stdin line, echoed
/// as `> COMMAND`, its output (and later output: ping replies, UDP) on
/// stdout line by line; `exit` or the end of stdin stops it.
struct MeshNodeSession {
    var dataset: OperationalDataset
    var seed: UInt64
    var sensitivityDBm: Int
    var macParameters: MACParameters
    var timings: ThreadTimingsChoice

    func serve(radio: NodeRadio, loop: EventLoop<PacedReactor>) throws(MeshNodeFailure) {
        var random = MeshRandom(seed: seed)
        // A random extended address, as OpenThread's simulated nodes pick.
        let extAddress = ExtendedAddress(random.next() & ~0x0100_0000_0000_0000)
        var settings = ThreadNode.Settings()
        settings.timings = timings.timings(for: radio)
        let stack: MeshStack<NodeRadio, PacedReactor>
        do {
            stack = try MeshStack(radio: radio, loop: loop, dataset: dataset, extAddress: extAddress, seed: seed,
                                  settings: settings, macParameters: macParameters, sensitivityDBm: sensitivityDBm)
        } catch {
            throw error.kind == .radio ? MeshNodeFailure.system(error.message) : MeshNodeFailure.usage(error.message)
        }
        let cli = MeshCLI(stack: stack) { line in ProcessIO.writeLine(line) }
        var lines = CommandLines()
        loop.addSource(descriptor: StandardInput.descriptor) {
            let bytes: [UInt8]
            switch StandardInput.read() {
            case .bytes(let chunk): bytes = chunk
            case .end, .failed: loop.stop(); return
            }
            for line in lines.take(bytes) {
                switch line {
                case .command(let text):
                    ProcessIO.writeLine("> \(text)")
                    if text == "exit" { loop.stop(); return }
                    cli.execute(text)
                case .tooLong:
                    ProcessIO.writeLine("> (a line longer than \(CommandLines.maximumLineBytes) bytes)")
                    ProcessIO.writeLine("Error 7: InvalidArgs")
                }
            }
        }
        do {
            try loop.run()
        } catch {
            stack.stop()
            throw .system("event loop failed: \(error.message)")
        }
        stack.stop()
    }
}
