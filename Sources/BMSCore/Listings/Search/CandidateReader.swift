import BMSStore

/// Where one search reads its candidates: the current `SearchSnapshot`, or the store's indexes when there is
/// no current snapshot.
struct CandidateReader<Txn: Transaction> {
    let txn: Txn
    let properties: RecordCollection<PropertyRecord>
    let snapshot: SearchSnapshot?
    let planningCounts: PlanningCounts

    /// `CandidateSource.count`: from the snapshot, or from the index through a recent count.
    func count(_ source: CandidateSource, priceMax: Money?, budget: Int) throws -> Int? {
        if let snapshot {
            let count = try snapshot.count(source, priceMax: priceMax, budget: budget)
            return count <= budget ? count : nil
        }
        return try planningCounts.count(PlanningCounts.Key(source: source, priceMax: priceMax), budget: budget) {
            try source.count(txn, properties, priceMax: priceMax, budget: budget)
        }
    }

    /// Whether every candidate `visit` hands over for `source` passes `filter` with no card read: the
    /// snapshot's columns, lists and walk decide every filter it sets.
    func handsOnlyMatches(_ source: CandidateSource, _ filter: SearchFilter) -> Bool {
        snapshot != nil && !filter.needsCard(afterSnapshot: source)
    }

    /// `CandidateSource.visit` with the candidates `filter` admits.
    func visit(
        _ source: CandidateSource, priceMax: Money?, admitting filter: SearchFilter = SearchFilter(SearchQuery()),
        _ body: CandidateSource.Visitor
    ) throws {
        guard let snapshot else { return try source.visit(txn, properties, priceMax: priceMax, admitting: filter.admits(cover:), body) }
        let admitsCard: ((UnsafeRawBufferPointer) throws -> Bool)? = handsOnlyMatches(source, filter) ? nil : { try filter.admits(cover: $0) }
        try snapshot.visit(source, priceMax: priceMax, terms: filter.termKeys, admitting: { filter.admits(amenityMask: $0) }, admitsCard, body)
    }
}
