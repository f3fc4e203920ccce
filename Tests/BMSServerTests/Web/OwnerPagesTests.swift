import BMSCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Owner pages: the dashboard, the property form, rooms and photos")
struct OwnerPagesTests {
    typealias Pages = BookingPagesTests

    /// The property form as an owner fills it in.
    static let propertyFields: [(String, String)] = [
        ("propertyName", "Lotus Stay"), ("propertyType", "Hostel"), ("description", "Near the station."), ("street", "4 Park Street"),
        ("locality", "Park Circus"), ("city", "Kolkata"), ("state", "West Bengal"), ("zipCode", "700017"), ("country", "India"),
        ("latitude", "22.5448"), ("longitude", "88.3643"), ("amenities", "wifi"), ("amenities", "laundry"),
        ("rules", "No smoking\n\nQuiet after 10 pm\n"), ("timeZone", "Asia/Kolkata"), ("cancellationPolicy", "flexible"), ("instantBook", "on"),
    ]

    static func user(_ dependencies: AppDependencies, _ session: AccountSession) throws -> User {
        let id = try #require(UserID(session.userID))
        return try #require(try dependencies.accounts.user(id))
    }

    static func property(_ dependencies: AppDependencies, _ id: String, viewer: User) throws -> PropertyDetails {
        let id = try #require(PropertyID(id))
        return try #require(try dependencies.listings.property(id, viewer: viewer))
    }

    /// A `multipart/form-data` upload as the photo form sends it: the CSRF field, then the files.
    static func upload(
        _ client: some TestClientProtocol, _ path: String, as session: AccountSession, _ files: [[UInt8]], csrf: Bool = true
    ) async throws -> TestResponse {
        let boundary = Multipart.boundary
        var body: [UInt8] = []
        if csrf { body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\(session.csrfToken)\r\n".utf8) }
        for (index, file) in files.enumerated() {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"images\"; filename=\"photo\(index).png\"\r\n".utf8)
            body += Array("Content-Type: image/png\r\n\r\n".utf8) + file + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        let headers: HTTPFields = [
            .contentType: "multipart/form-data; boundary=\(boundary)", .cookie: Browser.cookieHeader(Pages.cookies(session)),
        ]
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }

    @Test("the dashboard sends visitors to log in, refuses seekers and admins with the designed 403, and links it in the owner's header")
    func dashboardAccess() async throws {
        try await Pages.withScene { client, scene in
            try await client.execute(uri: "/owner", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?next=%2Fowner")
            }
            let refused = try await Browser.page(client, "/owner", cookies: Pages.cookies(scene.seeker), status: .forbidden)
            #expect(refused.contains("The dashboard is for owners"))
            _ = try await Browser.page(client, "/owner", cookies: Pages.cookies(scene.admin), status: .forbidden)
            let dashboard = try await Browser.page(client, "/owner", cookies: Pages.cookies(scene.owner))
            #expect(dashboard.contains(#"<a href="/owner">Dashboard</a>"#) && !dashboard.contains(#"href="/admin/verification""#))
            #expect(!refused.contains(#"<a href="/owner">Dashboard</a>"#))
            let adminPage = try await Browser.page(client, "/", cookies: Pages.cookies(scene.admin))
            #expect(adminPage.contains(#"<a href="/admin/verification">Verification</a>"#))
            let _ = try await Browser.page(client, "/owner/properties/new", cookies: Pages.cookies(scene.seeker), status: .forbidden)
        }
    }

    @Test("the dashboard shows properties with status, rooms and tonight's occupancy, check-ins, paid requests and the revenue")
    func dashboardContents() async throws {
        try await Pages.withScene(instantBook: false) { client, scene in
            // The app's clock, not Date(): it runs ahead of the real time, and the two may fall on either
            // side of midnight in Kolkata.
            let today = CalendarDate(scene.dependencies.now(), inZone: "Asia/Kolkata")
            let tonight = try await Bookings.create(
                client, scene.seeker, scene.form(today.description, today.adding(days: 3).description, ["totalAmount": 1_080_000]))
            let soon = try await Bookings.create(
                client, scene.seeker,
                scene.form(today.adding(days: 10).description, today.adding(days: 40).description, ["totalAmount": 1_800_000]))
            let soonID = try #require(soon["id"] as? String)
            try await Bookings.pay(client, scene.seeker, soonID)
            let page = try await Browser.page(client, "/owner", cookies: Pages.cookies(scene.owner))
            #expect(page.contains("Green Nest PG") && page.contains("Verified: seekers can find it."))
            #expect(page.contains("1 room") && page.contains("1 of 2 beds held tonight"))
            #expect(page.contains(#"href="/bookings/\#(try #require(tonight["id"] as? String))""#))
            #expect(page.contains(#"href="/bookings/\#(soonID)""#) && page.contains("Paid, waiting for the owner to confirm"))
            #expect(page.contains(#"<strong id="revenue-net">"#) && page.contains("₹18,000"))
            #expect(page.contains("Connect with Stripe") && page.contains("Not connected"))
        }
    }

    @Test("a large property's current stays do not crowd its check-ins off the dashboard, and check-ins past the first 100 are counted")
    func dashboardReadsEveryPage() async throws {
        try await Pages.withScene(room: ["capacity": 100]) { client, scene in
            let dependencies = scene.dependencies
            let seeker = try Self.user(dependencies, scene.seeker)
            let form = { (checkIn: CalendarDate, nights: Int) in
                BookingForm(
                    propertyId: scene.property, roomId: scene.room, checkInDate: checkIn.description,
                    checkOutDate: checkIn.adding(days: nights).description, beds: 1)
            }
            let today = CalendarDate(dependencies.now(), inZone: "Asia/Kolkata")
            // A hundred guests who checked in yesterday, booked the day before: they fill the first page of
            // the property's calendar, which is in check-in order.
            let twoDaysAgo = dependencies.now().addingTimeInterval(-2 * 86_400)
            let earlier = try BookingService(store: dependencies.store, events: DomainEvents(), now: { twoDaysAgo })
            for _ in 0..<100 { _ = try await earlier.create(form(today.adding(days: -1), 5), by: seeker) }
            let tomorrow = try await dependencies.bookings.create(form(today.adding(days: 1), 1), by: seeker)
            let page = try await Browser.page(client, "/owner", cookies: Pages.cookies(scene.owner))
            #expect(page.contains(#"href="/bookings/\#(tomorrow.id)""#))
            #expect(!page.contains("more check-in"))

            for offset in 0..<101 { _ = try await dependencies.bookings.create(form(today.adding(days: 10 + offset % 2), 1), by: seeker) }
            let full = try await Browser.page(client, "/owner", cookies: Pages.cookies(scene.owner))
            #expect(full.contains(#"href="/bookings/\#(tomorrow.id)""#))
            #expect(full.contains("2 more check-ins not listed here (the first 100 are)."))
            #expect(full.components(separatedBy: #"<li><strong>"#).count - 1 == 100)
        }
    }

    @Test("a rejected property shows the admin's reason; Connect with Stripe goes to the provider's onboarding and needs the CSRF token")
    func rejectionAndConnect() async throws {
        try await Pages.withScene { client, scene in
            let second = try await Listings.createProperty(client, scene.owner, ["propertyName": "Blue Door PG"])
            try await Listings.decide(client, scene.admin, property: second, status: "rejected", reason: "The photos show another building")
            let page = try await Browser.page(client, "/owner", cookies: Pages.cookies(scene.owner))
            #expect(page.contains("Blue Door PG") && page.contains("The photos show another building"))
            let refused = try await Pages.post(client, "/owner/connect", as: scene.owner, [], csrf: false)
            #expect(refused.status == .forbidden)
            let connect = try await Pages.post(client, "/owner/connect", as: scene.owner, [])
            #expect(connect.status == .seeOther)
            #expect(try #require(connect.headers[.location]).contains("/pay/connect/"))
            let after = try await Browser.page(client, "/owner", cookies: Pages.cookies(scene.owner))
            #expect(after.contains("Onboarding not finished") && after.contains("Continue onboarding with Stripe"))
            let seeker = try await Pages.post(client, "/owner/connect", as: scene.seeker, [])
            #expect(seeker.status == .forbidden)
        }
    }

    @Test("creating a property: field errors next to the fields with the input kept, then a pending property with every field")
    func createProperty() async throws {
        try await Pages.withScene { client, scene in
            let form = try await Browser.page(client, "/owner/properties/new", cookies: Pages.cookies(scene.owner))
            #expect(form.contains(#"<fieldset class="location" data-map-pin"#) && form.contains(#"name="latitude""#))
            #expect(form.contains(#"value="Asia/Kolkata""#) && form.contains(#"name="csrf_token""#))
            var bad = Self.propertyFields.filter { !["propertyName", "latitude"].contains($0.0) }
            bad += [("propertyName", ""), ("latitude", "north")]
            let refused = try await Pages.post(client, "/owner/properties", as: scene.owner, bad)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"id="latitude-error""#) && refused.text.contains("Must be a number of degrees"))
            #expect(refused.text.contains(#"value="4 Park Street""#) && refused.text.contains(#"value="north""#))
            let noPoint = try await Pages.post(
                client, "/owner/properties", as: scene.owner, Self.propertyFields.filter { !["latitude", "longitude"].contains($0.0) })
            #expect(noPoint.status == .unprocessableContent)
            #expect(noPoint.text.contains(#"id="coordinates-error""#) && noPoint.text.contains("Needs both a latitude and a longitude."))
            let named = try await Pages.post(client, "/owner/properties", as: scene.owner, bad.filter { $0.0 != "latitude" } + [("latitude", "22.5")])
            #expect(named.text.contains(#"id="propertyName-error""#) && named.text.contains("Is required."))
            let noToken = try await Pages.post(client, "/owner/properties", as: scene.owner, Self.propertyFields, csrf: false)
            #expect(noToken.status == .forbidden)
            let created = try await Pages.post(client, "/owner/properties", as: scene.owner, Self.propertyFields)
            #expect(created.status == .seeOther, "\(created.text)")
            let location = try #require(created.headers[.location])
            let id = try #require(location.firstMatch(of: /\/owner\/properties\/([0-9a-f]{24})\/edit\?created=1/)).1
            let property = try Self.property(scene.dependencies, String(id), viewer: try Self.user(scene.dependencies, scene.owner)).property
            #expect(property.name == "Lotus Stay" && property.propertyType == .hostel && property.verification == .pending)
            #expect(property.address.city == "Kolkata" && property.address.coordinates.latitude == 22.5448)
            #expect(property.amenities.amenities == [.wifi, .laundry] && property.rules == ["No smoking", "Quiet after 10 pm"])
            #expect(property.cancellationPolicy == .flexible && property.instantBook)
            let edit = try await Browser.page(client, location, cookies: Pages.cookies(scene.owner))
            #expect(edit.contains("Waiting for verification") && edit.contains("Add photos and rooms now."))
        }
    }

    @Test("editing a property saves every field, including cleared ones; strangers get 404; removing is refused while booked")
    func editAndRemoveProperty() async throws {
        try await Pages.withScene { client, scene in
            let edit = try await Browser.page(client, "/owner/properties/\(scene.property)/edit", cookies: Pages.cookies(scene.owner))
            #expect(edit.contains(#"value="Green Nest PG""#) && edit.contains(#"value="12.9784""#) && edit.contains("No smoking</textarea>"))
            let stranger = try await Accounts.register(client, role: "owner")
            _ = try await Browser.page(client, "/owner/properties/\(scene.property)/edit", cookies: Pages.cookies(stranger), status: .notFound)
            var fields = Self.propertyFields.filter { !["description", "instantBook", "amenities"].contains($0.0) }
            fields.append(("isActive", "on"))
            let saved = try await Pages.post(client, "/owner/properties/\(scene.property)", as: scene.owner, fields)
            #expect(saved.status == .seeOther, "\(saved.text)")
            #expect(saved.headers[.location] == "/owner/properties/\(scene.property)/edit?saved=1")
            let owner = try Self.user(scene.dependencies, scene.owner)
            let property = try Self.property(scene.dependencies, scene.property, viewer: owner).property
            #expect(property.name == "Lotus Stay" && property.description.isEmpty && property.amenities.amenities.isEmpty && !property.instantBook)
            #expect(property.isActive && property.verification == .pending, "a moved verified property goes back to the queue")
            let paused = try await Pages.post(client, "/owner/properties/\(scene.property)", as: scene.owner, Self.propertyFields)
            #expect(paused.status == .seeOther)
            #expect(try !Self.property(scene.dependencies, scene.property, viewer: owner).property.isActive)
            _ = try await Pages.post(client, "/owner/properties/\(scene.property)", as: scene.owner, fields)

            try await Listings.decide(client, scene.admin, property: scene.property, status: "verified")
            let booking = try await Bookings.create(client, scene.seeker, scene.form("2030-01-10", "2030-02-10", ["totalAmount": 1_826_667]))
            #expect(booking["id"] != nil)
            let refused = try await Pages.post(client, "/owner/properties/\(scene.property)/delete", as: scene.owner, [])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("This cannot be deleted yet: room 101 has current or future bookings"))
            let other = try await Listings.createProperty(client, scene.owner, ["propertyName": "Spare PG"])
            let removed = try await Pages.post(client, "/owner/properties/\(other)/delete", as: scene.owner, [])
            #expect(removed.status == .seeOther && removed.headers[.location] == "/owner?removed=1")
            #expect(try Self.property(scene.dependencies, other, viewer: owner).property.deletedAt != nil)
            let dashboard = try await Browser.page(client, "/owner?removed=1", cookies: Pages.cookies(scene.owner))
            #expect(!dashboard.contains("Spare PG") && dashboard.contains("The property is taken off the site."))
        }
    }

    @Test("rooms: added with the rent in rupees, refused with field errors, edited, and removed")
    func rooms() async throws {
        try await Pages.withScene { client, scene in
            let path = "/owner/properties/\(scene.property)/rooms"
            let list = try await Browser.page(client, path, cookies: Pages.cookies(scene.owner))
            #expect(list.contains("Room 101") && list.contains("₹8,000 a bed a month") && list.contains("Add a room"))
            let bad = [("roomNumber", "101"), ("roomType", "Single"), ("price", "eight thousand"), ("capacity", "")]
            let refused = try await Pages.post(client, path, as: scene.owner, bad)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains(#"id="price-error""#) && refused.text.contains(#"id="capacity-error""#))
            #expect(refused.text.contains(#"value="eight thousand""#))
            let taken = try await Pages.post(
                client, path, as: scene.owner, [("roomNumber", "101"), ("roomType", "Single"), ("price", "9000"), ("capacity", "1")])
            #expect(taken.status == .conflict && taken.text.contains(#"id="roomNumber-error""#))
            let fields = [
                ("roomNumber", "102"), ("roomType", "Triple"), ("price", "6,500.50"), ("securityDeposit", ""), ("capacity", "3"),
                ("amenities", "wardrobe"), ("isAvailable", "on"), ("availableFrom", "2030-05-01"),
            ]
            let added = try await Pages.post(client, path, as: scene.owner, fields)
            #expect(added.status == .seeOther && added.headers[.location] == "\(path)?added=1")
            let owner = try Self.user(scene.dependencies, scene.owner)
            let room = try #require(try Self.property(scene.dependencies, scene.property, viewer: owner).rooms.first { $0.roomNumber == "102" })
            #expect(room.price == Money(minorUnits: 650_050) && room.securityDeposit == .zero && room.capacity == 3 && room.roomType == .triple)
            #expect(room.amenities.amenities == [.wardrobe] && room.availableFrom == CalendarDate("2030-05-01"))
            let edit = try await Browser.page(client, "/owner/rooms/\(room.id)/edit", cookies: Pages.cookies(scene.owner))
            #expect(edit.contains(#"value="6500.50""#) && edit.contains(#"id="images""#))
            let zero = try await Pages.post(
                client, "/owner/rooms/\(room.id)", as: scene.owner,
                [("roomNumber", "102"), ("roomType", "Triple"), ("price", "0"), ("capacity", "3")])
            #expect(zero.status == .unprocessableContent && zero.text.contains("Must be more than ₹0."))
            let saved = try await Pages.post(
                client, "/owner/rooms/\(room.id)", as: scene.owner,
                [("roomNumber", "102A"), ("roomType", "Double"), ("price", "7000"), ("capacity", "2")])
            #expect(saved.status == .seeOther)
            let changed = try #require(try scene.dependencies.listings.room(room.id, viewer: owner))
            #expect(
                changed.roomNumber == "102A" && changed.price == Money(minorUnits: 700_000) && !changed.isAvailable && changed.availableFrom == nil)
            let removed = try await Pages.post(client, "/owner/rooms/\(room.id)/delete", as: scene.owner, [])
            #expect(removed.status == .seeOther && removed.headers[.location] == "\(path)?removed=1")
            #expect(try scene.dependencies.listings.room(room.id, viewer: owner)?.isActive == false)
            _ = try await Bookings.create(client, scene.seeker, scene.form("2030-01-10", "2030-02-10", ["totalAmount": 1_826_667]))
            let booked = try await Pages.post(client, "/owner/rooms/\(scene.room)/delete", as: scene.owner, [])
            #expect(booked.status == .conflict && booked.text.contains("This cannot be deleted yet: room 101 has current or future bookings"))
        }
    }

    @Test("photos: uploaded several at once with the CSRF field in the multipart body, moved, removed; bad files get a clear page")
    func photos() async throws {
        try await Pages.withScene { client, scene in
            let path = "/owner/properties/\(scene.property)/photos"
            let noToken = try await Self.upload(client, path, as: scene.owner, [ImageSamples.png(1)], csrf: false)
            #expect(noToken.status == .forbidden)
            let uploaded = try await Self.upload(client, path, as: scene.owner, [ImageSamples.png(1), ImageSamples.png(2)])
            #expect(uploaded.status == .seeOther, "\(uploaded.text)")
            #expect(uploaded.headers[.location] == "/owner/properties/\(scene.property)/edit?photos=1#photos")
            let owner = try Self.user(scene.dependencies, scene.owner)
            let images = try Self.property(scene.dependencies, scene.property, viewer: owner).property.images
            #expect(images.count == 2)
            let notImage = try await Self.upload(client, path, as: scene.owner, [Array("not an image".utf8)])
            #expect(notImage.status == .unprocessableContent)
            #expect(notImage.text.contains("JPEG") && notImage.text.contains(#"id="images""#))
            let moved = try await Pages.post(client, "\(path)/\(images[0])/move", as: scene.owner, [("direction", "down")])
            #expect(moved.status == .seeOther)
            #expect(try Self.property(scene.dependencies, scene.property, viewer: owner).property.images == [images[1], images[0]])
            let removed = try await Pages.post(client, "\(path)/\(images[1])/remove", as: scene.owner, [])
            #expect(removed.status == .seeOther)
            #expect(try Self.property(scene.dependencies, scene.property, viewer: owner).property.images == [images[0]])
            let roomUpload = try await Self.upload(client, "/owner/rooms/\(scene.room)/photos", as: scene.owner, [ImageSamples.png(3)])
            #expect(roomUpload.headers[.location] == "/owner/rooms/\(scene.room)/edit?photos=1#photos")
            #expect(try scene.dependencies.listings.room(try #require(RoomID(scene.room)), viewer: owner)?.images.count == 1)
            let edit = try await Browser.page(client, "/owner/rooms/\(scene.room)/edit?photos=1", cookies: Pages.cookies(scene.owner))
            #expect(edit.contains(#"alt="Photo 1 of room 101 of Green Nest PG (cover)""#) && edit.contains("The photos are saved."))
            let stranger = try await Accounts.register(client, role: "owner")
            let strangers = try await Self.upload(client, path, as: stranger, [ImageSamples.png(4)])
            #expect(strangers.status == .notFound)
        }
    }

    @Test("the photo forms take several files that together exceed the single-file limit, each still held to it")
    func largePhotoBatch() async throws {
        try await Pages.withScene(environment: ["BMS_MAX_UPLOAD_BYTES": "64KiB"]) { client, scene in
            let path = "/owner/properties/\(scene.property)/photos"
            let files = (1...3).map { ImageSamples.png($0) + [UInt8](repeating: 0, count: 60_000) }
            let uploaded = try await Self.upload(client, path, as: scene.owner, files)
            #expect(uploaded.status == .seeOther, "\(uploaded.text)")
            let oversized = try await Self.upload(client, path, as: scene.owner, [ImageSamples.png(4) + [UInt8](repeating: 0, count: 70_000)])
            #expect(oversized.status == .contentTooLarge)
            #expect(oversized.headers[.contentType] == "text/html; charset=utf-8")
        }
    }
}
