/// A field that is always in the JSON, as `null` when it has no value. Swift leaves absent optionals out,
/// which suits optional extras (`distanceKm`), not fields a client should always find (`coverImage`,
/// `nextCursor`).
// swift-format-ignore: UseSynthesizedInitializer
@propertyWrapper
struct Nullable<Value: Encodable & Sendable>: Encodable, Sendable {
    var wrappedValue: Value?

    /// Declared, though the compiler would synthesize the same: only a declared `init(wrappedValue:)` lets
    /// the memberwise initializers of the types using the wrapper take a plain `Value?`.
    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}
