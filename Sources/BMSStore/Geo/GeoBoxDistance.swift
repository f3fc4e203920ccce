import Foundation

extension GeoBox {
    /// How far `minimumDistanceKm` stays under the exact distance, for rounding in the cell edges and in the
    /// haversine formula: a search may visit a box it could have skipped, never skip one it needed.
    static let distanceSlackKm = 0.001

    /// A lower bound on the distance from the centre of `distances` to any point of the box, 0 inside it.
    ///
    /// Within the box's longitudes the nearest point lies due north or south, since no path is shorter than
    /// the difference in latitude. Outside them, the nearest point of every parallel lies on the box's nearer
    /// edge meridian; along that meridian the distance falls towards the latitude where the great circle
    /// through the centre crosses it at right angles, so the nearest point is that latitude clamped to the box
    /// (or an end of the edge when the meridian lies more than 90° away).
    func minimumDistanceKm(from distances: Haversine.DistanceFrom) -> Double {
        let center = distances.center
        let exact: Double
        if center.longitude >= west && center.longitude <= east {
            exact = distances.distanceKm(latitude: min(max(center.latitude, south), north), longitude: center.longitude)
        } else {
            let toWest = longitudeGap(center.longitude, west)
            let toEast = longitudeGap(center.longitude, east)
            let edge = toWest <= toEast ? west : east
            let gap = Haversine.radians(min(toWest, toEast))
            if gap < Double.pi / 2 {
                let crossing = Haversine.degrees(atan2(sin(distances.latitude), distances.cosLatitude * cos(gap)))
                exact = distances.distanceKm(latitude: min(max(crossing, south), north), longitude: edge)
            } else {
                exact = min(
                    distances.distanceKm(latitude: south, longitude: edge), distances.distanceKm(latitude: north, longitude: edge))
            }
        }
        return max(0, exact - Self.distanceSlackKm)
    }
}

/// The angle between two longitudes, the short way round: 0…180.
private func longitudeGap(_ a: Double, _ b: Double) -> Double {
    let gap = abs(a - b)
    return gap > 180 ? 360 - gap : gap
}
