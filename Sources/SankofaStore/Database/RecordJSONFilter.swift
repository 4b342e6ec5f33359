import SQLKit

/// Conditions on the JSON `record` column of the directory tables (experts, centres), in each
/// engine's dialect, so a page can ask for the few records that name something instead of
/// reading and decoding them all.
enum RecordJSONFilter {
    /// `record`'s array at `key` (a fixed name, never user input) holds the string `value`.
    static func arrayContains(_ key: String, _ value: String, in sql: any SQLDatabase, column: String = "record") -> SQLQueryString {
        if sql.dialect.name == "sqlite" {
            return "EXISTS (SELECT 1 FROM json_each(\(unsafeRaw: column), \(bind: "$." + key)) WHERE value = \(bind: value))"
        }
        return "(\(unsafeRaw: column)::jsonb -> \(bind: key)) @> jsonb_build_array(\(bind: value)::text)"
    }
}
