import Foundation

/// The part of JSON Schema that the API's query parameters use (type, enum, pattern, lengths,
/// bounds, array items), checked against each value as it arrives. The document declares a
/// parameter once and the server holds every request to that declaration.
struct ParameterSchema: Sendable {
    var type: String?
    var values: Set<String>?
    var pattern: NSRegularExpressionBox?
    var minLength: Int?
    var maxLength: Int?
    var minimum: Double?
    var maximum: Double?
    var items: Box?

    final class Box: Sendable { let schema: ParameterSchema; init(_ schema: ParameterSchema) { self.schema = schema } }
    final class NSRegularExpressionBox: @unchecked Sendable {
        let regex: NSRegularExpression
        init?(_ pattern: String) {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
            self.regex = regex
        }
        func matches(_ text: String) -> Bool {
            regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }

    init(_ schema: [String: Any]) {
        type = schema["type"] as? String
        values = (schema["enum"] as? [Any]).map { Set($0.map { "\($0)" }) }
        pattern = (schema["pattern"] as? String).flatMap(NSRegularExpressionBox.init)
        minLength = schema["minLength"] as? Int
        maxLength = schema["maxLength"] as? Int
        minimum = (schema["minimum"] as? NSNumber)?.doubleValue
        maximum = (schema["maximum"] as? NSNumber)?.doubleValue
        items = (schema["items"] as? [String: Any]).map { Box(ParameterSchema($0)) }
    }

    enum Problem { case value, range }

    /// What is wrong with one occurrence of the parameter, or nil when it is valid. An array
    /// parameter is repeated (`country=NE&country=SN`): each occurrence is one item.
    func problem(_ value: String) -> Problem? {
        if type == "array", let items { return items.schema.problem(value) }
        if let values, !values.contains(value) { return .value }
        switch type {
        case "integer":
            guard let number = Int(value) else { return .value }
            if let minimum, Double(number) < minimum { return .range }
            if let maximum, Double(number) > maximum { return .range }
        case "number":
            guard let number = Double(value), number.isFinite else { return .value }
            if let minimum, number < minimum { return .range }
            if let maximum, number > maximum { return .range }
        case "boolean":
            guard value == "true" || value == "false" else { return .value }
        default:
            if let minLength, value.count < minLength { return .value }
            if let maxLength, value.count > maxLength { return .range }
            if let pattern, !pattern.matches(value) { return .value }
        }
        return nil
    }
}
