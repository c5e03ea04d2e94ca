import ExerciseChecks
import Testing

// The student edition has no hidden checks, so the points they carry are declared in the catalogue: this test, left
// out of the student edition with the hidden checks, keeps the declaration true.

@Test func declaredHiddenPointsAreTheHiddenChecksPoints() {
    var summed: [String: Double] = [:]
    for exercise in ExerciseCatalogue.all {
        let points = exercise.checks.filter { $0.visibility == .hidden }.map(\.points).reduce(0, +)
        if points > 0 { summed[exercise.id] = points }
    }
    #expect(ExerciseCatalogue.hiddenPoints == summed,
            "declare in Catalogue.swift: \(summed.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" })")
}
