import Testing

@testable import AttentionPooling

@Suite struct PlaneGeometryTests {
    @Test func hullOfASquareWithInnerPointsIsItsCornersCounterClockwise() {
        let points = [(0.0, 0.0), (2, 0), (2, 2), (0, 2), (1, 1), (1, 0), (0.5, 1.5)].map { PlanePoint(x: $0.0, y: $0.1) }
        #expect(PlaneGeometry.convexHull(points) == [(0.0, 0.0), (2, 0), (2, 2), (0, 2)].map { PlanePoint(x: $0.0, y: $0.1) })
    }

    @Test func hullContainsItsInsideAndEdgesButNotTheOutside() {
        let hull = PlaneGeometry.convexHull([(0.0, 0.0), (2, 0), (0, 2)].map { PlanePoint(x: $0.0, y: $0.1) })
        #expect(PlaneGeometry.hullContains(hull, PlanePoint(x: 0.5, y: 0.5)))
        #expect(PlaneGeometry.hullContains(hull, PlanePoint(x: 1, y: 1)))  // on the hypotenuse
        #expect(!PlaneGeometry.hullContains(hull, PlanePoint(x: 1.1, y: 1)))
        #expect(!PlaneGeometry.hullContains(hull, PlanePoint(x: -0.1, y: 0.5)))
    }

    @Test func degenerateHullsArePointsAndSegments() {
        let segment = PlaneGeometry.convexHull([(0.0, 0.0), (1, 1), (2, 2), (1, 1)].map { PlanePoint(x: $0.0, y: $0.1) })
        #expect(segment == [PlanePoint(x: 0, y: 0), PlanePoint(x: 2, y: 2)])
        #expect(PlaneGeometry.hullContains(segment, PlanePoint(x: 1.5, y: 1.5)))
        #expect(!PlaneGeometry.hullContains(segment, PlanePoint(x: 1.5, y: 1.4)))
        #expect(PlaneGeometry.hullContains([PlanePoint(x: 3, y: 4)], PlanePoint(x: 3, y: 4)))
    }

    @Test func coneIsTheSectorBetweenTheGenerators() {
        let generators = [PlanePoint(x: 1, y: 0), PlanePoint(x: 1, y: 1)]
        #expect(PlaneGeometry.coneContains(generators: generators, PlanePoint(x: 5, y: 2)))
        #expect(PlaneGeometry.coneContains(generators: generators, PlanePoint(x: 3, y: 3)))  // on a ray
        #expect(PlaneGeometry.coneContains(generators: generators, PlanePoint(x: 0, y: 0)))
        #expect(!PlaneGeometry.coneContains(generators: generators, PlanePoint(x: 1, y: 2)))
        #expect(!PlaneGeometry.coneContains(generators: generators, PlanePoint(x: -1, y: 0)))
        #expect(!PlaneGeometry.coneContains(generators: [PlanePoint(x: 1, y: 1)], PlanePoint(x: -1, y: -1)))
    }
}
