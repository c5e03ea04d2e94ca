/// How similar two strings are, for looking up keys that are names: the Levenshtein edit distance and the score
/// s(q, k) = −d(q, k) that attention turns into weights.
///
/// Characters are compared exactly as given (Swift `Character`s, so "é" is one character), case included:
/// "schulz" is one edit away from "Schulz".
public enum StringSimilarity {
    // snippet: edit-distance
    /// The Levenshtein distance d(a, b): the fewest single-character insertions, deletions and substitutions that
    /// turn `a` into `b`. Symmetric, 0 exactly when a = b, at most max(|a|, |b|); the empty string is allowed.
    /// Example: d("kitten", "sitting") = 3. Dynamic programming over prefixes, one row at a time.
    ///
    /// - Complexity: O(|a|·|b|) time, O(|b|) memory.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let target = Array(b)
        var previous = Array(0...target.count)  // distances from the empty prefix of a
        for (i, character) in a.enumerated() {
            var current = [i + 1]
            for (j, other) in target.enumerated() {
                let substitute = previous[j] + (character == other ? 0 : 1)
                current.append(min(substitute, previous[j + 1] + 1, current[j] + 1))
            }
            previous = current
        }
        return previous[target.count]
    }

    /// The attention score of `key` for `query`: s(q, k) = −d(q, k), so 0 for an exact match and more negative the
    /// more edits apart they are.
    public static func score(query: String, key: String) -> Double {
        -Double(editDistance(query, key))
    }
    // end snippet
}
