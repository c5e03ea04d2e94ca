/// Every exercise of the course, in the order the site and the grader list them.
public enum ExerciseCatalogue {
    public static var all: [Exercise] { chapter11_1 + chapter11_2 + earlierEdition11_2 }
}
