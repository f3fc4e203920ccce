import Foundation
import StoreTestSupport
import Testing

@testable import BMSStore

@Suite("Collections and indexes")
struct CollectionTests {
    @Test("random inserts, updates and deletes keep every index equal to a simple in-memory model")
    func indexesFollowTheModel() async throws {
        let directory = TemporaryDirectory()
        let store = try openStore(directory)
        defer { store.close() }
        let people = try RecordCollection<Person>(in: store)
        let seed = UInt64.random(in: 0...UInt64.max)
        print("index model seed: \(seed)")
        var random = SeededGenerator(seed: seed)
        var model: [ObjectID: Person] = [:]
        let cities = ["Pune", "Delhi", "Bengaluru", "Kochi"]
        let tags = ["wifi", "ac", "meals", "laundry", "gym"]

        for step in 0..<1500 {
            let action = Int.random(in: 0..<10, using: &random)
            if model.isEmpty || action < 5 {
                let person = Person(
                    email: "p\(Int.random(in: 0..<400, using: &random))@example.com",
                    city: cities.randomElement(using: &random)!, age: Int.random(in: 18...60, using: &random),
                    tags: Array(tags.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random))))
                let taken = model.values.contains { $0.email == person.email }
                do {
                    try await store.write { txn in try people.insert(txn, person) }
                    #expect(!taken, "step \(step) seed \(seed): duplicate e-mail accepted")
                    model[person.id] = person
                } catch StoreError.uniqueViolation(let collection, let field) {
                    #expect(taken && collection == "people" && field == "email", "step \(step) seed \(seed)")
                }
            } else if action < 8 {
                var person = model.values.randomElement(using: &random)!
                person.city = cities.randomElement(using: &random)!
                person.age = Int.random(in: 18...60, using: &random)
                person.tags = Array(tags.shuffled(using: &random).prefix(Int.random(in: 0...3, using: &random)))
                if Bool.random(using: &random) { person.email = "p\(Int.random(in: 0..<400, using: &random))@example.com" }
                let taken = model.values.contains { $0.email == person.email && $0.id != person.id }
                let edited = person
                do {
                    try await store.write { txn in try people.update(txn, edited) }
                    #expect(!taken, "step \(step) seed \(seed)")
                    model[person.id] = person
                } catch StoreError.uniqueViolation {
                    #expect(taken, "step \(step) seed \(seed)")
                }
            } else {
                let id = model.keys.randomElement(using: &random)!
                let removed = try await store.write { txn in try people.delete(txn, id) }
                #expect(removed == model.removeValue(forKey: id))
            }
        }

        try store.read { txn throws in
            #expect(try people.count(txn) == model.count)
            for city in cities {
                for minimumAge in [18, 30, 45] {
                    let ids = try people.ids(txn, index: "cityAge", .between([.string(city), .int(Int64(minimumAge))], [.string(city), .int(60)]))
                    let expected = model.values.filter { $0.city == city && $0.age >= minimumAge }
                        .sorted { ($0.age, $0.id) < ($1.age, $1.id) }.map(\.id)
                    #expect(ids == expected, "seed \(seed): \(city) ≥ \(minimumAge)")
                    let reversed = try people.ids(
                        txn, index: "cityAge", .between([.string(city), .int(Int64(minimumAge))], [.string(city), .int(60)]), direction: .reverse,
                        limit: 5)
                    #expect(reversed == Array(expected.reversed().prefix(5)), "seed \(seed): reverse \(city)")
                }
            }
            for tag in tags {
                let ids = try people.ids(txn, index: "tags", .prefix([.string(tag)]))
                #expect(ids == model.values.filter { $0.tags.contains(tag) }.map(\.id).sorted(), "seed \(seed): tag \(tag)")
            }
            for person in model.values {
                #expect(try people.find(txn, unique: "email", [.string(person.email)]) == person)
            }
            #expect(try people.all(txn).map(\.id) == model.keys.sorted())
        }
        let report = try store.check()
        #expect(report.isClean, "\(report.problems)")
        #expect(report.recordsChecked == model.count)
    }

    @Test("a record's covering entry in an index keyed by its own id is read in place")
    func coverByOwnID() async throws {
        let directory = TemporaryDirectory()
        let store = try openStore(directory)
        defer { store.close() }
        let people = try RecordCollection<Person>(in: store)
        let asha = Person(email: "asha@example.com", city: "Pune", age: 31)
        try await store.write { txn in try people.insert(txn, asha) }
        try store.read { txn in
            let age = try people.cover(txn, ownIDIndex: "own", of: asha.id) { try UInt64Codec.decode($0) }
            #expect(age == 31)
            #expect(try people.cover(txn, ownIDIndex: "own", of: ObjectID()) { $0.count } == nil)
            #expect(throws: StoreError.self) { try people.cover(txn, ownIDIndex: "email", of: asha.id) { $0.count } }
        }
        try await store.write { txn in
            var older = asha
            older.age = 32
            try people.update(txn, older)
        }
        let updated = try store.read { txn in try people.cover(txn, ownIDIndex: "own", of: asha.id) { try UInt64Codec.decode($0) } }
        #expect(updated == 32)
    }

    @Test("a unique violation names the field and writes nothing")
    func uniqueViolationWritesNothing() async throws {
        let directory = TemporaryDirectory()
        let store = try openStore(directory)
        defer { store.close() }
        let people = try RecordCollection<Person>(in: store)
        let first = Person(email: "a@example.com", city: "Pune", age: 30, tags: ["wifi"])
        try await store.write { txn in try people.insert(txn, first) }
        let clash = Person(email: "a@example.com", city: "Delhi", age: 40, tags: ["ac"])
        await #expect(throws: StoreError.uniqueViolation(collection: "people", field: "email")) {
            try await store.write { txn in try people.insert(txn, clash) }
        }
        try store.read { txn throws in
            #expect(try people.count(txn) == 1)
            #expect(try people.ids(txn, index: "tags", .prefix([.string("ac")])).isEmpty)
            #expect(try people.ids(txn, index: "cityAge", .prefix([.string("Delhi")])).isEmpty)
        }
        #expect(try store.check().isClean)
    }

    @Test("scans page with the entry position as cursor, forward and reverse")
    func cursorPaging() async throws {
        let directory = TemporaryDirectory()
        let store = try openStore(directory)
        defer { store.close() }
        let people = try RecordCollection<Person>(in: store)
        let all = (0..<25).map { Person(email: "p\($0)@x.in", city: "Pune", age: 20 + $0 % 3) }
        try await store.write { txn in for person in all { try people.insert(txn, person) } }
        let expected = all.sorted { ($0.age, $0.id) < ($1.age, $1.id) }.map(\.id)
        for direction in [ScanDirection.forward, .reverse] {
            var seen: [ObjectID] = []
            var cursor: [UInt8]?
            repeat {
                var range = KeyRange.prefix([.string("Pune")])
                if let cursor { if direction == .forward { range.lower = .excluded(cursor) } else { range.upper = .excluded(cursor) } }
                var page: [ObjectID] = []
                try store.read { txn throws in
                    try people.scan(txn, index: "cityAge", range, direction: direction) { entry throws in
                        page.append(entry.id)
                        cursor = Array(entry.position)
                        #expect(try entry.key == [.string("Pune"), .int(Int64(entry.cover.reduce(0) { $0 << 8 | Int($1) }))])
                        return page.count < 7
                    }
                }
                seen += page
                if page.count < 7 { cursor = nil }
            } while cursor != nil
            #expect(seen == (direction == .forward ? expected : expected.reversed()))
        }
    }

    /// A new store in `directory` holding six people, aged 20 to 25, in each of Pune, Delhi and Kochi.
    static func sixPerCity(_ directory: TemporaryDirectory) async throws -> (Store, RecordCollection<Person>, [Person]) {
        let store = try openStore(directory)
        let people = try RecordCollection<Person>(in: store)
        let all = ["Pune", "Delhi", "Kochi"].flatMap { city in (0..<6).map { Person(email: "\(city)\($0)@x.in", city: city, age: 20 + $0) } }
        try await store.write { txn in for person in all { try people.insert(txn, person) } }
        return (store, people, all)
    }

    @Test("several ranges are read in turn with one cursor, each in key order, and the scan stops when told")
    func multiRangeScan() async throws {
        let directory = TemporaryDirectory()
        let (store, people, all) = try await Self.sixPerCity(directory)
        defer { store.close() }
        func ages(_ city: String, _ ages: ClosedRange<Int64>) -> KeyRange {
            .between([.string(city), .int(ages.lowerBound)], [.string(city), .int(ages.upperBound)])
        }
        let ranges = [ages("Pune", 22...23), ages("Delhi", 20...21), ages("Nowhere", 0...99), ages("Kochi", 25...30)]
        let expected = [("Pune", 22...23), ("Delhi", 20...21), ("Kochi", 25...25)].flatMap { city, range in
            all.filter { $0.city == city && range.contains($0.age) }.map(\.id)
        }
        var seen: [ObjectID] = []
        try store.read { txn throws in
            try people.scan(txn, index: "cityAge", ranges: ranges) { entry in
                seen.append(entry.id)
                return true
            }
        }
        #expect(seen == expected)
        var firstThree: [ObjectID] = []
        try store.read { txn throws in
            try people.scan(txn, index: "cityAge", ranges: ranges) { entry in
                firstThree.append(entry.id)
                return firstThree.count < 3
            }
        }
        #expect(firstThree == Array(expected.prefix(3)))
    }

    @Test("counting a range steps over exactly its entries, and no further than asked")
    func countsARange() async throws {
        let directory = TemporaryDirectory()
        let (store, people, all) = try await Self.sixPerCity(directory)
        defer { store.close() }
        let delhi22to24 = KeyRange.between([.string("Delhi"), .int(22)], [.string("Delhi"), .int(24)])
        try store.read { txn throws in
            #expect(try people.count(txn, index: "cityAge", .all, upTo: .max) == all.count)
            #expect(try people.count(txn, index: "cityAge", .prefix(Tuple([.string("Kochi")])), upTo: 100) == 6)
            #expect(try people.count(txn, index: "cityAge", delhi22to24, upTo: 100) == 3)
            #expect(try people.count(txn, index: "cityAge", delhi22to24, upTo: 2) == 2)
            #expect(try people.count(txn, index: "cityAge", .prefix(Tuple([.string("Nowhere")])), upTo: 100) == 0)
            #expect(try people.count(txn, index: "cityAge", .all, upTo: 0) == 0)
        }
    }

    @Test("check reports a corrupted index and reindex repairs it")
    func checkAndReindex() async throws {
        let directory = TemporaryDirectory()
        let store = try openStore(directory)
        defer { store.close() }
        let people = try RecordCollection<Person>(in: store)
        let alice = Person(email: "alice@x.in", city: "Pune", age: 30, tags: ["wifi", "ac"])
        let bob = Person(email: "bob@x.in", city: "Delhi", age: 41)
        try await store.write { txn in
            try people.insert(txn, alice)
            try people.insert(txn, bob)
        }
        #expect(try store.check().isClean)

        let tags = try store.table("idx:people:tags", key: BytesCodec.self, value: BytesCodec.self)
        let email = try store.table("idx:people:email", key: BytesCodec.self, value: BytesCodec.self)
        let cityAge = try store.table("idx:people:cityAge", key: BytesCodec.self, value: BytesCodec.self)
        try await store.write { txn in
            try tags.delete(txn, Tuple([.string("ac"), .id(alice.id)]).encoded)
            try tags.put(txn, Tuple([.string("gym"), .id(bob.id)]).encoded, [])
            try email.put(txn, Tuple([.string("bob@x.in")]).encoded, alice.id.bytes)
            try cityAge.put(txn, Tuple([.string("Delhi"), .int(41), .id(bob.id)]).encoded, [9])
        }
        let broken = try store.check()
        #expect(broken.problems.count == 4, "\(broken.problems)")
        #expect(broken.problems.contains { $0.hasPrefix("people.tags:") && $0.hasSuffix("is missing") })
        #expect(broken.problems.contains { $0.hasPrefix("people.tags:") && $0.hasSuffix("belongs to no record") })
        #expect(broken.problems.contains { $0.hasPrefix("people.email:") && $0.contains("expected") })
        #expect(broken.problems.contains { $0.hasPrefix("people.cityAge:") && $0.contains("expected") })

        let written = try await store.reindex()
        #expect(written == 8)  // alice: e-mail, city-age, own id, two tags; bob: e-mail, city-age, own id
        #expect(try store.check().isClean)
        try store.read { txn throws in #expect(try people.ids(txn, index: "tags", .prefix([.string("ac")])) == [alice.id]) }
    }

    @Test("rebuilding named indexes rewrites only those; an unknown name is refused before anything is removed")
    func rebuildNamedIndexes() async throws {
        let directory = TemporaryDirectory()
        let store = try openStore(directory)
        defer { store.close() }
        let people = try RecordCollection<Person>(in: store)
        let alice = Person(email: "alice@x.in", city: "Pune", age: 30, tags: ["wifi", "ac"])
        try await store.write { txn in try people.insert(txn, alice) }
        let tags = try store.table("idx:people:tags", key: BytesCodec.self, value: BytesCodec.self)
        let cityAge = try store.table("idx:people:cityAge", key: BytesCodec.self, value: BytesCodec.self)
        try await store.write { txn in
            try tags.delete(txn, Tuple([.string("ac"), .id(alice.id)]).encoded)
            try cityAge.put(txn, Tuple([.string("Pune"), .int(30), .id(alice.id)]).encoded, [9])
        }
        #expect(try store.check().problems.count == 2)

        let refused = await #expect(throws: StoreError.self) {
            try await store.write { txn in try CollectionSchema<Person>().rebuildIndexes(named: ["tags", "nope"], in: store, txn) }
        }
        #expect(refused?.description.contains("idx:people:nope") == true)
        #expect(try store.check().problems.count == 2)

        let written = try await store.write { txn in try CollectionSchema<Person>().rebuildIndexes(named: ["tags"], in: store, txn) }
        #expect(written == 2)
        let left = try store.check().problems
        #expect(left.count == 1 && left[0].hasPrefix("people.cityAge:"), "\(left)")
    }

    @Test("insert refuses an existing id and update refuses a missing one")
    func idRules() async throws {
        let directory = TemporaryDirectory()
        let store = try openStore(directory)
        defer { store.close() }
        let people = try RecordCollection<Person>(in: store)
        let person = Person(email: "x@x.in", city: "Pune", age: 22)
        try await store.write { txn in try people.insert(txn, person) }
        await #expect(throws: StoreError.duplicateID(collection: "people", id: person.id)) {
            try await store.write { txn in try people.insert(txn, Person(id: person.id, email: "y@x.in", city: "Pune", age: 1)) }
        }
        let ghost = Person(email: "g@x.in", city: "Pune", age: 3)
        await #expect(throws: StoreError.recordNotFound(collection: "people", id: ghost.id)) {
            try await store.write { txn in try people.update(txn, ghost) }
        }
        #expect(try store.read { txn in try people.get(txn, person.id) } == person)
    }
}
