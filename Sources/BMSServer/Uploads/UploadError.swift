/// Why an upload's body could not be read, before its content is looked at.
enum UploadError: Error, Sendable, Equatable {
    /// The request is not `multipart/form-data` with a boundary.
    case notMultipart
    /// The body does not follow the multipart syntax.
    case malformed
}
