import BMSCore

/// The room form of the owner's rooms pages: `POST /api/rooms`'s fields with the rent and deposit in
/// rupees (the service keeps paise), amenities as checkboxes. Like the property form it always sends
/// every field: a blank rent is refused rather than left unchanged, a blank deposit is ₹0 and a blank
/// "available from" date means at once.
enum RoomFormInput {
    static let textFields = ["roomNumber", "roomType", "price", "securityDeposit", "capacity", "availableFrom"]

    static func echo(_ fields: FormFields) -> [String: String] {
        var values = FormState(echoing: textFields, from: fields).values
        values["amenities"] = fields.values("amenities").joined(separator: ",")
        values["isAvailable"] = fields["isAvailable"] == nil ? "" : "on"
        return values
    }

    /// A room as its edit form shows it.
    static func values(_ room: Room) -> [String: String] {
        [
            "roomNumber": room.roomNumber, "roomType": room.roomType.name, "price": RupeeInput.text(room.price),
            "securityDeposit": RupeeInput.text(room.securityDeposit), "capacity": String(room.capacity),
            "availableFrom": room.availableFrom?.description ?? "", "isAvailable": room.isAvailable ? "on" : "",
            "amenities": room.amenities.amenities.map(\.rawValue).joined(separator: ","),
        ]
    }

    /// The add form's starting values.
    static let blank = ["isAvailable": "on", "capacity": "1"]

    /// The service's form for the posted fields (`propertyId` only when adding), or the problems of
    /// inputs that are not amounts or numbers.
    static func form(_ fields: FormFields, property: PropertyID?) -> Result<RoomForm, FieldProblems> {
        var problems: [String: String] = [:]
        func rupees(_ name: String, blank: Int64?) -> Int64? {
            guard let text = fields.text(name) else {
                if blank == nil { problems[name] = "is required" }
                return blank
            }
            guard let paise = RupeeInput.paise(text) else {
                problems[name] = "must be an amount in rupees, such as 8000 or 8,000.50"
                return nil
            }
            return paise
        }
        let price = rupees("price", blank: nil)
        let deposit = rupees("securityDeposit", blank: 0)
        var capacity: Int?
        if let text = fields.text("capacity") {
            capacity = Int(text)
            if capacity == nil { problems["capacity"] = "must be a whole number of beds" }
        } else {
            problems["capacity"] = "is required"
        }
        let form = RoomForm(
            propertyId: property?.description, roomNumber: fields.text("roomNumber") ?? "", roomType: fields.text("roomType") ?? "",
            price: price, securityDeposit: deposit, capacity: capacity, amenities: fields.values("amenities"),
            isAvailable: fields["isAvailable"] != nil, availableFrom: fields.text("availableFrom") ?? "")
        return problems.isEmpty ? .success(form) : .failure(FieldProblems(problems))
    }

    /// The service's problems in the form's words: its amounts are paise, the form's rupees.
    static func formErrors(_ errors: [String: String]) -> [String: String] {
        errors.reduce(into: [:]) { mapped, error in
            let (name, problem) = error
            mapped[name] = ["price", "securityDeposit"].contains(name) && problem.contains("minor units") ? "must be more than ₹0" : problem
        }
    }

    static func options(_ values: [String: String]) -> [String: Any] {
        [
            "roomTypeOptions": FormOptions.named(RoomType.self, selected: values["roomType"]),
            "amenityOptions": FormOptions.amenities(checkedList: values["amenities"]),
            "isAvailableChecked": values["isAvailable"] == "on",
        ]
    }
}
