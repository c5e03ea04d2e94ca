import Foundation
import Testing

@testable import AttentionPooling

@Suite struct StringDatabaseTests {
    let database = StringDatabase.lecture

    @Test func exactQueryFindsLisa() throws {
        #expect(try database.weights(for: "Schulz", rule: .exact) == [0, 0, 0, 0, 1, 0])
    }

    @Test func withSchulzRemovedThereIsNoExactAnswer() throws {
        let smaller = try database.removing(key: "Schulz")
        #expect(smaller.keys == ["Schumacher", "Schneider", "Fischer", "Weber", "Schuler"])
        #expect(try smaller.weights(for: "Schulz", rule: .exact) == nil)
    }

    @Test func approximateQueryRetrievesSchulerTim() throws {
        let smaller = try database.removing(key: "Schulz")
        #expect(smaller.scores(for: "Schulz") == [-6, -6, -6, -6, -2])
        let weights = try #require(try smaller.weights(for: "Schulz", rule: .nearest))
        #expect(weights == [0, 0, 0, 0, 1])
        let distribution = try smaller.valueDistribution(weights)
        #expect(smaller.distinctValues[distribution.firstIndex(of: 1) ?? -1] == "Tim")
    }

    @Test func topKReturnsTheKMostSimilarWithTiesInDatabaseOrder() throws {
        let smaller = try database.removing(key: "Schulz")
        #expect(try smaller.weights(for: "Schulz", rule: .topK(2)) == [0.5, 0, 0, 0, 0.5])
        #expect(try smaller.weights(for: "Fisher", rule: .topK(2)) == [0, 0, 0.5, 0.5, 0])  // Fischer 1, Weber 4
        #expect(throws: AttentionPoolingError.invalidK(k: 6, count: 5)) {
            try smaller.weights(for: "Schulz", rule: .topK(6))
        }
    }

    @Test func softmaxBlendsFromNearestToUniform() throws {
        let smaller = try database.removing(key: "Schulz")
        let sharp = try #require(try smaller.weights(for: "Schulz", rule: .softmax(temperature: 0.01)))
        #expect(abs(sharp[4] - 1) < 1e-12)
        let flat = try #require(try smaller.weights(for: "Schulz", rule: .softmax(temperature: 1e6)))
        for weight in flat { #expect(abs(weight - 0.2) < 1e-5) }
        let one = try #require(try smaller.weights(for: "Schulz", rule: .softmax(temperature: 1)))
        #expect(abs(one[4] - 1 / (1 + 4 * exp(-4.0))) < 1e-12)
        #expect(throws: AttentionPoolingError.invalidTemperature(0)) {
            try smaller.weights(for: "Schulz", rule: .softmax(temperature: 0))
        }
    }

    @Test func sharedValuesAddUpInTheDistribution() throws {
        let twins = try StringDatabase([(key: "A", value: "x"), (key: "B", value: "y"), (key: "C", value: "x")])
        #expect(twins.distinctValues == ["x", "y"])
        #expect(try twins.valueDistribution([0.25, 0.5, 0.25]) == [0.5, 0.5])
        #expect(throws: AttentionPoolingError.countMismatch(weights: 1, values: 3)) { try twins.valueDistribution([1]) }
    }

    @Test func refusesEmptyDuplicateAndUnknownKeys() throws {
        #expect(throws: LookupError.empty) { try StringDatabase([]) }
        #expect(throws: LookupError.duplicateKey("A")) { try StringDatabase([(key: "A", value: "x"), (key: "A", value: "y")]) }
        #expect(throws: LookupError.unknownKey("Meyer")) { try database.removing(key: "Meyer") }
        #expect(throws: LookupError.empty) { try StringDatabase([(key: "A", value: "x")]).removing(key: "A") }
    }
}
