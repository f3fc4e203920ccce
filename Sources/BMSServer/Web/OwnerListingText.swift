import BMSCore

/// Where a listing stands, in the words of the owner's and the admin's pages.
enum OwnerListingText {
    /// `label` (what the status means for the owner), `status` (its name, for styling) and the admin's
    /// `reason` for a rejection.
    static func verification(_ property: Property) -> [String: Any] {
        var values: [String: Any] = ["status": property.verification.name]
        switch property.verification {
        case .pending: values["label"] = "Waiting for verification: an admin checks every new listing before seekers can find it."
        case .verified: values["label"] = "Verified: seekers can find it."
        case .rejected: values["label"] = "Rejected: change what the admin asks for and save, and it goes back for verification."
        }
        if property.verification == .rejected, let reason = property.verificationReason { values["reason"] = reason }
        return values
    }

    /// Whether the owner has the listing switched on, for the dashboard.
    static func activity(_ property: Property) -> String {
        property.isActive ? "Active" : "Paused (inactive): not shown to seekers"
    }
}
