// `exercise-harness`: calls the student's functions for the grader, one request per line on standard input, one
// answer per line on standard output (see `WireProtocol`). It decides nothing; `exercises grade` judges the answers.
import ExerciseHarness

Harness.serve()
