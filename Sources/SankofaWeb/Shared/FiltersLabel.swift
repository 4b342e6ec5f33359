import SankofaCore
import Vapor

extension PracticeList.FacetGroup {
    /// The summary of the disclosure that holds a list's facets on a narrow screen ("Filters (2 active)"):
    /// closed, it still tells how many values narrow the list. Wide screens show the facets and not this.
    static func filtersLabel(_ groups: [Self], _ language: Language, _ request: Request) -> String {
        let active = groups.reduce(0) { $0 + $1.values.filter(\.selected).count }
        return active == 0 ? request.t("facets.toggle", language)
            : request.application.catalogs.plural("facets.toggleActive", count: active, language)
    }
}
