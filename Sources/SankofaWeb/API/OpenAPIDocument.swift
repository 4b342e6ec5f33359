import Foundation
import SankofaCore

/// The API's OpenAPI document, read once at boot from `Resources/OpenAPI/openapi.json`. Value
/// lists that the code owns are not typed into the file: a schema holding
/// `"x-sankofa-values": "countries"` (or `"languageCodes"`) gets its `enum` filled here from the
/// same list the server checks against, so that the document and the server never disagree about
/// which values are valid (a client following the document never meets an unexpected 400).
struct OpenAPIDocument: Sendable {
    /// The document as served.
    let data: Data
    /// Every operation's query parameters, for ``APIMethodMiddleware``.
    let operations: [Operation]

    struct Operation: Sendable {
        var method: String
        /// The path template's segments ("api", "v1", "practices", "{slug}").
        var segments: [String]
        var parameters: [Parameter]
    }

    struct Parameter: Sendable {
        var name: String
        var schema: ParameterSchema
    }

    init(contentsOf url: URL) throws {
        guard var root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        root = Self.fillValues(root) as! [String: Any]
        data = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes])
        operations = Self.operations(root)
    }

    /// The lists a schema may ask for by name.
    static let valueLists: [String: [String]] = [
        "countries": Countries.all,
        "languageCodes": Locale.LanguageCode.isoLanguageCodes.map(\.identifier)
            .filter(DirectoryValidation.isLanguageCode).sorted(),
    ]

    static func fillValues(_ node: Any) -> Any {
        if let array = node as? [Any] { return array.map(fillValues) }
        guard var object = node as? [String: Any] else { return node }
        for (key, value) in object { object[key] = fillValues(value) }
        if let name = object.removeValue(forKey: "x-sankofa-values") as? String, let values = valueLists[name] {
            object["enum"] = values
        }
        return object
    }

    static func operations(_ root: [String: Any]) -> [Operation] {
        let shared = (root["components"] as? [String: Any])?["parameters"] as? [String: Any] ?? [:]
        var result: [Operation] = []
        for (path, item) in root["paths"] as? [String: Any] ?? [:] {
            guard let item = item as? [String: Any] else { continue }
            let common = item["parameters"] as? [Any] ?? []
            for (method, operation) in item where method != "parameters" {
                guard let operation = operation as? [String: Any] else { continue }
                let declared = (common + (operation["parameters"] as? [Any] ?? [])).compactMap { entry -> [String: Any]? in
                    guard let entry = entry as? [String: Any] else { return nil }
                    if let ref = entry["$ref"] as? String { return shared[String(ref.split(separator: "/").last ?? "")] as? [String: Any] }
                    return entry
                }
                let parameters = declared.compactMap { entry -> Parameter? in
                    guard entry["in"] as? String == "query", let name = entry["name"] as? String,
                          let schema = entry["schema"] as? [String: Any] else { return nil }
                    return Parameter(name: name, schema: ParameterSchema(schema))
                }
                result.append(Operation(method: method.uppercased(), segments: path.split(separator: "/").map(String.init),
                                        parameters: parameters))
            }
        }
        return result
    }
}
