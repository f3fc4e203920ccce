import BMSCore

/// Rupee amounts as owners type them into a form (`8000`, `8,000`, `₹8,000.50`) and as the form shows
/// them back; the listing service keeps paise.
enum RupeeInput {
    /// The largest amount a form takes, as the search form's budgets.
    static let maximumRupees: Int64 = 100_000_000

    /// Paise for `text`, or nil when it is not an amount of rupees with at most two decimals.
    static func paise(_ text: String) -> Int64? {
        let cleaned = text.filter { $0 != "," && $0 != " " && $0 != "₹" }
        let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), let rupees = Int64(parts[0]), rupees <= maximumRupees else {
            return nil
        }
        var paise: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(fraction) else {
                return nil
            }
            paise = fraction.count == 1 ? value * 10 : value
        }
        return rupees * 100 + paise
    }

    /// `8000` or `8000.50`: what the form's input shows for an amount.
    static func text(_ money: Money) -> String {
        let paise = money.minorUnits % 100
        return "\(money.minorUnits / 100)" + (paise == 0 ? "" : "." + (paise < 10 ? "0" : "") + "\(paise)")
    }
}
