/// How the firmware programs read their command line (Embedded Swift has no
/// ArgumentParser): `--name value`, `--name=value`, and flags that take no
/// value. One scanner for `lorikeet-gateway` and `lorikeet-mesh`, so both
/// refuse the same way.
public enum ProgramArguments {
    public enum Item: Equatable, Sendable {
        /// A flag from `flags` ("-h" is read as "--help"); `inline` is what
        /// followed an "=", which the caller may refuse.
        case flag(String, inline: String?)
        case value(String, String)
    }

    /// `arguments` without the program name, in order; the failure is the
    /// one line to print ("unknown argument …", "--board: expected a value").
    public static func scan(_ arguments: [String], valueOptions: [String], flags: [String]) throws(ArgumentFailure) -> [Item] {
        var items: [Item] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            var name = argument == "-h" ? "--help" : argument
            var inline: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            if flags.contains(name) {
                items.append(.flag(name, inline: inline))
                if name == "--help" { return items }  // help whatever follows
                continue
            }
            guard valueOptions.contains(name) else {
                throw ArgumentFailure(message: "unknown argument '\(argument)' (options: \((valueOptions + flags).joined(separator: ", ")))")
            }
            if let inline {
                items.append(.value(name, inline))
            } else {
                guard index < arguments.count else { throw ArgumentFailure(message: "\(name): expected a value") }
                items.append(.value(name, arguments[index]))
                index += 1
            }
        }
        return items
    }

    public struct ArgumentFailure: Error, Sendable { public let message: String }
}
