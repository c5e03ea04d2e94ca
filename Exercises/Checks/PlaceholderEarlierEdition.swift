extension ExerciseCatalogue {
    /// The earlier edition's four exercises of parametric attention pooling (empty until written).
    static var earlierEdition11_2: [Exercise] { [] }
}
