import ArgumentParser
import BMSCore
import BMSStore
import Foundation

/// `bms import --jsonl FILE`: loads listings (properties with their rooms) from a JSON Lines file in large
/// write transactions, for operators moving from another system, where one HTTP request per record would
/// take hours. Every line is checked as the API checks its forms; a bad line is reported by its number and
/// skipped, and the good ones are loaded. Exit code 0 when every line was loaded, 1 when some were refused,
/// 2 when nothing could be done (no such file, no data).
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load listings (properties with rooms) from a JSON Lines file.",
        discussion: """
            Each line is one listing: {"ownerEmail", "property" (the fields of POST /api/properties), \
            "verificationStatus" (pending|verified|rejected, default pending), "rating", "reviewCount", "rooms" \
            (the fields of POST /api/rooms)}. Owners must have accounts already. Lines are checked like API \
            requests; refused lines are listed with their numbers and every field's problem, and the rest are \
            loaded, --batch listings per write transaction. Exits 0 when all were loaded, 1 when some were \
            refused, 2 on errors.
            """
    )

    @OptionGroup var dataOption: DataOption

    @Option(name: .long, help: ArgumentHelp("The JSON Lines file to read (- for standard input).", valueName: "file"))
    var jsonl: String

    @Option(name: .long, help: "Listings per write transaction (1…10000).")
    var batch: Int = 1000

    func validate() throws {
        guard (1...10_000).contains(batch) else { throw ValidationError("--batch must be 1…10000") }
    }

    func run() async throws {
        let outcome = try await reportingErrors(exitCode: 2) {
            let lines = try Self.lines(of: jsonl)
            let storeConfiguration = try dataOption.existingStoreConfiguration()
            let store = try storeConfiguration.openForCommand()
            defer { store.close() }
            let importer = ListingImporter(listings: try ListingService(store: store, publicURL: ""), batchSize: batch)
            return (path: storeConfiguration.path, report: try await importer.load(lines))
        }
        let report = outcome.report
        print("Imported \(report.listings) listings with \(report.rooms) rooms into \(outcome.path); \(report.refused.count) lines refused.")
        guard !report.refused.isEmpty else { return }
        for (line, problem) in report.refused { FileHandle.standardError.write(Data("line \(line): \(problem)\n".utf8)) }
        throw ExitCode(1)
    }

    /// The file's lines, numbered from 1; blank lines are skipped but still counted.
    static func lines(of path: String) throws -> [(number: Int, text: Substring)] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let read = FileManager.default.contents(atPath: path) else { throw CommandError("cannot read \(path)") }
            data = read
        }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }
            .map { (number: $0.offset + 1, text: $0.element) }
    }
}

/// Checks and loads numbered lines in batches; a batch the store refuses as a whole (a constraint only
/// the store sees) is loaded again one listing at a time, so that only the bad lines are lost.
struct ListingImporter {
    let listings: ListingService
    let batchSize: Int

    struct Report {
        var listings = 0
        var rooms = 0
        /// Line number → what is wrong, in line order.
        var refused: [(Int, String)] = []
    }

    func load(_ lines: [(number: Int, text: Substring)]) async throws -> Report {
        var report = Report()
        var pending: [(line: Int, listing: (property: Property, rooms: [Room]))] = []
        for (number, text) in lines {
            do {
                let listing = try JSONDecoder().decode(ImportedListing.self, from: Data(text.utf8))
                pending.append((number, try listings.prepareImport(listing)))
            } catch {
                report.refused.append((number, Self.describe(error)))
            }
            if pending.count == batchSize { try await write(&pending, into: &report) }
        }
        try await write(&pending, into: &report)
        report.refused.sort { $0.0 < $1.0 }
        return report
    }

    private func write(_ pending: inout [(line: Int, listing: (property: Property, rooms: [Room]))], into report: inout Report) async throws {
        defer { pending.removeAll(keepingCapacity: true) }
        do {
            try await listings.importListings(pending.map(\.listing))
            report.listings += pending.count
            report.rooms += pending.reduce(0) { $0 + $1.listing.rooms.count }
        } catch {
            for (line, listing) in pending {
                do {
                    try await listings.importListings([listing])
                    report.listings += 1
                    report.rooms += listing.rooms.count
                } catch {
                    report.refused.append((line, Self.describe(error)))
                }
            }
        }
    }

    /// One line's problems, every field named: `property.address.city: is required; rooms[0].price: …`.
    static func describe(_ error: any Error) -> String {
        switch error {
        case ListingError.validation(let fields):
            fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
        case DecodingError.dataCorrupted(let context):
            "not JSON: \(context.debugDescription)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): has the wrong type"
        default:
            String(describing: error)
        }
    }
}
