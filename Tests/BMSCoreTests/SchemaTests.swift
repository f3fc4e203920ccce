import BMSStore
import Foundation
import StoreTestSupport
import Testing

@testable import BMSCore

@Suite("The data file's schema")
struct SchemaTests {
    @Test("a new data file opens with the current schema and checks clean")
    func opensClean() throws {
        let directory = TemporaryDirectory()
        let store = try Store.open(at: directory.path, options: StoreOptions(initialMapSize: 1 << 20), schema: BookMySleepSchema.current)
        defer { store.close() }
        #expect(try store.check().isClean)
    }

    @Test("there is exactly one migration to every version after the first, so no upgrade step is skipped or run twice")
    func migrationsCoverEveryVersion() {
        let current = BookMySleepSchema.current
        #expect(current.migrations.map(\.version).sorted() == Array(2...current.version))
    }
}

@Suite("Data schema v4 and v5: notifications become binary records, then move under their recipient")
struct NotificationFormatMigrationTests {
    /// A notification as files of schema v3 and earlier stored it: a JSON record.
    struct JSONNotification: JSONRecord {
        static let collectionName = "notifications"
        static let indexes: [RecordIndex<JSONNotification>] = [
            .secondary("user") { [.id($0.recipient.objectID), .id($0.id)] }
        ]
        var id: ObjectID
        var recipient: UserID
        var kind: NotificationKind
        var title: String
        var body: String
        var link: String?
        var createdAt: Date
        var readAt: Date?
    }

    @Test("a v3 file's JSON notifications read back unchanged, page and mark read after both upgrades; no old table is left")
    func convertsJSONNotifications() async throws {
        let directory = TemporaryDirectory()
        let current = BookMySleepSchema.current
        let version3 = Schema(
            version: 3, collections: current.collections.filter { $0.name != "mailboxes" } + [CollectionSchema<JSONNotification>()],
            tables: current.tables, migrations: current.migrations.filter { $0.version <= 3 }
        )
        let recipient = UserID(ObjectID(time: Date(timeIntervalSince1970: 1_790_000_000)))
        let stored = [
            JSONNotification(
                id: ObjectID(time: Date(timeIntervalSince1970: 1_790_000_100)), recipient: recipient, kind: .bookingRequest,
                title: "New booking request", body: "3 night(s) from 2026-12-01, 1 bed(s): pending", link: "/bookings/abc",
                createdAt: Date(timeIntervalSince1970: 1_790_000_100), readAt: nil),
            JSONNotification(
                id: ObjectID(time: Date(timeIntervalSince1970: 1_790_000_200)), recipient: recipient, kind: .propertyRejected,
                title: "Listing rejected", body: "Photos are blurred — é, ₹", link: nil,
                createdAt: Date(timeIntervalSince1970: 1_790_000_200), readAt: Date(timeIntervalSince1970: 1_790_000_300)),
        ]
        let old = try Store.open(at: directory.path, options: StoreOptions(initialMapSize: 1 << 20), schema: version3)
        let collection = try RecordCollection<JSONNotification>(in: old)
        try await old.write { txn in for notification in stored { try collection.insert(txn, notification) } }
        old.close()

        let upgraded = try Store.open(at: directory.path, options: StoreOptions(initialMapSize: 1 << 20), schema: current)
        defer { upgraded.close() }
        #expect(try upgraded.check().isClean)
        let listed = try Notifications(store: upgraded).list(for: recipient, limit: 10)
        #expect(listed.count == stored.count)
        for (notification, original) in zip(listed, stored.reversed()) {
            #expect(notification.id == original.id && notification.recipient == original.recipient && notification.kind == original.kind)
            #expect(notification.title == original.title && notification.body == original.body && notification.link == original.link)
            #expect(notification.createdAt == original.createdAt && notification.readAt == original.readAt)
        }
        #expect(try Notifications(store: upgraded).list(for: recipient, limit: 10, before: stored[1].id).map(\.id) == [stored[0].id])
        #expect(try await Notifications(store: upgraded).markRead(stored[0].id, for: recipient, now: Date()))
        #expect(try Notifications(store: upgraded).list(for: recipient, limit: 10).allSatisfy { $0.readAt != nil })
        let otherUser = UserID(ObjectID(time: Date(timeIntervalSince1970: 1_790_000_001)))
        #expect(try await !Notifications(store: upgraded).markRead(stored[0].id, for: otherUser, now: Date()))
        let leftOver = try await upgraded.write { txn in
            try ["records:notifications", "idx:notifications:user"].filter {
                try txn.retiredTable($0, key: BytesCodec.self, value: BytesCodec.self) != nil
            }
        }
        #expect(leftOver.isEmpty)
    }
}

@Suite("Data schema v6: bed holds are read from the bookings' property index")
struct BedLedgerMigrationTests {
    static func booking(_ status: BookingStatus, room: RoomID, property: PropertyID, from checkIn: CalendarDate, beds: Int) -> Booking {
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        return Booking(
            id: BookingID(ObjectID(time: now)), seekerID: UserID(ObjectID()), ownerID: UserID(ObjectID()), propertyID: property,
            roomID: room, checkIn: checkIn, checkOut: checkIn.adding(days: 3),
            quote: BookingQuote(price: Money(minorUnits: 800_000), deposit: .zero, nights: 3, beds: beds, feeBasisPoints: 0),
            timeZone: "Asia/Kolkata", cancellationPolicy: .flexible, instantBook: true, status: status, paymentStatus: .paid,
            holdExpiresAt: nil, paymentMethod: "card", specialRequests: "", paymentIntentID: nil, amountRefunded: .zero, history: [],
            createdAt: now, updatedAt: now
        )
    }

    @Test("a v5 file's confirmed booking holds its beds after the upgrade, a cancelled one none; bed-holds is gone; the file checks clean")
    func movesHoldsIntoThePropertyIndex() async throws {
        let directory = TemporaryDirectory()
        let current = BookMySleepSchema.current
        let version5 = Schema(
            version: 5, collections: current.collections, tables: current.tables + [BedLedger.retiredTableName],
            migrations: current.migrations.filter { $0.version <= 5 }
        )
        let (room, property) = (RoomID(ObjectID()), PropertyID(ObjectID()))
        let checkIn = try #require(CalendarDate("2027-02-01"))
        let confirmed = Self.booking(.confirmed, room: room, property: property, from: checkIn, beds: 2)
        let cancelled = Self.booking(.cancelled, room: room, property: property, from: checkIn.adding(days: 1), beds: 1)

        let old = try Store.open(at: directory.path, options: StoreOptions(initialMapSize: 1 << 20), schema: version5)
        let bookings = try RecordCollection<BookingRecord>(in: old)
        let byProperty = try old.table("idx:bookings:property", key: BytesCodec.self, value: BytesCodec.self)
        let holds = try old.table(BedLedger.retiredTableName, key: BytesCodec.self, value: BytesCodec.self)
        try await old.write { txn in
            // As v5 wrote them: property index entries without covering bytes, the hold in its own table.
            for booking in [confirmed, cancelled] {
                try bookings.insert(txn, BookingRecord(booking))
                let entry = Tuple([.id(property.objectID), .int(Int64(booking.checkIn.daysSinceEpoch)), .id(booking.id.objectID)])
                try byProperty.put(txn, entry.encoded, [])
            }
            var hold = RecordWriter()
            hold.write(Int64(confirmed.checkOut.daysSinceEpoch))
            hold.write(confirmed.beds)
            hold.write(Int64(0))
            let key = Tuple([.id(room.objectID), .int(Int64(checkIn.daysSinceEpoch)), .id(confirmed.id.objectID)])
            try holds.put(txn, key.encoded, hold.bytes)
        }
        old.close()

        let upgraded = try Store.open(at: directory.path, options: StoreOptions(initialMapSize: 1 << 20), schema: current)
        defer { upgraded.close() }
        #expect(try upgraded.check().isClean)
        let held = try upgraded.read { txn in
            try BedLedger(store: upgraded).bedsHeld(
                txn, room: room, of: property, from: checkIn.adding(days: -1), to: checkIn.adding(days: 5), now: Date())
        }
        #expect(held == [0, 2, 2, 2, 0, 0])
        let leftOver = try await upgraded.write { txn in
            try txn.retiredTable(BedLedger.retiredTableName, key: BytesCodec.self, value: BytesCodec.self) != nil
        }
        #expect(!leftOver)
    }
}

@Suite("Data schema v9 and v12: the text and card indexes' cards carry a token signature, now at their head")
struct TokenSignatureMigrationTests {
    /// A text or card index cover as the version before `version` wrote it, made from the current one: the
    /// card and its tokens without a signature before v9; before v12, a 64-bit one between them.
    static func cover(_ current: [UInt8], before version: Int) -> [UInt8] {
        let card = Array(current[CardView.signatureEnd...])
        guard version == 12 else { return card }
        let (rooms, cityLength) = card.withUnsafeBytes {
            ($0.loadUnaligned(fromByteOffset: 50, as: UInt16.self), $0.loadUnaligned(fromByteOffset: 52, as: UInt16.self))
        }
        let tokensAt = CardView.citiesOffset + Int(cityLength) + Int(rooms) * CardView.roomSize
        return Array(card[..<tokensAt]) + current[1..<9] + card[tokensAt...]
    }

    @Test(
        "a file's cards as the version before wrote them fail the check; after the upgrade they check clean and text search finds the listing",
        arguments: [9, 12])
    func rebuildsTheCards(version: Int) async throws {
        let fixture = try ListingsFixture()
        let property = try await fixture.listed(owner: try await fixture.user(), admin: try await fixture.admin())
        let tables = try ["text", "card"].map { try fixture.store.table("idx:properties:\($0)", key: BytesCodec.self, value: BytesCodec.self) }
        try await fixture.store.write { txn in
            for table in tables {
                for (key, cover) in try table.entries(txn) { try table.put(txn, key, Self.cover(cover, before: version)) }
            }
        }
        #expect(try !fixture.store.check().isClean)

        let migration = try #require(BookMySleepSchema.current.migrations.first { $0.version == version })
        let store = fixture.store
        try await store.write { txn in try migration.apply(store, txn) }
        #expect(try fixture.store.check().isClean)
        let page = try fixture.listings.search(try SearchQuery.parse([("q", "koramangala furn")]))
        #expect(page.hits.map(\.id) == [property.id] && page.servedBy == "text")
    }
}

@Suite("Data schema v10: the geo index carries each listing's card")
struct GeoCardMigrationTests {
    @Test("a v9 file's geo entries, points without cards, fail the check; after the upgrade they check clean and a search near the listing finds it")
    func addsTheCards() async throws {
        let fixture = try ListingsFixture()
        let property = try await fixture.listed(owner: try await fixture.user(), admin: try await fixture.admin())
        // As v9 wrote them: the 16 bytes of the point alone.
        let cells = try fixture.store.table("geo:properties:location:cells", key: BytesCodec.self, value: BytesCodec.self)
        try await fixture.store.write { txn in
            let entries = try cells.entries(txn)
            #expect(entries.count == 1 && entries.allSatisfy { $0.value.count > 16 })
            for (key, value) in entries { try cells.put(txn, key, Array(value.prefix(16))) }
        }
        #expect(try !fixture.store.check().isClean)

        let migration = try #require(BookMySleepSchema.current.migrations.first { $0.version == 10 })
        let store = fixture.store
        try await store.write { txn in try migration.apply(store, txn) }
        #expect(try fixture.store.check().isClean)
        let page = try fixture.listings.search(try SearchQuery.parse([("lat", "12.9352"), ("lng", "77.6245"), ("radius", "1")]))
        #expect(page.hits.map(\.id) == [property.id] && page.servedBy == "geo")
    }
}

@Suite("Data schema v11: the verification index leaves deleted properties out")
struct VerificationIndexMigrationTests {
    @Test("a v10 file's verification index, holding a deleted property, fails the check; upgraded, it checks clean and the queue leaves it out")
    func dropsDeletedProperties() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user()
        let admin = try await fixture.admin()
        let kept = try await fixture.listings.createProperty(ListingsFixture.form(), by: owner)
        let deleted = try await fixture.listings.createProperty(ListingsFixture.form(), by: owner)
        try await fixture.listings.deleteProperty(deleted.id, by: owner)
        // As v10 wrote it: the deleted property still filed under its status.
        let index = try fixture.store.table("idx:properties:verification", key: BytesCodec.self, value: BytesCodec.self)
        try await fixture.store.write { txn in
            let key = Tuple([.int(Int64(deleted.verification.rawValue)), .date(deleted.createdAt), .id(deleted.id.objectID)])
            try index.put(txn, key.encoded, [])
        }
        #expect(try !fixture.store.check().isClean)

        let migration = try #require(BookMySleepSchema.current.migrations.first { $0.version == 11 })
        let store = fixture.store
        try await store.write { txn in try migration.apply(store, txn) }
        #expect(try fixture.store.check().isClean)
        #expect(try fixture.listings.propertyCount(withStatus: .pending, by: admin) == 1)
        #expect(try fixture.listings.properties(withStatus: .pending, by: admin, limit: 10).map(\.id) == [kept.id])
    }
}
