import BMSStore

/// The closed vocabularies of listings. Each value has a stable one-byte storage code (never reuse or
/// renumber one: records on disk hold them) and the name the API and the web pages use.
public enum PropertyType: UInt8, NamedValue {
    case pg = 1
    case hostel = 2
    case flat = 3

    public var name: String {
        switch self {
        case .pg: "PG"
        case .hostel: "Hostel"
        case .flat: "Flat"
        }
    }

}

public enum RoomType: UInt8, NamedValue {
    case single = 1
    case double = 2
    case triple = 3
    case dormitory = 4

    public var name: String {
        switch self {
        case .single: "Single"
        case .double: "Double"
        case .triple: "Triple"
        case .dormitory: "Dormitory"
        }
    }

}

/// Where a property stands with the admins. Only verified properties are shown in public search.
public enum VerificationStatus: UInt8, NamedValue {
    case pending = 1
    case verified = 2
    case rejected = 3

    public var name: String {
        switch self {
        case .pending: "pending"
        case .verified: "verified"
        case .rejected: "rejected"
        }
    }

}

/// How much of a stay's price comes back when it is cancelled; the booking domain applies it.
public enum CancellationPolicy: UInt8, NamedValue {
    case flexible = 1
    case moderate = 2
    case strict = 3

    public var name: String {
        switch self {
        case .flexible: "flexible"
        case .moderate: "moderate"
        case .strict: "strict"
        }
    }

}

/// The amenities a property or room can offer: a fixed catalogue, so that search can filter on them with
/// a bitmask and the web form can offer them as checkboxes. The position in `allCases` is the bit in
/// stored masks: add new amenities at the end only.
public enum Amenity: String, CaseIterable, Sendable {
    case wifi, meals, ac, laundry, parking, gym
    case powerBackup = "power-backup"
    case cctv, housekeeping
    case hotWater = "hot-water"
    case tv, fridge
    case attachedBathroom = "attached-bathroom"
    case studyTable = "study-table"
    case wardrobe, lift, kitchen, balcony
    case waterPurifier = "water-purifier"
    case security

    /// This amenity's bit in an `AmenitySet` mask.
    var bit: UInt64 { 1 << UInt64(Self.allCases.firstIndex(of: self)!) }
}

/// A set of amenities as one 64-bit mask: how records store them and how search tests "all of".
public struct AmenitySet: Hashable, Sendable {
    public private(set) var mask: UInt64

    public init(_ amenities: some Sequence<Amenity>) { mask = amenities.reduce(0) { $0 | $1.bit } }

    init(mask: UInt64) { self.mask = mask & Self.known }

    /// The amenities in catalogue order.
    public var amenities: [Amenity] { Amenity.allCases.filter { mask & $0.bit != 0 } }

    public func contains(all other: AmenitySet) -> Bool { mask & other.mask == other.mask }

    private static let known = Amenity.allCases.reduce(UInt64(0)) { $0 | $1.bit }
}

/// A closed vocabulary whose values have a one-byte storage code and a display name.
public protocol NamedValue: CaseIterable, Sendable, Hashable, RawRepresentable where RawValue == UInt8 {
    var name: String { get }
}

extension NamedValue {
    /// Reads a name case-insensitively ("pg", "PG").
    public init?(name: String) {
        let wanted = name.lowercased()
        guard let match = Self.allCases.first(where: { $0.name.lowercased() == wanted }) else { return nil }
        self = match
    }

    /// The value a record stored as `code`; an unknown code means the record in `table` is corrupt.
    init(storedCode code: UInt8, in table: String) throws {
        guard let value = Self(rawValue: code) else {
            throw StoreError.corrupt(table: table, reason: "unknown \(Self.self) code \(code)")
        }
        self = value
    }

    /// The names, for error messages ("one of PG, Hostel, Flat").
    static var names: String { allCases.map(\.name).joined(separator: ", ") }
}
