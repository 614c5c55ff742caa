import Foundation

/// `lorikeet serve` on loopback with one `lorikeet gateway` run against it,
/// as a user starts them in two terminals. serve is probed until it answers
/// (a fixed sleep lost the gateway's first datagrams on a loaded machine).
enum ServeAndGateway {
    /// Runs serve with `serve` arguments on a port from `basePort`, then the
    /// gateway with `gateway(server)` arguments; returns the gateway's result,
    /// everything serve printed and the port used.
    ///
    /// On a loaded machine the real-clock mock board can wake milliseconds
    /// late; the forwarder then rightly refuses to transmit ("downlink aborted:
    /// it would start … late", issue 12.5). Such a run says nothing about what
    /// the test checks: it is tried again, up to three times, on a new port.
    static func run(basePort: Int, serve: [String], gateway: (_ server: String) -> [String])
        throws -> (gateway: CLI.Result, serveText: String, port: Int)
    {
        var attempt = 0
        while true {
            attempt += 1
            let port = basePort + attempt
            let (result, serveText) = try once(port: port, serve: serve, gateway: gateway("127.0.0.1:\(port)"))
            let late = result.stdout.contains("downlink aborted: it would start")
            if !late || attempt == 3 { return (result, serveText, port) }
        }
    }

    private static func once(port: Int, serve: [String], gateway: [String]) throws -> (CLI.Result, String) {
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
