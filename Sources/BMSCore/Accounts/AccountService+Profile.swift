import BMSStore
import Foundation

extension AccountService {
    /// Changes the allowed profile fields of `id`. The user themselves or an admin may; `role` and
    /// `isVerified` only an admin (a non-admin sending either gets `.forbidden`), and an admin cannot
    /// change their own role (the last admin could lock everyone out). A change by an admin to someone
    /// else is written to the audit log with the fields that changed.
    public func updateProfile(_ id: UserID, _ changes: ProfileChanges, by actor: User) async throws -> User {
        let now = now()
        return try await store.write { [self] txn in
            let actor = try currentActor(txn, actor)
            let isAdmin = actor.role == .admin
            guard actor.id == id || isAdmin else { throw AccountError.forbidden }
            guard isAdmin || (changes.role == nil && changes.isVerified == nil) else { throw AccountError.forbidden }
            guard var user = try users.get(txn, id) else { throw AccountError.notFound }

            var errors = FieldErrors()
            let firstName = changes.firstName.flatMap { errors.check("firstName", ProfileRules.name($0)) }
            let lastName = changes.lastName.flatMap { errors.check("lastName", ProfileRules.name($0)) }
            let phoneNumber = changes.phoneNumber.flatMap { errors.check("phoneNumber", ProfileRules.phoneNumber($0)) }
            let role = changes.role.flatMap { errors.check("role", ProfileRules.role($0, allowed: Set(Role.allCases))) }
            if let role, role != user.role, actor.id == id {
                errors.note("role", "admins cannot change their own role")
            }
            guard errors.problems.isEmpty else { throw AccountError.validation(errors.problems) }

            var changed: [String: String] = [:]
            func apply<T: Equatable>(_ field: String, _ keyPath: WritableKeyPath<User, T>, _ value: T?) {
                guard let value, user[keyPath: keyPath] != value else { return }
                changed[field] = "\(user[keyPath: keyPath]) → \(value)"
                user[keyPath: keyPath] = value
            }
            apply("firstName", \.firstName, firstName)
            apply("lastName", \.lastName, lastName)
            apply("phoneNumber", \.phoneNumber, phoneNumber)
            apply("role", \.role, role)
            apply("isVerified", \.isVerified, changes.isVerified)
            guard !changed.isEmpty else { return user }

            user.updatedAt = now
            try users.update(txn, user)
            try audit(txn, actor: actor, action: "user.update", target: user, changes: changed, now: now)
            return user
        }
    }

    /// Suspends or reinstates a user. Suspension ends every session at once. Admins only; an admin
    /// cannot suspend themselves. Written to the audit log.
    public func setSuspended(_ id: UserID, _ suspended: Bool, by admin: User) async throws -> User {
        let now = now()
        return try await store.write { [self] txn in
            let admin = try currentAdmin(txn, admin)
            guard var user = try users.get(txn, id) else { throw AccountError.notFound }
            guard !(suspended && admin.id == id) else {
                throw AccountError.validation(["isSuspended": "admins cannot suspend their own account"])
            }
            guard user.isSuspended != suspended else { return user }
            user.isSuspended = suspended
            user.updatedAt = now
            try users.update(txn, user)
            if suspended { try sessions.revokeAll(txn, user: id) }
            try audit(
                txn, actor: admin, action: suspended ? "user.suspend" : "user.unsuspend", target: user,
                changes: ["isSuspended": "\(!suspended) → \(suspended)"], now: now
            )
            return user
        }
    }
}
