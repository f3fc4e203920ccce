import BMSStore

/// A query's card filters, prepared once per search so that each candidate is tested on its card's
/// bytes without allocating.
struct SearchFilter {
    let city: [UInt8]?
    let propertyType: UInt8?
    let amenityMask: UInt64
    let minRating: Double?
    let center: GeoPoint?
    let radiusKm: Double
    let roomType: UInt8?
    let priceMin: Int64
    let priceMax: Int64
    /// A text term as the tokens of a card hold it (folded UTF-8); the last term of a query matches as a
    /// prefix.
    struct TermKey {
        var bytes: [UInt8]
        var isPrefix: Bool

        /// Whether a token is this term, or begins with it. A card's dozen or so tokens rarely share a
        /// term's length and first byte, so those are compared before calling `memcmp` (which was a fifth of
        /// a text search's time when it was called for every token).
        func matches(_ token: UnsafeRawBufferPointer) -> Bool {
            guard isPrefix ? token.count >= bytes.count : token.count == bytes.count else { return false }
            guard let first = bytes.first, token[0] == first else { return bytes.isEmpty }
            return token.hasPrefix(bytes)
        }
    }

    let termKeys: [TermKey]
    /// The `TokenSignature` bits a card needs to match every term.
    let termSignature: UInt128
    let stay: SearchQuery.Stay?

    init(_ query: SearchQuery) {
        city = query.city.map { Array($0.utf8) }
        propertyType = query.propertyType?.rawValue
        amenityMask = query.amenities.mask
        minRating = query.minRating
        center = query.center
        radiusKm = query.radiusKm
        roomType = query.roomType?.rawValue
        priceMin = query.priceMin?.minorUnits ?? .min
        priceMax = query.priceMax?.minorUnits ?? .max
        termKeys = query.terms.enumerated().map { index, term in
            TermKey(bytes: Array(term.utf8), isPrefix: index == query.terms.count - 1)
        }
        termSignature = TokenSignature.required(by: termKeys)
        stay = query.stay
    }

    var hasCenter: Bool { center != nil }

    /// Whether a candidate of `source` in the search snapshot must still have its card read for this
    /// filter. The snapshot applies the amenities and a price cap from its columns (a cap alone is the
    /// lowest price's: some room costs at most that exactly when the cheapest does) and the text terms from
    /// its token lists, and a circle by walking it; every other filter is read from the card.
    func needsCard(afterSnapshot source: CandidateSource) -> Bool {
        let circleWalked = if case .geo = source { true } else { false }
        return city != nil || propertyType != nil || minRating != nil || roomType != nil || priceMin != .min || stay != nil
            || (center != nil && !circleWalked)
    }

    /// `admits` for an index entry's cover. A card that carries text tokens is first refused, from the
    /// signature at its head, when it lacks a term's bit: it cannot match the text, and most candidates of a
    /// text search are refused this way, without reading the rest of their card.
    func admits(cover: UnsafeRawBufferPointer) throws -> Bool {
        if termSignature != 0, let signature = try CardView.tokenSignature(of: cover), !hasEveryTermBit(signature) { return false }
        return admits(try CardView(cover))
    }

    /// The property-level filters, and that some room passes the room filters (dates aside); a card with
    /// text tokens must have every term's signature bit.
    func admits(_ card: CardView) -> Bool {
        if let signature = card.tokenSignature, !hasEveryTermBit(signature) { return false }
        guard admits(amenityMask: card.amenityMask) else { return false }
        if let city, !card.cityBytes.equals(city) { return false }
        if let propertyType, card.propertyTypeCode != propertyType { return false }
        if let minRating, card.rating < minRating { return false }
        return admitsEveryRoom ? card.roomCount > 0 : (0..<card.roomCount).contains { admits(card.room($0)) }
    }

    /// The amenity filter, which the search snapshot applies from its own column before reading a card.
    func admits(amenityMask: UInt64) -> Bool { amenityMask & self.amenityMask == self.amenityMask }

    /// Whether a card with this `TokenSignature` may match every term.
    func hasEveryTermBit(_ signature: UInt128) -> Bool { signature & termSignature == termSignature }

    /// Whether every room passes the room filters: the query bounds neither the type nor the price.
    private var admitsEveryRoom: Bool { roomType == nil && priceMin == .min && priceMax == .max }

    /// The room filters: type and price range.
    func admits(_ room: CardView.RoomView) -> Bool {
        (roomType.map { room.typeCode == $0 } ?? true) && room.price >= priceMin && room.price <= priceMax
    }

    /// The distance from the searched point (the one the geo index found, or computed), 0 when the
    /// query has no point, nil when the card lies outside the radius.
    func distance(_ card: CardView, known: Double?) -> Double? {
        guard let center else { return 0 }
        if let known { return known }
        let distance = center.distanceKm(to: card.location)
        return distance <= radiusKm ? distance : nil
    }
}
