import BMSCore
import Foundation

/// The words a page shows for an amenity; the API keeps the catalogue's stable names (`power-backup`).
enum AmenityLabel {
    static func text(_ amenity: Amenity) -> String {
        switch amenity {
        case .wifi: "Wi-Fi"
        case .ac: "Air conditioning"
        case .tv: "TV"
        case .cctv: "CCTV"
        default:
            amenity.rawValue.prefix(1).uppercased() + amenity.rawValue.dropFirst().replacingOccurrences(of: "-", with: " ")
        }
    }
}
