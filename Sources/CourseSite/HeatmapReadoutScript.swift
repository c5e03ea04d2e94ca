/// The script that turns the pointer's place over a heatmap into a read-out of that cell (query, key, weight).
///
/// Heatmaps drawn with a `HeatmapReadout` carry their names and values in a transparent `rect.readout`; this script
/// (added by `Page` only to pages that have one) finds the row and column under the pointer and shows
/// "query x 0.3, key 7 (x = 0.52): weight 0.213" in a small box beside it. A heatmap drawn again in a figure's narrow
/// layout takes the names and values from the wide one's rectangle, named in its `data-readout-from`. Without
/// JavaScript nothing changes.
enum HeatmapReadoutScript {
    static let html = """
        <script>
        (() => {
          const tip = document.createElement("div");
          tip.className = "readout-tip";
          tip.hidden = true;
          document.body.append(tip);
          document.querySelectorAll("rect.readout").forEach((rect) => {
            const source = rect.dataset.readoutFrom ? document.getElementById(rect.dataset.readoutFrom) : rect;
            if (!source) { return; }
            const data = source.dataset;
            const rows = data.readoutRows.split("|");
            const columns = data.readoutColumns.split("|");
            const cells = data.readoutValues.split(";").map((row) => row.split(","));
            rect.addEventListener("pointermove", (event) => {
              const box = rect.getBoundingClientRect();
              const i = Math.min(rows.length - 1, Math.floor((event.clientY - box.top) / box.height * rows.length));
              const j = Math.min(columns.length - 1, Math.floor((event.clientX - box.left) / box.width * columns.length));
              const cell = cells[i][j];
              const value = cell === "" ? "undefined"
                : (Number(data.readoutLow) + Number(cell) / 1000 * Number(data.readoutSpan)).toFixed(3);
              tip.textContent = `${data.readoutRow} ${rows[i]}, ${data.readoutColumn} ${columns[j]}: ${data.readoutValue} ${value}`;
              tip.style.left = `${event.pageX + 14}px`;
              tip.style.top = `${event.pageY + 14}px`;
              tip.hidden = false;
            });
            rect.addEventListener("pointerleave", () => { tip.hidden = true; });
          });
        })();
        </script>
        """
}
