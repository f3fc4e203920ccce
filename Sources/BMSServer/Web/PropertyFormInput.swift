import BMSCore

/// The property form of the owner's create and edit pages: every field of `POST /api/properties` as
/// plain inputs (the address in parts, the map point as two numbers, amenities as checkboxes, rules one a
/// line), turned into the listing service's `PropertyForm`. The form always sends every field, so a
/// cleared input clears the property's value (or is refused as required) instead of keeping the old one.
enum PropertyFormInput {
    static let textFields = [
        "propertyName", "propertyType", "description", "street", "locality", "city", "state", "country", "zipCode", "latitude",
        "longitude", "rules", "timeZone", "cancellationPolicy",
    ]
    /// Checkboxes: "on" when ticked, "" otherwise, in `FormState.values`.
    static let switches = ["instantBook", "isActive"]

    /// The form's values as typed, amenities as a comma list, switches as "on" or "".
    static func echo(_ fields: FormFields) -> [String: String] {
        var values = FormState(echoing: textFields, from: fields).values
        values["amenities"] = fields.values("amenities").joined(separator: ",")
        for name in switches { values[name] = fields[name] == nil ? "" : "on" }
        return values
    }

    /// A property as the edit form shows it.
    static func values(_ property: Property) -> [String: String] {
        let address = property.address
        return [
            "propertyName": property.name, "propertyType": property.propertyType.name, "description": property.description,
            "street": address.street, "locality": address.locality, "city": address.city, "state": address.state,
            "country": address.country, "zipCode": address.zipCode, "latitude": String(address.coordinates.latitude),
            "longitude": String(address.coordinates.longitude), "rules": property.rules.joined(separator: "\n"),
            "timeZone": property.timeZone, "cancellationPolicy": property.cancellationPolicy.name,
            "amenities": property.amenities.amenities.map(\.rawValue).joined(separator: ","),
            "instantBook": property.instantBook ? "on" : "", "isActive": property.isActive ? "on" : "",
        ]
    }

    /// The create form's starting values.
    static let blank = ["country": "India", "timeZone": ListingService.defaultTimeZone, "cancellationPolicy": CancellationPolicy.moderate.name]

    /// The service's form for the posted fields, or the problems of inputs that are not even numbers.
    /// - Parameter editing: whether the form has the listed/paused switch (the edit form).
    static func form(_ fields: FormFields, editing: Bool) -> Result<PropertyForm, FieldProblems> {
        var problems: [String: String] = [:]
        func number(_ name: String) -> Double? {
            guard let text = fields.text(name) else { return nil }
            guard let value = Double(text), value.isFinite else {
                problems[name] = "must be a number of degrees, such as 12.9716"
                return nil
            }
            return value
        }
        let text = { (name: String) in fields.text(name) ?? "" }
        let coordinates = CoordinatesForm(lat: number("latitude"), lng: number("longitude"))
        let address = AddressForm(
            street: text("street"), locality: text("locality"), city: text("city"), state: text("state"), country: text("country"),
            zipCode: text("zipCode"), coordinates: coordinates.lat == nil && coordinates.lng == nil ? nil : coordinates)
        let rules = (fields["rules"] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let form = PropertyForm(
            propertyName: text("propertyName"), description: text("description"), address: address, propertyType: text("propertyType"),
            amenities: fields.values("amenities"), rules: rules, timeZone: text("timeZone"), cancellationPolicy: text("cancellationPolicy"),
            instantBook: fields["instantBook"] != nil, isActive: editing ? fields["isActive"] != nil : nil)
        return problems.isEmpty ? .success(form) : .failure(FieldProblems(problems))
    }

    /// The service's problem names (`address.city`) as the form's (`city`); the map point's problem goes
    /// to the location fieldset, in the form's words.
    static func formErrors(_ errors: [String: String]) -> [String: String] {
        var mapped: [String: String] = [:]
        for (name, problem) in errors {
            switch name {
            case "address.coordinates":
                mapped["coordinates"] =
                    problem == "needs lat and lng"
                    ? "needs both a latitude and a longitude"
                    : problem.replacingOccurrences(of: "lat ", with: "latitude ").replacingOccurrences(of: "lng ", with: "longitude ")
            default:
                mapped[name.hasPrefix("address.") ? String(name.dropFirst("address.".count)) : name] = problem
            }
        }
        return mapped
    }

    /// The select boxes' and checkboxes' options for `values`.
    static func options(_ values: [String: String]) -> [String: Any] {
        [
            "propertyTypeOptions": FormOptions.named(PropertyType.self, selected: values["propertyType"]),
            "policyOptions": FormOptions.named(CancellationPolicy.self, selected: values["cancellationPolicy"]) { $0.name.capitalized },
            "amenityOptions": FormOptions.amenities(checkedList: values["amenities"]),
            "instantBookChecked": values["instantBook"] == "on", "isActiveChecked": values["isActive"] == "on",
        ]
    }
}
