import Foundation

/// The one folded form text is compared in (lower-case, accents and width removed): "Zoë" → "zoe",
/// "KORAMANGALA" → "koramangala". Search tokens and queries are both folded with it.
enum TextFolding {
    static func fold(_ text: String) -> String {
        // ASCII has no accents and no width forms, so folding it is lower-casing it — without the trip
        // through NSString that was a fifth of reading a search query.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
    }
}
