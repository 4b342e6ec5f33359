import SankofaCore

/// A record's form, read from a post or filled from the stored record. It keeps the pairs as
/// they were sent, so that a refused form is drawn again with exactly what was typed.
protocol RecordFormInput: FormInput {
    var body: FormBody { get }
}

extension RecordFormInput {
    /// The form holding a stored record's values, named as its fields are.
    init(pairs: [(name: String, value: String)]) {
        self.init(FormBody(fields: QueryParameters(pairs: pairs)))
    }

    /// A single value, cleaned and cut one past `limit` (so that validation sees it is too long).
    func text(_ name: String, limit: Int = 200) -> String { FormText.clean(body.text(name), limit: limit) }

    /// A repeated value (`name[]`: boxes, a multiple select): codes of a vocabulary or slugs.
    func list(_ name: String) -> [String] { body.values(name + "[]").map { FormText.clean($0, limit: 200) } }

    /// The value of `name` as one of `type`'s codes; nil, with `error.choice` on the field, when it is none.
    func choice<Value: RawRepresentable<String>>(_ name: String, _ type: Value.Type, _ errors: inout FormErrors) -> Value? {
        let value = Value(rawValue: text(name))
        errors.check(value != nil, name, "error.choice")
        return value
    }
}
