import Foundation
import Testing

/// Marks a slow end-to-end test (a whole student edition built, a chapter run dozens of times): it runs only when
/// COURSE_SLOW_TESTS=1, as `.ci/run` sets it. The README's "Tests" section gives the split.
let slowTest = ConditionTrait.enabled(
    if: ProcessInfo.processInfo.environment["COURSE_SLOW_TESTS"] == "1", "slow: runs with COURSE_SLOW_TESTS=1")
