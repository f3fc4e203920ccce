import BMSCore
import Hummingbird

/// `/book`: where a room's "Book" link leads. Booking in the browser is not built yet, so this page
/// says so plainly (501 Not Implemented) and points back to the property, rather than pretending.
/// Booking itself works through the API today (`POST /api/bookings`).
struct BookingPageController {
    let listings: ListingService
    let pages: PageRenderer

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/book", use: book)
    }

    func book(request: Request, context: AppRequestContext) throws -> HTMLPage {
        var values: [String: Any] = [:]
        if let text = request.uri.queryParameters["room"], let id = RoomID(String(text)),
            let room = try listings.room(id, viewer: context.viewer)
        {
            let dates = StayDates(request.uri.queryParameters)
            values["backHref"] = "/properties/\(room.propertyID.description)" + (dates.query.map { "?" + $0 } ?? "")
            values["roomText"] = "room \(room.roomNumber) (\(room.roomType.name), \(RupeeText.format(room.price)) a month per bed)"
        }
        return try pages.page(
            "book-later", title: "Booking in the browser is coming", session: BrowserSession(request, context), values,
            status: .notImplemented)
    }
}
