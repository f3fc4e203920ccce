import BMSStore
import Foundation

/// A property with its rooms, as its page shows it.
public struct PropertyDetails: Sendable, Equatable {
    public var property: Property
    /// Active rooms in id order (the owner and admins also see deleted ones, marked inactive).
    public var rooms: [Room]
}

extension ListingService {
    /// Lists a new property for `owner` (role owner), pending verification. Every admin gets a
    /// notification that it waits for them.
    public func createProperty(_ form: PropertyForm, by owner: User) async throws -> Property {
        let now = now()
        return try await store.write { [self] txn in
            let owner = try currentActor(txn, owner)
            guard owner.role == .owner else { throw ListingError.forbidden }
            let property = try Self.newProperty(form, owner: owner, now: now)
            try save(txn, property)
            try notifyAdmins(txn, of: property, now: now)
            return property
        }
    }

    /// The property and its rooms if `viewer` may see it (public ones for anyone; any for its owner and
    /// admins), else nil.
    public func property(_ id: PropertyID, viewer: User?) throws -> PropertyDetails? {
        try store.read { txn in
            guard let record = try visibleProperty(txn, id, viewer: viewer) else { return nil }
            let manages = Self.manages(viewer, record.property)
            return PropertyDetails(property: record.property, rooms: try rooms(txn, of: id).filter { manages || $0.isActive })
        }
    }

    /// Changes what `form` sends. Owner or admin. Changing the address or coordinates of a verified
    /// property, or anything of a rejected one, sends it back to pending (and tells the admins).
    public func updateProperty(_ id: PropertyID, _ form: PropertyForm, by actor: User) async throws -> Property {
        let now = now()
        return try await store.write { [self] txn in
            let (record, actor) = try managedProperty(txn, id, by: actor)
            let fields = try PropertyFields(form, creating: false, current: record.property.address)
            var property = record.property
            var changed: [String: String] = [:]
            func apply<T: Equatable>(_ field: String, _ keyPath: WritableKeyPath<Property, T>, _ value: T?) {
                guard let value, property[keyPath: keyPath] != value else { return }
                changed[field] = "\(property[keyPath: keyPath]) → \(value)"
                property[keyPath: keyPath] = value
            }
            apply("propertyName", \.name, fields.name)
            apply("description", \.description, fields.description)
            apply("address", \.address, fields.address)
            apply("propertyType", \.propertyType, fields.propertyType)
            apply("amenities", \.amenities, fields.amenities)
            apply("rules", \.rules, fields.rules)
            apply("timeZone", \.timeZone, fields.timeZone)
            apply("cancellationPolicy", \.cancellationPolicy, fields.cancellationPolicy)
            apply("instantBook", \.instantBook, form.instantBook)
            apply("isActive", \.isActive, form.isActive)
            guard !changed.isEmpty else { return property }

            let movedVerified = property.verification == .verified && changed["address"] != nil
            if movedVerified || property.verification == .rejected {
                property.verification = .pending
                property.verificationReason = nil
                try notifyAdmins(txn, of: property, now: now)
            }
            property.updatedAt = now
            try save(txn, property)
            try audit(txn, actor: actor, action: "property.update", property: property, changes: changed, now: now)
            return property
        }
    }

    /// Deletes a property as far as anyone can tell: it leaves search and its owner's listing, its photos
    /// and its rooms' photos are released, but the record stays for the history of past bookings.
    /// Refused with `stillBooked` while bookings hold beds tonight or later.
    public func deleteProperty(_ id: PropertyID, by actor: User) async throws {
        let now = now()
        try await store.write { [self] txn in
            let (record, actor) = try managedProperty(txn, id, by: actor)
            var property = record.property
            let today = CalendarDate(now, inZone: property.timeZone)
            let rooms = try rooms(txn, of: id)
            for room in rooms where try isBooked(txn, room, from: today, now: now) {
                throw ListingError.stillBooked("room \(room.roomNumber) has current or future bookings; cancel them first")
            }
            for var room in rooms where room.isActive || !room.images.isEmpty {
                for digest in room.images { try media.release(txn, digest) }
                room.images = []
                room.isActive = false
                room.updatedAt = now
                try self.rooms.update(txn, RoomRecord(room))
            }
            for digest in property.images { try media.release(txn, digest) }
            property.images = []
            property.isActive = false
            property.deletedAt = now
            property.updatedAt = now
            try save(txn, property)
            try audit(txn, actor: actor, action: "property.delete", property: property, changes: ["deletedAt": "\(now)"], now: now)
        }
    }

    /// `owner`'s properties, newest first: all of them (deleted ones too) for the owner and admins, the
    /// public ones for anyone else. `limit` is capped at 100; pass the last id of a page as `before`.
    public func properties(ownedBy owner: UserID, viewer: User?, limit: Int, before: PropertyID? = nil) throws -> [Property] {
        try store.read { txn in
            let seesAll = viewer.map { !$0.isSuspended && ($0.role == .admin || $0.id == owner) } ?? false
            var out: [Property] = []
            let limit = Paging.clamp(limit)
            guard limit > 0 else { return out }
            var upper: KeyRange.Bound = .excluded(Tuple([.id(owner.objectID)]).encoded + [0xFF])
            if let before {
                guard let anchor = try properties.get(txn, before.objectID), anchor.property.ownerID == owner else {
                    throw ListingError.validation(["before": "is not a property of this owner"])
                }
                upper = .excluded(Tuple([.id(owner.objectID), .date(anchor.property.createdAt), .id(before.objectID)]).encoded)
            }
            let range = KeyRange(lower: .included(Tuple([.id(owner.objectID)]).encoded), upper: upper)
            try properties.scan(txn, index: "owner", range, direction: .reverse) { entry in
                if let record = try properties.get(txn, entry.id), seesAll || record.property.isPublic {
                    out.append(record.property)
                }
                return out.count < limit
            }
            return out
        }
    }

    /// How many properties have a verification status (deleted ones left out): the length of the admins'
    /// queue when it is longer than a page, counted from the index without reading a property. Admins only.
    public func propertyCount(withStatus status: VerificationStatus, by admin: User) throws -> Int {
        try store.read { txn in
            guard try currentActor(txn, admin).role == .admin else { throw ListingError.forbidden }
            return try properties.count(txn, index: "verification", Self.verificationRange(status), upTo: .max)
        }
    }

    /// Properties with a verification status, oldest first (the admins' queue; deleted ones left out).
    /// Admins only.
    public func properties(
        withStatus status: VerificationStatus, by admin: User, limit: Int, after: PropertyID? = nil
    ) throws -> [Property] {
        try store.read { txn in
            guard try currentActor(txn, admin).role == .admin else { throw ListingError.forbidden }
            var out: [Property] = []
            let limit = Paging.clamp(limit)
            guard limit > 0 else { return out }
            var resume: KeyRange.Bound?
            if let after {
                guard let anchor = try properties.get(txn, after.objectID), anchor.property.verification == status else {
                    throw ListingError.validation(["after": "is not a property with status \(status.name)"])
                }
                let position = Tuple([.int(Int64(status.rawValue)), .date(anchor.property.createdAt), .id(after.objectID)])
                resume = .excluded(position.encoded)
            }
            try forEachProperty(txn, withStatus: status, after: resume) { property in
                out.append(property)
                return out.count < limit
            }
            return out
        }
    }

    /// Visits the properties with `status` in the verification index (which leaves deleted ones out),
    /// oldest first (after `resume`, a position in it, when given), until `body` returns false.
    private func forEachProperty(
        _ txn: some Transaction, withStatus status: VerificationStatus, after resume: KeyRange.Bound? = nil, _ body: (Property) throws -> Bool
    ) throws {
        var range = Self.verificationRange(status)
        if let resume { range.lower = resume }
        try properties.scan(txn, index: "verification", range) { entry in
            guard let property = try properties.get(txn, entry.id)?.property else {
                throw StoreError.corrupt(table: "properties", reason: "the verification index names missing property \(entry.id)")
            }
            return try body(property)
        }
    }

    /// The verification index's entries of `status`.
    private static func verificationRange(_ status: VerificationStatus) -> KeyRange {
        .prefix(Tuple([.int(Int64(status.rawValue))]))
    }
}

extension ListingService {
    /// A new, pending property of `owner` from a create form, validated like every create.
    static func newProperty(_ form: PropertyForm, owner: User, now: Date) throws -> Property {
        let fields = try PropertyFields(form, creating: true)
        return Property(
            id: PropertyID(ObjectID(time: now)), ownerID: owner.id, ownerName: owner.displayName,
            name: fields.name!, description: fields.description ?? "", address: fields.address!,
            propertyType: fields.propertyType!, amenities: fields.amenities ?? AmenitySet([]), images: [],
            rules: fields.rules ?? [], isActive: form.isActive ?? true, verification: .pending, verificationReason: nil,
            rating: 0, reviewCount: 0, timeZone: fields.timeZone ?? defaultTimeZone,
            cancellationPolicy: fields.cancellationPolicy ?? .moderate, instantBook: form.instantBook ?? false,
            createdAt: now, updatedAt: now
        )
    }
}

/// The validated fields of a property form; nil where the form sent nothing.
struct PropertyFields {
    var name: String?
    var description: String?
    var address: Address?
    var propertyType: PropertyType?
    var amenities: AmenitySet?
    var rules: [String]?
    var timeZone: String?
    var cancellationPolicy: CancellationPolicy?

    /// Validates `form`; on create the name, address and type are required. An update's address may send
    /// only some parts; the rest come from `current`.
    init(_ form: PropertyForm, creating: Bool, current: Address? = nil) throws {
        var errors = FieldErrors()
        if creating || form.propertyName != nil { name = errors.check("propertyName", ListingRules.text(form.propertyName, 3...120)) }
        if let text = form.description { description = errors.check("description", ListingRules.text(text, 0...4000, multiline: true)) }
        if creating || form.propertyType != nil {
            propertyType = errors.check("propertyType", ListingRules.named(form.propertyType, PropertyType.self))
        }
        if let list = form.amenities { amenities = errors.check("amenities", ListingRules.amenities(list)) }
        if let list = form.rules { rules = errors.check("rules", ListingRules.rules(list)) }
        if let zone = form.timeZone { timeZone = errors.check("timeZone", ListingRules.timeZone(zone)) }
        if let name = form.cancellationPolicy {
            cancellationPolicy = errors.check("cancellationPolicy", ListingRules.named(name, CancellationPolicy.self))
        }
        if creating && form.address == nil {
            errors.note("address", "is required")
        } else if let sent = form.address {
            address = Self.address(sent, current: current, errors: &errors)
        }
        guard errors.problems.isEmpty else { throw ListingError.validation(errors.problems) }
    }

    private static func address(_ form: AddressForm, current: Address?, errors: inout FieldErrors) -> Address? {
        func part(_ name: String, _ raw: String?, _ old: String?, _ length: ClosedRange<Int>) -> String? {
            guard let raw else { return old ?? (length.lowerBound == 0 ? "" : errors.check("address.\(name)", ListingRules.text(nil, length))) }
            return errors.check("address.\(name)", ListingRules.text(raw, length))
        }
        let street = part("street", form.street, current?.street, 1...200)
        let locality = part("locality", form.locality, current?.locality, 0...80)
        let city = part("city", form.city, current?.city, 1...80)
        let state = part("state", form.state, current?.state, 0...80)
        let country = part("country", form.country, current?.country ?? "India", 1...80)
        let zipCode = part("zipCode", form.zipCode, current?.zipCode, 0...12)
        let point: GeoPoint? =
            form.coordinates == nil && current != nil
            ? current?.coordinates : errors.check("address.coordinates", ListingRules.coordinates(form.coordinates))
        guard let street, let locality, let city, let state, let country, let zipCode, let point else { return nil }
        return Address(street: street, locality: locality, city: city, state: state, country: country, zipCode: zipCode, coordinates: point)
    }
}
