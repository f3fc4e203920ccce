import BMSStore
import Foundation
import StoreTestSupport
import Testing

@testable import BMSCore

@Suite("Mailboxes under the integrity check")
struct MailboxCheckTests {
    @Test("bms check reads every notification: clean when each is under its own recipient and id, named when not")
    func checkFindsMisplacedAndUnreadableNotifications() async throws {
        let directory = TemporaryDirectory()
        let store = try Store.open(at: directory.path, options: StoreOptions(initialMapSize: 1 << 20), schema: BookMySleepSchema.current)
        defer { store.close() }
        let (asha, ravi) = (UserID(ObjectID()), UserID(ObjectID()))
        let notifications = try Notifications(store: store)
        let posted = Notification(
            id: ObjectID(), recipient: asha, kind: .bookingRequest, title: "New booking request", body: "1 night(s)", link: nil,
            createdAt: Date(timeIntervalSince1970: 1_790_000_000), readAt: nil)
        try await store.write { txn in try notifications.post(txn, posted) }
        let clean = try store.check()
        #expect(clean.isClean && clean.recordsChecked == 1, "\(clean.problems)")

        let raw = try store.table(Notifications.tableName, key: BytesCodec.self, value: BytesCodec.self)
        let misplaced = MailboxKeyCodec.encode(MailboxKey(recipient: ravi, id: posted.id))
        let unreadable = MailboxKeyCodec.encode(MailboxKey(recipient: ravi, id: ObjectID()))
        try await store.write { txn in
            try raw.put(txn, misplaced, NotificationCodec.encode(posted))
            try raw.put(txn, unreadable, [0x7F, 1, 2])
        }
        let broken = try store.check()
        #expect(broken.recordsChecked == 3)
        #expect(broken.problems.count == 2, "\(broken.problems)")
        #expect(broken.problems.contains { $0.contains(Hex.string(misplaced)) && $0.contains("holds notification \(posted.id) for \(asha)") })
        #expect(broken.problems.contains { $0.contains(Hex.string(unreadable)) && $0.contains("cannot be decoded") })
        #expect(try notifications.list(for: asha, limit: 10) == [posted])
    }
}
