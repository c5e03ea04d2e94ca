/// Why `exercises` could not do what it was asked. One line each, naming the file, folder or exercise concerned.
public enum ExerciseToolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No exercise has this identifier.
    case unknownExercise(String, known: [String])
    /// Solution or hidden-check markers that do not pair up: `file`, 1-based `line`, and what is wrong.
    case markers(file: String, line: Int, problem: String)
    /// The release's output folder exists and is not empty.
    case outputNotEmpty(String)
    /// The release's output folder lies inside the package it copies.
    case outputInsidePackage(String)
    /// A folder the command needs does not exist.
    case missingFolder(String)
    /// A path that must be a folder is a file.
    case notAFolder(String)
    /// Reading, copying or writing a file failed.
    case fileSystem(path: String, reason: String)
    /// A tool such as `swift` could not be started.
    case cannotRun(String, reason: String)
    /// A `--scratch` folder that is not empty and holds no scratch marker: the tool did not make it, so it is never
    /// cleared.
    case foreignScratch(String)
    /// An upload that is a file but neither a `.swift` file nor a zip archive this tool reads (and why).
    case notAnUpload(String, reason: String)
    /// A class grading's `--out` folder that is not empty and was not made by a class grading.
    case foreignOutput(String)
    /// The package to release is not a git checkout, so which files are the course's own is unknown.
    case notTracked(String)

    public var description: String {
        switch self {
        case .unknownExercise(let id, let known):
            "no exercise \"\(id)\" (the exercises are \(known.isEmpty ? "none yet" : known.joined(separator: ", ")))"
        case .markers(let file, let line, let problem): "\(file):\(line): \(problem)"
        case .outputNotEmpty(let path): "\(path) exists and is not empty: choose a new folder for the release"
        case .outputInsidePackage(let path):
            "\(path) is inside the package being released: choose a folder outside it"
        case .missingFolder(let path): "\(path) does not exist"
        case .notAFolder(let path): "\(path) is a file, not a folder"
        case .fileSystem(let path, let reason): "\(path): \(reason)"
        case .cannotRun(let tool, let reason): "cannot run \(tool): \(reason)"
        case .foreignScratch(let path):
            "\(path) is not empty and was not made by exercises grade (it has no \(ScratchFolder.markerName)): "
                + "give --scratch a new or empty folder"
        case .notAnUpload(let path, let reason):
            "\(path) is a file, not a folder or a zip archive (\(reason))"
        case .foreignOutput(let path):
            "\(path) is not empty and was not made by exercises grade --submissions (it has no "
                + "\(ClassGrading.outputMarker)): give --out a new or empty folder"
        case .notTracked(let path):
            "\(path) is not a git checkout: release ships only the files git tracks there, so commit the course first"
        }
    }
}
