import BMSCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import BMSServer

@Suite("Public pages: home, search results, property, error pages")
struct SearchAndPropertyPagesTests {
    /// Two listed places: one in Bengaluru at ₹8,000, one in Pune at ₹12,500 a month per bed.
    private static func world(_ client: some TestClientProtocol, _ app: AppDependencies) async throws -> (
        bengaluru: (property: String, room: String), pune: String
    ) {
        let owner = try await Accounts.register(client, role: "owner", firstName: "Lakshmi")
        let admin = try await Accounts.admin(app, client)
        let bengaluru = try await Listings.listed(client, owner: owner, admin: admin)
        var address = Listings.propertyForm()["address"] as! [String: Any]
        address["city"] = "Pune"
        address["locality"] = "Kothrud"
        let pune = try await Listings.listed(
            client, owner: owner, admin: admin, ["propertyName": "Kothrud Green PG", "address": address], room: ["price": 1_250_000])
        return (bengaluru, pune.property)
    }

    @Test("the home page has the search form with labelled inputs, the amenity catalogue and the best-rated places")
    func home() async throws {
        try await withTemporaryDirectory { directory in
            let test = try await TestApp(in: directory)
            let app = test.dependencies
            try await test.test { client in
                _ = try await Self.world(client, app)
                let html = try await Browser.page(client, "/")
                #expect(html.hasPrefix("<!doctype html>"))
                #expect(html.contains(#"<form class="search-form" method="get" action="/search""#))
                for field in ["city", "from", "to", "budgetMin", "budgetMax", "roomType", "q"] {
                    #expect(html.contains(#"<label for="\#(field)">"#), "label for \(field)")
                    #expect(html.contains(#"id="\#(field)" name="\#(field)""#), "input \(field)")
                }
                for amenity in Amenity.allCases {
                    #expect(html.contains(#"name="amenities" value="\#(amenity.rawValue)""#))
                }
                #expect(html.contains("Air conditioning") && html.contains("Wi-Fi"))
                #expect(html.contains("Best-rated places") && html.contains("Green Nest PG") && html.contains("Kothrud Green PG"))
                #expect(html.contains(#"href="/login""#) && html.contains(#"href="/signup""#))
                #expect(html.contains(#"<script src="/assets/js/site.js" defer></script>"#))
                #expect(!html.contains("<script>") && !html.contains("style="))
                #expect(!html.contains("{{"))
            }
        }
    }

    @Test("search by city and budget renders result cards with rupee prices and a link carrying the dates")
    func searchResults() async throws {
        try await withTemporaryDirectory { directory in
            let test = try await TestApp(in: directory)
            let app = test.dependencies
            try await test.test { client in
                let world = try await Self.world(client, app)
                let html = try await Browser.page(
                    client, "/search?city=Bengaluru&budgetMin=&budgetMax=10%2C000&from=2030-01-10&to=2030-02-10&sort=price")
                #expect(html.contains("Places in Bengaluru"))
                #expect(html.contains("1 place"))
                #expect(html.contains("Green Nest PG") && !html.contains("Kothrud Green PG"))
                #expect(html.contains("from ₹8,000"))
                #expect(html.contains(#"href="/properties/\#(world.bengaluru.property)?from=2030-01-10&amp;to=2030-02-10""#))
                #expect(html.contains(#"value="10,000""#), "the budget is echoed as typed")
                #expect(html.contains(#"<option value="price" selected>"#))
                let pune = try await Browser.page(client, "/search?city=pune&amenities=wifi&amenities=meals")
                #expect(pune.contains("Kothrud Green PG") && pune.contains("₹12,500"))
                #expect(pune.contains(#"value="wifi" checked"#))
            }
        }
    }

    @Test("near a point, cards show the distance and the sort offers distance; the point is carried in the form")
    func searchNearAPoint() async throws {
        try await withTemporaryDirectory { directory in
            let test = try await TestApp(in: directory)
            let app = test.dependencies
            try await test.test { client in
                _ = try await Self.world(client, app)
                let html = try await Browser.page(client, "/search?lat=12.9784&lng=77.6420&radius=5&sort=distance")
                #expect(html.contains("Green Nest PG") && html.contains("m away"))
                #expect(html.contains(#"<option value="distance" selected>Distance</option>"#))
                #expect(html.contains(#"<input type="hidden" name="lat" value="12.9784">"#))
            }
        }
    }

    @Test("bad search input shows the form with a human message next to the field, not JSON")
    func searchErrors() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                let html = try await Browser.page(
                    client, "/search?city=Pune&budgetMin=cheap&budgetMax=500&from=2030-02-10&to=2030-01-10", status: .unprocessableContent)
                #expect(html.contains(#"id="budgetMin-error""#) && html.contains("Must be a whole number of rupees, such as 8000."))
                #expect(html.contains(#"id="to-error""#))
                #expect(html.contains(#"value="cheap""#) && html.contains(#"value="Pune""#))
                #expect(!html.contains("validation_failed"))
                let lowHigh = try await Browser.page(client, "/search?budgetMin=9000&budgetMax=500", status: .unprocessableContent)
                #expect(lowHigh.contains(#"id="budgetMax-error""#))
            }
        }
    }

    @Test("results page through the cursor: the next-page link leads to the rest, with the same filters")
    func paging() async throws {
        try await withTemporaryDirectory { directory in
            let test = try await TestApp(in: directory)
            let app = test.dependencies
            try await test.test { client in
                let owner = try await Accounts.register(client, role: "owner")
                let admin = try await Accounts.admin(app, client)
                for number in 1...(SearchForm.pageSize + 1) {
                    _ = try await Listings.listed(client, owner: owner, admin: admin, ["propertyName": "Place \(number)"])
                }
                let first = try await Browser.page(client, "/search?city=Bengaluru&sort=newest")
                #expect(first.components(separatedBy: "class=\"result-card\"").count - 1 == SearchForm.pageSize)
                let next = try #require(first.firstMatch(of: /href="(\/search\?[^"]*cursor=[^"]*)" rel="next"/)?.1)
                let second = try await Browser.page(client, String(next).replacingOccurrences(of: "&amp;", with: "&"))
                #expect(second.components(separatedBy: "class=\"result-card\"").count - 1 == 1)
                #expect(second.contains("First page") && !second.contains(#"rel="next""#))
            }
        }
    }

    @Test("the property page shows rooms with price, deposit, beds free for the dates and a link to book")
    func propertyPage() async throws {
        try await withTemporaryDirectory { directory in
            let test = try await TestApp(in: directory)
            let app = test.dependencies
            try await test.test { client in
                let world = try await Self.world(client, app)
                let (property, room) = world.bengaluru
                let html = try await Browser.page(client, "/properties/\(property)?from=2030-01-10&to=2030-02-10")
                #expect(html.contains("<h1 id=\"property-title\">Green Nest PG</h1>"))
                #expect(html.contains("Run by Lakshmi Rao"))
                #expect(html.contains("A quiet PG near the metro."))
                #expect(html.contains("No smoking") && html.contains("Wi-Fi") && html.contains("Meals"))
                #expect(html.contains("Room 101") && html.contains("₹8,000") && html.contains("₹10,000"))
                #expect(html.contains("2 of 2 free for these dates"))
                #expect(html.contains("Thu, 10 Jan 2030 to Sun, 10 Feb 2030 (31 nights)"))
                #expect(html.contains(#"href="/book?room=\#(room)&amp;from=2030-01-10&amp;to=2030-02-10""#))
                #expect(html.contains(#"id="property-map" data-map-point data-lat="12.9784" data-lng="77.6408""#))
                #expect(html.contains("12 MG Road"))
                let bad = try await Browser.page(client, "/properties/\(property)?from=2030-01-10&to=soon")
                #expect(bad.contains(#"id="to-error""#) && bad.contains("Room 101") && !bad.contains("free for these dates"))
                _ = try await Browser.page(client, "/properties/\(String(repeating: "0", count: 24))", status: .notFound)
            }
        }
    }

    @Test("unknown pages get the designed 404 page; under /api the JSON envelope")
    func notFound() async throws {
        try await withTemporaryDirectory { directory in
            try await TestApp(in: directory).test { client in
                let html = try await Browser.page(client, "/no-such-page", status: .notFound)
                #expect(html.contains("Error 404") && html.contains("There is no page at this address."))
                #expect(html.contains(#"<form class="inline-search" method="get" action="/search""#))
                try await client.execute(uri: "/api/no-such-thing", method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(response.errorCode == "not_found")
                }
            }
        }
    }
}

@Suite("Page formatting: rupees, dates, search form")
struct PageFormattingTests {
    @Test("money is shown in rupees with Indian digit grouping, paise only when there are any")
    func rupees() {
        #expect(RupeeText.format(Money(minorUnits: 0)) == "₹0")
        #expect(RupeeText.format(Money(minorUnits: 99_900)) == "₹999")
        #expect(RupeeText.format(Money(minorUnits: 800_000)) == "₹8,000")
        #expect(RupeeText.format(Money(minorUnits: 12_345_600)) == "₹1,23,456")
        #expect(RupeeText.format(Money(minorUnits: 1_234_567_800)) == "₹1,23,45,678")
        #expect(RupeeText.format(Money(minorUnits: 123_450)) == "₹1,234.50")
        #expect(RupeeText.format(Money(minorUnits: 105)) == "₹1.05")
        #expect(RupeeText.format(Money(minorUnits: -250_000)) == "−₹2,500")
    }

    @Test("dates read as day, month name and year, with the weekday where asked")
    func dates() throws {
        let date = try #require(CalendarDate("2026-12-05"))
        #expect(DateText.readable(date) == "5 Dec 2026")
        #expect(DateText.withWeekday(date) == "Sat, 5 Dec 2026")
        #expect(DateText.withWeekday(try #require(CalendarDate("1969-12-31"))) == "Wed, 31 Dec 1969")
    }

    @Test("the search form's rupee budgets and amenity checkboxes become the API's search")
    func searchForm() throws {
        let form = SearchForm(query: "city=New+Delhi&budgetMin=%E2%82%B95%2C000&budgetMax=&amenities=wifi&amenities=ac&roomType=Single&utm=x")
        let query = try form.query().get()
        #expect(query.city == "new delhi")
        #expect(query.priceMin == Money(minorUnits: 500_000))
        #expect(query.priceMax == nil)
        #expect(query.amenities == AmenitySet([.wifi, .ac]))
        #expect(query.roomType == .single)
        #expect(form.link(cursor: "abc") == "budgetMin=%E2%82%B95%2C000&city=New%20Delhi&roomType=Single&amenities=wifi&amenities=ac&cursor=abc")
        guard case .failure(let problems) = try SearchForm(query: "amenities=sauna&sort=distance").query() else {
            Issue.record("an unknown amenity must be refused")
            return
        }
        #expect(problems.fields["amenities"] != nil && problems.fields["sort"] != nil)
    }

    @Test("the results count says 1 place, n places, or n+ places when the search stopped counting")
    func resultCountWording() {
        #expect(SearchPagesController.totalText(1, isExact: true) == "1 place")
        #expect(SearchPagesController.totalText(37, isExact: true) == "37 places")
        #expect(SearchPagesController.totalText(100, isExact: false) == "100+ places")
    }
}
