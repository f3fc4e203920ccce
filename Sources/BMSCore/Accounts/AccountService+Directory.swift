import BMSStore
import Foundation

extension AccountService {
    /// The admin's user directory: newest users first, filtered by role, verification and suspension,
    /// optionally narrowed by a prefix search, one page at a time with the total count.
    ///
    /// Filters read the covering bytes of the directory indexes, so only the users on the page are
    /// decoded. Without a search the "role" index (when a role is given) or the "joined" index is walked
    /// newest first; with one, each term's prefix range of the "search" index is read and the results
    /// intersected.
    ///
    /// Throws `.forbidden` for non-admins and `.validation(["cursor": …])` for a cursor this listing did
    /// not hand out.
    public func listUsers(_ query: UserQuery, by admin: User) throws -> UserPage {
        var cursor: DirectoryCursor?
        if let text = query.cursor {
            guard let parsed = DirectoryCursor(text) else {
                throw AccountError.validation(["cursor": "is not a cursor from this listing"])
            }
            cursor = parsed
        }
        let limit = max(1, Paging.clamp(query.limit))
        let terms = query.search.map(SearchTokens.terms) ?? []
        return try store.read { txn in
            _ = try currentAdmin(txn, admin)
            let filter = DirectoryFilter(query)
            var page: [(micros: Int64, id: ObjectID)] = []
            var total = 0
            var hasMore = false
            func consider(_ micros: Int64, _ id: ObjectID) {
                total += 1
                guard cursor?.admits(createdMicroseconds: micros, id: id) ?? true else { return }
                if page.count < limit { page.append((micros, id)) } else { hasMore = true }
            }
            if terms.isEmpty {
                let (index, range) = query.role.map { ("role", KeyRange.prefix([.string($0.rawValue)])) } ?? ("joined", .all)
                try users.scan(txn, index: index, range, direction: .reverse) { entry in
                    let cover = try DirectoryCover(entry)
                    if filter.admits(cover) { consider(cover.createdMicroseconds, entry.id) }
                    return true
                }
            } else {
                for (id, cover) in try searchMatches(txn, terms: terms).sorted(by: {
                    ($0.value.createdMicroseconds, $0.key) > ($1.value.createdMicroseconds, $1.key)
                })
                where filter.admits(cover) {
                    consider(cover.createdMicroseconds, id)
                }
            }
            let found = try page.compactMap { try users.get(txn, UserID($0.id)) }
            let next = hasMore ? page.last.map { DirectoryCursor(createdMicroseconds: $0.micros, id: $0.id).text } : nil
            return UserPage(users: found, nextCursor: next, total: total)
        }
    }

    /// The users every term is a prefix of some token of, with their directory covers.
    private func searchMatches(_ txn: ReadTransaction, terms: [String]) throws -> [ObjectID: DirectoryCover] {
        var matches: [ObjectID: DirectoryCover]?
        for term in terms {
            var found: [ObjectID: DirectoryCover] = [:]
            // The encoded string without its terminating 0x00: every longer string with this prefix.
            let prefix = Array(Tuple([.string(term)]).encoded.dropLast())
            try users.scan(txn, index: "search", .prefix(prefix), direction: .forward) { entry in
                if matches == nil || matches?[entry.id] != nil { found[entry.id] = try DirectoryCover(entry) }
                return true
            }
            matches = found
            if found.isEmpty { break }
        }
        return matches ?? [:]
    }
}

/// The role, verification and suspension filters of a `UserQuery`.
private struct DirectoryFilter {
    let role: Role?
    let isVerified: Bool?
    let isSuspended: Bool?

    init(_ query: UserQuery) {
        role = query.role
        isVerified = query.isVerified
        isSuspended = query.isSuspended
    }

    func admits(_ cover: DirectoryCover) -> Bool {
        (role == nil || role == cover.role) && (isVerified == nil || isVerified == cover.isVerified)
            && (isSuspended == nil || isSuspended == cover.isSuspended)
    }
}
