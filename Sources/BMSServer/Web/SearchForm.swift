import BMSCore
import Foundation

/// The search form of the home and results pages, as its query string arrives: budgets in whole
/// rupees (the API takes paise), amenities as repeated checkboxes (the API takes one comma list),
/// empty fields meaning "any". It becomes the API's `SearchQuery.parse` input, so the pages and
/// `GET /api/properties` validate a search the same way; their field names come back as the form's.
struct SearchForm: Sendable {
    /// Inputs the form shows and echoes.
    static let textFields = ["city", "from", "to", "budgetMin", "budgetMax", "roomType", "q", "sort"]
    /// Carried through links but not shown as inputs: a point to search near, and the page cursor.
    static let hiddenFields = ["lat", "lng", "radius"]
    static let pageSize = 12

    /// The form's own names for the API's parameters.
    private static let formNames = ["priceMin": "budgetMin", "priceMax": "budgetMax"]

    var values: [String: String] = [:]
    var amenities: [String] = []
    var cursor: String?

    /// - Parameter query: the raw query string, without `?`.
    init(query: String?) {
        let items = FormQuery.items(query)
        for (name, value) in items {
            let value = value.trimmingCharacters(in: .whitespaces)
            if value.isEmpty { continue }
            if name == "amenities" {
                amenities.append(contentsOf: value.split(separator: ",").map(String.init))
            } else if name == "cursor" {
                cursor = value
            } else if Self.textFields.contains(name) || Self.hiddenFields.contains(name), values[name] == nil {
                values[name] = value
            }
        }
    }

    /// The search to run, or the problems keyed by the form's field names.
    /// - Throws: what `SearchQuery.parse` throws other than a validation failure (nothing today).
    func query() throws -> Result<SearchQuery, FieldProblems> {
        var problems: [String: String] = [:]
        var items: [(name: String, value: String)] = []
        for (name, value) in values {
            switch name {
            case "budgetMin", "budgetMax":
                guard let rupees = Self.rupees(value) else {
                    problems[name] = "must be a whole number of rupees, such as 8000"
                    continue
                }
                items.append((name == "budgetMin" ? "priceMin" : "priceMax", String(rupees * 100)))
            default:
                items.append((name, value))
            }
        }
        if !amenities.isEmpty { items.append(("amenities", amenities.joined(separator: ","))) }
        items.append(("limit", String(Self.pageSize)))
        if let cursor { items.append(("cursor", cursor)) }
        do {
            let query = try SearchQuery.parse(items)
            return problems.isEmpty ? .success(query) : .failure(FieldProblems(problems))
        } catch ListingError.validation(let fields) {
            for (name, problem) in fields { problems[Self.formNames[name] ?? name] = problem }
            return .failure(FieldProblems(problems))
        }
    }

    /// The query string of these filters with `cursor` for the next page.
    func link(cursor: String?) -> String {
        var items = values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        items += amenities.map { ("amenities", $0) }
        if let cursor { items.append(("cursor", cursor)) }
        return QueryString.encode(items)
    }

    /// Whether anything is filtered, for the results heading.
    var isEmpty: Bool { values.isEmpty && amenities.isEmpty }

    /// `8000`, `8,000` and `₹8,000` are all 8000 rupees.
    private static func rupees(_ text: String) -> Int64? {
        let digits = text.filter { $0 != "," && $0 != " " && $0 != "₹" }
        guard let value = Int64(digits), value >= 0, value <= 100_000_000 else { return nil }
        return value
    }

    /// The form's values for its template: echoed inputs, checked amenities, selected options.
    var templateValues: [String: Any] {
        let chosen = Set(amenities)
        let roomType = values["roomType"]
        let sort = values["sort"] ?? SearchSort.relevance.rawValue
        let sorts: [(SearchSort, String)] = [
            (.relevance, "Best match"), (.price, "Price: low to high"), (.priceDescending, "Price: high to low"),
            (.rating, "Rating"), (.newest, "Newest"), (.distance, "Distance"),
        ]
        return [
            "search": values,
            "amenityOptions": FormOptions.amenities(checked: chosen),
            "roomTypeOptions": FormOptions.named(RoomType.self, selected: roomType),
            "sortOptions": sorts.filter { $0.0 != .distance || values["lat"] != nil }.map { option, label in
                ["value": option.rawValue, "label": label, "selected": option.rawValue == sort] as [String: Any]
            },
            "hiddenSearch": Self.hiddenFields.compactMap { name in values[name].map { ["name": name, "value": $0] } },
            "amenitiesChosen": !chosen.isEmpty,
        ]
    }
}

/// Problems by form field name.
struct FieldProblems: Error, Sendable {
    let fields: [String: String]
    init(_ fields: [String: String]) { self.fields = fields }
}
