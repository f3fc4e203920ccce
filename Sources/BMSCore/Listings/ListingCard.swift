import BMSStore
import Foundation

/// What search knows about a listed property: enough to apply every filter and sort without loading the
/// property or its rooms. It is stored beside the property's search index entries (covering indexes), so
/// a scan filters a city's listings straight from the index, reading the bytes in place (`CardView`).
///
/// Layout (little-endian, fixed offsets so that a view reads a field without decoding the rest):
/// format (1) · created µs (8) · latitude (8) · longitude (8) · property type (1) · amenity mask (8) ·
/// rating (8) · lowest room price (8) · room count (2) · city length (2) · city (folded UTF-8) · rooms,
/// each: id (12) · type (1) · price (8) · beds (2) · available-from day (4, `Int32.min` for none).
///
/// The covers of the text and card indexes carry the property's text tokens too, so that text search scores
/// a candidate from the very entry it reads (`withTokens`): their `TokenSignature` comes first, before the
/// card, so that refusing a candidate by it reads only the bytes right after the index key.
struct ListingCard: Hashable, Sendable {
    /// A room that can be offered for booking.
    struct OfferedRoom: Hashable, Sendable {
        var id: RoomID
        var type: RoomType
        var price: Money
        var capacity: Int
        var availableFrom: CalendarDate?
    }

    static let formatVersion: UInt8 = 1
    /// The format byte of a card led by its tokens' signature (`withTokens`).
    static let withTokensFormatVersion: UInt8 = 2

    var createdAt: Date
    var location: GeoPoint
    var propertyType: PropertyType
    var amenities: AmenitySet
    var rating: Double
    /// The city as search compares it (folded).
    var cityKey: String
    /// Never empty for a listed property; in id order.
    var rooms: [OfferedRoom]

    var minPrice: Money { rooms.map(\.price).min() ?? .zero }

    init(_ property: Property, rooms: [Room]) {
        createdAt = property.createdAt
        location = property.address.coordinates
        propertyType = property.propertyType
        amenities = property.amenities
        rating = property.rating
        cityKey = TextFolding.fold(property.address.city)
        self.rooms = rooms.filter(\.isOffered).sorted { $0.id < $1.id }.prefix(Int(UInt16.max)).map {
            OfferedRoom(id: $0.id, type: $0.roomType, price: $0.price, capacity: $0.capacity, availableFrom: $0.availableFrom)
        }
    }

    var bytes: [UInt8] {
        var out: [UInt8] = [Self.formatVersion]
        let city = Array(cityKey.utf8.prefix(Int(UInt16.max)))
        out.reserveCapacity(CardView.citiesOffset + city.count + rooms.count * CardView.roomSize)
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        append(Int64((createdAt.timeIntervalSince1970 * 1_000_000).rounded()))
        append(location.latitude.bitPattern)
        append(location.longitude.bitPattern)
        append(propertyType.rawValue)
        append(amenities.mask)
        append(rating.bitPattern)
        append(minPrice.minorUnits)
        append(UInt16(rooms.count))
        append(UInt16(city.count))
        out += city
        for room in rooms {
            out += room.id.objectID.bytes
            append(room.type.rawValue)
            append(room.price.minorUnits)
            append(UInt16(clamping: room.capacity))
            append(room.availableFrom?.daysSinceEpoch ?? Int32.min)
        }
        return out
    }

    /// Format (1, `withTokensFormatVersion`) · the tokens' `TokenSignature` (16) · `bytes` · each token as
    /// weight (1) · length (1) · folded UTF-8, in token order (a cover must be the same bytes every time it
    /// is derived).
    func withTokens(_ tokens: [String: Int]) -> [UInt8] {
        var out = [Self.withTokensFormatVersion]
        withUnsafeBytes(of: TokenSignature.of(tokens.keys).littleEndian) { out.append(contentsOf: $0) }
        out += bytes
        for (token, weight) in tokens.sorted(by: { $0.key < $1.key }) {
            let utf8 = Array(token.utf8.prefix(Int(UInt8.max)))
            out.append(UInt8(clamping: weight))
            out.append(UInt8(utf8.count))
            out += utf8
        }
        return out
    }

    init(bytes: UnsafeRawBufferPointer) throws {
        let view = try CardView(bytes)
        createdAt = Date(timeIntervalSince1970: Double(view.createdMicroseconds) / 1_000_000)
        location = view.location
        propertyType = try PropertyType(storedCode: view.propertyTypeCode, in: "properties")
        amenities = AmenitySet(mask: view.amenityMask)
        rating = view.rating
        cityKey = String(decoding: view.cityBytes, as: UTF8.self)
        rooms = try (0..<view.roomCount).map { index in
            let room = view.room(index)
            return OfferedRoom(
                id: RoomID(room.id), type: try RoomType(storedCode: room.typeCode, in: "properties"), price: Money(minorUnits: room.price),
                capacity: room.capacity, availableFrom: room.availableFrom
            )
        }
    }
}

/// A listing card read in place from an index entry's bytes, field by field, without allocating: what
/// the search loop runs on. Valid only as long as its bytes (inside the read transaction).
struct CardView {
    static let citiesOffset = 54
    static let roomSize = 27

    /// The card's own bytes, after the signature of a card with tokens.
    let bytes: UnsafeRawBufferPointer
    /// The tokens' `TokenSignature`, for a card that carries the property's text tokens (the text and card
    /// indexes' covers do).
    let tokenSignature: UInt128?
    let roomCount: Int
    private let roomsOffset: Int
    /// Where the rooms end and the text tokens (when the card has them) begin.
    let tokensOffset: Int

    /// Checks the format byte and that the lengths fit the bytes.
    init(_ cover: UnsafeRawBufferPointer) throws {
        tokenSignature = try Self.tokenSignature(of: cover)
        bytes = tokenSignature == nil ? cover : UnsafeRawBufferPointer(rebasing: cover[Self.signatureEnd...])
        guard bytes.count >= Self.citiesOffset, bytes[0] == ListingCard.formatVersion else {
            throw StoreError.corrupt(table: "properties", reason: "a search card of \(bytes.count) bytes or an unknown format")
        }
        roomCount = Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 50, as: UInt16.self)))
        let cityLength = Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 52, as: UInt16.self)))
        roomsOffset = Self.citiesOffset + cityLength
        tokensOffset = roomsOffset + roomCount * Self.roomSize
        guard tokenSignature == nil ? bytes.count == tokensOffset : bytes.count >= tokensOffset else {
            throw StoreError.corrupt(table: "properties", reason: "a search card whose lengths do not add up")
        }
    }

    /// Where a card with tokens has its own bytes: after its format byte and signature.
    static let signatureEnd = 1 + MemoryLayout<UInt128>.size

    /// The signature at the head of a card with tokens, nil for a card without; read from those bytes
    /// alone, so that a search can refuse a candidate before reading the card itself.
    static func tokenSignature(of cover: UnsafeRawBufferPointer) throws -> UInt128? {
        guard cover.first == ListingCard.withTokensFormatVersion else { return nil }
        guard cover.count >= signatureEnd else {
            throw StoreError.corrupt(table: "properties", reason: "a search card of \(cover.count) bytes, too short for its signature")
        }
        return UInt128(littleEndian: cover.loadUnaligned(fromByteOffset: 1, as: UInt128.self))
    }

    /// Whether the card carries the property's text tokens (the text and card indexes' covers do).
    var hasTokens: Bool { tokenSignature != nil }

    /// Calls `body` with each text token's weight and folded UTF-8 bytes, read in place.
    func forEachToken(_ body: (Int, UnsafeRawBufferPointer) -> Void) throws {
        var offset = tokensOffset
        while offset < bytes.count {
            guard offset + 2 <= bytes.count, offset + 2 + Int(bytes[offset + 1]) <= bytes.count else {
                throw StoreError.corrupt(table: "properties", reason: "a search card whose text tokens do not add up")
            }
            let end = offset + 2 + Int(bytes[offset + 1])
            body(Int(bytes[offset]), UnsafeRawBufferPointer(rebasing: bytes[(offset + 2)..<end]))
            offset = end
        }
    }

    private func integer<T: FixedWidthInteger>(_ offset: Int, _ type: T.Type) -> T {
        T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    var createdMicroseconds: Int64 { integer(1, Int64.self) }
    var location: GeoPoint {
        GeoPoint(latitude: Double(bitPattern: integer(9, UInt64.self)), longitude: Double(bitPattern: integer(17, UInt64.self)))
    }
    var propertyTypeCode: UInt8 { bytes[25] }
    var amenityMask: UInt64 { integer(26, UInt64.self) }
    var rating: Double { Double(bitPattern: integer(34, UInt64.self)) }
    var minPrice: Int64 { integer(42, Int64.self) }
    var cityBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[Self.citiesOffset..<roomsOffset]) }

    struct RoomView {
        /// The room's id bytes; decoded by `id` only when needed (stays), not for every filter test.
        var idBytes: UnsafeRawBufferPointer
        var typeCode: UInt8
        var price: Int64
        var capacity: Int
        var availableFrom: CalendarDate?

        var id: ObjectID { ObjectID(bytes: idBytes)! }
    }

    func room(_ index: Int) -> RoomView {
        let base = roomsOffset + index * Self.roomSize
        let day = integer(base + 23, Int32.self)
        return RoomView(
            idBytes: UnsafeRawBufferPointer(rebasing: bytes[base..<(base + 12)]), typeCode: bytes[base + 12],
            price: integer(base + 13, Int64.self), capacity: Int(integer(base + 21, UInt16.self)),
            availableFrom: day == Int32.min ? nil : CalendarDate(daysSinceEpoch: day)
        )
    }
}
