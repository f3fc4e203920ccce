import Foundation
import StoreTestSupport
import Testing

@testable import BMSStore

@Suite("Record coding")
struct RecordCodingTests {
    @Test("every field type round-trips")
    func roundTrip() throws {
        var writer = RecordWriter()
        let id = ObjectID()
        let when = Date(timeIntervalSince1970: 1_764_000_000.123456)
        writer.write(UInt8(7))
        writer.write(true)
        writer.write(Int64.min)
        writer.write(-42)
        writer.write(UInt64.max)
        writer.write(-0.5)
        writer.write(when)
        writer.write(id)
        writer.write("Koramangala – ₹ 9,500")
        writer.write([UInt8](repeating: 9, count: 300))
        writer.write(["wifi", "", "ac"])
        writer.write([id, id])
        writer.writeOptional(nil as String?) { $0.write($1) }
        writer.writeOptional("x") { $0.write($1) }
        let bytes = writer.bytes
        try bytes.withUnsafeBytes { buffer throws in
            var reader = RecordReader(buffer)
            #expect(try reader.readUInt8() == 7)
            #expect(try reader.readBool())
            #expect(try reader.readInt64() == .min)
            #expect(try reader.readInt() == -42)
            #expect(try reader.readUInt64() == .max)
            #expect(try reader.readDouble() == -0.5)
            #expect(abs(try reader.readDate().timeIntervalSince(when)) < 0.000_001)
            #expect(try reader.readObjectID() == id)
            #expect(try reader.readString() == "Koramangala – ₹ 9,500")
            #expect(try reader.readBytes() == [UInt8](repeating: 9, count: 300))
            #expect(try reader.readStrings() == ["wifi", "", "ac"])
            #expect(try reader.readObjectIDs() == [id, id])
            #expect(try reader.readOptional { try $0.readString() } == nil)
            #expect(try reader.readOptional { try $0.readString() } == "x")
            let atEnd = reader.isAtEnd
            #expect(atEnd)
        }
    }

    @Test("every truncation of a record is refused with an error, never a crash")
    func truncationIsRefused() throws {
        var writer = RecordWriter()
        Person(email: "a@b.in", city: "Pune", age: 3, tags: ["wifi", "ac"]).encode(to: &writer)
        let bytes = writer.bytes
        for length in 0..<bytes.count {
            Array(bytes.prefix(length)).withUnsafeBytes { buffer in
                var reader = RecordReader(buffer)
                #expect(throws: (any Error).self) { try Person(from: &reader) }
            }
        }
    }

    @Test("a record of an unknown format version is refused, naming its collection")
    func unknownFormat() {
        [UInt8(2)].withUnsafeBytes { buffer in
            var reader = RecordReader(buffer)
            #expect(throws: StoreError.corrupt(table: "people", reason: "unknown record format 2, expected 1")) {
                try reader.expectFormat(1, of: "people")
            }
        }
    }

    @Test("a huge length prefix is refused without allocating")
    func hugeLength() {
        [0xFF, 0xFF, 0xFF, 0xFF, 0x0F].withUnsafeBytes { buffer in
            var reader = RecordReader(buffer)
            #expect(throws: StoreError.self) { try reader.readString() }
        }
    }
}
