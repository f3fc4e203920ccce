import Foundation

/// A latitude/longitude box in degrees, edges included, that does not cross the antimeridian (`west ≤ east`).
/// Queries that wrap around ±180° or circle a pole are expressed as one or two of these.
struct GeoBox {
    var south: Double
    var west: Double
    var north: Double
    var east: Double

    static let world = GeoBox(south: -90, west: -180, north: 90, east: 180)

    /// Widens circle bounding boxes by this angle (≈ 0.6 m) so that rounding in the box arithmetic or in the
    /// haversine filter never leaves out a point that the filter accepts. Results stay exact: the margin only
    /// adds candidates, and the filter decides.
    static let marginRadians = 1e-7

    @inline(__always)
    func contains(_ point: GeoPoint) -> Bool {
        point.latitude >= south && point.latitude <= north && point.longitude >= west && point.longitude <= east
    }

    /// The quantized rectangle of geohash coordinates holding every point of the box.
    var cellBounds: CellBounds {
        CellBounds(
            longitude: GeoHash.longitudeBits(west)...GeoHash.longitudeBits(east),
            latitude: GeoHash.latitudeBits(south)...GeoHash.latitudeBits(north))
    }

    /// The boxes of a query box whose longitudes wrap the antimeridian when `west > east`.
    static func pieces(south: Double, west: Double, north: Double, east: Double) -> [GeoBox] {
        if west <= east { return [GeoBox(south: south, west: west, north: north, east: east)] }
        return [
            GeoBox(south: south, west: -180, north: north, east: east),
            GeoBox(south: south, west: west, north: north, east: 180),
        ]
    }

    /// One or two boxes holding every point within `radiusKm` of `center` (a valid point).
    ///
    /// The circle's angular radius `r` bounds the latitudes to `lat ± r`. If that reaches a pole the circle
    /// contains the pole and spans every longitude; otherwise its longitudes span `lng ± asin(sin r / cos lat)`
    /// (the meridians tangent to the circle), split in two where they cross ±180°. Both ±180° are included
    /// when the span reaches the antimeridian: they are the same meridian but quantize to opposite ends.
    static func around(_ center: GeoPoint, radiusKm: Double) -> [GeoBox] {
        if radiusKm >= Haversine.halfCircumferenceKm { return [.world] }
        let radius = radiusKm / Haversine.earthRadiusKm + marginRadians
        let radiusDegrees = Haversine.degrees(radius)
        let south = center.latitude - radiusDegrees
        let north = center.latitude + radiusDegrees
        if south <= -90 || north >= 90 {
            return [GeoBox(south: max(-90, south), west: -180, north: min(90, north), east: 180)]
        }
        let ratio = sin(radius) / cos(Haversine.radians(center.latitude))
        // Below the poles `ratio < 1` holds exactly; rounding may still touch 1, where the box spans the globe.
        let halfWidth = ratio < 1 ? Haversine.degrees(asin(ratio) + marginRadians) : 180
        if halfWidth >= 180 { return [GeoBox(south: south, west: -180, north: north, east: 180)] }
        let west = center.longitude - halfWidth
        let east = center.longitude + halfWidth
        if west <= -180 { return pieces(south: south, west: west + 360, north: north, east: east) }
        if east >= 180 { return pieces(south: south, west: west, north: north, east: east - 360) }
        return [GeoBox(south: south, west: west, north: north, east: east)]
    }
}

/// A rectangle of quantized geohash coordinates (see `GeoHash.longitudeBits`), edges included.
struct CellBounds {
    var longitude: ClosedRange<UInt32>
    var latitude: ClosedRange<UInt32>
}
