import BMSCore
import BMSStore
import Foundation
import ListingDataSet

/// Q1–Q4 in process: one `ListingService.search` (Q1–Q3, the query parsed beforehand) or
/// `ListingService.property` (Q4) per sample, on one thread, over the exported parameter sets in order:
/// the first `warmup` unmeasured, then `reps` measured (cycling if there are fewer sets).
struct QueryRun {
    struct Result: Encodable {
        var latency: LatencySummary
        /// First-page property ids (Q4: room ids) of the first measured parameter sets, for the
        /// cross-engine answer check.
        var firstPages: [[String]]
        var averageRows: Double

        enum CodingKeys: String, CodingKey {
            case latency
            case firstPages = "first_pages"
            case averageRows = "avg_rows"
        }
    }

    let listings: ListingService
    let warmup: Int
    let reps: Int
    let sample: Int

    func run(_ kind: String, _ lines: [PeerExport.QueryLine]) throws -> Result {
        precondition(!lines.isEmpty, "no parameter sets for \(kind)")
        let answer: (Int) throws -> [String]
        if kind == "Q4" {
            let ids = try lines.map { line in
                guard let id = PropertyID(line.params["id"] ?? "") else { throw DataSetError("bad Q4 id in \(line.path)") }
                return id
            }
            answer = { position in
                guard let details = try listings.property(ids[position], viewer: nil) else {
                    throw DataSetError("property \(ids[position]) was not found")
                }
                return details.rooms.map(\.id.description)
            }
        } else {
            let queries = try lines.map { try SearchQuery.parse($0.params.map { (name: $0.key, value: $0.value) }) }
            answer = { position in try listings.search(queries[position]).hits.map(\.id.description) }
        }
        var samples: [Duration] = []
        samples.reserveCapacity(reps)
        var pages: [[String]] = []
        var rows = 0
        let clock = ContinuousClock()
        for iteration in 0..<(warmup + reps) {
            let position = iteration % lines.count
            let started = clock.now
            let page = try answer(position)
            let elapsed = started.duration(to: clock.now)
            guard iteration >= warmup else { continue }
            samples.append(elapsed)
            rows += page.count
            if pages.count < sample { pages.append(page) }
        }
        return Result(latency: LatencySummary(samples)!, firstPages: pages, averageRows: Double(rows) / Double(max(1, reps)))
    }
}
