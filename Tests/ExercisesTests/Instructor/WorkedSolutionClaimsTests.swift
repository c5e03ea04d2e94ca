import AttentionPooling
import Exercises
import Foundation
import Testing

// The numbers that worked solutions quote about the reference solutions, recomputed. They need the reference
// solutions, so they live in this folder, which the student edition leaves out.

/// Exercise 11.1-1: the normalised score breaks the chapter's "Schmidt" tie for a reason (4 edits in 9 letters
/// against 4 in 7), and "Pichler" is a tie under both scores, which softmax splits exactly evenly.
@Test func approximateMatchingTiesAreAsThePageSays() throws {
    #expect(StringSimilarity.score(query: "Schmidt", key: "Schneider") == -4)
    #expect(StringSimilarity.score(query: "Schmidt", key: "Schuler") == -4)
    #expect(try nameSimilarity(query: "Schmidt", key: "Schneider") == -4.0 / 9)
    #expect(try nameSimilarity(query: "Schmidt", key: "Schuler") == -4.0 / 7)

    let keys = try StringDatabase.lecture.removing(key: "Schulz").keys
    let plain = keys.map { StringSimilarity.score(query: "Pichler", key: $0) }
    let normalised = try keys.map { try nameSimilarity(query: "Pichler", key: $0) }
    let fischer = try #require(keys.firstIndex(of: "Fischer"))
    let schuler = try #require(keys.firstIndex(of: "Schuler"))
    #expect(plain[fischer] == -3 && plain[schuler] == -3)
    #expect(normalised[fischer] == -3.0 / 7 && normalised[schuler] == -3.0 / 7)
    for (index, score) in normalised.enumerated() where index != fischer && index != schuler {
        #expect(score < -3.0 / 7)
        #expect(plain[index] < -3)
    }
    for tau in [0.01, 0.1, 1, 10] {
        let weights = try matchWeights(query: "Pichler", keys: keys, temperature: tau)
        #expect(weights[fischer] == weights[schuler])
    }
    #expect(try AttentionWeights.argmax(plain).firstIndex(of: 1) == fischer)  // the nearest rule: first stored

    // Folding case: "schulz" and "Schulz" are the same name to the reference, so d = 0 does not mean equal strings.
    #expect(try nameSimilarity(query: "schulz", key: "Schulz") == 0)
    #expect(try nameSimilarity(query: "Schulz", key: "Schuler") == -2.0 / 7)
    #expect(try nameSimilarity(query: "Schulz", key: "Schumacher") == -6.0 / 10)
}

/// Exercise 11.1-1's page: the chapter's plain −d passes every property the checks test except the one that goes
/// beyond it (one edit costs the same 1 in "Li" → "Lu" and "Schumacher" → "Schumacker"), and −d divided by the sum of
/// the lengths, named as another answer, passes them all.
@Test func theChaptersScoreFailsOnlyTheLengthPropertyAndTheSumOfLengthsPassesIt() throws {
    let plain = { (q: String, k: String) in StringSimilarity.score(query: q, key: k) }
    let bySum = { (q: String, k: String) -> Double in
        let total = q.count + k.count
        return total == 0 ? 0 : -Double(StringSimilarity.editDistance(q.lowercased(), k.lowercased())) / Double(total)
    }
    let database = StringDatabase.lecture
    let reduced = try database.removing(key: "Schulz")
    for score in [plain, bySum] {
        for query in database.keys {
            for key in database.keys where key != query { #expect(score(query, key) < score(query, query)) }
        }
        for (query, expected) in [("Schulz", "Schuler"), ("Fisher", "Fischer")] {
            let scores = reduced.keys.map { score(query, $0) }
            let best = try #require(scores.indices.max { scores[$0] < scores[$1] })
            #expect(reduced.keys[best] == expected)
            #expect(scores.filter { $0 == scores[best] }.count == 1)
        }
    }
    #expect(plain("Li", "Lu") == plain("Schumacher", "Schumacker"))
    #expect(bySum("Li", "Lu") < bySum("Schumacher", "Schumacker"))
}

/// Exercise 11.2-1: a Parzen score of exactly 0 is decided as +1 by the reference, like the checks' tie.
@Test func parzenDecidesAnExactTieAsPlusOne() throws {
    let inputs = [[0.0, 0.0], [2.0, 0.0]]
    let scores = try parzenScores(queries: [[1.0, 0.0]], inputs: inputs, labels: [1, -1], width: 1)
    #expect(scores == [0])
    #expect(try parzenDecisions(queries: [[1.0, 0.0]], inputs: inputs, labels: [1, -1], width: 1) == [1])
}
