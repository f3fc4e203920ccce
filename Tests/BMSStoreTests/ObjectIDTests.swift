import Foundation
import StoreTestSupport
import Testing

@testable import BMSStore

@Suite("Object ids")
struct ObjectIDTests {
    @Test("text form is 24 lowercase hex digits and parses back")
    func textRoundTrip() {
        let id = ObjectID()
        #expect(id.description.count == 24)
        #expect(id.description == id.description.lowercased())
        #expect(ObjectID(id.description) == id)
        #expect(ObjectID(id.description.uppercased()) == id)
    }

    @Test("hex text is two lowercase digits per byte, for every byte value, and reads back")
    func hexDigits() {
        let every = (0...255).map(UInt8.init)
        #expect(Hex.string(every) == every.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined())
        #expect(Hex.bytes(Hex.string(every)) == every)
        #expect(Hex.string([UInt8]()) == "")
        let id = ObjectID()
        #expect(id.description == Hex.string(id.bytes))
    }

    @Test(
        "parsing rejects wrong lengths, non-hex characters and padding",
        arguments: [
            "", "abc", "0123456789abcdef0123456", "0123456789abcdef012345678", "0123456789abcdef0123456g",
            " 123456789abcdef01234567", "0123456789abcdef0123456\n", "ｆ123456789abcdef01234567", "0x23456789abcdef01234567",
        ])
    func rejectsBadText(_ text: String) {
        #expect(ObjectID(text) == nil)
    }

    @Test("ids sort by creation time, and byte order equals id order")
    func timeOrdered() {
        let early = ObjectID(time: Date(timeIntervalSince1970: 1_700_000_000))
        let late = ObjectID(time: Date(timeIntervalSince1970: 1_700_000_001))
        #expect(early < late)
        #expect(early.bytes.lexicographicallyPrecedes(late.bytes))
        #expect(early.timestamp == Date(timeIntervalSince1970: 1_700_000_000))
        let many = (0..<1000).map { _ in ObjectID() }
        #expect(Set(many).count == 1000)
        #expect(many.sorted().map(\.bytes) == many.map(\.bytes).sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test("JSON carries the hex form and rejects anything else")
    func json() throws {
        let id = ObjectID()
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == "[\"\(id)\"]")
        #expect(try JSONDecoder().decode([ObjectID].self, from: data) == [id])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ObjectID].self, from: Data("[\"nope\"]".utf8)) }
    }
}
