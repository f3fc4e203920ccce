import BMSStore
import Foundation

/// How a room is stored: a compact binary record with the property's rooms in id order and the room
/// number unique among the property's active rooms (a deleted room gives its number back).
struct RoomRecord: Record {
    static let collectionName = "rooms"
    static let indexes: [RecordIndex<RoomRecord>] = [
        .unique("roomNumber") { record in
            record.room.isActive ? [.id(record.room.propertyID.objectID), .string(TextFolding.fold(record.room.roomNumber))] : nil
        },
        .secondary("property") { [.id($0.room.propertyID.objectID)] },
    ]

    private static let formatVersion: UInt8 = 1

    var room: Room

    var id: ObjectID { room.id.objectID }

    init(_ room: Room) { self.room = room }

    func encode(to writer: inout RecordWriter) {
        writer.write(Self.formatVersion)
        writer.write(room.id.objectID)
        writer.write(room.propertyID.objectID)
        writer.write(room.roomNumber)
        writer.write(room.roomType.rawValue)
        writer.write(room.price.minorUnits)
        writer.write(room.securityDeposit.minorUnits)
        writer.write(room.capacity)
        writer.write(room.amenities.mask)
        writer.write(room.images.map(\.bytes))
        writer.write(room.isAvailable)
        writer.writeOptional(room.availableFrom) { $0.write(Int64($1.daysSinceEpoch)) }
        writer.write(room.isActive)
        writer.write(room.createdAt)
        writer.write(room.updatedAt)
    }

    init(from reader: inout RecordReader) throws {
        try reader.expectFormat(Self.formatVersion, of: Self.collectionName)
        let id = RoomID(try reader.readObjectID())
        let propertyID = PropertyID(try reader.readObjectID())
        let roomNumber = try reader.readString()
        let roomType = try RoomType(storedCode: try reader.readUInt8(), in: Self.collectionName)
        let price = Money(minorUnits: try reader.readInt64())
        let deposit = Money(minorUnits: try reader.readInt64())
        let capacity = try reader.readInt()
        let amenities = AmenitySet(mask: try reader.readUInt64())
        let images = try MediaDigest.decodeList(try reader.readByteArrays(), in: Self.collectionName)
        let isAvailable = try reader.readBool()
        let availableFrom = try reader.readOptional { CalendarDate(daysSinceEpoch: Int32(clamping: try $0.readInt64())) }
        room = Room(
            id: id, propertyID: propertyID, roomNumber: roomNumber, roomType: roomType, price: price, securityDeposit: deposit,
            capacity: capacity, amenities: amenities, images: images, isAvailable: isAvailable, availableFrom: availableFrom,
            isActive: try reader.readBool(), createdAt: try reader.readDate(), updatedAt: try reader.readDate()
        )
    }
}

extension MediaDigest {
    /// Digests read back from a record; a malformed one means the record is corrupt.
    static func decodeList(_ list: [[UInt8]], in table: String) throws -> [MediaDigest] {
        try list.map { bytes in
            guard let digest = MediaDigest(bytes: bytes) else {
                throw StoreError.corrupt(table: table, reason: "image digest of \(bytes.count) bytes")
            }
            return digest
        }
    }
}
