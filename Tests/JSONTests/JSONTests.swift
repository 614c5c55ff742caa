import Testing
import JSON

struct JSONParserTests {
    @Test func parsesEveryType() throws {
        let value = try JSONParser.parse(#"{"a":1,"b":[true,false,null],"c":"x\/y\u00e9","d":-2.5e3,"e":{}}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["a", "b", "c", "d", "e"])
        #expect(value["a"]?.integerValue == 1)
        #expect(value["b"] == .array([.bool(true), .bool(false), .null]))
        #expect(value["c"]?.stringValue == "x/yé")
        #expect(value["d"]?.numberValue == -2500)
        #expect(value["e"]?.objectValue?.isEmpty == true)
    }

    @Test func keepsDuplicateKeysInOrder() throws {
        let value = try JSONParser.parse(#"{"k":1,"k":2}"#)
        #expect(value.objectValue?.keys == ["k", "k"])
        #expect(value["k"]?.integerValue == 1)
    }

    @Test func integersOnlyWhenExact() throws {
        #expect(try JSONParser.parse("3.5").integerValue == nil)
        #expect(try JSONParser.parse("1e300").integerValue == nil)
        #expect(try JSONParser.parse("-7").integerValue == -7)
        #expect(try JSONParser.parse("\"7\"").integerValue == nil)
    }

    @Test func syntaxErrorsSayWhere() {
        let cases: [(String, Int, Int)] = [
            ("{\n  \"a\": 1,\n  \"b\": tru\n}", 3, 8),
            ("", 1, 1),
            ("[1, 2", 1, 6),
            ("{} x", 1, 4),
        ]
        for (text, line, column) in cases {
            do {
                _ = try JSONParser.parse(text)
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.line == line, "\(text): \(error.message)")
                #expect(error.column == column, "\(text): \(error.message)")
                #expect(error.message.hasPrefix("invalid JSON at line \(line)"))
            }
        }
    }

    @Test func objectSubscriptSetsAndRemoves() {
        var object = JSONObject(pairs: [("a", .number(1))])
        object["b"] = .string("x")
        object["a"] = .number(2)
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == .number(2))
        object["a"] = nil
        #expect(object.keys == ["b"])
    }
}

struct JSONSerializerTests {
    @Test func compactRoundTrip() throws {
        let text = #"{"s":"a\"b\\c\n\u0001","n":[0,-1,2.5,1e-05,123456789012],"t":true,"z":null}"#
        let value = try JSONParser.parse(text)
        let written = JSONSerializer.compact(value)
        #expect(try JSONParser.parse(written) == value)
        #expect(written.contains(#""s":"a\"b\\c\n\u0001""#))
        #expect(written.contains("[0,-1,2.5,"))
    }

    @Test func numbers() {
        #expect(JSONSerializer.number(868.1) == "868.1")
        #expect(JSONSerializer.number(-7) == "-7")
        #expect(JSONSerializer.number(.nan) == "null")
        #expect(JSONSerializer.number(.infinity) == "null")
    }

    @Test func prettyIndents() {
        let value = JSONValue.object(JSONObject(pairs: [("a", .array([.number(1)])), ("b", .object(JSONObject()))]))
        #expect(JSONSerializer.pretty(value) == "{\n  \"a\": [\n    1\n  ],\n  \"b\": {}\n}")
    }
}
