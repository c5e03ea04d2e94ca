import AttentionPooling
import Figures
import Foundation

// How this chapter draws its examples: which numbers go on which axis, in which colour.
// The drawing itself is the Figures module's; the attention vocabulary is the chapter's.

/// The colour of key `position` of the full database, the same in every figure.
func keyColor(_ position: Int) -> Color { Color.categorical(position) }

/// One panel per lookup: a stem and a dot for each key's weight (x = the key's place in D, 1 to 6), coloured by
/// key. A key missing from the panel's database has no dot; a lookup without weights leaves the panel empty.
func lookupFigure(id: String, title: String, names: [String], weights: [[Double]?], databases: [StringDatabase],
                  allKeys: [String], allValues: [String], width: Double) -> Figure {
    let panels = zip(names, zip(weights, databases)).map { name, entry in
        var series: [Series] = []
        if let row = entry.0 {
            for (key, weight) in zip(entry.1.keys, row) {
                let position = allKeys.firstIndex(of: key) ?? 0
                let x = Double(position + 1)
                series.append(Series(xs: [x, x], ys: [0, weight], style: .line(color: keyColor(position), width: 3)))
                series.append(Series(label: "\(key) → \(allValues[position])", xs: [x], ys: [weight],
                                     style: .markers(color: keyColor(position), radius: 4.5)))
            }
        }
        return Panel.plot(PlotPanel(title: name, xLabel: "key (place in D)", yLabel: "weight α(q, kᵢ)",
                                    series: series, xDomain: 0.4...6.6, yDomain: -0.05...1.1))
    }
    return Figure(
        id: id, title: title,
        description: "\(names.count) panels sharing the y axis (attention weight, 0 to 1). Each shows one weight per "
            + "key as a stem with a dot, the keys at places 1 to 6 of the database D: " + allKeys.joined(separator: ", ")
            + ". " + zip(names, weights).map { name, row in
                "\(name): " + (row.map { $0.map { $0.rounded(places: 3) }.joined(separator: ", ") } ?? "no weights")
            }.joined(separator: "; ") + ".",
        panels: panels, sharedYAxis: true, width: width)
}

/// One panel per query: each key's softmax weight against the temperature τ on a log axis, with the uniform
/// weight 1/m dashed.
func temperatureFigure(sweeps: [[[Double]?]], queries: [String], temperatures: [Double], database: StringDatabase,
                       allKeys: [String], allValues: [String]) -> Figure {
    let m = Double(database.keys.count)
    let panels = zip(queries, sweeps).map { query, sweep in
        let ends = [temperatures[0], temperatures[temperatures.count - 1]]
        var series = [Series(label: "uniform, 1/\(database.keys.count)", xs: ends, ys: [1 / m, 1 / m],
                             style: .line(color: .grey, width: 1.2, dash: .dashed))]
        for (index, key) in database.keys.enumerated() {
            let position = allKeys.firstIndex(of: key) ?? 0
            series.append(Series(label: "\(key) → \(allValues[position])", xs: temperatures,
                                 ys: sweep.map { $0?[index] }, style: .line(color: keyColor(position), width: 2)))
        }
        return Panel.plot(PlotPanel(title: "query \"\(query)\"", xLabel: "temperature τ", yLabel: "weight α(q, kᵢ)",
                                    series: series, xDomain: temperatures[0]...temperatures[temperatures.count - 1],
                                    yDomain: -0.03...1.05, xScale: .log))
    }
    return Figure(
        id: "temperatures", title: "Softmax weights of the keys of D′ as the temperature grows",
        description: "Three panels, one per query (" + queries.joined(separator: ", ") + "), sharing the y axis "
            + "(weight, 0 to 1) against the temperature from 0.03 to 30 on a log axis. At small temperatures the "
            + "nearest key takes all the weight (tied nearest keys share it); at large ones every key tends to 1/"
            + "\(database.keys.count), the dashed line.",
        panels: panels, sharedYAxis: true)
}

/// A row of heatmaps sharing one colour bar from 0 to 1: one weight matrix per panel, queries down and keys across,
/// cells centred on the whole numbers 1…n. The colours follow the square root of the weight, so that weights near
/// 1/n stay visible beside weights near 1; the colour bar says so and its ticks are the real weights.
func weightMatricesFigure(id: String, title: String, description: String, panelTitles: [String],
                          matrices: [[[Double]]], colorLabel: String, width: Double = 960) -> Figure {
    let panels = zip(panelTitles, matrices).map { panelTitle, matrix in
        Panel.heatmap(HeatmapPanel(
            title: panelTitle, values: matrix.map { $0.map(Optional.some) }, xLabel: "key i", yLabel: "query j",
            columnExtent: 0.5...(Double(matrix[0].count) + 0.5), rowExtent: 0.5...(Double(matrix.count) + 0.5),
            readout: HeatmapReadout(rowName: "query", rowNames: matrix.indices.map { String($0 + 1) },
                                    columnName: "key", columnNames: matrix[0].indices.map { String($0 + 1) },
                                    valueName: colorLabel)))
    }
    return Figure(id: id, title: title, description: description, panels: panels, sharedYAxis: true,
                  colorScale: ColorScale(domain: 0...1, map: .reds, label: colorLabel, normalization: .squareRoot),
                  width: width)
}

/// One panel per special case: the values as grey squares, their convex hull and the edges of their convex cone,
/// and the pooled outputs as dots, all on the same axes.
func outputsFigure(names: [String], outputs: [[[Double]]], values: [[Double]]) -> Figure {
    let points = values.map { PlanePoint(x: $0[0], y: $0[1]) }
    let hull = PlaneGeometry.convexHull(points)
    let angles = points.map { atan2Degrees($0) }
    let edges = [angles.indices.min { angles[$0] < angles[$1] }, angles.indices.max { angles[$0] < angles[$1] }]
        .compactMap { $0 }.map { points[$0] }
    let panels = zip(names, outputs).map { name, rows in
        var series = edges.enumerated().map { index, edge in
            Series(label: index == 0 ? "edges of the cone" : nil, xs: [0, 20 * edge.x], ys: [0, 20 * edge.y],
                   style: .line(color: .orange, width: 1.4, dash: .dashed))
        }
        series.append(Series(label: "convex hull", xs: (hull + hull.prefix(1)).map(\.x),
                             ys: (hull + hull.prefix(1)).map(\.y), style: .line(color: .bluishGreen, width: 1.6)))
        series.append(Series(label: "values vᵢ", xs: values.map { $0[0] }, ys: values.map { $0[1] },
                             style: .markers(color: .grey, radius: 4.5, shape: .square)))
        series.append(Series(label: "outputs, one per query", xs: rows.map { $0[0] }, ys: rows.map { $0[1] },
                             style: .markers(color: .vermillion, radius: 3, opacity: 0.85)))
        return Panel.plot(PlotPanel(title: name, xLabel: "first coordinate", yLabel: "second coordinate",
                                    series: series, xDomain: 0...8, yDomain: 0...8))
    }
    return Figure(
        id: "pooled-outputs", title: "Where the pooled outputs land",
        description: "Four panels on the same axes from 0 to 8. Grey squares: the five values. Green polygon: their "
            + "convex hull. Dashed orange rays from the origin: the edges of their convex cone. Red dots: the "
            + "outputs of the five queries. Nonnegative: the outputs leave the hull but stay in the cone. Convex: "
            + "inside the hull. One-hot: on the values themselves. Uniform: all five on the mean.",
        panels: panels, sharedYAxis: true)
}

/// The direction of `point` seen from the origin, in degrees.
private func atan2Degrees(_ point: PlanePoint) -> Double {
    atan2(point.y, point.x) * 180 / Double.pi
}
