extension Figure {
    /// Checks everything `svg()` relies on, throwing the first problem found.
    func validate() throws(FigureError) {
        guard let first = id.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic,
              id.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
                  || $0 == "-" || $0 == "_") }) else { throw .invalidID(id) }
        guard !panels.isEmpty else { throw .noPanels }
        guard width.isFinite, width > 0 else { throw .tooNarrow(width: width, panels: panels.count) }
        for (index, panel) in panels.enumerated() {
            switch panel {
            case .plot(let plot):
                try Self.check(plot.xDomain, scale: plot.xScale, location: "panels[\(index)] x domain")
                try Self.check(plot.yDomain, scale: plot.yScale, location: "panels[\(index)] y domain")
                for (number, series) in plot.series.enumerated() where series.xs.count != series.ys.count {
                    throw .seriesLengthMismatch(panel: index, series: number, xs: series.xs.count, ys: series.ys.count)
                }
            case .heatmap(let heatmap):
                guard let columns = heatmap.values.first?.count, columns > 0 else { throw .emptyHeatmap(panel: index) }
                for (row, values) in heatmap.values.enumerated() where values.count != columns {
                    throw .raggedHeatmap(panel: index, row: row, expected: columns, found: values.count)
                }
                try Self.check(heatmap.columnExtent, scale: .linear, location: "panels[\(index)] column extent")
                try Self.check(heatmap.rowExtent, scale: .linear, location: "panels[\(index)] row extent")
                guard colorScale != nil else { throw .missingColorScale }
            }
        }
        if let colorScale, panels.contains(where: { if case .heatmap = $0 { true } else { false } }) {
            try Self.check(colorScale.domain, scale: .linear, location: "colour scale domain")
            if case .power(let exponent) = colorScale.normalization, !colorScale.normalization.isValid {
                throw .invalidColorExponent(exponent)
            }
        }
    }

    /// Checks that a domain, if given, has finite, distinct bounds, positive ones on a log axis.
    private static func check(
        _ domain: ClosedRange<Double>?, scale: AxisScale, location: String
    ) throws(FigureError) {
        guard let domain else { return }
        guard domain.lowerBound.isFinite, domain.upperBound.isFinite else { throw .nonFiniteDomain(location: location) }
        guard domain.lowerBound < domain.upperBound else { throw .emptyDomain(location: location) }
        guard scale == .linear || domain.lowerBound > 0 else { throw .nonPositiveLogDomain(location: location) }
    }
}
