import Foundation
import Testing

@testable import BMSServer

@Suite("bms import --jsonl, run as a real process")
struct ImportCommandTests {
    static func line(
        owner: String = "owner1@bookmysleep.demo", name: String, city: String? = "Shimla", status: String = "verified", price: Int = 900_000
    ) -> String {
        var address: [String: Any] = ["street": "12 MG Road", "coordinates": ["lat": 31.10, "lng": 77.17]]
        address["city"] = city
        let object: [String: Any] = [
            "ownerEmail": owner, "verificationStatus": status, "rating": 4.2, "reviewCount": 7,
            "property": ["propertyName": name, "propertyType": "PG", "address": address, "amenities": ["wifi"]],
            "rooms": [
                ["roomNumber": "101", "roomType": "Double", "price": price, "capacity": 2],
                ["roomNumber": "102", "roomType": "Single", "price": price, "capacity": 1],
            ],
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test("good lines are loaded in batches and searchable; bad lines are named by number and every field's problem, and skipped")
    func importListings() async throws {
        try await withTemporaryDirectory { directory in
            let environment = ["BCRYPT_COST": "4"]
            let seeded = try await BMSExecutable.run(["seed", "--data", "data"], in: directory, environment: environment)
            #expect(seeded.status == 0, "\(seeded.stderr)")
            let lines = [
                Self.line(name: "Imported Nest Shimla"),
                Self.line(name: "No City PG", city: nil),
                "",
                "{not json",
                Self.line(owner: "seeker1@bookmysleep.demo", name: "Seeker Owned PG"),
                Self.line(name: "Imported Haven Shimla", price: -5),
                Self.line(name: "Imported Corner Shimla", status: "pending"),
                Self.line(name: "Imported Loft Shimla"),
            ]
            try lines.joined(separator: "\n").write(toFile: directory + "/listings.jsonl", atomically: true, encoding: .utf8)
            let outcome = try await BMSExecutable.run(["import", "--jsonl", "listings.jsonl", "--data", "data", "--batch", "2"], in: directory)
            #expect(outcome.status == 1, "\(outcome.stdout)\(outcome.stderr)")
            #expect(outcome.stdout.contains("Imported 3 listings with 6 rooms into data; 4 lines refused."))
            #expect(
                outcome.stderrLines == [
                    "line 2: property.address.city: is required",
                    "line 4: not JSON: The given data was not valid JSON.",
                    "line 5: ownerEmail: is not the e-mail of an owner account",
                    "line 6: rooms[0].price: must be 1 to 10000000000 (minor units, e.g. paise); rooms[1].price: must be 1 to 10000000000 (minor units, e.g. paise)",
                ], "\(outcome.stderr)")
            let check = try await BMSExecutable.run(["check", "--data", "data"], in: directory)
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

            // The verified imports are public and searchable; the pending one is not.
            let app = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "0"])
            let hits = try await app.test { client in
                try await Bookings.data(client, "/api/properties?city=Shimla&sort=price")["hits"] as? [[String: Any]]
            }
            #expect(Set(hits?.compactMap { $0["propertyName"] as? String } ?? []) == ["Imported Nest Shimla", "Imported Loft Shimla"])
            #expect(hits?.first?["rating"] as? Double == 4.2)
        }
    }

    @Test("a running server's next search shows listings another process imported into its data: its cached answers are dropped")
    func importIntoALiveServer() async throws {
        try await withTemporaryDirectory { directory in
            let seeded = try await BMSExecutable.run(["seed", "--data", "data"], in: directory, environment: ["BCRYPT_COST": "4"])
            #expect(seeded.status == 0, "\(seeded.stderr)")
            try [Self.line(name: "Live Nest Shimla"), Self.line(name: "Live Loft Shimla")].joined(separator: "\n")
                .write(toFile: directory + "/listings.jsonl", atomically: true, encoding: .utf8)
            let app = try await TestApp(in: directory, environment: ["RATE_LIMIT_PER_MIN": "0"])
            let (before, after) = try await app.test { client in
                let path = "/api/properties?city=Shimla"
                let before = try await Bookings.data(client, path)["total"] as? Int
                _ = try await Bookings.data(client, path)
                let outcome = try await BMSExecutable.run(["import", "--jsonl", "listings.jsonl", "--data", "data"], in: directory)
                #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
                return (before, try await Bookings.data(client, path)["total"] as? Int)
            }
            #expect(before == 0 && after == 2, "\(String(describing: before)) then \(String(describing: after))")
        }
    }

    @Test("a file that cannot be read, or data that does not exist, is an error (exit 2)")
    func errors() async throws {
        try await withTemporaryDirectory { directory in
            let missing = try await BMSExecutable.run(["import", "--jsonl", "nope.jsonl", "--data", "data"], in: directory)
            #expect(missing.status == 2 && missing.stderr == "bms: cannot read nope.jsonl\n")
            try "".write(toFile: directory + "/empty.jsonl", atomically: true, encoding: .utf8)
            let noData = try await BMSExecutable.run(["import", "--jsonl", "empty.jsonl", "--data", "data"], in: directory)
            #expect(noData.status == 2 && noData.stderr.contains("there is no data directory or data file there"))
            let badBatch = try await BMSExecutable.run(["import", "--jsonl", "empty.jsonl", "--batch", "0"], in: directory)
            #expect(badBatch.status != 0 && badBatch.stderr.contains("--batch must be 1…10000"))
        }
    }
}
