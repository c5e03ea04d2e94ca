import Testing

@testable import AttentionPooling

@Test func chapterLeaveOneOutWidthEqualsTheDenseGridSearch() throws {
    let chapter = SineRegression.generate(samples: 40, seed: 0)
    let (x, y) = (chapter.trainingInputs, chapter.trainingTargets)
    let search = try WidthObjective(keys: x, values: y, leaveOneOut: true).gridSearch(lower: 0.1, upper: 100)
    let selected = try LeaveOneOutWidth.select(inputs: x, targets: y, lower: 0.1, upper: 100)
    #expect(abs(selected.w / search.refined - 1) < 1e-6)
    #expect(search.losses.allSatisfy { $0 >= selected.loss - 1e-9 })
}

@Test(arguments: [1, 3, 5, 8] as [UInt64])
func randomLeaveOneOutWidthEqualsTheDenseGridSearch(seed: UInt64) throws {
    var generator = SeededGenerator(seed: seed)
    let x = (0..<150).map { _ in 10 * generator.uniform() }  // unsorted
    let y = x.map { wiggle($0) + 0.3 * generator.standardNormal() }
    let objective = try WidthObjective(keys: x, values: y, leaveOneOut: true)
    let search = try objective.gridSearch(lower: 0.05, upper: 50)
    let selected = try LeaveOneOutWidth.select(inputs: x, targets: y, lower: 0.05, upper: 50)
    #expect(abs(selected.w / search.refined - 1) < 1e-6)
    #expect(abs(selected.loss / (try objective.loss(w: [search.refined])) - 1) < 1e-10)
}

/// A wiggly test function: sin(3x + 1) + 0.2x.
private func wiggle(_ x: Double) -> Double { _sin(3 * x + 1) + 0.2 * x }

@Test func leaveOneOutLossAndGradientEqualTheDenseObjective() throws {
    let data = SineRegression.generate(samples: 300, seed: 4)
    let (x, y) = (data.trainingInputs, data.trainingTargets)
    let objective = try WidthObjective(keys: x, values: y, leaveOneOut: true)
    for w in [0.01, 0.5, 3, 40, 2000] {
        let fast = try LeaveOneOutWidth.lossAndGradient(inputs: x, targets: y, w: w)
        let reference = try objective.lossAndGradient(w: [w])
        #expect(abs(fast.loss - reference.loss) <= 1e-10 * reference.loss, "w = \(w)")
        #expect(abs(fast.gradient - reference.gradient[0]) <= 1e-8 * max(1, abs(reference.gradient[0]) + reference.loss / w),
                "w = \(w)")
    }
}

@Test func monotoneLossReturnsTheEndOfTheRange() throws {
    // Noise-free linear data: the nearer the neighbours, the better, so the loss keeps falling as w grows.
    let x = (0..<50).map { Double($0) / 10 }
    let y = x.map { 3 * $0 + 1 }
    let selected = try LeaveOneOutWidth.select(inputs: x, targets: y, lower: 0.1, upper: 1)
    let search = try WidthObjective(keys: x, values: y, leaveOneOut: true).gridSearch(lower: 0.1, upper: 1)
    #expect(abs(selected.w / search.refined - 1) < 1e-12)
}

@Test func leaveOneOutWidthRejectsBadInputs() {
    #expect(throws: AttentionPoolingError.tooFewKeysForLeaveOneOut(1)) {
        try LeaveOneOutWidth.select(inputs: [1], targets: [1], lower: 0.1, upper: 1)
    }
    #expect(throws: AttentionPoolingError.invalidGrid(lower: 1, upper: 0.1, count: 0)) {
        try LeaveOneOutWidth.select(inputs: [1, 2], targets: [1, 2], lower: 1, upper: 0.1)
    }
    #expect(throws: AttentionPoolingError.invalidWidth(0)) {
        try LeaveOneOutWidth.lossAndGradient(inputs: [1, 2], targets: [1, 2], w: 0)
    }
}
