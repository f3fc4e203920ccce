/// The answer to a DELETE: `{ "deleted": true }`, in the envelope like every `/api` answer (a 204 would
/// have no body to carry it).
struct DeletedResponse: Encodable, Sendable {
    let deleted = true
}
