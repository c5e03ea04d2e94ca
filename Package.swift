// swift-tools-version:6.0
// A Swift course companion for "Dive into Deep Learning" §11.1–11.2 (Zhang, Lipton, Li and Smola).
// No dependencies: the Swift toolchain alone, offline, builds and runs everything.
import PackageDescription

let package = Package(
    name: "AttentionCourse",
    products: [
        .executable(name: "chapter-11-1", targets: ["chapter-11-1"]),
        .executable(name: "chapter-11-2", targets: ["chapter-11-2"]),
        .executable(name: "exercises", targets: ["exercises"]),
        .executable(name: "benchmarks", targets: ["benchmarks"]),
        .library(name: "AttentionPooling", targets: ["AttentionPooling"]),
    ],
    targets: [
        // The maths: kernels, distances, Nadaraya–Watson, seeded data. No I/O.
        .target(name: "AttentionPooling", dependencies: ["DenseKernels"]),
        // The dense engine's exponentials in C, compiled for several vector extensions and chosen at run time by the
        // CPU (Swift can do neither), so the portable build runs AVX2 or AVX-512 code where there is.
        .target(name: "DenseKernels"),
        // SVG plotting from numbers. Knows nothing of attention. Also the course's one number formatter and
        // HTML escaper.
        .target(name: "Figures"),
        // Markdown with TeX formulas to HTML + MathML, page assembly and layout, CSV export, atomic site writing.
        .target(name: "CourseSite", dependencies: ["Figures"]),
        // The chapters' shared command line: options, CSV input, one-line errors, exit codes. It suggests a
        // mistyped option by the edit distance of the maths module and turns the site options into a site's identity.
        .target(name: "CourseCLI", dependencies: ["AttentionPooling", "CourseSite"]),
        .executableTarget(
            name: "chapter-11-1",
            dependencies: ["AttentionPooling", "Figures", "CourseSite", "CourseCLI"],
            path: "Chapters/chapter-11-1",
            exclude: ["prose"]
        ),
        .executableTarget(
            name: "chapter-11-2",
            dependencies: ["AttentionPooling", "Figures", "CourseSite", "CourseCLI"],
            path: "Chapters/chapter-11-2",
            exclude: ["prose"]
        ),
        // The student's workspace: the functions of the exercises, with the reference solutions between
        // `// BEGIN SOLUTION` and `// END SOLUTION` (the student edition replaces them with stubs).
        .target(name: "Exercises", dependencies: ["AttentionPooling"], path: "Exercises/Workspace"),
        // The runner protocol: the data that crosses between the grader and the harness (versioned, bounded JSON).
        .target(name: "ExerciseWire", path: "Exercises/Wire"),
        // The harness: calls the student's functions for the grader's requests, and decides nothing.
        .target(name: "ExerciseHarness", dependencies: ["Exercises", "ExerciseWire"], path: "Exercises/Harness"),
        .executableTarget(name: "exercise-harness", dependencies: ["ExerciseHarness"], path: "Exercises/HarnessMain"),
        // Starting the harness in a sandbox (new session, limits, another user, namespaces) and reaping it: C, because
        // only async-signal-safe calls may run between fork and exec.
        .target(name: "ExerciseSandbox", path: "Exercises/Sandbox"),
        // The checks with their points (hidden ones between `// BEGIN HIDDEN CHECKS` and `// END HIDDEN CHECKS`) and
        // the grader. They reach the student's functions only through the wire: this module does not import them.
        .target(
            name: "ExerciseChecks",
            dependencies: ["ExerciseWire", "ExerciseSandbox", "AttentionPooling", "Figures", "CourseSite"],
            path: "Exercises/Checks"),
        // `swift run exercises check | release | grade | site`.
        .executableTarget(
            name: "exercises", dependencies: ["ExerciseChecks", "ExerciseHarness", "CourseCLI", "CourseSite"],
            path: "Exercises/Tool"),
        // `swift run -c release benchmarks`: the speed of every Nadaraya–Watson path against the reference.
        .executableTarget(name: "benchmarks", dependencies: ["AttentionPooling", "CourseCLI"], path: "Sources/benchmarks"),
        .testTarget(name: "ExercisesTests", dependencies: ["ExerciseChecks", "ExerciseHarness", "ExerciseWire", "Exercises"]),
        .testTarget(name: "AttentionPoolingTests", dependencies: ["AttentionPooling"]),
        .testTarget(name: "FiguresTests", dependencies: ["Figures"]),
        .testTarget(name: "CourseSiteTests", dependencies: ["CourseSite"]),
        .testTarget(name: "CourseCLITests", dependencies: ["CourseCLI"]),
        .testTarget(name: "ChapterTests", dependencies: ["chapter-11-1", "chapter-11-2", "exercises", "ExerciseChecks"]),
    ],
    swiftLanguageModes: [.v6]
)
