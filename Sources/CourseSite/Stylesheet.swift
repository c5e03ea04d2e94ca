/// The course site's one stylesheet, written to `style.css` at the site root and linked from every page.
///
/// System fonts only (no web fonts, no external requests); a ~44rem text column with figures up to 1000px wide;
/// highlighting classes `kw`, `ty`, `st`, `nu`, `co`; numbered `.equation` rows; responsive down to 375px (wide code,
/// tables and formulas scroll inside their own box); dark colours under `prefers-color-scheme: dark` with plots kept
/// on a light card; and a print layout without navigation, with figures kept whole and code listings expanded.
public enum Stylesheet {
    /// The stylesheet's file name at the site root.
    public static let fileName = "style.css"

    /// The stylesheet's text.
    public static let css = """
        :root {
          --text: #1f2328;
          --muted: #59636e;
          --background: #ffffff;
          --surface: #f6f8fa;
          --border: #d1d9e0;
          --link: #0b5cad;
          --keyword: #a626a4;
          --type: #0f6e8c;
          --string: #2f7d32;
          --number: #b35900;
          --comment: #6a737d;
          --column: 44rem;
        }

        *, *::before, *::after { box-sizing: border-box; }

        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }

        body {
          margin: 0;
          padding: 0 1rem;
          background: var(--background);
          color: var(--text);
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
          font-size: 1.0625rem;
          line-height: 1.6;
          overflow-wrap: break-word;
        }

        .site-header, .breadcrumb, main, .chapter-nav, .site-footer {
          max-width: var(--column);
          margin-left: auto;
          margin-right: auto;
        }

        a { color: var(--link); }

        .site-header { padding: 1.25rem 0 0.5rem; border-bottom: 1px solid var(--border); }
        .course-title { font-weight: 600; text-decoration: none; color: var(--text); }
        .byline { margin: 0.25rem 0 0; color: var(--muted); font-size: 0.9rem; }

        .breadcrumb { font-size: 0.9rem; color: var(--muted); }
        .breadcrumb ol { list-style: none; margin: 0.75rem 0 0; padding: 0; display: flex; flex-wrap: wrap; }
        .breadcrumb li + li::before { content: "›"; padding: 0 0.5rem; }

        h1, h2, h3, h4 { line-height: 1.25; margin: 2rem 0 0.75rem; }
        h1 { font-size: 2rem; margin-top: 1.5rem; }
        h2 { font-size: 1.5rem; }
        h3 { font-size: 1.2rem; }
        h4 { font-size: 1.05rem; }

        .toc { background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 0.75rem 1rem; }
        .toc .toc-title { font-size: 1rem; margin: 0 0 0.25rem; }
        .toc ul { margin: 0; padding-left: 0; list-style: none; }
        .toc ul ul { font-size: 0.95rem; padding-left: 1.25rem; }

        code, pre, kbd, samp {
          font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
          font-size: 0.9em;
        }
        :not(pre) > code { background: var(--surface); border-radius: 4px; padding: 0.1em 0.3em; }
        pre {
          background: var(--surface);
          border: 1px solid var(--border);
          border-radius: 8px;
          padding: 0.75rem 1rem;
          overflow-x: auto;
          line-height: 1.45;
          tab-size: 4;
        }
        pre code { font-size: 0.85rem; }
        .kw { color: var(--keyword); }
        .ty { color: var(--type); }
        .st { color: var(--string); }
        .nu { color: var(--number); }
        .co { color: var(--comment); font-style: italic; }

        details { margin: 0.75rem 0; }
        summary { cursor: pointer; color: var(--link); }
        details[open] > summary { margin-bottom: 0.5rem; }

        table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; margin: 1rem 0; }
        th, td { border: 1px solid var(--border); padding: 0.35rem 0.65rem; text-align: left; }
        th { background: var(--surface); }
        td { font-variant-numeric: tabular-nums; }
        th.num, td.num { text-align: right; }
        caption { caption-side: top; text-align: left; color: var(--muted); font-size: 0.95rem; padding-bottom: 0.35rem; }
        .table-wrap { max-width: 100%; overflow-x: auto; }
        .table-wrap table { display: table; }

        /* A font with an OpenType MATH table is what makes sums large, fences stretch and accents sit right: name
           the one each system ships (Windows: Cambria Math; macOS: STIX Two Math; Linux: DejaVu Math TeX Gyre,
           Latin Modern Math, Noto Sans Math), since the generic `math` alone may fall back to a text font. */
        math { font-size: 1.1em; font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math",
          "DejaVu Math TeX Gyre", "Noto Sans Math", "STIX Math", "Libertinus Math", math; }
        /* A display formula too wide for the column (TeX gives its estimated width in em as --math-width) shrinks to
           fit it, with 10% to spare for the estimate; scrolling inside its own box is only the last resort. (44rem is
           --column: the HTML checker's CSS parser fails on var() inside min().) */
        math[display="block"] { overflow-x: auto; overflow-y: hidden; padding: 0.25rem 0;
          font-size: min(1.1em, calc(min(100vw - 2rem, 44rem) / 1.1 / var(--math-width, 1))); }
        .equation { display: flex; align-items: center; gap: 1rem; margin: 1rem 0; }
        .equation math { flex: 1 1 auto; min-width: 0; }
        .equation-number { flex: none; margin-left: auto; color: var(--muted); }

        /* Figures leave the text column: as wide as the window allows, up to 1000px (half of it either side). */
        figure { margin: 2rem calc(50% - min(500px, 50vw - 1rem)); }
        .figure-plot { background: #ffffff; color: #1f2328; border: 1px solid var(--border); border-radius: 8px; padding: 0.5rem; }
        .figure-plot svg { display: block; width: 100%; height: auto; }
        .readout-tip { position: absolute; z-index: 1; pointer-events: none; padding: 0.2rem 0.5rem;
          background: #1f2328; color: #ffffff; border-radius: 4px; font-size: 0.85rem; white-space: nowrap; }
        .readout-tip[hidden] { display: none; }
        rect.readout { cursor: crosshair; }
        .explorer-controls { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center;
          max-width: var(--column); margin: 0 auto 0.75rem; }
        .explorer-controls[hidden] { display: none; }
        .explorer-controls input[type="range"] { width: 16rem; max-width: 60vw; vertical-align: middle; }
        .explorer-controls output { font-variant-numeric: tabular-nums; min-width: 6rem; }
        .explorer-readout { margin: 0 0 0.5rem; font-variant-numeric: tabular-nums; color: var(--muted); }
        /* On a phone a row of four panels would shrink below legibility. A figure drawn twice shows its narrow
           layout instead (panels one under another, each with its colour bar); one drawn once keeps at least
           640px and scrolls sideways inside its card. */
        .figure-narrow { display: none; }
        @media (max-width: 700px) {
          .figure-wide { display: none; }
          .figure-narrow { display: block; }
          .figure-narrow svg { margin: 0 auto; }
          .figure-plot { overflow-x: auto; }
          .figure-plot > svg { min-width: 640px; }
        }
        /* Code listings from the library may be wider than the text column: give them the figures' width. */
        .listing { margin: 1.5rem calc(50% - min(500px, 50vw - 1rem)); }
        .listing-source { margin: 0 0 0.25rem; color: var(--muted); font-size: 0.85rem; font-family: ui-monospace, monospace; }
        figcaption { max-width: var(--column); margin: 0.75rem auto 0; font-size: 0.95rem; }
        .figure-label { font-weight: 600; }
        .figure-note { color: var(--muted); margin: 0.5rem 0 0; }
        .figure-data { margin: 0.5rem 0 0; }

        blockquote { margin: 1rem 0; padding: 0 1rem; border-left: 4px solid var(--border); color: var(--muted); }
        hr { border: 0; border-top: 1px solid var(--border); margin: 2rem 0; }
        img, svg { max-width: 100%; }

        .chapter-list { list-style: none; padding: 0; display: grid; gap: 1rem; }
        .chapter-card { border: 1px solid var(--border); border-radius: 8px; padding: 1rem 1.25rem; background: var(--surface); }
        .chapter-card h2 { margin: 0 0 0.5rem; font-size: 1.25rem; }
        .chapter-card p { margin: 0.5rem 0 0; }
        .chapter-number { color: var(--muted); margin-right: 0.4rem; }
        .chapter-missing { color: var(--muted); font-size: 0.95rem; }

        .chapter-nav { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 1rem; margin-top: 3rem;
          padding-top: 1rem; border-top: 1px solid var(--border); }
        .chapter-nav .next { margin-left: auto; text-align: right; }

        .site-footer { margin-top: 2rem; padding: 1rem 0 2rem; border-top: 1px solid var(--border); color: var(--muted);
          font-size: 0.875rem; }

        @media (max-width: 600px) {
          body { font-size: 1rem; }
          h1 { font-size: 1.6rem; }
          h2 { font-size: 1.3rem; }
          .equation { gap: 0 0.5rem; flex-wrap: wrap; }
          .equation math { min-width: auto; max-width: 100%; }
          /* A table too wide for a phone becomes one card per row, each cell headed by its column's title. */
          table.wide, table.wide caption, table.wide tbody, table.wide tr, table.wide td { display: block; }
          table.wide thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%);
            white-space: nowrap; }
          table.wide tr { border: 1px solid var(--border); border-radius: 6px; margin: 0 0 0.5rem; padding: 0.3rem 0.65rem; }
          table.wide td { border: 0; padding: 0.1rem 0; display: flex; justify-content: space-between; gap: 1rem;
            text-align: right; }
          table.wide td::before { content: attr(data-label); color: var(--muted); text-align: left; }
        }

        @media (prefers-color-scheme: dark) {
          :root {
            --text: #e6edf3;
            --muted: #9198a1;
            --background: #0d1117;
            --surface: #161b22;
            --border: #3d444d;
            --link: #6cb6ff;
            --keyword: #f47fe0;
            --type: #56d4dd;
            --string: #8ddb8c;
            --number: #f0a35e;
            --comment: #9198a1;
          }
          .figure-plot { border-color: #ffffff; }
        }

        @media print {
          :root { --text: #000000; --background: #ffffff; --link: #000000; --muted: #333333; }
          body { padding: 0; font-size: 11pt; }
          .breadcrumb, .toc, .chapter-nav { display: none; }
          summary { color: var(--text); }
          .site-header { border: 0; }
          figure { margin: 1.5rem 0; break-inside: avoid; page-break-inside: avoid; }
          .figure-plot { border: 0; padding: 0; }
          pre { white-space: pre-wrap; overflow: visible; break-inside: avoid; }
          details > :not(summary) { display: block !important; }
          a { text-decoration: none; }
        }
        """
}
