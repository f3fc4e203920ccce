/// Everything the listings domain refuses, as typed cases. The HTTP layer maps them to status codes and
/// the error envelope in one place; the comments give the intended status.
public enum ListingError: Error, Sendable, Equatable {
    /// 422: field (or query parameter) → message, naming every bad one at once.
    case validation([String: String])
    /// 404: no such property or room, or one the caller may not see.
    case notFound
    /// 403: not the owner nor an admin, or not an owner at all.
    case forbidden
    /// 409, field "roomNumber": another active room of the property has this number.
    case roomNumberTaken
    /// 409: deleting something that current or future bookings still hold; the message says which.
    case stillBooked(String)
    /// 422, field "images": more than `limit` images.
    case tooManyImages(limit: Int)
    /// 422, field "images": the bytes are not a JPEG, PNG or WebP image.
    case unsupportedImage
    /// 413.
    case imageTooLarge(limit: Int)
}
