import BMSStore
import Foundation

/// Validation of listing fields. Each function returns the cleaned value or the message for the field.
enum ListingRules {
    static let maximumRules = 30
    static let maximumAmount: Int64 = 100_000_000_00
    static let maximumCapacity = 100

    /// Trimmed text of `length` characters without control characters (newlines allowed when `multiline`);
    /// nil input is "is required" unless `length` admits 0, in which case it is "".
    static func text(_ raw: String?, _ length: ClosedRange<Int>, multiline: Bool = false) -> Result<String, FieldProblem> {
        let trimmed = (raw ?? "").trimmedOfWhitespace
        if trimmed.isEmpty, length.lowerBound > 0 { return .failure("is required") }
        guard length.contains(trimmed.count) else {
            return .failure(FieldProblem("must be \(length.lowerBound) to \(length.upperBound) characters"))
        }
        let allowed: (Unicode.Scalar) -> Bool = { multiline && ($0 == "\n" || $0 == "\r" || $0 == "\t") }
        guard !trimmed.unicodeScalars.contains(where: { $0.isControlOrFormat && !allowed($0) }) else {
            return .failure("must not contain control characters")
        }
        return .success(trimmed)
    }

    static func named<T: NamedValue>(_ raw: String?, _ type: T.Type) -> Result<T, FieldProblem> {
        guard let raw else { return .failure("is required") }
        guard let value = T(name: raw.trimmedOfSpaces) else {
            return .failure(FieldProblem("must be one of \(T.names)"))
        }
        return .success(value)
    }

    static func amenities(_ raw: [String]) -> Result<AmenitySet, FieldProblem> {
        var set: [Amenity] = []
        for name in raw {
            guard let amenity = Amenity(rawValue: name.trimmedOfSpaces.lowercased()) else {
                return .failure(FieldProblem("unknown amenity \"\(name)\"; known: \(Amenity.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            set.append(amenity)
        }
        return .success(AmenitySet(set))
    }

    static func rules(_ raw: [String]) -> Result<[String], FieldProblem> {
        guard raw.count <= maximumRules else { return .failure(FieldProblem("at most \(maximumRules) rules")) }
        var out: [String] = []
        for rule in raw {
            switch text(rule, 1...200) {
            case .success(let clean): out.append(clean)
            case .failure: return .failure("each rule must be 1 to 200 characters without control characters")
            }
        }
        return .success(out)
    }

    static func coordinates(_ raw: CoordinatesForm?) -> Result<GeoPoint, FieldProblem> {
        guard let lat = raw?.lat, let lng = raw?.lng else { return .failure("needs lat and lng") }
        guard lat.isFinite, (-90...90).contains(lat) else { return .failure("lat must be between -90 and 90") }
        guard lng.isFinite, (-180...180).contains(lng) else { return .failure("lng must be between -180 and 180") }
        return .success(GeoPoint(latitude: lat, longitude: lng))
    }

    static func timeZone(_ raw: String) -> Result<String, FieldProblem> {
        let name = raw.trimmedOfSpaces
        guard let zone = TimeZone(identifier: name), name.contains("/") || name == "UTC" else {
            return .failure("must be an IANA time zone such as Asia/Kolkata")
        }
        return .success(zone.identifier)
    }

    static func amount(_ raw: Int64?, minimum: Int64) -> Result<Money, FieldProblem> {
        guard let raw else { return .failure("is required") }
        guard (minimum...maximumAmount).contains(raw) else {
            return .failure(FieldProblem("must be \(minimum) to \(maximumAmount) (minor units, e.g. paise)"))
        }
        return .success(Money(minorUnits: raw))
    }

    static func capacity(_ raw: Int?) -> Result<Int, FieldProblem> {
        guard let raw else { return .failure("is required") }
        guard (1...maximumCapacity).contains(raw) else { return .failure(FieldProblem("must be 1 to \(maximumCapacity) beds")) }
        return .success(raw)
    }

    /// "" clears the date (nil); otherwise a YYYY-MM-DD date.
    static func date(_ raw: String) -> Result<CalendarDate?, FieldProblem> {
        if raw.isEmpty { return .success(nil) }
        guard let date = CalendarDate(raw) else { return .failure("must be a date YYYY-MM-DD") }
        return .success(date)
    }
}
