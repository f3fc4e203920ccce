import BMSCore
import Foundation

/// Checks that form fields were sent, naming every missing one at once (a decoder stops at the first).
enum Required {
    /// `value`, which must be present and not blank.
    /// - Throws: `APIError.validationFailed` naming `name`.
    static func field(_ name: String, _ value: String?) throws(APIError) -> String {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .validationFailed([name: "is required"])
        }
        return value
    }

    /// Both values, or a 422 naming each one missing.
    static func fields(_ first: (String, String?), _ second: (String, String?)) throws(APIError) -> (String, String) {
        var missing: [String: String] = [:]
        for (name, value) in [first, second] where value?.trimmingCharacters(in: .whitespaces).isEmpty ?? true {
            missing[name] = "is required"
        }
        guard missing.isEmpty, let a = first.1, let b = second.1 else { throw .validationFailed(missing) }
        return (a, b)
    }

    /// An id field: present, and 24 hex digits.
    static func id<ID: RecordIdentifier>(_ value: String?, _ name: String) throws(APIError) -> ID {
        let text = try field(name, value).trimmingCharacters(in: .whitespaces)
        guard let id = ID(text) else { throw .validationFailed([name: "must be an id (24 hex digits)"]) }
        return id
    }
}
