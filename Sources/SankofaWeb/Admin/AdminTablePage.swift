/// `admin/table`: a read-only table (the audit log, the mail outbox), with its filters when it has any.
struct AdminTablePage: Encodable, Sendable {
    var heading: String
    var columns: [String]
    var rows: [[String]]
    var filters: [FormField]
    /// Where the filters are sent; empty for a table without filters.
    var action: String
    var empty: String?
}
