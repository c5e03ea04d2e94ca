import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG string parsed with `XMLParser`: every element with its own and inherited attributes and its text.
struct ParsedSVG {
    /// One element in document order.
    struct Element {
        /// The tag name.
        let name: String
        /// The element's own attributes.
        let attributes: [String: String]
        /// Its attributes merged over those of all its ancestors (presentation attributes are inherited in SVG).
        let inherited: [String: String]
        /// Its direct text content.
        var text: String
    }

    /// The elements, in document order.
    let elements: [Element]

    /// Parses `svg`, or returns nil when it is not well-formed XML.
    init?(_ svg: String) {
        let collector = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        guard parser.parse() else { return nil }
        elements = collector.elements
    }

    /// The elements named `name`.
    func all(_ name: String) -> [Element] {
        elements.filter { $0.name == name }
    }

    /// Collects elements as the parser reports them.
    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        private var open: [Int] = []

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String]
        ) {
            let parent = open.last.map { elements[$0].inherited } ?? [:]
            let inherited = parent.merging(attributes) { _, own in own }
            elements.append(Element(name: name, attributes: attributes, inherited: inherited, text: ""))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let current = open.last { elements[current].text += string }
        }
    }
}
