import BMSStore
import Foundation
import Testing

@testable import BMSCore

@Suite("Listing photos: type by bytes, size, count, order, sharing")
struct ImageTests {
    @Test func photosAreCheckedCountedOrderedAndShared() async throws {
        let fixture = try ListingsFixture()
        let owner = try await fixture.user()
        let property = try await fixture.listings.createProperty(ListingsFixture.form(), by: owner)
        let target = ImageOwner.property(property.id)

        #expect(await listingError { _ = try await fixture.listings.addImages([Array("<html>".utf8)], to: target, by: owner) } == .unsupportedImage)
        let huge = TestImages.jpeg(0) + [UInt8](repeating: 0, count: ListingService.imageByteLimit)
        #expect(
            await listingError { _ = try await fixture.listings.addImages([huge], to: target, by: owner) }
                == .imageTooLarge(limit: ListingService.imageByteLimit))
        #expect(fields(await listingError { _ = try await fixture.listings.addImages([], to: target, by: owner) }) == ["images"])

        let three = try await fixture.listings.addImages([TestImages.png(1), TestImages.jpeg(2), TestImages.png(1)], to: target, by: owner)
        #expect(three.count == 2)
        let reordered = try await fixture.listings.reorderImages(three.reversed(), of: target, by: owner)
        #expect(reordered == three.reversed())
        #expect(fields(await listingError { _ = try await fixture.listings.reorderImages([three[0]], of: target, by: owner) }) == ["order"])

        let remaining = try await fixture.listings.removeImage(three[0], from: target, by: owner)
        #expect(remaining == [three[1]])
        #expect(await listingError { _ = try await fixture.listings.removeImage(three[0], from: target, by: owner) } == .notFound)
        #expect(try fixture.accounts.media.image(three[0]) == nil)

        let many = (10..<29).map { TestImages.png(UInt8($0)) }
        let full = try await fixture.listings.addImages(many, to: target, by: owner)
        #expect(full.count == ListingService.imageLimit)
        #expect(
            await listingError { _ = try await fixture.listings.addImages([TestImages.png(99)], to: target, by: owner) } == .tooManyImages(limit: 20))
        #expect(try fixture.listings.property(property.id, viewer: owner)?.property.images.count == 20)
        try fixture.expectClean()
    }
}
