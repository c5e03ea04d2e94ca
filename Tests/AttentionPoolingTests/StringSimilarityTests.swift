import Testing

@testable import AttentionPooling

@Suite struct StringSimilarityTests {
    @Test func editDistanceKnownValues() {
        #expect(StringSimilarity.editDistance("kitten", "sitting") == 3)
        #expect(StringSimilarity.editDistance("flaw", "lawn") == 2)
        #expect(StringSimilarity.editDistance("", "abc") == 3)
        #expect(StringSimilarity.editDistance("abc", "") == 3)
        #expect(StringSimilarity.editDistance("", "") == 0)
        #expect(StringSimilarity.editDistance("Schulz", "Schuler") == 2)
        #expect(StringSimilarity.editDistance("schulz", "Schulz") == 1)  // case counts
        #expect(StringSimilarity.editDistance("Müller", "Muller") == 1)  // one Character, not one byte
    }

    @Test func editDistanceIsSymmetricZeroOnlyForEqualStringsAndBounded() {
        let words = ["", "a", "Schulz", "Schuler", "Schumacher", "Weber", "kitten", "sitting", "abcabc", "cab"]
        for a in words {
            for b in words {
                let d = StringSimilarity.editDistance(a, b)
                #expect(d == StringSimilarity.editDistance(b, a))
                #expect((d == 0) == (a == b))
                #expect(d <= max(a.count, b.count) && d >= abs(a.count - b.count))
                for c in words {  // a metric: the triangle inequality
                    #expect(d <= StringSimilarity.editDistance(a, c) + StringSimilarity.editDistance(c, b))
                }
            }
        }
    }

    @Test func scoreIsMinusTheDistance() {
        #expect(StringSimilarity.score(query: "Schulz", key: "Schulz") == 0)
        #expect(StringSimilarity.score(query: "kitten", key: "sitting") == -3)
    }
}
