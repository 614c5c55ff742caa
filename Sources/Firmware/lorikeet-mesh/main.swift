// lorikeet-mesh: the firmware's front door to one Pymesh / Thread node
// (Sources/Core/MeshProgram), built in Embedded Swift for the Raspberry Pi
// (`make firmware`) and, as a normal Swift program, on the host.
// Top-level code, because SwiftPM replaces an @_cdecl("main") entry point;
// the arguments come from the C shim (Embedded Swift has no CommandLine).
import MeshProgram
import Runtime

let program = "lorikeet-mesh"

do throws(MeshNodeFailure) {
    switch try MeshNodeArguments.parse(Array(ProcessIO.arguments().dropFirst())) {
    case .help:
        for line in MeshNodeArguments.usage(program: program) { ProcessIO.writeLine(line) }
    case .run(let options):
        try MeshNodeProgram.run(options)
    }
} catch {
    ProcessIO.writeErrorLine("\(program): \(error.message)")
    ProcessIO.exit(error.exitCode)
}
