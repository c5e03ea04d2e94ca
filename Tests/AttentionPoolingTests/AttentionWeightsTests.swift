import Testing

@testable import AttentionPooling

@Suite struct AttentionWeightsTests {
    let values: [[Double]] = [[1, 0.5], [3, 1], [4, 3], [2, 3.5], [1.5, 2]]

    @Test func oneHotWeightsReproduceTheValue() throws {
        for j in values.indices {
            let weights = try AttentionWeights.oneHot(at: j, count: values.count)
            #expect(weights.reduce(0, +) == 1 && weights[j] == 1)
            #expect(try AttentionWeights.pool(weights: weights, values: values) == values[j])
        }
    }

    @Test func uniformWeightsGiveTheMean() throws {
        let weights = try AttentionWeights.uniform(count: values.count)
        let output = try AttentionWeights.pool(weights: weights, values: values)
        #expect(abs(output[0] - 2.3) < 1e-12 && abs(output[1] - 2) < 1e-12)
        #expect(AttentionWeights.isConvexCombination(weights))
    }

    @Test func convexWeightsKeepTheOutputInTheHullAndSumToOne() throws {
        let hull = PlaneGeometry.convexHull(values.map { PlanePoint(x: $0[0], y: $0[1]) })
        for shift in stride(from: -3.0, through: 3, by: 0.5) {
            let scores = values.indices.map { -Double($0) * shift + Double($0 % 2) }
            let weights = try #require(try Softmax.weights(scores))
            #expect(AttentionWeights.isConvexCombination(weights))
            let output = try AttentionWeights.pool(weights: weights, values: values)
            #expect(PlaneGeometry.hullContains(hull, PlanePoint(x: output[0], y: output[1])))
        }
    }

    @Test func nonnegativeWeightsCanLeaveTheHullButNotTheCone() throws {
        let points = values.map { PlanePoint(x: $0[0], y: $0[1]) }
        let weights = [0.9, 0.8, 0.7, 0.6, 0.5]  // sum 3.5: not a convex combination
        #expect(AttentionWeights.isNonnegative(weights) && !AttentionWeights.isConvexCombination(weights))
        let output = try AttentionWeights.pool(weights: weights, values: values)
        let point = PlanePoint(x: output[0], y: output[1])
        #expect(!PlaneGeometry.hullContains(PlaneGeometry.convexHull(points), point))
        #expect(PlaneGeometry.coneContains(generators: points, point))
        let negative = try AttentionWeights.pool(weights: [-1, 0, 0, 0, 0], values: values)
        #expect(!PlaneGeometry.coneContains(generators: points, PlanePoint(x: negative[0], y: negative[1])))
    }

    @Test func argmaxAndTopKBreakTiesByDatabaseOrder() throws {
        #expect(try AttentionWeights.argmax([-6, -2, -6]) == [0, 1, 0])
        #expect(try AttentionWeights.argmax([-4, -7, -4]) == [1, 0, 0])
        #expect(try AttentionWeights.topK([-6, -6, -6, -6, -2], k: 2) == [0.5, 0, 0, 0, 0.5])
        #expect(try AttentionWeights.topK([3, 1, 2], k: 3) == [1.0 / 3, 1.0 / 3, 1.0 / 3])
    }

    @Test func refusesBadInput() {
        #expect(throws: AttentionPoolingError.noKeys) { try AttentionWeights.argmax([]) }
        #expect(throws: AttentionPoolingError.invalidK(k: 4, count: 3)) { try AttentionWeights.topK([1, 2, 3], k: 4) }
        #expect(throws: AttentionPoolingError.invalidK(k: 0, count: 3)) { try AttentionWeights.topK([1, 2, 3], k: 0) }
        #expect(throws: AttentionPoolingError.nonFinite(role: "score", index: 1)) {
            try AttentionWeights.argmax([1, .nan])
        }
        #expect(throws: AttentionPoolingError.indexOutOfRange(index: 3, count: 3)) {
            try AttentionWeights.oneHot(at: 3, count: 3)
        }
        #expect(throws: AttentionPoolingError.noKeys) { try AttentionWeights.uniform(count: 0) }
        #expect(throws: AttentionPoolingError.countMismatch(weights: 1, values: 2)) {
            try AttentionWeights.pool(weights: [1], values: [[1], [2]])
        }
        #expect(throws: AttentionPoolingError.dimensionMismatch(role: "value", index: 1, expected: 2, found: 1)) {
            try AttentionWeights.pool(weights: [1, 1], values: [[1, 2], [2]])
        }
    }
}
