/// The Levenshtein distance between two strings: the fewest single-character insertions, deletions and
/// substitutions turning one into the other. Compares `Character`s; empty strings are allowed.
func editDistance(_ a: String, _ b: String) -> Int {
    let source = Array(a)
    let target = Array(b)
    var previous = Array(0...target.count)
    for (i, sourceCharacter) in source.enumerated() {
        var current = [i + 1]
        for (j, targetCharacter) in target.enumerated() {
            let substitution = previous[j] + (sourceCharacter == targetCharacter ? 0 : 1)
            current.append(min(substitution, previous[j + 1] + 1, current[j] + 1))
        }
        previous = current
    }
    return previous[target.count]
}
