import BMSCore

/// A connected account: the provider object plus what Stripe's full answer shows besides.
struct AccountRecord: Sendable {
    var account: ConnectedAccount
    var type: String
    var country: String
    var created: Int64
    /// Capabilities asked for at creation: "inactive" until onboarding completes, then "active".
    var requestedCapabilities: [String]

    var defaultCurrency: String {
        ["US": "usd", "IN": "inr", "GB": "gbp", "AU": "aud", "CA": "cad", "JP": "jpy"][country] ?? "eur"
    }

    var transfersActive: Bool { account.detailsSubmitted && requestedCapabilities.contains("transfers") }

    /// The answer in the shape of Stripe's `account` fixture.
    var json: JSONValue {
        let capabilityStatus: JSONValue = account.detailsSubmitted ? "active" : "inactive"
        let currentlyDue: JSONValue =
            account.detailsSubmitted
            ? [] : ["business_profile.url", "external_account", "individual.first_name", "tos_acceptance.date", "tos_acceptance.ip"]
        return [
            "id": .string(account.id), "object": "account",
            "business_profile": [
                "mcc": nil, "name": nil, "product_description": nil, "support_address": nil, "support_email": nil, "support_phone": nil,
                "support_url": nil, "url": nil,
            ],
            "business_type": nil,
            "capabilities": .object(Dictionary(uniqueKeysWithValues: requestedCapabilities.map { ($0, capabilityStatus) })),
            "charges_enabled": .bool(account.chargesEnabled), "controller": ["type": "application", "is_controller": true],
            "country": .string(country), "created": .int(created), "default_currency": .string(defaultCurrency),
            "details_submitted": .bool(account.detailsSubmitted), "email": .nullable(account.email),
            "external_accounts": .list([], url: "/v1/accounts/\(account.id)/external_accounts"),
            "future_requirements": Self.requirements(currentlyDue: [], disabledReason: nil),
            "metadata": .strings(account.metadata), "payouts_enabled": .bool(account.payoutsEnabled),
            "requirements": Self.requirements(
                currentlyDue: currentlyDue, disabledReason: account.detailsSubmitted ? nil : "requirements.past_due"),
            "settings": [
                "dashboard": ["display_name": nil, "timezone": "Etc/UTC"],
                "payouts": ["debit_negative_balances": true, "schedule": ["delay_days": 2, "interval": "daily"], "statement_descriptor": nil],
            ],
            "tos_acceptance": ["date": nil, "ip": nil, "user_agent": nil],
            "type": .string(type),
        ]
    }

    private static func requirements(currentlyDue: JSONValue, disabledReason: String?) -> JSONValue {
        [
            "alternatives": [], "current_deadline": nil, "currently_due": currentlyDue, "disabled_reason": .nullable(disabledReason),
            "errors": [], "eventually_due": currentlyDue, "past_due": [], "pending_verification": [],
        ]
    }
}
