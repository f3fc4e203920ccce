import Dispatch
import HummingbirdBcrypt

/// bcrypt, run off Swift's cooperative thread pool: one hash takes a quarter of a second at cost 12,
/// and running it on the pool would stall every other task on that thread meanwhile.
struct PasswordHasher: Sendable {
    let cost: UInt8
    /// A hash of a random password at the same cost: logins for unknown e-mails verify against it, so
    /// they take as long as logins with a wrong password and do not reveal which e-mails have accounts.
    let dummyHash: String

    init(cost: Int) {
        self.cost = UInt8(cost)
        dummyHash = Bcrypt.hash(SecretToken().text, cost: UInt8(cost))
    }

    func hash(_ password: String) async -> String {
        let cost = cost
        return await Self.offPool { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async -> Bool {
        await Self.offPool { Bcrypt.verify(password, hash: hash) }
    }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
