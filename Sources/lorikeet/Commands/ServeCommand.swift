import ArgumentParser
import Forwarder
import Foundation
import GatewayProgram
import JSON
import LoRaPHY
import LoRaWAN
import Runtime

/// `lorikeet serve`: a small network-server stand-in for trying the gateway
/// without an account anywhere. Acknowledges PUSH_DATA and PULL_DATA, prints
/// one line per uplink, and answers confirmed uplinks of known ABP devices
/// with an ACK downlink in RX1.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Local network-server stand-in for the Semtech UDP protocol.",
        discussion: """
            Device keys come from the same file as the mock board's devices (examples/mock-devices.json).
            Example:
              lorikeet serve --port 1700 --loopback
            """
    )

    @Option(name: .customLong("port"), help: "UDP port to listen on.")
    var port: Int = 1700

    @Flag(name: .customLong("loopback"), help: "Listen on 127.0.0.1 only.")
    var loopback = false

    @Option(name: .customLong("devices"), help: "ABP devices and keys (default: examples/mock-devices.json).")
    var devices: String?

    @Option(name: .customLong("duration"), help: "Stop after this many seconds.")
    var duration: Double?

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port: expected 1-65535, got \(port)") }
    }

    final class Session {
        var keys: SessionKeys
        var name: String
        var lastFCnt: UInt32?
        var fCntDown: UInt32 = 0
        init(name: String, keys: SessionKeys) {
            self.name = name
            self.keys = keys
        }
    }

    func run() throws {
        var sessions: [DevAddr: Session] = [:]
        if let path = devices ?? MockDeviceFile.defaultPath() {
            let file: MockDeviceFile
            do {
                file = try MockDeviceFile.load(path, frequencyHz: 868_100_000, dataRate: DataRateName("SF7BW125")!)
            } catch {
                standardError("lorikeet serve: \(error.message)")
                throw ExitCode(2)
            }
            for d in file.devices { sessions[d.devAddr] = Session(name: d.name, keys: d.keys) }
        }
        let socket: UDPSocket
        do {
            socket = try UDPSocket(bindPort: UInt16(port), loopbackOnly: loopback)
        } catch {
            standardError("lorikeet serve: \(error.message)")
            throw ExitCode(1)
        }
        Log.line("serve: listening on \(loopback ? "127.0.0.1" : "0.0.0.0"):\(port) (UDP), \(sessions.count) ABP devices known")
        let loop = EventLoop(reactor: PollReactor())
        let server = StandInServer(socket: socket, sessions: sessions)
        loop.addSource(descriptor: socket.descriptor) { server.drain() }
        let signals = try StopSignals()
        loop.addSource(descriptor: signals.descriptor) {
            if signals.take() != nil { loop.stop() }
        }
        if let duration { loop.schedule(afterMicros: UInt64(max(duration, 0) * 1_000_000)) { loop.stop() } }
        try loop.run()
        Log.line("serve: stopped")
    }
}

/// The server's state: where each gateway's PULL_DATA came from (PULL_RESP
/// goes there), and each device's frame counters.
final class StandInServer {
    let socket: UDPSocket
    var sessions: [DevAddr: ServeCommand.Session]
    var downAddress: [String: SocketAddress] = [:]
    var nextToken: UInt16 = 1
    var buffer: [UInt8] = []

    init(socket: UDPSocket, sessions: [DevAddr: ServeCommand.Session]) {
        self.socket = socket
        self.sessions = sessions
    }

    func send(_ bytes: [UInt8], to address: SocketAddress) {
        do {
            try socket.send(bytes, to: address)
        } catch {
            Log.line("serve: \(error.message)")
        }
    }

    func drain() {
        while true {
            let received: (count: Int, from: SocketAddress)?
            do {
                received = try socket.receive(into: &buffer, capacity: 65_536)
            } catch {
                Log.line("serve: \(error.message)")
                return
            }
            guard let (count, from) = received else { return }
            handle(Array(buffer[0..<min(count, buffer.count)]), from: from)
        }
    }

    func handle(_ bytes: [UInt8], from: SocketAddress) {
        guard case .success(let header) = SemtechDatagram.header(bytes[...]) else {
            Log.line("serve: malformed datagram from \(from.description)")
            return
        }
        let gateway = bytes.count >= 12 ? GatewayEUI(bytes: Array(bytes[4..<12]))?.hex ?? "?" : "?"
        switch header.identifier {
        case .pushData:
            send(SemtechDatagram.ack(.pushAck, token: header.token), to: from)
            guard bytes.count > 12, let value = try? JSONParser.parse(Array(bytes[12...])) else { return }
            for rx in value["rxpk"]?.arrayValue ?? [] { uplink(rx, gateway: gateway) }
            if let stat = value["stat"] {
                func n(_ k: String) -> String { stat[k]?.numberValue.map { JSONSerializer.number($0) } ?? "-" }
                Log.line("stat gw \(gateway): rxnb \(n("rxnb")) rxok \(n("rxok")) rxfw \(n("rxfw")) ackr \(n("ackr")) dwnb \(n("dwnb")) txnb \(n("txnb"))")
            }
        case .pullData:
            if downAddress[gateway] == nil { Log.line("gateway \(gateway) connected from \(from.description)") }
            downAddress[gateway] = from
            send(SemtechDatagram.ack(.pullAck, token: header.token), to: from)
        case .txAck:
            let value = bytes.count > 12 ? try? JSONParser.parse(Array(bytes[12...])) : nil
            Log.line("tx_ack gw \(gateway): \(value?["txpk_ack"]?["error"]?.stringValue ?? "NONE")")
        default:
            Log.line("serve: unexpected identifier \(header.identifier.rawValue) from \(from.description)")
        }
    }

    func uplink(_ rx: JSONValue, gateway: String) {
        let data = rx["data"]?.stringValue.flatMap { Base64.decode($0) } ?? []
        var line = "uplink gw \(gateway) \(rx["time"]?.stringValue ?? "-") "
        line += "\(NumberText.fixed(rx["freq"]?.numberValue ?? 0, decimals: 3)) MHz \(rx["datr"]?.stringValue ?? "?") "
        line += "rssi \(NumberText.fixed(rx["rssi"]?.numberValue ?? 0, decimals: 0)) snr \(NumberText.fixed(rx["lsnr"]?.numberValue ?? 0, decimals: 1))"
        let header: FrameHeader
        do {
            header = try DataFrameCodec.peek(data)
        } catch {
            Log.line(line + " \(data.count) bytes: not a LoRaWAN frame (\(error.message))")
            return
        }
        guard let devAddr = header.devAddr else {
            Log.line(line + " \(header.messageType.name) \(data.count) bytes")
            return
        }
        line += " \(header.messageType.name) \(devAddr.hex)"
        guard let session = sessions[devAddr] else {
            Log.line(line + " FCnt \(header.fCnt16) FPort \(header.fPort.map { "\($0)" } ?? "-") \(data.count) bytes (unknown device)")
            return
        }
        let frame: DataFrame
        do {
            frame = try DataFrameCodec.decode(data, keys: session.keys, frameCounterHint: (session.lastFCnt ?? 0) &+ 1)
        } catch {
            Log.line(line + " FCnt \(header.fCnt16) \(data.count) bytes: \(error.message)")
            return
        }
        session.lastFCnt = frame.frameCounter
        line += " FCnt \(frame.frameCounter) FPort \(frame.fPort.map { "\($0)" } ?? "-") \(frame.frmPayload.count) bytes (\(session.name))"
        guard header.messageType == .confirmedDataUp, let tmst = rx["tmst"]?.integerValue,
              let freq = rx["freq"]?.numberValue, let datr = rx["datr"]?.stringValue, let name = DataRateName(datr),
              let down = downAddress[gateway] else {
            Log.line(line)
            return
        }
        let ack = DataFrame(messageType: .unconfirmedDataDown, devAddr: devAddr, ack: true, frameCounter: session.fCntDown)
        session.fCntDown &+= 1
        guard let phy = try? DataFrameCodec.encode(ack, keys: session.keys) else {
            Log.line(line)
            return
        }
        let rx1 = UInt32(truncatingIfNeeded: tmst) &+ 1_000_000
        let txpk = TxPacket(timing: .counter(rx1), frequencyHz: UInt32((freq * 1_000_000).rounded()), powerDBm: 14,
                            dataRate: name, invertPolarity: true, noCRC: true, payload: phy)
        send(SemtechDatagram.pullResp(token: nextToken, json: txpk.json), to: down)
        nextToken &+= 1
        Log.line(line + " -> ACK for RX1 at tmst \(rx1)")
    }
}
