import BMSStore
import Foundation

/// What search knows about a public property: enough to apply every filter and sort without loading the
/// property or its rooms. It is stored beside the property's search index entries (covering indexes), so
/// a scan filters a city's listings straight from the index.
struct ListingCard: Hashable, Sendable {
    /// A room that can be offered for booking.
    struct OfferedRoom: Hashable, Sendable {
        var id: RoomID
        var type: RoomType
        var price: Money
        var capacity: Int
        var availableFrom: CalendarDate?
    }

    private static let formatVersion: UInt8 = 1

    var createdAt: Date
    var location: GeoPoint
    var propertyType: PropertyType
    var amenities: AmenitySet
    var rating: Double
    /// The city as search compares it (folded).
    var cityKey: String
    /// Never empty for a listed property.
    var rooms: [OfferedRoom]

    var minPrice: Money { rooms.map(\.price).min() ?? .zero }

    init(_ property: Property, rooms: [Room]) {
        createdAt = property.createdAt
        location = property.address.coordinates
        propertyType = property.propertyType
        amenities = property.amenities
        rating = property.rating
        cityKey = TextFolding.fold(property.address.city)
        self.rooms = rooms.filter(\.isOffered).sorted { $0.id < $1.id }.map {
            OfferedRoom(id: $0.id, type: $0.roomType, price: $0.price, capacity: $0.capacity, availableFrom: $0.availableFrom)
        }
    }

    var bytes: [UInt8] {
        var writer = RecordWriter()
        writer.write(Self.formatVersion)
        writer.write(createdAt)
        writer.write(location.latitude)
        writer.write(location.longitude)
        writer.write(propertyType.rawValue)
        writer.write(amenities.mask)
        writer.write(rating)
        writer.write(cityKey)
        writer.writeLength(rooms.count)
        for room in rooms {
            writer.write(room.id.objectID)
            writer.write(room.type.rawValue)
            writer.write(room.price.minorUnits)
            writer.write(room.capacity)
            writer.write(Int64(room.availableFrom?.daysSinceEpoch ?? Int32.min))
        }
        return writer.bytes
    }

    init(bytes: UnsafeRawBufferPointer) throws {
        var reader = RecordReader(bytes)
        try reader.expectFormat(Self.formatVersion, of: "listing card")
        createdAt = try reader.readDate()
        location = GeoPoint(latitude: try reader.readDouble(), longitude: try reader.readDouble())
        propertyType = try Self.decode(PropertyType.self, try reader.readUInt8())
        amenities = AmenitySet(mask: try reader.readUInt64())
        rating = try reader.readDouble()
        cityKey = try reader.readString()
        rooms = try (0..<reader.readLength()).map { _ in
            let id = RoomID(try reader.readObjectID())
            let type = try Self.decode(RoomType.self, try reader.readUInt8())
            let price = Money(minorUnits: try reader.readInt64())
            let capacity = try reader.readInt()
            let day = try reader.readInt64()
            let from = day == Int64(Int32.min) ? nil : CalendarDate(daysSinceEpoch: Int32(clamping: day))
            return OfferedRoom(id: id, type: type, price: price, capacity: capacity, availableFrom: from)
        }
    }

    static func decode<T: NamedValue>(_ type: T.Type, _ code: UInt8) throws -> T {
        guard let value = T(rawValue: code) else {
            throw StoreError.corrupt(table: "properties", reason: "unknown \(T.self) code \(code)")
        }
        return value
    }
}
