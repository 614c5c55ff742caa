import Foundation

/// `lorikeet serve` on loopback with one `lorikeet gateway` run against it,
/// as a user starts them in two terminals. serve is probed until it answers
/// (a fixed sleep lost the gateway's first datagrams on a loaded machine).
enum ServeAndGateway {
    /// Runs serve with `serve` arguments on `port`, then the gateway with
    /// `gateway` arguments (which name the server); returns the gateway's
    /// result and everything serve printed.
    static func run(port: Int, serve: [String], gateway: [String]) throws -> (gateway: CLI.Result, serveText: String) {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["serve", "--port", "\(port)"] + serve
        process.currentDirectoryURL = CLI.packageRoot
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        try ServeCLITests.waitUntilServing(process, port: port)
        let result = try CLI.run(gateway)
        let serveText = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (result, serveText)
    }
}
