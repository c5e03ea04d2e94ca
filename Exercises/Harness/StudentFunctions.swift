import ExerciseWire
import Exercises

/// Every function of the student's workspace that a check may call, by name: each decodes its arguments from the
/// wire, calls the student's function and encodes the result. Nothing here checks an answer.
enum StudentFunctions {
    typealias Call = @Sendable ([WireValue]) throws -> WireValue

    static let table: [String: Call] = [
        // 11.1-1
        "nameSimilarity": { a in WireValue(try nameSimilarity(query: a.at(0).string(), key: a.at(1).string())) },
        "matchWeights": { a in
            WireValue(try matchWeights(query: a.at(0).string(), keys: a.at(1).strings(), temperature: a.at(2).double()))
        },
        // 11.1-2
        "dotProductWeights": { a in WireValue(try dotProductWeights(query: a.at(0).doubles(), keys: a.at(1).matrix())) },
        "keysAsValuesAttention": { a in
            WireValue(try keysAsValuesAttention(query: a.at(0).doubles(), keys: a.at(1).matrix()))
        },
        "attentionJacobian": { a in WireValue(try attentionJacobian(query: a.at(0).doubles(), keys: a.at(1).matrix())) },
        "keyCovariance": { a in WireValue(try keyCovariance(query: a.at(0).doubles(), keys: a.at(1).matrix())) },
        // 11.1-3
        "termVector": { a in WireValue(try termVector(text: a.at(0).string(), vocabulary: a.at(1).strings())) },
        "searchWeights": { a in
            WireValue(try searchWeights(query: a.at(0).string(), documents: a.at(1).strings(),
                                        vocabulary: a.at(2).strings(), temperature: a.at(3).double()))
        },
        // 11.2-1
        "parzenScores": { a in
            WireValue(try parzenScores(queries: a.at(0).matrix(), inputs: a.at(1).matrix(), labels: a.at(2).ints(),
                                       width: a.at(3).double()))
        },
        "nadarayaWatsonScores": { a in
            WireValue(try nadarayaWatsonScores(queries: a.at(0).matrix(), inputs: a.at(1).matrix(),
                                               labels: a.at(2).ints(), width: a.at(3).double()))
        },
        "parzenDecisions": { a in
            WireValue(try parzenDecisions(queries: a.at(0).matrix(), inputs: a.at(1).matrix(), labels: a.at(2).ints(),
                                          width: a.at(3).double()))
        },
        // 11.2-2
        "widthPairLossAndGradient": { a in
            let result = try widthPairLossAndGradient(w: a.at(0).double(), pair: a.at(1).int(), inputs: a.at(2).doubles(),
                                                      targets: a.at(3).doubles(), leaveOneOut: a.at(4).bool())
            return WireValue([result.loss, result.gradient])
        },
        "widthSGDTrajectory": { a in
            WireValue(try widthSGDTrajectory(inputs: a.at(0).doubles(), targets: a.at(1).doubles(),
                                             leaveOneOut: a.at(2).bool(), initialW: a.at(3).double(),
                                             learningRate: a.at(4).double(), decaying: a.at(5).bool(),
                                             epochs: a.at(6).int(), seed: a.at(7).uint64()))
        },
        // 11.2-3
        "unitVectors": { a in WireValue(try unitVectors(a.at(0).matrix())) },
        "gaussianAttentionWeights": { a in
            WireValue(try gaussianAttentionWeights(query: a.at(0).doubles(), keys: a.at(1).matrix(),
                                                   width: a.at(2).double()))
        },
        "dotProductAttentionWeights": { a in
            WireValue(try dotProductAttentionWeights(query: a.at(0).doubles(), keys: a.at(1).matrix(),
                                                     temperature: a.at(2).double()))
        },
        "keyBiases": { a in WireValue(try keyBiases(keys: a.at(0).matrix(), width: a.at(1).double())) },
        // 11.2-4
        "shrinkingWidth": { a in
            WireValue(try shrinkingWidth(samples: a.at(0).int(), dimension: a.at(1).int(), scale: a.at(2).double()))
        },
        "consistencyMeasurement": { a in
            let m = try consistencyMeasurement(dimension: a.at(0).int(), samples: a.at(1).int(), width: a.at(2).double(),
                                               testPoints: a.at(3).int(), repetitions: a.at(4).int(),
                                               seed: a.at(5).uint64())
            return WireValue([m.squaredBias, m.variance])
        },
        "logLogSlope": { a in WireValue(try logLogSlope(xs: a.at(0).doubles(), ys: a.at(1).doubles())) },
        // 11.2-E1: the width rule travels as a table n → σ for the sizes asked (any other n gets NaN).
        "truthError": { a in
            WireValue(try truthError(samples: a.at(0).int(), seed: a.at(1).uint64(), width: a.at(2).double()))
        },
        "truthErrorCurve": { a in
            let sizes = try a.at(0).ints()
            let widths = try a.at(2).doubles()
            guard widths.count == sizes.count else { throw WireError("one width per sample size") }
            let table = Dictionary(zip(sizes, widths), uniquingKeysWith: { first, _ in first })
            return WireValue(try truthErrorCurve(sampleSizes: sizes, repetitions: a.at(1).int()) { table[$0] ?? .nan })
        },
        // 11.2-E2
        "gaussianAttentionRows": { a in
            WireValue(try gaussianAttentionRows(queries: a.at(0).doubles(), keys: a.at(1).doubles(), w: a.at(2).double()))
        },
        "rowEntropies": { a in WireValue(try rowEntropies(a.at(0).matrix())) },
        // 11.2-E3
        "crossValidationError": { a in
            WireValue(try crossValidationError(inputs: a.at(0).doubles(), targets: a.at(1).doubles(),
                                               width: a.at(2).double(), folds: a.at(3).int()))
        },
        "bestWidth": { a in
            WireValue(try bestWidth(inputs: a.at(0).doubles(), targets: a.at(1).doubles(), candidates: a.at(2).doubles(),
                                    folds: a.at(3).int()))
        },
        // 11.2-E4
        "outsideSquareWeights": { a in
            WireValue(try outsideSquareWeights(queries: a.at(0).doubles(), keys: a.at(1).doubles(), w: a.at(2).double()))
        },
        "inverseKernelWeights": { a in
            WireValue(try inverseKernelWeights(queries: a.at(0).doubles(), keys: a.at(1).doubles(), w: a.at(2).double()))
        },
        "outsideSquareLeaveOneOutLoss": { a in
            WireValue(try outsideSquareLeaveOneOutLoss(inputs: a.at(0).doubles(), targets: a.at(1).doubles(),
                                                       w: a.at(2).double()))
        },
        "trainOutsideSquare": { a in
            WireValue(try trainOutsideSquare(inputs: a.at(0).doubles(), targets: a.at(1).doubles(),
                                             initialW: a.at(2).double(), epochs: a.at(3).int()))
        },
    ]
}

extension Array where Element == WireValue {
    /// Argument `index`, or a wire error when the request has too few.
    func at(_ index: Int) throws(WireError) -> WireValue {
        guard indices.contains(index) else { throw WireError("missing argument \(index)") }
        return self[index]
    }
}
