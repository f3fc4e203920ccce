import BMSCore

/// Money as Indian readers write it: `₹1,23,456` (the last three digits, then groups of two), with
/// paise only when there are any (`₹1,234.50`). Amounts are kept in minor units everywhere else.
enum RupeeText {
    static func format(_ money: Money) -> String {
        let negative = money.minorUnits < 0
        let units = money.minorUnits.magnitude
        let rupees = String(units / 100)
        let paise = units % 100
        var grouped = String(rupees.suffix(3))
        var rest = rupees.dropLast(3)
        while !rest.isEmpty {
            grouped = String(rest.suffix(2)) + "," + grouped
            rest = rest.dropLast(2)
        }
        let fraction = paise == 0 ? "" : "." + (paise < 10 ? "0" : "") + String(paise)
        return (negative ? "−" : "") + "₹" + grouped + fraction
    }
}
