import Figures

/// A figure whose data can be switched by the reader: a choice (a select list) times a step (a slider), each pair
/// one variant of a figure drawn by `Figure.svg(variants:shown:)`, variant number `choice · steps.count + step`.
///
/// Every number is computed when the site is generated; the page's script only shows one `<g data-variant>` and hides
/// the others (a dozen lines, no maths). Without JavaScript the controls stay hidden and the default variant shows.
public struct FigureExplorer: Sendable {
    /// The element id, `fig-NAME`.
    public var name: String
    /// The figure with every variant drawn (from `Figure.svg(variants:shown:)`).
    public var svg: String
    /// The same for phones (from `Figure.narrow().svg(variants:shown:)`), shown instead on screens up to 700px wide;
    /// nil to show `svg` everywhere. The controls switch the variants of both.
    public var narrowSVG: String?
    /// The caption (HTML phrasing content).
    public var captionHTML: String
    /// The select list's label and options (plain text), in variant order.
    public var choiceLabel: String
    public var choices: [String]
    /// The slider's label and the text shown for each of its steps (plain text), in variant order.
    public var stepLabel: String
    public var steps: [String]
    /// What the output beside the controls says for each variant (plain text), in variant order; nil: the step's text.
    public var variantTexts: [String]?
    /// The variant shown first: `defaultChoice · steps.count + defaultStep`.
    public var defaultChoice: Int
    public var defaultStep: Int
    /// Links to the data behind the variants.
    public var dataFiles: [DataFileLink]

    public init(name: String, svg: String, captionHTML: String, choiceLabel: String, choices: [String],
                stepLabel: String, steps: [String], variantTexts: [String]? = nil, defaultChoice: Int, defaultStep: Int,
                dataFiles: [DataFileLink], narrowSVG: String? = nil) {
        self.narrowSVG = narrowSVG
        (self.name, self.svg, self.captionHTML) = (name, svg, captionHTML)
        (self.choiceLabel, self.choices, self.stepLabel, self.steps) = (choiceLabel, choices, stepLabel, steps)
        self.variantTexts = variantTexts
        (self.defaultChoice, self.defaultStep, self.dataFiles) = (defaultChoice, defaultStep, dataFiles)
    }

    /// `texts` as a JavaScript array literal that is safe inside a `<script>` element: quotes and backslashes
    /// escaped, `<` written as \u003C so no text can close the element, line breaks as \n.
    static func javaScriptArray(_ texts: [String]) -> String {
        "[" + texts.map { text in
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "<", with: "\\u003C").replacingOccurrences(of: "\n", with: "\\n")
                .replacingOccurrences(of: "\r", with: "\\r") + "\""
        }.joined(separator: ",") + "]"
    }

    /// The figure, its hidden controls and the script that wires them.
    public var html: String {
        let id = "fig-\(name)"
        let options = choices.enumerated().map { index, choice in
            "<option value=\"\(index)\"\(index == defaultChoice ? " selected" : "")>\(HTML.escape(choice))</option>"
        }.joined()
        let stepTexts = Self.javaScriptArray(steps)
        let readouts = Self.javaScriptArray(variantTexts ?? [])
        let shownVariant = defaultChoice * steps.count + defaultStep
        let readout = variantTexts.map { texts in
            "<p class=\"explorer-readout\" data-variant-text>\(HTML.escape(texts.indices.contains(shownVariant) ? texts[shownVariant] : ""))</p>\n"
        } ?? ""
        let links = dataFiles.map { "<a href=\"\(HTML.escape($0.href))\" download>\(HTML.escape($0.label))</a>" }
        return """
            <figure id="\(HTML.escape(id))" class="explorer">
            <div class="explorer-controls" hidden>
            <label>\(HTML.escape(choiceLabel)) <select data-choice>\(options)</select></label>
            <label>\(HTML.escape(stepLabel)) <input type="range" min="0" max="\(steps.count - 1)" step="1" \
            value="\(defaultStep)" data-step></label>
            <output data-step-text>\(HTML.escape(steps.indices.contains(defaultStep) ? steps[defaultStep] : ""))</output>
            </div>
            \(readout)<div class="figure-plot">
            \(plotHTML(wide: svg, narrow: narrowSVG))
            </div>
            <figcaption>
            <div class="caption">\(captionHTML)</div>
            \(links.isEmpty ? "" : "<div class=\"figure-data\">Data: \(links.joined(separator: ", "))</div>")
            </figcaption>
            </figure>
            <script>
            (() => {
              const root = document.getElementById("\(id)");
              const texts = \(stepTexts);
              const readouts = \(readouts);
              const choice = root.querySelector("[data-choice]");
              const step = root.querySelector("[data-step]");
              const show = () => {
                const shown = String(Number(choice.value) * texts.length + Number(step.value));
                root.querySelectorAll("g[data-variant]").forEach((layer) => {
                  if (layer.dataset.variant === shown) { layer.removeAttribute("display"); }
                  else { layer.setAttribute("display", "none"); }
                });
                root.querySelector("[data-step-text]").textContent = texts[Number(step.value)];
                const readout = root.querySelector("[data-variant-text]");
                if (readout) { readout.textContent = readouts[Number(shown)]; }
              };
              choice.addEventListener("change", show);
              step.addEventListener("input", show);
              root.querySelector(".explorer-controls").hidden = false;
            })();
            </script>
            """
    }
}
