import BMSStore
import Foundation
import StoreTestSupport

// Usage: store-crash-writer DATA_DIR
//
// Writes people with 16 concurrent writers until killed, and prints each id on its own line only after
// its write is durable. The crash-safety test kills this process with SIGKILL and then checks that every
// printed id is in the reopened store.
guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: store-crash-writer DATA_DIR\n".utf8))
    exit(2)
}
let store = try Store.open(at: CommandLine.arguments[1], options: StoreOptions(initialMapSize: 1 << 20), schema: peopleSchema)
let people = try RecordCollection<Person>(in: store)
let printer = NSLock()
// Runs may follow each other on the same data: e-mails must stay unique across them.
let run = UUID().uuidString.prefix(8)

try await withThrowingTaskGroup(of: Void.self) { group in
    for writer in 0..<16 {
        group.addTask {
            var number = 0
            while true {
                number += 1
                let person = Person(
                    email: "w\(writer)-\(number)-\(run)@crash.test", city: ["Pune", "Delhi"][number % 2], age: number % 90,
                    tags: number % 3 == 0 ? ["wifi", "ac"] : ["meals"])
                try await store.write { txn in try people.insert(txn, person) }
                // One unbuffered write per line: what was printed has left the process before a kill.
                printer.withLock { FileHandle.standardOutput.write(Data("\(person.id)\n".utf8)) }
            }
        }
    }
    try await group.waitForAll()
}
