import Foundation
import TextCoding
@testable import Mesh

/// The frames captured from two `ot-cli-ftd` nodes (Fixtures/README.md).
enum OpenThreadCapture {
    struct Frame {
        let line: Int
        let senderNodeID: Int
        let channel: Int
        let psdu: [UInt8]
    }

    static let networkKey = try! NetworkKey(hex: "00112233445566778899aabbccddeeff")
    static let node1 = try! ExtendedAddress(hex: "d6a650e5f444b0f7")
    static let node2 = try! ExtendedAddress(hex: "f694efb5a20882ce")
    static let panID: UInt16 = 0x1234
    static let meshLocal = IPv6Prefix.defaultMeshLocal
    static let contexts = LoWPANContexts.thread(meshLocalPrefix: meshLocal)

    static func fixture(_ name: String) -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return try! String(contentsOf: url, encoding: .utf8)
    }

    static let frames: [Frame] = fixture("ot-2node-capture.txt").split(separator: "\n").enumerated().map { index, line in
        let fields = line.split(separator: " ")
        return Frame(line: index + 1, senderNodeID: Int(fields[1])!, channel: Int(fields[2])!,
                     psdu: Hex.decode(String(fields[3]))!)
    }

    /// The first frame whose hex starts with `prefix`.
    static func frame(startingWith prefix: String) -> [UInt8] {
        frames.first { Hex.encode($0.psdu, uppercase: false).hasPrefix(prefix) }!.psdu
    }

    /// Extended address of the node that owns a short address in this capture
    /// (3400/fc00 the leader node 1; 3401 and 6000 node 2).
    static func extended(of address: MACAddress) -> ExtendedAddress {
        switch address {
        case .extended(let ext): return ext
        case .short(let short): return short & 0xFC00 == 0x3400 && short != 0x3401 ? node1 : node2
        case .none: return node1
        }
    }
}
