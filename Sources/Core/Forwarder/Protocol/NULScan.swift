/// Finds a NUL in JSON text, raw or escaped as `\u0000`: cJSON (and every C
/// reader) ends a string there, so "ns.example\u0000x" would silently be
/// read as "ns.example". Configuration files and PULL_RESP with one are refused.
enum NULScan {
    static func contains(_ text: ArraySlice<UInt8>) -> Bool {
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == 0 { return true }
            if byte == UInt8(ascii: "\\") && index + 1 < text.endIndex {
                if text[index + 1] == UInt8(ascii: "u") && index + 5 < text.endIndex
                    && text[(index + 2)...(index + 5)].allSatisfy({ $0 == UInt8(ascii: "0") }) {
                    return true
                }
                index += 2
                continue
            }
            index += 1
        }
        return false
    }
}
