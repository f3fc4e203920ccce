/// What a nearest-first visit does after handing out a point (`GeoIndex.forEachNearest`,
/// `GeoPointList.forEachNearest`).
public enum VisitNext: Sendable {
    /// Hand out the next nearest point.
    case inOrder
    /// Hand out every point left, in whatever order costs least: the caller needs no more of the order (a
    /// page of the nearest is full, and the rest is only counted), so the walk hands out the points it has
    /// measured before it reads any more, and reads the cells left without ordering their points.
    case anyOrder
    case stop
}
