import Foundation
import StoreTestSupport
import Testing

@testable import BMSStore

@Suite("Tuple keys")
struct TupleEncodingTests {
    @Test("byte order of encoded tuples equals tuple order, over random tuples")
    func byteOrderEqualsTupleOrder() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("tuple order seed: \(seed)")
        var random = SeededGenerator(seed: seed)
        let tuples = (0..<3000).map { _ in randomTuple(&random) }
        for _ in 0..<20_000 {
            let a = tuples.randomElement(using: &random)!
            let b = tuples.randomElement(using: &random)!
            let bytesOrder = a.encoded.lexicographicallyPrecedes(b.encoded)
            #expect(bytesOrder == (a < b), "seed \(seed): \(a) vs \(b)")
            #expect((a.encoded == b.encoded) == (!(a < b) && !(b < a)), "seed \(seed): \(a) vs \(b)")
        }
        let sortedByBytes = tuples.sorted { $0.encoded.lexicographicallyPrecedes($1.encoded) }
        let sortedByValue = tuples.sorted()
        let firstDifference = Array(zip(sortedByBytes, sortedByValue)).firstIndex { $0.encoded != $1.encoded }
        #expect(firstDifference == nil, "seed \(seed): orders differ at \(firstDifference ?? -1)")
    }

    @Test("every tuple decodes to itself")
    func roundTrip() throws {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let tuple = randomTuple(&random)
            let decoded = try Tuple(decoding: tuple.encoded)
            #expect(decoded.encoded == tuple.encoded)
        }
    }

    @Test("a prefix tuple sorts before its extensions and bounds their range")
    func prefixesBoundTheirExtensions() {
        let city: Tuple = [.string("Pune")]
        let inside: Tuple = [.string("Pune"), .int(-5), .id(ObjectID())]
        let outside: Tuple = [.string("Pune\u{0}"), .int(1)]
        #expect(city < inside)
        #expect(inside.encoded.starts(with: city.encoded))
        #expect(outside.encoded.starts(with: city.encoded), "a byte prefix, yet another city")
        let range = KeyRange.prefix(city)
        inside.encoded.withUnsafeBytes { #expect(range.admitsAbove($0) && range.admitsBelow($0)) }
        outside.encoded.withUnsafeBytes { #expect(!range.admitsBelow($0)) }
        let between = KeyRange.between([.string("Pune"), .int(1)], [.string("Pune"), .int(5)])
        Tuple([.string("Pune"), .int(5), .id(ObjectID())]).encoded.withUnsafeBytes { #expect(between.admitsBelow($0)) }
        Tuple([.string("Pune"), .int(6)]).encoded.withUnsafeBytes { #expect(!between.admitsBelow($0)) }
        Tuple([.string("Pune"), .int(0), .id(ObjectID())]).encoded.withUnsafeBytes { #expect(!between.admitsAbove($0)) }
    }

    @Test("integers of both signs, doubles and dates sort numerically")
    func numbersSortNumerically() {
        let ints: [Int64] = [.min, -1_000_000, -256, -1, 0, 1, 255, 256, 1 << 40, .max]
        for (a, b) in zip(ints, ints.dropFirst()) {
            #expect(Tuple([.int(a)]).encoded.lexicographicallyPrecedes(Tuple([.int(b)]).encoded))
        }
        let doubles: [Double] = [-.infinity, -1e300, -2.5, -0.0, 0.0, 1e-300, 3.25, .infinity]
        for (a, b) in zip(doubles, doubles.dropFirst()) {
            #expect(Tuple([.double(a)]).encoded.lexicographicallyPrecedes(Tuple([.double(b)]).encoded))
        }
        let early = Date(timeIntervalSince1970: -86_400)
        let late = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(Tuple([.date(early)]).encoded.lexicographicallyPrecedes(Tuple([.date(late)]).encoded))
    }

    @Test("truncated or unknown bytes are refused, not misread")
    func badBytesAreRefused() {
        #expect(throws: TupleDecodingError.self) { try Tuple(decoding: [0x14, 0x80]) }
        #expect(throws: TupleDecodingError.self) { try Tuple(decoding: [0x02, 0x61]) }
        #expect(throws: TupleDecodingError.self) { try Tuple(decoding: [0x99]) }
        #expect(throws: TupleDecodingError.self) { try Tuple(decoding: [0x30, 1, 2, 3]) }
    }
}

private func randomTuple(_ random: inout SeededGenerator) -> Tuple {
    let count = Int.random(in: 0...4, using: &random)
    return Tuple((0..<count).map { _ in randomElement(&random) })
}

private func randomElement(_ random: inout SeededGenerator) -> TupleElement {
    // Small alphabets make equal prefixes (and thus deep comparisons) common.
    let alphabet: [Character] = ["a", "b", "\u{0}", "é", "z", "\u{FF}"]
    switch Int.random(in: 0..<7, using: &random) {
    case 0: return .bytes((0..<Int.random(in: 0...3, using: &random)).map { _ in [0, 1, 0xFF].randomElement(using: &random)! })
    case 1: return .string(String((0..<Int.random(in: 0...3, using: &random)).map { _ in alphabet.randomElement(using: &random)! }))
    case 2:
        let choices: [Int64] = [.min, -70_000, -1, 0, 1, 255, 256, 70_000, .max, Int64.random(in: -1000...1000, using: &random)]
        return .int(choices.randomElement(using: &random)!)
    case 3:
        let choices: [Double] = [-.infinity, -1.5, -0.0, 0.0, 1e-10, 2.5, .infinity, Double.random(in: -10...10, using: &random)]
        return .double(choices.randomElement(using: &random)!)
    case 4: return .bool(Bool.random(using: &random))
    case 5: return .id(ObjectID(bytes: (0..<12).map { _ in UInt8.random(in: 0...2, using: &random) })!)
    default: return .date(Date(timeIntervalSince1970: Double(Int64.random(in: -100...100, using: &random)) * 1.5))
    }
}
