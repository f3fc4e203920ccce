import Foundation

/// The one folded form text is compared in (lower-case, accents and width removed): "Zoë" → "zoe",
/// "KORAMANGALA" → "koramangala". Search tokens and queries are both folded with it.
enum TextFolding {
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
    }
}
