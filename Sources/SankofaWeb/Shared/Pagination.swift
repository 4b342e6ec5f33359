import SankofaCore
import Vapor

/// A list's place among its pages and the links between them. The catalogue and directory lists
/// show it whole (`shared/pagination.leaf`); search and the translators' queue show previous and
/// next only (`shared/prev-next.leaf`); the JSON lists report ``count(total:perPage:)``.
struct Pagination: Encodable, Sendable {
    struct Link: Encodable, Sendable { var label: String; var href: String; var current: Bool }

    /// The page shown, from 1; it may lie beyond the last, which lists nothing.
    let page: Int
    /// At least 1: an empty list is one empty page.
    let pageCount: Int
    var previousHref: String?
    var nextHref: String?
    /// The first page, the last, and three either side of this one; none when there is one page.
    let pages: [Link]
    /// "Page 2 of 7", when there is more than one page.
    let summary: String?

    var isBeyondLast: Bool { page > pageCount }

    static func count(total: Int, perPage: Int) -> Int { max(1, (total + perPage - 1) / perPage) }

    /// Page `page` of `total` entries, `perPage` to a page. Links keep `query`, but for `page`
    /// (absent on page 1), on `base`.
    init(page: Int, perPage: Int, total: Int, base: String, query: QueryParameters, language: Language, request: Request) {
        let pageCount = Self.count(total: total, perPage: perPage)
        let withoutPage = QueryParameters(pairs: query.pairs.filter { $0.name != "page" })
        func href(_ number: Int) -> String {
            let rest = withoutPage.replacing("page", with: number == 1 ? [] : [String(number)])
            return rest.isEmpty ? base : "\(base)?\(rest)"
        }
        self.page = page
        self.pageCount = pageCount
        previousHref = page > 1 ? href(min(page - 1, pageCount)) : nil
        nextHref = page < pageCount ? href(page + 1) : nil
        pages = pageCount > 1
            ? (1...pageCount).filter { abs($0 - page) <= 3 || $0 == 1 || $0 == pageCount }.map {
                Link(label: NumberFormatting.integer($0, language), href: href($0), current: $0 == page)
            } : []
        summary = pageCount > 1
            ? request.t("pagination.summary", language, ["page": NumberFormatting.integer(page, language),
                                                         "pages": NumberFormatting.integer(pageCount, language)]) : nil
    }
}
