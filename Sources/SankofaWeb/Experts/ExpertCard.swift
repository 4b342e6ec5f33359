import SankofaCore
import Vapor

extension DirectoryCard {
    /// An expert in the directory: only what the view holds.
    init(expert view: ExpertView, _ language: Language, _ request: Request) {
        func t(_ key: String) -> String { request.t(key, language) }
        let separator = t("list.separator")
        href = SiteURL.expert(language, slug: view.slug).path
        title = view.name
        subtitle = [view.title, view.organisation].compactMap { $0 }.joined(separator: separator).nilIfEmpty
        var lines: [String] = []
        if let country = view.country { lines.append(Countries.name(of: country, in: language)) }
        let languages = view.languages.map { Language.name(of: $0.code, in: language) }
        if !languages.isEmpty { lines.append(request.labelled("expert.languages", languages.joined(separator: separator), language)) }
        if !view.themes.isEmpty { lines.append(view.themes.map { t($0.labelKey) }.joined(separator: separator)) }
        self.lines = lines
        badges = (view.isFocalPoint ? [t("expert.focalPoint")] : []) + view.offers.map { t($0.type.labelKey) }
        note = nil
        demo = view.demo
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
