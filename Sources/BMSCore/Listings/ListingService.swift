import BMSStore
import Foundation

/// The listings domain: properties and rooms, their photos, admin verification, availability and search.
/// Every change is written with everything it implies (the property's search card and index entries,
/// image references, notifications, outbox e-mails, audit entries) in one store transaction.
public struct ListingService: Sendable {
    /// Photos per property or room.
    public static let imageLimit = 20
    /// The largest photo accepted: 5 MiB.
    public static let imageByteLimit = 5 * 1024 * 1024
    /// Search answers kept by default: 3,701 pages of 20 hits took 15 MB of the server's memory, so about 17 MB.
    public static let defaultSearchCacheEntries = 4096
    /// Where new properties' dates live unless the owner says otherwise.
    public static let defaultTimeZone = "Asia/Kolkata"

    let store: Store
    let publicURL: String
    private let clock: @Sendable () -> Date
    let properties: RecordCollection<PropertyRecord>
    let rooms: RecordCollection<RoomRecord>
    let users: UserRepository
    let media: MediaLibrary
    let ledger: BedLedger
    let notifications: Notifications
    let outbox: Outbox
    let auditLog: AuditLog
    /// Search planning's recent counts, shared by every copy of this service.
    let planningCounts = PlanningCounts()
    /// The amenity search planning recently found rarest among a city's listings, by query.
    let rarestAmenities = RecentValues<RarestAmenityKey, Amenity?>()
    /// Recent search answers, shared by every copy of this service.
    let searchCache: SearchCache
    /// The listings in memory for search, shared by every copy of this service.
    let searchSnapshots: SearchSnapshots

    /// How many matches a search reading in its own order counts before it may stop (see `search`): what
    /// "100+" tells a seeker is worth no more reading; counting to 200 doubled the slowest price searches.
    public internal(set) var totalCountLimit = 100

    /// - Parameters:
    ///   - store: a store opened with `BookMySleepSchema.current`.
    ///   - publicURL: the site's address, for links in e-mails.
    ///   - now: the clock; tests pass their own to move time.
    ///   - searchCacheEntries: how many search answers `SearchCache` keeps; 0 keeps none.
    ///   - searchSnapshot: whether search reads a `SearchSnapshot` of the listings, and who rebuilds it.
    public init(
        store: Store, publicURL: String, now: @escaping @Sendable () -> Date = Date.init,
        searchCacheEntries: Int = ListingService.defaultSearchCacheEntries, searchSnapshot: SearchSnapshotMode = .off
    ) throws {
        self.store = store
        searchCache = SearchCache(capacity: searchCacheEntries)
        self.publicURL = publicURL
        clock = now
        let properties = try RecordCollection<PropertyRecord>(in: store)
        self.properties = properties
        searchSnapshots = SearchSnapshots(mode: searchSnapshot) {
            // Read before the snapshot's transaction, so that a change committed after it only makes it look older.
            let changeCount = store.changeCount(of: properties)
            return try store.read { txn in try SearchSnapshot.build(txn, properties, changeCount: changeCount) }
        }
        rooms = try RecordCollection(in: store)
        users = try UserRepository(store: store)
        media = try MediaLibrary(store: store)
        ledger = try BedLedger(store: store)
        notifications = try Notifications(store: store)
        outbox = try Outbox(store: store)
        auditLog = try AuditLog(store: store)
    }

    /// The current time at the store's precision.
    func now() -> Date { clock().truncatedToMicroseconds }

    // MARK: Shared steps

    /// `actor` as stored now; a missing or suspended actor may do nothing.
    func currentActor(_ txn: some Transaction, _ actor: User) throws -> User {
        guard let current = try users.active(txn, actor) else { throw ListingError.forbidden }
        return current
    }

    /// The property, if `viewer` may see it: the public sees public properties, their owner and admins
    /// see any. Others get nil, as if it did not exist.
    func visibleProperty(_ txn: some Transaction, _ id: PropertyID, viewer: User?) throws -> PropertyRecord? {
        guard let record = try properties.get(txn, id.objectID) else { return nil }
        return record.property.isPublic || Self.manages(viewer, record.property) ? record : nil
    }

    /// The property for a change by `actor`, who must be its owner or an admin. A deleted property
    /// cannot be changed: it is not found.
    func managedProperty(_ txn: some Transaction, _ id: PropertyID, by actor: User) throws -> (PropertyRecord, User) {
        let actor = try currentActor(txn, actor)
        guard let record = try properties.get(txn, id.objectID), record.property.deletedAt == nil else { throw ListingError.notFound }
        guard Self.manages(actor, record.property) else {
            // Someone who may not see it learns nothing more than that it is not there.
            throw record.property.isPublic ? ListingError.forbidden : ListingError.notFound
        }
        return (record, actor)
    }

    static func manages(_ user: User?, _ property: Property) -> Bool {
        guard let user, !user.isSuspended else { return false }
        return user.role == .admin || user.id == property.ownerID
    }

    /// The property's rooms, active or not, in id order.
    func rooms(_ txn: some Transaction, of property: PropertyID) throws -> [Room] {
        var out: [Room] = []
        try rooms.scan(txn, index: "property", .prefix([.id(property.objectID)])) { entry in
            if let record = try rooms.get(txn, entry.id) { out.append(record.room) }
            return true
        }
        return out
    }

    /// Writes `property` with a search card rebuilt from its rooms as stored in `txn`.
    func save(_ txn: WriteTransaction, _ property: Property) throws {
        try properties.save(txn, PropertyRecord(property, rooms: try rooms(txn, of: property.id)))
    }

    /// Whether bookings hold beds of `room` on any night from `today` on.
    func isBooked(_ txn: some Transaction, _ room: Room, from today: CalendarDate, now: Date) throws -> Bool {
        try ledger.hasHolds(txn, room: room.id, of: room.propertyID, endingAfter: today, now: now)
    }

    func audit(_ txn: WriteTransaction, actor: User, action: String, property: Property, changes: [String: String], now: Date) throws {
        guard actor.id != property.ownerID, !changes.isEmpty else { return }
        try auditLog.append(
            txn,
            AuditEntry(
                id: ObjectID(time: now), actor: actor.id, action: action, target: property.ownerID,
                subject: "property \(property.id)", changes: changes, at: now
            )
        )
    }
}
