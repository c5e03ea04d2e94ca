import ExerciseChecks
import Foundation
import Testing

// The parts of grading a class that need no build: which entries are submissions, the names they are filed under,
// and the grade sheet's cells.

@Test func submissionsAreFoldersAndZipsFiledUnderSafeUniqueNames() throws {
    let folder = try TemporaryFolder()
    try folder.write(["alice/Exercise11_2_1.swift": "", "bob.zip": "", "alice.ZIP": "", "notes.txt": "",
                      ".hidden/Exercise11_2_1.swift": "", "evil name\u{202E}x/x.swift": "", "=cmd|calc/x.swift": ""],
                     under: "class")
    let found = try ClassGrading.submissions(in: folder.url.appendingPathComponent("class"))
    #expect(found.map(\.student) == ["_cmd_calc", "alice", "alice-2", "bob", "evil_name_x"])
    #expect(found.map(\.upload.lastPathComponent) == ["=cmd|calc", "alice", "alice.ZIP", "bob.zip", "evil name\u{202E}x"])
    #expect(ClassGrading.safeName("../../etc") == "_.._etc")
    #expect(ClassGrading.safeName("José Ñ") == "José_Ñ")
    #expect(ClassGrading.safeName("...") == "student")
    #expect(ClassGrading.safeName(String(repeating: "a", count: 300)).count == 100)
}

@Test func theGradeSheetQuotesCellsAndDisarmsFormulas() {
    let exercise = Exercise(id: "11.2-1", title: "t", checks: [Check("c", points: 2) {}])
    let written = Exercise(id: "11.1-4", title: "written", checks: [])
    let rows = [
        ClassGrading.Row(student: "=HYPERLINK(\"x\")", points: ["11.2-1": 2], total: 2, failure: nil),
        ClassGrading.Row(student: "a,b", points: [:], total: 0, failure: "swift missing"),
        ClassGrading.Row(student: "carol", points: ["11.2-1": 1.5], total: 1.5, failure: nil),
    ]
    #expect(ClassGrading.csv(rows, exercises: [written, exercise]) == """
        student,11.2-1,total
        "'=HYPERLINK(""x"")",2,2
        "a,b",0,0
        carol,1.5,1.5

        """)
}
