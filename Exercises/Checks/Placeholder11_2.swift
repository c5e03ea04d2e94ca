extension ExerciseCatalogue {
    /// Chapter 11.2's exercises (written by their author; empty until then).
    static var chapter11_2: [Exercise] { [] }
}
