// lorikeet-gateway: the firmware's front door to the gateway program
// (Sources/Core/GatewayProgram), built in Embedded Swift for the Raspberry
// Pi (`make firmware`) and, as a normal Swift program, on the host.
// Top-level code, because SwiftPM replaces an @_cdecl("main") entry point;
// the arguments come from the C shim (Embedded Swift has no CommandLine).
import GatewayProgram
import Runtime

let program = "lorikeet-gateway"

do throws(GatewayFailure) {
    switch try GatewayArguments.parse(Array(ProcessIO.arguments().dropFirst())) {
    case .help:
        for line in GatewayArguments.usage(program: program) { ProcessIO.writeLine(line) }
    case .printEUI:
        ProcessIO.writeLine(try GatewayProgram.defaultEUIText())
    case .run(let options):
        try GatewayProgram(options: options, name: program).run()
    }
} catch {
    ProcessIO.writeErrorLine("\(program): \(error.message)")
    ProcessIO.exit(error.exitCode)
}
