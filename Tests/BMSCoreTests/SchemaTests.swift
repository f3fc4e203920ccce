import BMSCore
import BMSStore
import StoreTestSupport
import Testing

@Suite("The data file's schema")
struct SchemaTests {
    @Test("a new data file opens with the current schema and checks clean")
    func opensClean() throws {
        let directory = TemporaryDirectory()
        let store = try Store.open(at: directory.path, options: StoreOptions(initialMapSize: 1 << 20), schema: BookMySleepSchema.current)
        defer { store.close() }
        #expect(try store.check().isClean)
    }
}
