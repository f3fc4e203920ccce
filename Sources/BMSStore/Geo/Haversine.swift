import Foundation

/// Great-circle distances on a sphere with the Earth's mean radius.
///
/// Queries and their brute-force checks must agree to the last bit, so every distance in the store comes
/// from this one function. `DistanceFrom` caches what depends only on the centre, computing exactly the
/// same operations in the same order.
enum Haversine {
    /// The IUGG mean Earth radius.
    static let earthRadiusKm = 6371.0088
    /// Half the Earth's circumference: no two points are farther apart than this.
    static let halfCircumferenceKm = Double.pi * earthRadiusKm

    @inline(__always)
    static func radians(_ degrees: Double) -> Double { degrees * (Double.pi / 180) }
    @inline(__always)
    static func degrees(_ radians: Double) -> Double { radians * (180 / Double.pi) }

    /// Distances from one fixed centre.
    struct DistanceFrom {
        let center: GeoPoint
        /// The centre's latitude and longitude in radians, and the cosine of its latitude.
        let latitude: Double
        let longitude: Double
        let cosLatitude: Double

        init(_ center: GeoPoint) {
            self.center = center
            latitude = Haversine.radians(center.latitude)
            longitude = Haversine.radians(center.longitude)
            cosLatitude = cos(latitude)
        }

        /// Kilometres from the centre to `latitude`, `longitude` (degrees).
        @inline(__always)
        func distanceKm(latitude otherLatitudeDegrees: Double, longitude otherLongitudeDegrees: Double) -> Double {
            let otherLatitude = Haversine.radians(otherLatitudeDegrees)
            let halfDeltaLatitude = sin((otherLatitude - latitude) / 2)
            let halfDeltaLongitude = sin((Haversine.radians(otherLongitudeDegrees) - longitude) / 2)
            let h =
                halfDeltaLatitude * halfDeltaLatitude
                + cosLatitude * cos(otherLatitude) * halfDeltaLongitude * halfDeltaLongitude
            return 2 * Haversine.earthRadiusKm * asin(min(1, h.squareRoot()))
        }
    }
}

extension GeoPoint {
    /// Great-circle distance to `other` in kilometres (haversine, Earth radius 6371.0088 km).
    public func distanceKm(to other: GeoPoint) -> Double {
        Haversine.DistanceFrom(self).distanceKm(latitude: other.latitude, longitude: other.longitude)
    }
}
