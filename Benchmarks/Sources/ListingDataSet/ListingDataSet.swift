import BMSCore
import BMSStore
import Foundation

/// A property with its rooms, as `ListingService.importListings` takes them.
public struct Listing: Sendable {
    public var property: Property
    public var rooms: [Room]
}

/// peer-bench's booking data set, generated in Swift: the distribution of generate.py (10 cities with
/// their centres and localities, points ~N(centre, 6 km), PG/Hostel/Flat 60/25/15 %, names and
/// descriptions from the same words, the same amenity odds, 85/10/5 % verified/pending/rejected, rating
/// gauss(3.8, 0.8) clamped to 0–5 and rounded to 0.1, 1–5 rooms of Rs 4,000–25,000 per bed with a
/// deposit of one to three months) drawn from our own seeded generator. The same seed and size always
/// give the same listings, ids included; they are not generate.py's rows (Python's Mersenne Twister
/// draws other numbers).
///
/// ```swift
/// for listing in ListingDataSet(seed: 42, properties: 100_000) { … }
/// ```
public struct ListingDataSet: Sequence, Sendable {
    public var seed: UInt64
    public var propertyCount: Int

    public init(seed: UInt64 = 42, properties: Int = 100_000) {
        self.seed = seed
        propertyCount = properties
    }

    /// When the first property was listed; the others follow five minutes apart (about a year in all).
    public static let firstListed = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01T00:00:00Z

    public func makeIterator() -> Iterator { Iterator(self) }

    public struct Iterator: IteratorProtocol {
        private var random: SplitMix64
        private let count: Int
        private var position = 0
        private var roomCounter: UInt32 = 0
        private let owners: [(id: UserID, name: String)]

        init(_ dataSet: ListingDataSet) {
            var random = SplitMix64(stream: "data", seed: dataSet.seed)
            count = dataSet.propertyCount
            owners = (0..<Swift.max(1, dataSet.propertyCount / 5)).map { index in
                let id = Self.objectID(time: ListingDataSet.firstListed, random: &random, counter: 0x700_0000 + UInt32(index))
                return (UserID(id), "Owner \(index + 1)")
            }
            self.random = random
        }

        public mutating func next() -> Listing? {
            guard position < count else { return nil }
            defer { position += 1 }
            return listing(position)
        }

        /// One property, drawing in generate.py's order.
        private mutating func listing(_ index: Int) -> Listing {
            let city = random.choice(PeerVocabulary.cities)
            let locality = random.choice(city.localities)
            let latitude = city.latitude + random.gaussian(sigma: PeerVocabulary.sigmaKm) / PeerVocabulary.kmPerDegreeLatitude
            let longitude =
                city.longitude
                + random.gaussian(sigma: PeerVocabulary.sigmaKm) / (PeerVocabulary.kmPerDegreeLatitude * cos(city.latitude * .pi / 180))
            let typeDraw = random.unit()
            let (type, typeName): (PropertyType, String) = typeDraw < 0.6 ? (.pg, "PG") : typeDraw < 0.85 ? (.hostel, "Hostel") : (.flat, "Flat")
            let name = "\(random.choice(PeerVocabulary.nameA)) \(random.choice(PeerVocabulary.nameB[typeName]!)) \(locality)"
            var words = (0..<random.int(4, 9)).map { _ in random.choice(PeerVocabulary.vocabulary) }
            words.insert(locality.lowercased(), at: random.index(words.count + 1))
            if random.unit() < 0.25 { words.append(random.choice(city.localities).lowercased()) }  // a neighbouring locality
            let amenities = PeerVocabulary.amenities.compactMap { random.unit() < $0.probability ? Amenity(rawValue: $0.name)! : nil }
            let verificationDraw = random.unit()
            let verification: VerificationStatus = verificationDraw < 0.85 ? .verified : verificationDraw < 0.95 ? .pending : .rejected
            let rating = (Swift.min(5, Swift.max(0, random.gaussian(mean: 3.8, sigma: 0.8))) * 10).rounded() / 10
            let created = ListingDataSet.firstListed.addingTimeInterval(Double(index) * 300)
            let id = PropertyID(Self.objectID(time: created, random: &random, counter: UInt32(index)))
            let owner = random.choice(owners)
            let property = Property(
                id: id, ownerID: owner.id, ownerName: owner.name, name: name, description: words.joined(separator: " "),
                address: Address(
                    street: "\(random.int(1, 200)) Main Road", locality: locality, city: city.name, state: city.state, country: "India",
                    zipCode: city.zipCode,
                    coordinates: GeoPoint(latitude: Self.roundedTo6(latitude), longitude: Self.roundedTo6(longitude))),
                propertyType: type, amenities: AmenitySet(amenities), images: [], rules: [], isActive: true,
                verification: verification, verificationReason: verification == .rejected ? "The documents do not match the address" : nil,
                rating: rating, reviewCount: rating > 0 ? random.int(1, 60) : 0, timeZone: "Asia/Kolkata",
                cancellationPolicy: .moderate, instantBook: false, createdAt: created, updatedAt: created)
            let rooms = (0..<random.int(1, 5)).map { number in
                let (roomType, capacity): (RoomType, Int) = [(.single, 1), (.double, 2), (.triple, 3)][random.index(3)]
                let price = Int64(random.int(8, 50)) * 50_000  // paise: Rs 4,000 … Rs 25,000
                let room = Room(
                    id: RoomID(Self.objectID(time: created, random: &random, counter: 0x1000_0000 &+ roomCounter)), propertyID: id,
                    roomNumber: "\(101 + number)", roomType: roomType, price: Money(minorUnits: price),
                    securityDeposit: Money(minorUnits: price * Int64(random.int(1, 3))), capacity: capacity, amenities: AmenitySet([]),
                    images: [], isAvailable: true, availableFrom: nil, isActive: true, createdAt: created, updatedAt: created)
                roomCounter &+= 1
                return room
            }
            return Listing(property: property, rooms: rooms)
        }

        /// An id laid out like an ObjectID (4 bytes of seconds, then 8 more) whose last 4 bytes are a
        /// counter, so ids are unique, and whose middle 4 come from the seeded generator.
        private static func objectID(time: Date, random: inout SplitMix64, counter: UInt32) -> ObjectID {
            let seconds = UInt32(time.timeIntervalSince1970)
            let middle = UInt32(truncatingIfNeeded: random.next())
            var bytes: [UInt8] = []
            bytes.reserveCapacity(12)
            for value in [seconds, middle, counter] { withUnsafeBytes(of: value.bigEndian) { bytes += $0 } }
            return ObjectID(bytes: bytes)!
        }

        /// generate.py writes coordinates with 6 decimals.
        private static func roundedTo6(_ degrees: Double) -> Double { (degrees * 1e6).rounded() / 1e6 }
    }
}
