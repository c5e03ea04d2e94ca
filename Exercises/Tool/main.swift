// `exercises`: check the student's work, release the student edition, grade submissions, render the exercise pages.
// See Exercises/README.md.
import CourseCLI
import ExerciseChecks
import Foundation

/// The package this tool was built from (its sources sit in `Exercises/Tool/`).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

let arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.first ?? ""
let options = Array(arguments.dropFirst())
let commands = ["check", "release", "grade", "site", "autograder"]
// A message's pointer to `--help` names a real subcommand, or the tool itself.
CommandLineTool.run(name: commands.contains(command) ? "exercises \(command)" : "exercises") {
    switch command {
    case "check": try Commands.check(options)
    case "release": try Commands.release(options)
    case "grade": try Commands.grade(options)
    case "site": try Commands.site(options)
    case "autograder": try Commands.autograder(options)
    case "serve": try Commands.serve(options)
    case "--help", "-h", "help": print(Commands.usage, terminator: "")
    case "": throw CLIError.invalidValue(option: "a command", message: "is needed: check, release, grade, site or autograder")
    default:
        throw CLIError.unknownCommand(command, suggestion: CommandLineParser.closest(to: command, among: commands),
                                      known: commands)
    }
}
