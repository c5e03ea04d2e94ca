import Foundation
import Testing

@testable import AttentionPooling

@Suite struct SoftmaxTests {
    @Test func matchesTheFormulaOnSmallScores() throws {
        let scores = [1.0, 2, 3]
        let weights = try #require(try Softmax.weights(scores))
        let total = scores.map(exp).reduce(0, +)
        for (weight, score) in zip(weights, scores) { #expect(abs(weight - exp(score) / total) < 1e-15) }
        #expect(abs(weights.reduce(0, +) - 1) < 1e-15)
    }

    @Test func shiftingEveryScoreChangesNothing() throws {
        let base = try #require(try Softmax.weights([0.5, -1, 2]))
        let shifted = try #require(try Softmax.weights([1000.5, 999, 1002]))
        for (a, b) in zip(base, shifted) { #expect(abs(a - b) < 1e-12) }
    }

    @Test func hugeScoresNeitherOverflowNorGiveNaN() throws {
        #expect(try Softmax.weights([1e308, -1e308]) == [1, 0])
        #expect(try Softmax.weights([1e308, 1e308]) == [0.5, 0.5])
        #expect(try Softmax.weights([-1e308, -1e308, -1e308]) == [1.0 / 3, 1.0 / 3, 1.0 / 3])
        let tiny = try #require(try Softmax.weights([1e308, -1e308], temperature: 1e-300))
        #expect(tiny == [1, 0])
    }

    @Test func minusInfinityMasksAKeyAndAllMaskedIsUndefined() throws {
        #expect(try Softmax.weights([-.infinity, 0, 0]) == [0, 0.5, 0.5])
        #expect(try Softmax.weights([-.infinity, -.infinity]) == nil)
    }

    @Test func aSingleScoreGetsAllTheWeight() throws {
        #expect(try Softmax.weights([-42]) == [1])
        #expect(try Softmax.weights([7], temperature: 1e-9) == [1])
    }

    @Test func smallTemperatureApproachesArgmaxAndSplitsTies() throws {
        #expect(try Softmax.weights([-6, -2, -6], temperature: 1e-3) == [0, 1, 0])
        #expect(try Softmax.weights([-4, -4, -7], temperature: 1e-3) == [0.5, 0.5, 0])
        let sharper = try #require(try Softmax.weights([0, 1], temperature: 0.1))
        let softer = try #require(try Softmax.weights([0, 1], temperature: 1))
        #expect(sharper[1] > softer[1])
    }

    @Test func largeTemperatureApproachesUniform() throws {
        let weights = try #require(try Softmax.weights([-6, -2, -6, 0, -1], temperature: 1e9))
        for weight in weights { #expect(abs(weight - 0.2) < 1e-8) }
    }

    @Test func refusesEmptyNaNPlusInfinityAndBadTemperatures() {
        #expect(throws: AttentionPoolingError.noKeys) { try Softmax.weights([]) }
        #expect(throws: AttentionPoolingError.invalidScore(index: 1, value: .infinity)) {
            try Softmax.weights([0, .infinity])
        }
        #expect(throws: AttentionPoolingError.self) { try Softmax.weights([.nan]) }
        for tau in [0.0, -1, .infinity, .nan] {
            #expect(throws: AttentionPoolingError.self) { try Softmax.weights([1, 2], temperature: tau) }
        }
        #expect(AttentionPoolingError.invalidTemperature(0).description.contains("greater than 0"))
    }
}

/// Chapter 11.1's limit on "no key is cut off": positive weights hold in exact arithmetic, but in `Double` a key more
/// than about 745.13 units behind the best gets weight exactly 0 (exp underflows below the smallest subnormal).
@Test func aKeyAbout745UnitsBehindGetsWeightExactlyZero() throws {
    let near = try #require(try Softmax.weights([0, -745.0]))
    #expect(near[1] > 0)
    let far = try #require(try Softmax.weights([0, -745.2]))
    #expect(far[1] == 0)
    #expect(try Softmax.weights([0, -1000]) == [1, 0])
}
