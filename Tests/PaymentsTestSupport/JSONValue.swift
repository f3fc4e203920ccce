/// A JSON document built in code, for answers in Stripe's exact shapes: unlike a Codable struct it keeps
/// `null` fields, which Stripe always sends.
enum JSONValue: Encodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let values): try container.encode(values)
        case .object(let members): try container.encode(members)
        }
    }

    /// `.string`, or `.null` for nil.
    static func nullable(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// `.int`, or `.null` for nil.
    static func nullable(_ value: Int64?) -> JSONValue { value.map(JSONValue.int) ?? .null }

    /// `{"key": "value", …}` for a string map such as `metadata`.
    static func strings(_ map: [String: String]) -> JSONValue { .object(map.mapValues(JSONValue.string)) }

    /// Stripe's empty list object, `{"object": "list", "data": [], "has_more": false, "url": …}`.
    static func list(_ items: [JSONValue], url: String) -> JSONValue {
        ["object": "list", "data": .array(items), "has_more": false, "url": .string(url)]
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int64) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(nilLiteral: ()) { self = .null }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(Dictionary(uniqueKeysWithValues: elements)) }
}
