import BMSCore

/// The choices of select boxes and checkbox lists, with the form's current choice marked, as the
/// templates render them (`value`, `label`, `selected`/`checked`).
enum FormOptions {
    /// Every amenity of the catalogue, those in `chosen` (API names such as `power-backup`) checked.
    static func amenities(checked chosen: Set<String>) -> [[String: Any]] {
        Amenity.allCases.map { amenity in
            ["value": amenity.rawValue, "label": AmenityLabel.text(amenity), "checked": chosen.contains(amenity.rawValue)]
        }
    }

    /// As `amenities(checked:)`, for a form's comma list of chosen amenities.
    static func amenities(checkedList list: String?) -> [[String: Any]] {
        amenities(checked: Set((list ?? "").split(separator: ",").map(String.init)))
    }

    /// Every value of a vocabulary by its name, the one named `selected` (any case) selected.
    static func named<Value: NamedValue>(_ type: Value.Type, selected: String?, label: (Value) -> String = \.name) -> [[String: Any]] {
        let wanted = selected?.lowercased()
        return Value.allCases.map { value in
            ["value": value.name, "label": label(value), "selected": value.name.lowercased() == wanted]
        }
    }
}
