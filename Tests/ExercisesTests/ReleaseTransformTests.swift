import ExerciseChecks
import Testing

@Test func solutionBlocksBecomeStubsNamedAfterTheirFunction() throws {
    let source = """
        /// Doubles.
        public func double(_ x: Int) throws -> Int {
            // BEGIN SOLUTION
            let twice = 2 * x
            return twice
            // END SOLUTION
        }

        public func pick<T>(_ xs: [T]) throws -> T? {
          if xs.isEmpty {
              // BEGIN SOLUTION
              return nil
              // END SOLUTION
          }
          // BEGIN SOLUTION
          return xs[0]
          // END SOLUTION
        }
        """
    let expected = """
        /// Doubles.
        public func double(_ x: Int) throws -> Int {
            throw ExerciseError.notImplemented("double")
        }

        public func pick<T>(_ xs: [T]) throws -> T? {
          if xs.isEmpty {
              throw ExerciseError.notImplemented("pick")
          }
          throw ExerciseError.notImplemented("pick")
        }
        """
    #expect(try ReleaseTransform.stubSolutions(source, file: "E.swift") == expected)
}

@Test func aStubOverrideReplacesTheDefaultThrow() throws {
    let source = "func weights() throws -> [Double] {\n    // BEGIN SOLUTION (stub: return [])\n    return [1]\n"
        + "    // END SOLUTION\n}"
    #expect(try ReleaseTransform.stubSolutions(source, file: "E.swift") == "func weights() throws -> [Double] {\n"
        + "    return []\n}")
}

@Test func hiddenChecksAreDeletedWithTheirMarkers() throws {
    let source = """
        var checks = [Check("public", points: 4) {}]
        // BEGIN HIDDEN CHECKS
        checks += [Check("hidden", points: 2, visibility: .hidden) {}]
        // END HIDDEN CHECKS
        return checks
        """
    #expect(try ReleaseTransform.removeHiddenChecks(source, file: "C.swift")
        == "var checks = [Check(\"public\", points: 4) {}]\nreturn checks")
}

@Test func pageSolutionsAreDeletedForStudentsAndUnwrappedForTheInstructor() throws {
    let page = "## Exercise\nStatement.\n<!-- BEGIN SOLUTION -->\n### Worked solution\nProof.\n<!-- END SOLUTION -->\nEnd."
    #expect(try ReleaseTransform.removePageSolutions(page, file: "p.md") == "## Exercise\nStatement.\nEnd.")
    #expect(try ReleaseTransform.showPageSolutions(page, file: "p.md")
        == "## Exercise\nStatement.\n### Worked solution\nProof.\nEnd.")
}

@Test func aMarkerMentionedInsideOtherTextIsNotAMarker() throws {
    let source = "let marker = \"// BEGIN SOLUTION\" // not a marker line\n"
    #expect(try ReleaseTransform.stubSolutions(source, file: "E.swift") == source)
}

@Test func unbalancedOrNestedMarkersNameTheFileAndLine() {
    let unclosed = "func f() throws {\n    // BEGIN SOLUTION\n    return\n}"
    #expect(throws: ExerciseToolError.markers(file: "E.swift", line: 2, problem: "// BEGIN SOLUTION is never closed")) {
        try ReleaseTransform.stubSolutions(unclosed, file: "E.swift")
    }
    let nested = "func f() throws {\n// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION\n// END SOLUTION\n}"
    #expect(throws: ExerciseToolError.markers(
        file: "E.swift", line: 3, problem: "// BEGIN SOLUTION inside the block opened at line 2 (blocks do not nest)")) {
        try ReleaseTransform.stubSolutions(nested, file: "E.swift")
    }
    #expect(throws: ExerciseToolError.markers(
        file: "C.swift", line: 1, problem: "// END HIDDEN CHECKS without a // BEGIN HIDDEN CHECKS before it")) {
        try ReleaseTransform.removeHiddenChecks("// END HIDDEN CHECKS", file: "C.swift")
    }
    #expect(throws: ExerciseToolError.self) {
        try ReleaseTransform.removePageSolutions("<!-- BEGIN SOLUTION -->\ntext", file: "p.md")
    }
    #expect(throws: ExerciseToolError.self) {
        try ReleaseTransform.stubSolutions("// BEGIN SOLUTION\nlet x = 1\n// END SOLUTION", file: "E.swift")
    }
}
