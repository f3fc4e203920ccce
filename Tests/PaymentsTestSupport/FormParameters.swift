/// A request's decoded form fields, checked the way Stripe checks them: every required field present,
/// no field the endpoint does not know, integers and booleans spelled as Stripe accepts them.
struct FormParameters: Sendable {
    let fields: [String: String]

    /// Refuses the first missing required field, then the first unknown one (sorted, so the answer is stable).
    /// `metadata[…]` is allowed everywhere.
    func check(required: [String], allowed: Set<String>) throws(StripeRefusal) {
        if let missing = required.first(where: { fields[$0] == nil }) { throw .missing(missing) }
        let unknown = fields.keys.sorted().first { !allowed.contains($0) && !required.contains($0) && !$0.hasPrefix("metadata[") }
        if let unknown { throw .unknown(unknown) }
    }

    subscript(name: String) -> String? { fields[name] }

    func integer(_ name: String) throws(StripeRefusal) -> Int64? {
        guard let text = fields[name] else { return nil }
        guard let value = Int64(text) else { throw .invalid("Invalid integer: \(text)", param: name, code: "parameter_invalid_integer") }
        return value
    }

    /// A positive amount in minor units.
    func amount(_ name: String) throws(StripeRefusal) -> Int64? {
        guard let value = try integer(name) else { return nil }
        guard value >= 1 else { throw .invalid("This value must be greater than or equal to 1.", param: name, code: "parameter_invalid_integer") }
        return value
    }

    func bool(_ name: String) throws(StripeRefusal) -> Bool? {
        switch fields[name] {
        case nil: return nil
        case "true": return true
        case "false": return false
        case let text?: throw .invalid("Invalid boolean: \(text)", param: name)
        }
    }

    /// `metadata[key]=value` fields as `[key: value]`.
    var metadata: [String: String] {
        var metadata: [String: String] = [:]
        for (name, value) in fields where name.hasPrefix("metadata[") && name.hasSuffix("]") {
            metadata[String(name.dropFirst("metadata[".count).dropLast())] = value
        }
        return metadata
    }
}
