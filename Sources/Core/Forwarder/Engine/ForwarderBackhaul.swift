import Runtime

/// The forwarder's network side on the radio loop: resolution answers,
/// datagrams from the server (only from its resolved address), sends.
/// The transport does the blocking work elsewhere (BackhaulTransport).
extension PacketForwarder {
    func resolveServer() {
        guard !server.resolving else { return }
        server.requested()
        upLink.requestResolve(host: server.host, port: server.portUp)
        takeResolution()  // a synchronous transport answers at once
    }

    func takeResolution() {
        guard let answer = upLink.takeResolution() else { return }
        switch answer {
        case .success(let address):
            let first = server.up == nil
            let changed = server.resolved(address, now: loop.nowMicros)
            if changed {
                log("server \(server.host) is \(address.description) (up), port \(server.portDown) (down)\(first ? "" : "; it moved")")
            }
            if first || changed {
                sendKeepalive()
                pump()
            }
        case .failure(let error):
            statistics.resolveFailures += 1
            let delay = server.failed()
            log("\(error.message); retrying in \(delay / 1_000_000) s (uplinks are kept)")
            loop.schedule(afterMicros: delay) { if self.isRunning { self.resolveServer() } }
        }
    }

    func serviceUpLink() {
        takeResolution()
        while isRunning {
            let received: (count: Int, from: SocketAddress)?
            do {
                received = try upLink.receive(into: &receiveBuffer)
            } catch {
                log(error.message)
                return
            }
            guard let (count, from) = received else { return }
            handleDatagram(count: count, from: from, onUpLink: true)
        }
    }

    func serviceDownLink() {
        while isRunning {
            let received: (count: Int, from: SocketAddress)?
            do {
                received = try downLink.receive(into: &receiveBuffer)
            } catch {
                log(error.message)
                return
            }
            guard let (count, from) = received else { return }
            handleDatagram(count: count, from: from, onUpLink: false)
        }
    }

    func send(_ datagram: [UInt8], on up: Bool, to address: SocketAddress) {
        do {
            if up {
                try upLink.send(datagram, to: address)
            } else {
                try downLink.send(datagram, to: address)
            }
            if up && datagram.count > 3 && datagram[3] == SemtechIdentifier.pushData.rawValue {
                statistics.pushSent += 1
            }
        } catch {
            statistics.sendFailures += 1
            if statistics.sendFailures < 10 || statistics.sendFailures % 100 == 0 { log(error.message) }
        }
    }

    func handleDatagram(count: Int, from: SocketAddress, onUpLink: Bool) {
        guard from == (onUpLink ? server.up : server.down) else {
            statistics.foreign += 1
            if statistics.foreign <= 3 { log("ignored a datagram from \(from.description): not the configured server") }
            return
        }
        guard count <= receiveBuffer.count else { malformed(.oversized); return }
        let bytes = receiveBuffer[0..<count]
        let header: SemtechDatagram.Header
        switch SemtechDatagram.header(bytes) {
        case .success(let h): header = h
        case .failure(let reason): malformed(reason); return
        }
        switch (header.identifier, onUpLink) {
        case (.pushAck, true):
            guard let delivered = uplinks.acknowledge(token: header.token) else { return }  // late or duplicate
            statistics.pushAcknowledged += 1
            statistics.uplinksAcknowledged += UInt64(delivered)
            serverAnswered()
            pump()
        case (.pullAck, false):
            guard header.token == pullToken else { return }
            pullToken = nil
            statistics.pullAcknowledged += 1
            if uplinks.isSilent {
                serverAnswered()
                pump()
            }
        case (.pullResp, false):
            statistics.dwnb += 1
            // Version 1 had no TX_ACK: a v1 PULL_RESP cannot be answered as the server expects.
            guard header.version == SemtechDatagram.protocolVersion else { malformed(.wrongVersion); return }
            switch TxPacket.parse(json: bytes.dropFirst(4)) {
            case .failure(let reason): malformed(reason)
            case .success(let txpk):
                let ack = schedule(txpk)
                statistics.txAcks[ack.error.rawValue, default: 0] += 1
                if let down = server.down {
                    send(SemtechDatagram.encode(.txAck, token: header.token, eui: configuration.gatewayEUI, json: ack.json),
                         on: false, to: down)
                }
            }
        default:
            malformed(.unexpectedIdentifier)
        }
    }

    func malformed(_ reason: MalformedDatagram) {
        statistics.malformed += 1
        if malformedLog.admit() {
            log("dropped a malformed datagram from the server: \(reason.message) (\(statistics.malformed) so far)")
        }
    }
}
