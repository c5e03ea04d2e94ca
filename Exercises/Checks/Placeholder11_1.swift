extension ExerciseCatalogue {
    /// Chapter 11.1's exercises (written by their author; empty until then).
    static var chapter11_1: [Exercise] { [] }
}
