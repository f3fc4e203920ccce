import BMSStore
import Foundation

/// One listing as `bms import --jsonl` reads it, one JSON object per line: the owner's e-mail (an owner
/// account that exists already), the property as the API's create form takes it, what a migration carries
/// over from the old system (its verification state, rating and review count), and its rooms as the room
/// form takes them.
///
/// ```json
/// {"ownerEmail":"ravi@example.com","property":{"propertyName":"Green Nest PG","propertyType":"PG",
///  "address":{"street":"4th Cross","city":"Bengaluru","coordinates":{"lat":12.93,"lng":77.62}}},
///  "verificationStatus":"verified","rooms":[{"roomNumber":"101","roomType":"Double","price":900000,"capacity":2}]}
/// ```
public struct ImportedListing: Decodable, Sendable {
    public var ownerEmail: String?
    public var property: PropertyForm?
    /// pending (the default), verified or rejected.
    public var verificationStatus: String?
    public var rating: Double?
    public var reviewCount: Int?
    public var rooms: [RoomForm]?
}

extension ListingService {
    /// Checks an imported listing as the API checks its forms (every field named, rooms as
    /// `rooms[2].price`) and builds the property and its rooms with new ids, ready for `importListings`.
    /// The owner must be an owner account.
    public func prepareImport(_ listing: ImportedListing) throws -> (property: Property, rooms: [Room]) {
        let now = now()
        var problems: [String: String] = [:]
        let owner = try store.read { txn -> User? in
            guard let text = listing.ownerEmail, let email = EmailAddress(text) else { return nil }
            return try users.find(txn, email: email)
        }
        if listing.ownerEmail == nil {
            problems["ownerEmail"] = "is required"
        } else if owner?.role != .owner {
            problems["ownerEmail"] = "is not the e-mail of an owner account"
        }
        var property: Property?
        do {
            if let form = listing.property, let owner { property = try Self.newProperty(form, owner: owner, now: now) }
            if listing.property == nil { problems["property"] = "is required" }
        } catch ListingError.validation(let fields) {
            for (field, message) in fields { problems["property.\(field)"] = message }
        }
        let verification = listing.verificationStatus.map { ListingRules.named($0, VerificationStatus.self) } ?? .success(.pending)
        switch verification {
        case .success: break
        case .failure(let problem): problems["verificationStatus"] = problem.message
        }
        if let rating = listing.rating, !(0...5).contains(rating) { problems["rating"] = "must be 0 to 5" }
        if let reviews = listing.reviewCount, reviews < 0 { problems["reviewCount"] = "must not be negative" }
        let forms = listing.rooms ?? []
        if forms.isEmpty { problems["rooms"] = "needs at least one room" }
        var rooms: [Room] = []
        var numbers = Set<String>()
        for (index, form) in forms.enumerated() {
            do {
                let room = try Self.newRoom(form, of: property?.id ?? PropertyID(ObjectID()), now: now)
                if !numbers.insert(room.roomNumber).inserted { problems["rooms[\(index)].roomNumber"] = "is used by another room of this property" }
                rooms.append(room)
            } catch ListingError.validation(let fields) {
                for (field, message) in fields { problems["rooms[\(index)].\(field)"] = message }
            }
        }
        guard problems.isEmpty, var property, case .success(let status) = verification else { throw ListingError.validation(problems) }
        property.verification = status
        if status == .rejected { property.verificationReason = "rejected before the import" }
        property.rating = listing.rating ?? 0
        property.reviewCount = listing.reviewCount ?? 0
        return (property, rooms)
    }
}
