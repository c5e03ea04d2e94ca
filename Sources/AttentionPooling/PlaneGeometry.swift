/// A point (or vector) of the plane.
public struct PlanePoint: Sendable, Equatable {
    public var x: Double
    public var y: Double

    /// The point (x, y).
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// The two regions where attention pooling's output can land in the plane: the convex hull of the values (for
/// convex weights) and their convex cone (for nonnegative weights). Used to check the outputs independently of how
/// they were computed.
public enum PlaneGeometry {
    /// The convex hull of `points` as its corners in counter-clockwise order, starting from the lowest-leftmost,
    /// without collinear points (Andrew's monotone chain). Fewer than three distinct points give those points;
    /// collinear points give the two ends of their segment.
    /// - Complexity: O(n log n).
    public static func convexHull(_ points: [PlanePoint]) -> [PlanePoint] {
        var sorted: [PlanePoint] = []
        for point in points.sorted(by: { ($0.x, $0.y) < ($1.x, $1.y) }) where sorted.last != point {
            sorted.append(point)
        }
        guard sorted.count >= 3 else { return sorted }
        func chain(_ ordered: [PlanePoint]) -> [PlanePoint] {
            var hull: [PlanePoint] = []
            for point in ordered {
                while hull.count >= 2, cross(hull[hull.count - 2], hull[hull.count - 1], point) <= 0 { hull.removeLast() }
                hull.append(point)
            }
            return hull
        }
        let lower = chain(sorted)
        let upper = chain(sorted.reversed())
        return Array(lower.dropLast() + upper.dropLast())
    }

    /// True when `point` lies in the convex polygon `hull` (counter-clockwise corners, as `convexHull` returns) or
    /// within `tolerance` of it. A hull of one or two points is a point or a segment.
    public static func hullContains(_ hull: [PlanePoint], _ point: PlanePoint, tolerance: Double = 1e-9) -> Bool {
        switch hull.count {
        case 0: return false
        case 1: return distance(hull[0], point) <= tolerance
        case 2: return distanceToSegment(point, hull[0], hull[1]) <= tolerance
        default:
            return hull.indices.allSatisfy { i in
                let a = hull[i], b = hull[(i + 1) % hull.count]
                return cross(a, b, point) / distance(a, b) >= -tolerance  // signed distance left of edge a→b
            }
        }
    }

    /// True when `point` = Σᵢ cᵢ gᵢ for some cᵢ ≥ 0: it lies in the convex cone of the `generators` (the origin is
    /// always in it). In the plane a point of the cone is a nonnegative combination of at most two generators
    /// (Carathéodory), so every pair is tried; `tolerance` allows coefficients down to −tolerance.
    /// - Complexity: O(m²) for m generators.
    public static func coneContains(generators: [PlanePoint], _ point: PlanePoint, tolerance: Double = 1e-9) -> Bool {
        if point.x == 0 && point.y == 0 { return true }
        let origin = PlanePoint(x: 0, y: 0)
        for (i, g) in generators.enumerated() {
            // On the ray of g alone: parallel to g and pointing the same way.
            let length = distance(origin, g) * distance(origin, point)
            if length > 0, abs(cross(origin, g, point)) <= tolerance * length, g.x * point.x + g.y * point.y > 0 {
                return true
            }
            for h in generators[(i + 1)...] {
                let determinant = g.x * h.y - g.y * h.x
                guard abs(determinant) > 0 else { continue }
                let a = (point.x * h.y - point.y * h.x) / determinant
                let b = (g.x * point.y - g.y * point.x) / determinant
                if a >= -tolerance, b >= -tolerance { return true }
            }
        }
        return false
    }

    /// (b − a) × (c − a): positive when a → b → c turns left (counter-clockwise).
    private static func cross(_ a: PlanePoint, _ b: PlanePoint, _ c: PlanePoint) -> Double {
        (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
    }

    private static func distance(_ a: PlanePoint, _ b: PlanePoint) -> Double {
        ((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y)).squareRoot()
    }

    private static func distanceToSegment(_ p: PlanePoint, _ a: PlanePoint, _ b: PlanePoint) -> Double {
        let length = (b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)
        guard length > 0 else { return distance(p, a) }
        let t = min(max(((p.x - a.x) * (b.x - a.x) + (p.y - a.y) * (b.y - a.y)) / length, 0), 1)
        return distance(p, PlanePoint(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)))
    }
}
