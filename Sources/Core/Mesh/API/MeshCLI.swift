import Runtime
import TextCoding

/// OpenThread's CLI commands over a MeshStack, with OpenThread's output formats (each command
/// ends with `Done` or `Error N: Name`; see ../shared/tools/openthread/README.md and
/// Tests/MeshTests/Fixtures/ot-cli-single-leader.txt). Output goes to `output` line by line,
/// also later (ping replies, received UDP).
public final class MeshCLI<Radio: MeshRadio, R: Reactor> {
    public let stack: MeshStack<Radio, R>
    public var output: (String) -> Void
    var pendingDataset: OperationalDataset?
    var ping: PingSession?
    var udpPort: UInt16?
    public var interfaceUp = false

    struct PingSession {
        var destination: IPv6Address
        var identifier: UInt16
        var sent: [UInt16: UInt64] = [:]
        var rtts: [UInt64] = []
        var transmitted = 0
    }

    public init(stack: MeshStack<Radio, R>, output: @escaping (String) -> Void) {
        self.stack = stack
        self.output = output
        stack.onEchoReply = { reply in self.echoReply(reply) }
        stack.onDatagram = { d in self.deliver(d) }
    }

    /// A datagram for the `udp` command's socket (OpenThread prints it).
    public func deliver(_ d: ThreadDatagram) {
        guard let port = udpPort, d.destinationPort == port else { return }
        output("\(d.payload.count) bytes from \(d.source.description) \(d.sourcePort) \(String(decoding: d.payload, as: UTF8.self))")
    }

    var node: ThreadNode { stack.node }

    func done() { output("Done") }
    func invalidArgs() { output("Error 7: InvalidArgs") }
    func invalidState() { output("Error 13: InvalidState") }

    /// Runs one command line.
    public func execute(_ line: String) {
        let words = line.split(separator: " ")
        guard let first = words.first else { return }
        let args = Array(words.dropFirst())
        switch first {
        case "state": output(node.role.name); done()
        case "rloc16": output(CLIText.hex16(node.rloc16)); done()
        case "extaddr": output(node.extAddress.hex); done()
        case "panid": value(args, show: "0x" + CLIText.hex16(node.dataset.panID)) { v in
                guard let p = CLIText.integer(v, in: 0...0xfffe) else { return false }
                return self.update { $0.panID = UInt16(p) }
            }
        case "channel": value(args, show: "\(node.dataset.channel)") { v in
                guard let c = CLIText.integer(v, in: 11...26) else { return false }
                return self.update { $0.channel = UInt8(c) }
            }
        case "networkkey", "masterkey": value(args, show: node.dataset.networkKey.hex) { v in
                guard let k = try? NetworkKey(hex: String(v)) else { return false }
                return self.update { $0.networkKey = k }
            }
        case "networkname": value(args, show: node.dataset.networkName) { v in
                guard v.utf8.count <= 16 else { return false }
                return self.update { $0.networkName = String(v) }
            }
        case "extpanid": value(args, show: Hex.encode(node.dataset.extPanID, uppercase: false)) { v in
                guard let b = Hex.decode(String(v)), b.count == 8 else { return false }
                return self.update { $0.extPanID = b }
            }
        case "ipaddr":
            let all = stack.unicastAddresses
            let pick: [IPv6Address]
            switch args.first {
            case "mleid": pick = [node.meshLocalEID]
            case "rloc": pick = node.role.isAttached ? [node.rlocAddress] : []
            case "linklocal": pick = [node.linkLocalAddress]
            default: pick = all
            }
            for a in pick { output(a.description) }
            done()
        case "leaderdata":
            guard node.role.isAttached else { invalidState(); return }
            let l = node.leaderData
            output("Partition ID: \(l.partitionID)")
            output("Weighting: \(l.weighting)")
            output("Data Version: \(l.dataVersion)")
            output("Stable Data Version: \(l.stableDataVersion)")
            output("Leader Router ID: \(l.leaderRouterID)")
            done()
        case "partitionid": output("\(node.role.isAttached ? node.leaderData.partitionID : 0)"); done()
        case "leaderweight": setting(args, show: UInt64(node.settings.leaderWeight), range: 0...255) { self.node.settings.leaderWeight = UInt8($0) }
        case "routerupgradethreshold": setting(args, show: UInt64(node.settings.routerUpgradeThreshold), range: 0...255) { self.node.settings.routerUpgradeThreshold = UInt8($0) }
        case "routerdowngradethreshold": setting(args, show: UInt64(node.settings.routerDowngradeThreshold), range: 0...255) { self.node.settings.routerDowngradeThreshold = UInt8($0) }
        case "routerselectionjitter": setting(args, show: UInt64(node.settings.routerSelectionJitterSeconds), range: 1...255) { self.node.settings.routerSelectionJitterSeconds = UInt32($0) }
        case "childtimeout": setting(args, show: UInt64(node.settings.childTimeoutSeconds), range: 10...100_000) { self.node.settings.childTimeoutSeconds = UInt32($0) }
        case "keysequence": keySequence(args)
        case "routereligible":
            if args.isEmpty { output(node.settings.routerEligible ? "Enabled" : "Disabled"); done(); return }
            if args[0] == "enable" || args[0] == "disable" { node.settings.routerEligible = args[0] == "enable"; done() } else { invalidArgs() }
        case "prefix": prefix(args)
        case "netdata":
            if args.first == "register" { node.registerLocalNetworkData(); stack.pump(); done() }
            else if args.first == "show" { netdataShow() } else { invalidArgs() }
        case "parent":
            guard let p = node.parentRLOC16, let ext = node.knownNeighbors.first(where: { $0.rloc16 == p })?.ext else { invalidState(); return }
            output("Ext Addr: \(ext.hex)")
            output("Rloc: \(CLIText.hex16(p))")
            output("Link Quality In: 3")
            output("Link Quality Out: 3")
            output("Age: 0")
            output("Version: 2")
            done()
        case "router" where args.first == "table": routerTable()
        case "neighbor" where args.first == "table": neighborTable()
        case "ifconfig":
            if args.isEmpty { output(interfaceUp ? "up" : "down"); done(); return }
            if args[0] == "up" { interfaceUp = true; done() } else if args[0] == "down" { stack.stop(); interfaceUp = false; done() } else { invalidArgs() }
        case "thread":
            guard let a = args.first else { invalidArgs(); return }
            if a == "start" {
                guard interfaceUp else { invalidState(); return }
                do { try stack.start(); done() } catch { output("Error 1: Failed") }
            } else if a == "stop" { stack.stopThread(); done() } else if a == "version" { output("2"); done() } else { invalidArgs() }
        case "dataset": dataset(args)
        case "ping": startPing(args)
        case "udp": udp(args)
        case "factoryreset": stack.stop(); interfaceUp = false
        case "version": output("Lorikeet Pymesh (Thread 1.1, MLE version 2)"); done()
        case "counters":
            output("mle dropped: \(node.droppedMLE) wrong key: \(node.droppedWrongKey) replay: \(node.droppedReplay)")
            output("mac: \(stack.link.mac.counters)")
            output("link: \(stack.link.counters) stack: \(stack.counters) last failure: \(stack.lastSendFailure)")
            done()
        default: output("Error 35: InvalidCommand")
        }
    }

    /// `keysequence counter [N]`, `keysequence guardtime [HOURS]` (ot-cli).
    func keySequence(_ args: [Substring]) {
        switch args.first {
        case "counter":
            setting(Array(args.dropFirst()), show: UInt64(node.keyManager.keySequence), range: 0...0xffff_ffff) {
                self.node.setKeySequenceCounter(UInt32($0))
            }
        case "guardtime":
            setting(Array(args.dropFirst()), show: UInt64(node.keyManager.keySwitchGuardHours), range: 0...0xffff) {
                self.node.setKeySwitchGuardHours(UInt32($0))
            }
        default: invalidArgs()
        }
    }

    func value(_ args: [Substring], show: String, set: (Substring) -> Bool) {
        if args.isEmpty { output(show); done(); return }
        if set(args[0]) { done() } else { invalidArgs() }
    }

    func setting(_ args: [Substring], show: UInt64, range: ClosedRange<UInt64>, set: (UInt64) -> Void) {
        if args.isEmpty { output("\(show)"); done(); return }
        guard let v = CLIText.integer(args[0], in: range) else { invalidArgs(); return }
        set(v)
        done()
    }

    /// Network parameters change only while Thread is stopped (OpenThread: InvalidState).
    func update(_ change: (inout OperationalDataset) -> Void) -> Bool {
        guard node.role == .disabled else { return false }
        var d = node.dataset
        change(&d)
        return (try? stack.apply(d)) != nil
    }

    func dataset(_ args: [Substring]) {
        guard let sub = args.first else { invalidArgs(); return }
        let rest = args.dropFirst()
        switch sub {
        case "init" where rest.first == "new":
            pendingDataset = node.dataset
            done()
        case "commit" where rest.first == "active":
            guard let p = pendingDataset, node.role == .disabled, (try? stack.apply(p)) != nil else { invalidState(); return }
            pendingDataset = nil
            done()
        case "active":
            if rest.first == "-x" { output(Hex.encode(node.dataset.encoded, uppercase: false)); done(); return }
            let d = node.dataset
            output("Active Timestamp: \(d.activeTimestamp >> 16)")
            output("Channel: \(d.channel)")
            output("Channel Mask: 0x07fff800")
            output("Ext PAN ID: \(Hex.encode(d.extPanID, uppercase: false))")
            output("Mesh Local Prefix: \(d.meshLocalPrefix.description)")
            output("Network Key: \(d.networkKey.hex)")
            output("Network Name: \(d.networkName)")
            output("PAN ID: 0x\(CLIText.hex16(d.panID))")
            output("PSKc: \(Hex.encode(d.pskc, uppercase: false))")
            output("Security Policy: \(d.keyRotationHours) onrc 0")
            done()
        default:
            guard let v = rest.first else { invalidArgs(); return }
            var p = pendingDataset ?? node.dataset
            switch sub {
            case "networkkey": guard let k = try? NetworkKey(hex: String(v)) else { invalidArgs(); return }; p.networkKey = k
            case "panid": guard let x = CLIText.integer(v, in: 0...0xfffe) else { invalidArgs(); return }; p.panID = UInt16(x)
            case "channel": guard let x = CLIText.integer(v, in: 11...26) else { invalidArgs(); return }; p.channel = UInt8(x)
            case "extpanid": guard let b = Hex.decode(String(v)), b.count == 8 else { invalidArgs(); return }; p.extPanID = b
            case "networkname": guard v.utf8.count <= 16 else { invalidArgs(); return }; p.networkName = String(v)
            case "activetimestamp": guard let x = CLIText.integer(v, in: 0...0xffff_ffff_ffff) else { invalidArgs(); return }; p.activeTimestamp = x << 16
            case "meshlocalprefix":
                let text = v.hasSuffix("/64") ? String(v) : String(v) + "/64"
                guard let prefix = try? IPv6Prefix(parsing: text), prefix.length == 64 else { invalidArgs(); return }
                p.meshLocalPrefix = prefix
            default: output("Error 35: InvalidCommand"); return
            }
            pendingDataset = p
            done()
        }
    }

    /// `prefix add PREFIX [padcrosn] [high|med|low]`, `prefix remove PREFIX`, `prefix`.
    func prefix(_ args: [Substring]) {
        guard let sub = args.first else {
            for p in node.localPrefixes { output(p.prefix.description + " " + NetworkData.flagText(p.borderRouters.first?.flags ?? 0, stable: p.stable) + " med") }
            done()
            return
        }
        guard args.count >= 2, let prefix = try? IPv6Prefix(parsing: String(args[1])) else { invalidArgs(); return }
        if sub == "remove" {
            if node.removeLocalPrefix(prefix) { done() } else { output("Error 23: NotFound") }
            return
        }
        guard sub == "add" else { invalidArgs(); return }
        var flags: UInt16 = NetworkData.Flag.preferred | NetworkData.Flag.slaac | NetworkData.Flag.onMesh
        var stable = true
        var preference: UInt16 = 0
        for a in args.dropFirst(2) {
            if a == "high" { preference = 1 } else if a == "med" { preference = 0 } else if a == "low" { preference = 3 }
            else if let f = NetworkData.flags(fromText: a) { flags = f.flags; stable = f.stable } else { invalidArgs(); return }
        }
        node.addLocalPrefix(prefix, flags: flags | preference << 14, stable: stable)
        done()
    }

    func netdataShow() {
        let data = node.parsedNetworkData
        output("Prefixes:")
        for p in data.prefixes {
            for br in p.borderRouters {
                let pref = br.preference > 0 ? "high" : (br.preference < 0 ? "low" : "med")
                output(p.prefix.description + " " + NetworkData.flagText(br.flags, stable: p.stable) + " " + pref + " " + CLIText.hex16(br.rloc16))
            }
        }
        output("Routes:")
        output("Services:")
        output("Contexts:")
        for p in data.prefixes { if let c = p.contextID { output(p.prefix.description + " \(c) sc") } }
        output("Commissioning:")
        output("- - - -")
        done()
    }

    func routerTable() {
        output("| ID | RLOC16 | Next Hop | Path Cost | LQ In | LQ Out | Age | Extended MAC     | Link |")
        output("+----+--------+----------+-----------+-------+--------+-----+------------------+------+")
        let now = stack.nowMillis
        for r in node.routers.sorted(by: { $0.routerID < $1.routerID }) {
            let me = node.role.isRouterOrLeader && r.routerID == node.routerID
            let ext = me ? node.extAddress.hex : (r.extAddress?.hex ?? "0000000000000000")
            let age = me ? 0 : min((now &- r.lastHeardMillis) / 1000, 255)
            // OpenThread lists the multi-hop route; a neighbour reached directly shows 63 and 0.
            let direct = r.linkEstablished && r.nextHop == r.routerID
            let cost = me || direct || r.nextHop > 62 ? 0 : Int(r.pathCost)
            let hop = me || direct ? 63 : Int(r.nextHop)
            output("| " + CLIText.padLeft("\(r.routerID)", 2) + " | 0x" + CLIText.hex16(r.rloc16) + " | "
                + CLIText.padLeft("\(hop)", 8) + " | " + CLIText.padLeft("\(cost)", 9) + " | "
                + CLIText.padLeft("\(me ? 0 : r.linkQualityIn)", 5) + " | " + CLIText.padLeft("\(me ? 0 : r.linkQualityOut)", 6) + " | "
                + CLIText.padLeft("\(age)", 3) + " | " + ext + " | " + CLIText.padLeft("\(r.linkEstablished && !me ? 1 : 0)", 4) + " |")
        }
        output("")
        done()
    }

    func neighborTable() {
        output("| Role | RLOC16 | Age | Avg RSSI | Last RSSI | LQ In |R|D|N| Extended MAC     | Version |")
        output("+------+--------+-----+----------+-----------+-------+-+-+-+------------------+---------+")
        let now = stack.nowMillis
        for r in node.routers where r.linkEstablished && !(node.role.isRouterOrLeader && r.routerID == node.routerID) {
            neighborRow("R", r.rloc16, (now &- r.lastHeardMillis) / 1000, r.linkQualityIn, r.extAddress?.hex ?? "")
        }
        for c in node.children { neighborRow("C", c.rloc16, (now &- c.lastHeardMillis) / 1000, ThreadTiming.linkQuality(marginDB: c.linkMarginDB), c.extAddress.hex) }
        if let p = node.parentRLOC16, let ext = node.knownNeighbors.first(where: { $0.rloc16 == p })?.ext {
            neighborRow("R", p, 0, 3, ext.hex)
        }
        done()
    }

    func neighborRow(_ role: String, _ rloc: UInt16, _ age: UInt64, _ lq: UInt8, _ ext: String) {
        output("|   \(role)  | 0x" + CLIText.hex16(rloc) + " | " + CLIText.padLeft("\(min(age, 999))", 3) + " | "
            + CLIText.padLeft("-20", 8) + " | " + CLIText.padLeft("-20", 9) + " | " + CLIText.padLeft("\(lq)", 5)
            + " |1|1|1| " + ext + " | " + CLIText.padLeft("2", 7) + " |")
    }

    /// `ping ADDR [size count interval hoplimit timeout]` (OpenThread's argument order).
    func startPing(_ args: [Substring]) {
        guard let a = args.first, let destination = try? IPv6Address(parsing: String(a)) else { invalidArgs(); return }
        let size = args.count > 1 ? CLIText.integer(args[1], in: 0...1232) : 8
        let count = args.count > 2 ? CLIText.integer(args[2], in: 1...1000) : 1
        let interval = args.count > 3 ? CLIText.millis(fromSeconds: args[3], max: 3_600_000) : 1000
        let hopLimit = args.count > 4 ? CLIText.integer(args[4], in: 1...255) : 64
        let timeout = args.count > 5 ? CLIText.millis(fromSeconds: args[5], max: 3_600_000) : 3000
        guard let size, let count, let interval, let hopLimit, let timeout else { invalidArgs(); return }
        let id = UInt16(truncatingIfNeeded: stack.loop.nowMicros)
        ping = PingSession(destination: destination, identifier: id)
        for i in 0..<Int(count) {
            stack.loop.schedule(afterMicros: UInt64(i) * interval * 1000) {
                guard self.ping?.identifier == id else { return }
                let seq = UInt16(i + 1)
                self.ping?.sent[seq] = self.stack.loop.nowMicros
                self.ping?.transmitted += 1
                self.stack.sendEchoRequest(to: destination, identifier: id, sequence: seq, dataBytes: Int(size), hopLimit: UInt8(hopLimit))
            }
        }
        stack.loop.schedule(afterMicros: (UInt64(count - 1) * interval + timeout) * 1000) {
            guard let p = self.ping, p.identifier == id else { return }
            self.ping = nil
            let received = p.rtts.count
            let loss = p.transmitted == 0 ? 0 : (p.transmitted - received) * 1000 / p.transmitted
            var line = "\(p.transmitted) packets transmitted, \(received) packets received. Packet loss = \(loss / 10).\(loss % 10)%."
            if received > 0 {
                let total = p.rtts.reduce(0, +)
                let avgThousandths = total * 1000 / UInt64(received)
                let frac = String(avgThousandths % 1000 + 1000).dropFirst()
                line += " Round-trip min/avg/max = \(p.rtts.min()!)/\(avgThousandths / 1000).\(frac)/\(p.rtts.max()!) ms."
            }
            self.output(line)
            self.done()
        }
    }

    func echoReply(_ r: MeshStack<Radio, R>.EchoReply) {
        guard var p = ping, r.identifier == p.identifier, let sentAt = p.sent[r.sequence] else { return }
        let ms = (r.receivedMicros - sentAt) / 1000
        p.rtts.append(ms)
        p.sent[r.sequence] = nil
        ping = p
        output("\(r.dataBytes + 8) bytes from \(r.source.description): icmp_seq=\(r.sequence) hlim=\(r.hopLimit) time=\(ms)ms")
    }

    /// `udp open`, `udp bind :: PORT`, `udp send ADDR PORT TEXT`, `udp close` (OpenThread CLI).
    func udp(_ args: [Substring]) {
        guard let sub = args.first else { invalidArgs(); return }
        switch sub {
        case "open", "close": if sub == "close" { udpPort = nil }; done()
        case "bind":
            guard args.count >= 3, let port = CLIText.integer(args[2], in: 1...65535) else { invalidArgs(); return }
            udpPort = UInt16(port)
            done()
        case "send":
            guard args.count >= 4, let dst = try? IPv6Address(parsing: String(args[1])),
                  let port = CLIText.integer(args[2], in: 1...65535) else { invalidArgs(); return }
            var text = ""
            for (i, w) in args.dropFirst(3).enumerated() { text += (i == 0 ? "" : " ") + w }
            stack.sendUDP(ThreadDatagram(source: stack.sourceAddress(for: dst), destination: dst, sourcePort: udpPort ?? 49152,
                                         destinationPort: UInt16(port), payload: Array(text.utf8)))
            stack.pump()
            done()
        default: invalidArgs()
        }
    }
}
