import BMSCore
import Hummingbird

extension AppRequestContext {
    /// The path parameter `name` as a record id. A malformed id names nothing, so it is a 404 like an
    /// unknown one.
    func pathID<ID: RecordIdentifier>(_ name: String = "id", as type: ID.Type = ID.self) throws -> ID {
        guard let id = ID(try parameters.require(name)) else { throw APIError.notFound }
        return id
    }
}
