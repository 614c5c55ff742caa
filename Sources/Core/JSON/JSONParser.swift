import CJSON
import TextCoding

/// Parses JSON text with cJSON (Debian's libcjson) into a `JSONValue`.
public enum JSONParser {
    /// Parses exactly one JSON value; trailing characters other than
    /// white space are an error.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        if bytes.isEmpty {
            throw JSONSyntaxError(offset: 0, line: 1, column: 1, reason: "empty input")
        }
        var failure: JSONSyntaxError?
        let value: JSONValue? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                var end: UnsafePointer<CChar>?
                guard let root = cJSON_ParseWithLengthOpts(chars.baseAddress, chars.count, &end, 0) else {
                    let offset = refine(chars, errorAt: end.map { $0 - chars.baseAddress! } ?? 0)
                    failure = syntaxError(bytes, at: offset, reason: reasonAt(bytes, offset))
                    return nil
                }
                defer { cJSON_Delete(root) }
                var offset = end.map { $0 - chars.baseAddress! } ?? chars.count
                while offset < bytes.count, isWhitespace(bytes[offset]) { offset += 1 }
                if offset < bytes.count, bytes[offset] != 0 {
                    failure = syntaxError(bytes, at: offset, reason: "unexpected text after the JSON value")
                    return nil
                }
                return convert(root)
            }
        }
        if let failure { throw failure }
        return value!
    }

    /// Parses a string's UTF-8.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    private static func convert(_ node: UnsafeMutablePointer<cJSON>) -> JSONValue {
        let type = node.pointee.type & 0xFF
        switch type {
        case cJSON_False: return .bool(false)
        case cJSON_True: return .bool(true)
        case cJSON_NULL: return .null
        case cJSON_Number: return .number(node.pointee.valuedouble)
        case cJSON_String, cJSON_Raw:
            return .string(node.pointee.valuestring.map { String(cString: $0) } ?? "")
        case cJSON_Array:
            var items: [JSONValue] = []
            var child = node.pointee.child
            while let current = child {
                items.append(convert(current))
                child = current.pointee.next
            }
            return .array(items)
        default:
            var members: [JSONObject.Member] = []
            var child = node.pointee.child
            while let current = child {
                let key = current.pointee.string.map { String(cString: $0) } ?? ""
                members.append(JSONObject.Member(key: key, value: convert(current)))
                child = current.pointee.next
            }
            return .object(JSONObject(members))
        }
    }

    /// cJSON reports an error at the end of the input as the position of the
    /// last byte ("[1, 2" → at "2"). Parsing again with one more space tells
    /// a truncated document (the error moves onto the space) from a real
    /// error at the last byte.
    private static func refine(_ chars: UnsafeBufferPointer<CChar>, errorAt offset: Int) -> Int {
        guard offset == chars.count - 1 else { return offset }
        var padded = Array(chars)
        padded.append(0x20)
        return padded.withUnsafeBufferPointer { buffer in
            var end: UnsafePointer<CChar>?
            if let value = cJSON_ParseWithLengthOpts(buffer.baseAddress, buffer.count, &end, 0) {
                cJSON_Delete(value)
                return offset
            }
            let moved = end.map { $0 - buffer.baseAddress! } ?? offset
            return moved >= chars.count ? chars.count : offset
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func reasonAt(_ bytes: [UInt8], _ offset: Int) -> String {
        if offset >= bytes.count { return "unexpected end of input" }
        let byte = bytes[offset]
        if byte >= 0x20 && byte < 0x7F {
            return "unexpected character '\(String(decoding: [byte], as: UTF8.self))'"
        }
        return "unexpected byte \(Hex.byte(byte))"
    }

    private static func syntaxError(_ bytes: [UInt8], at offset: Int, reason: String) -> JSONSyntaxError {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return JSONSyntaxError(offset: offset, line: line, column: column, reason: reason)
    }

}
