import BMSCore

/// Money as people in India read it: ₹ and Indian digit grouping (₹1,23,456.50), paise shown only when
/// there are any.
enum MoneyText {
    static func rupees(_ money: Money) -> String {
        let minor = money.minorUnits
        let sign = minor < 0 ? "−" : ""
        let rupees = abs(minor) / 100
        let paise = abs(minor) % 100
        let digits = String(rupees)
        var grouped = String(digits.suffix(3))
        var rest = digits.dropLast(3)
        while !rest.isEmpty {
            grouped = rest.suffix(2) + "," + grouped
            rest = rest.dropLast(2)
        }
        return sign + "₹" + grouped + (paise == 0 ? "" : "." + (paise < 10 ? "0" : "") + String(paise))
    }
}
