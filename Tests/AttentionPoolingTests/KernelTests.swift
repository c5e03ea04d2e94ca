import Foundation
import Testing

@testable import AttentionPooling

@Suite struct KernelTests {
    @Test func gaussianMatchesItsFormula() {
        for r in [0.0, 0.3, 1, 2.5, 7] {
            #expect(abs(Kernel.gaussian.weight(scaledDistance: r) - exp(-r * r / 2)) < 1e-15)
            #expect(Kernel.gaussian.logWeight(scaledDistance: r) == -r * r / 2)
        }
    }

    @Test func boxcarIncludesItsEdgeAndNothingBeyond() {
        #expect(Kernel.boxcar.weight(scaledDistance: 0) == 1)
        #expect(Kernel.boxcar.weight(scaledDistance: 1) == 1)
        #expect(Kernel.boxcar.weight(scaledDistance: 1.0.nextUp) == 0)
        #expect(Kernel.boxcar.logWeight(scaledDistance: 1) == 0)
        #expect(Kernel.boxcar.logWeight(scaledDistance: 1.0.nextUp) == -.infinity)
    }

    @Test func epanechikovFallsLinearlyToZeroAtOne() {
        #expect(Kernel.epanechikov.weight(scaledDistance: 0) == 1)
        #expect(Kernel.epanechikov.weight(scaledDistance: 0.25) == 0.75)
        #expect(Kernel.epanechikov.weight(scaledDistance: 1) == 0)
        #expect(Kernel.epanechikov.weight(scaledDistance: 3) == 0)
        #expect(Kernel.epanechikov.logWeight(scaledDistance: 1) == -.infinity)
        #expect(abs(Kernel.epanechikov.logWeight(scaledDistance: 0.25) - log(0.75)) < 1e-15)
    }

    @Test func constantIsOneEverywhere() {
        for r in [0.0, 1, 1e300] {
            #expect(Kernel.constant.weight(scaledDistance: r) == 1)
            #expect(Kernel.constant.logWeight(scaledDistance: r) == 0)
        }
    }

    @Test(arguments: Kernel.allCases)
    func logWeightIsTheLogarithmOfWeight(kernel: Kernel) {
        for r in stride(from: 0.0, through: 3, by: 0.05) {
            let weight = kernel.weight(scaledDistance: r)
            let logWeight = kernel.logWeight(scaledDistance: r)
            if weight == 0 {
                #expect(logWeight == -.infinity)
            } else {
                #expect(abs(exp(logWeight) - weight) <= 1e-15)
            }
            #expect((0...1).contains(weight))
        }
    }

    @Test(arguments: Kernel.allCases)
    func nanDistanceGivesNaNNotAWeight(kernel: Kernel) {
        #expect(kernel.weight(scaledDistance: .nan).isNaN)
        #expect(kernel.logWeight(scaledDistance: .nan).isNaN)
    }
}

@Suite struct DistanceTests {
    @Test func oneDimensionIsAbsoluteDifferenceOverWidth() {
        #expect(Distance.euclidean.scaled([3], [1], width: .scalar(0.5)) == 4)
        #expect(Distance.minkowski(p: 1).scaled([-1], [1], width: .scalar(2)) == 1)
    }

    @Test func euclideanIsThreeFourFive() {
        #expect(Distance.euclidean.scaled([0, 0], [3, 4], width: .scalar(1)) == 5)
        #expect(Distance.minkowski(p: 2).scaled([0, 0], [3, 4], width: .scalar(1)) == 5)
    }

    @Test func minkowskiManhattanAndMaximum() {
        #expect(Distance.minkowski(p: 1).scaled([0, 0], [3, -4], width: .scalar(1)) == 7)
        #expect(Distance.minkowski(p: .infinity).scaled([0, 0], [3, -4], width: .scalar(1)) == 4)
        let p3 = Distance.minkowski(p: 3).scaled([0, 0], [1, 2], width: .scalar(1))
        #expect(abs(p3 - pow(9, 1.0 / 3)) < 1e-14)
    }

    @Test(arguments: [Distance.euclidean, .minkowski(p: 1), .minkowski(p: 3), .minkowski(p: .infinity)])
    func similarityIsSymmetricInQueryAndKey(distance: Distance) {
        var generator = SeededGenerator(seed: 4)
        for _ in 0..<50 {
            let q = [generator.standardNormal(), generator.standardNormal(), generator.standardNormal()]
            let k = [generator.standardNormal(), generator.standardNormal(), generator.standardNormal()]
            let width = Width.perCoordinate([0.5, 1, 2])
            let forward = distance.scaled(q, k, width: width)
            #expect(forward == distance.scaled(k, q, width: width))
            for kernel in Kernel.allCases {
                #expect(kernel.weight(scaledDistance: forward) == kernel.weight(scaledDistance: distance.scaled(k, q, width: width)))
            }
        }
    }

    @Test func perCoordinateWidthScalesEachAxis() {
        let r = Distance.euclidean.scaled([0, 0], [3, 8], width: .perCoordinate([1, 2]))
        #expect(r == 5)
    }
}
