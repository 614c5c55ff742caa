import Forwarder
import JSON
import LoRaWAN
import MockBoard
import Runtime

/// The state of `lorikeet serve`: where each gateway's PULL_DATA came from
/// (PULL_RESP goes there), each device's session and frame counters, the
/// join server for OTAA devices, and the datagrams dropped as hostile.
final class StandInServer {
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

    /// The devices known from the devices file.
    struct Devices {
        var sessions: [DevAddr: Session] = [:]
        var joins = JoinServer()
        var otaaNames: [EUI64: String] = [:]
        var abpCount: Int { sessions.count }

        mutating func add(_ d: DeviceDescription) {
            if let otaa = d.otaa {
                joins.add(otaa)
                otaaNames[otaa.devEUI] = d.name
            } else if let devAddr = d.devAddr, let keys = d.keys {
                sessions[devAddr] = Session(name: d.name, keys: keys)
                joins.reserve(devAddr)
            }
        }
    }

    let socket: UDPSocket
    var devices: Devices
    var downAddress: [String: SocketAddress] = [:]
    var nextToken: UInt16 = 1
    var buffer: [UInt8] = []
    /// PUSH_DATA whose rxpk held a number out of range (or no Base64): ignored, counted.
    private(set) var dropped = 0

    init(socket: UDPSocket, devices: Devices) {
        self.socket = socket
        self.devices = devices
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
            // Check every rxpk before acting on any: one bad number drops the datagram.
            var uplinks: [ServeUplink] = []
            do throws(ServeUplink.Refusal) {
                for (index, rx) in (value["rxpk"]?.arrayValue ?? []).enumerated() {
                    uplinks.append(try ServeUplink(rx, at: "rxpk[\(index)]"))
                }
            } catch {
                drop("PUSH_DATA from gateway \(gateway): \(error.message)")
                return
            }
            for uplink in uplinks { handle(uplink, gateway: gateway) }
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

    /// One log line for the first ten drops, then one per thousand: a
    /// hostile sender cannot fill the log.
    func drop(_ why: String) {
        dropped += 1
        if dropped <= 10 || dropped % 1_000 == 0 {
            Log.line("serve: dropped \(why) (\(dropped) dropped so far)")
        }
    }

    func handle(_ uplink: ServeUplink, gateway: String) {
        let data = uplink.payload
        var line = uplink.describe(gateway: gateway)
        let header: FrameHeader
        do {
            header = try DataFrameCodec.peek(data)
        } catch {
            Log.line(line + " \(data.count) bytes: not a LoRaWAN frame (\(error.message))")
            return
        }
        if header.messageType == .joinRequest {
            join(data, uplink: uplink, gateway: gateway, line: line + " JoinRequest")
            return
        }
        guard let devAddr = header.devAddr else {
            Log.line(line + " \(header.messageType.name) \(data.count) bytes")
            return
        }
        line += " \(header.messageType.name) \(devAddr.hex)"
        guard let session = devices.sessions[devAddr] else {
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
        guard header.messageType == .confirmedDataUp else {
            Log.line(line)
            return
        }
        let ack = DataFrame(messageType: .unconfirmedDataDown, devAddr: devAddr, ack: true, frameCounter: session.fCntDown)
        guard let phy = try? DataFrameCodec.encode(ack, keys: session.keys),
              let rx1 = uplink.answer(phy, delayMicros: 1_000_000), let down = downAddress[gateway] else {
            Log.line(line + " (no downlink: the gateway has not pulled, or the uplink lacks tmst/freq/datr)")
            return
        }
        session.fCntDown &+= 1
        send(SemtechDatagram.pullResp(token: nextToken, json: rx1.packet.json), to: down)
        nextToken &+= 1
        Log.line(line + " -> ACK for RX1 at tmst \(rx1.tmst)")
    }

    /// A JoinRequest: answer a known device with a JoinAccept in RX1
    /// (JOIN_ACCEPT_DELAY1 = 5 s after the uplink) and keep its session.
    func join(_ data: [UInt8], uplink: ServeUplink, gateway: String, line: String) {
        let answer: JoinServer.Answer
        do {
            answer = try devices.joins.answer(data)
        } catch {
            Log.line(line + ": \(error.message)")
            return
        }
        let name = devices.otaaNames[answer.request.devEUI] ?? "?"
        let text = line + " DevEUI \(answer.request.devEUI.hex) DevNonce \(answer.request.devNonce) (\(name))"
        guard let rx1 = uplink.answer(answer.phyPayload, delayMicros: UInt32(JoinServer.joinAcceptDelay1Micros)),
              let down = downAddress[gateway] else {
            Log.line(text + " (no downlink: the gateway has not pulled, or the uplink lacks tmst/freq/datr)")
            return
        }
        devices.sessions[answer.accept.devAddr] = Session(name: name, keys: answer.keys)
        send(SemtechDatagram.pullResp(token: nextToken, json: rx1.packet.json), to: down)
        nextToken &+= 1
        Log.line(text + " -> JoinAccept DevAddr \(answer.accept.devAddr.hex) for RX1 at tmst \(rx1.tmst)")
    }
}
