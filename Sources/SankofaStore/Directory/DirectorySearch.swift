import Foundation
import SankofaCore

/// What search finds of a profile, a centre and a course.
enum ExpertSearch {
    /// One document per language of the biography and per audience that may see the profile,
    /// each made from ``ExpertRecord/visible(to:)``: the index never holds text an audience may
    /// not read. A level whose text is the same as the level below adds nothing and is skipped.
    static func documents(_ record: ExpertRecord, _ id: UUID, catalogs: Catalogs = .bundled) -> [SearchDocument] {
        var documents: [SearchDocument] = []
        var previous: [Language: String] = [:]
        for audience in Audience.allCases {
            guard let view = record.visible(to: audience) else { continue }
            let languages = view.biography.map { $0.isEmpty ? [view.originalLanguage] : $0.languages } ?? [view.originalLanguage]
            for language in languages {
                let body = [
                    view.title ?? "", view.organisation ?? "",
                    view.country.map { Countries.name(of: $0, in: language) } ?? "",
                    view.biography?[language] ?? "",
                    view.themes.map { catalogs.text($0.labelKey, language) }.joined(separator: ", "),
                    view.offers.map { catalogs.text($0.type.labelKey, language) }.joined(separator: ", "),
                ].filter { !$0.isEmpty }.joined(separator: "\n")
                guard previous[language] != body else { continue }
                previous[language] = body
                documents.append(SearchDocument(kind: .expert, recordID: id, slug: record.slug, language: language,
                                                audience: SearchAudience(audience), title: view.name, body: body))
            }
        }
        return documents
    }
}

enum CentreSearch {
    static func documents(_ record: CentreRecord, _ id: UUID, catalogs: Catalogs = .bundled) -> [SearchDocument] {
        record.translations.languages.map { language in
            let text = record.translations[language]!
            let body = [text.description, Countries.name(of: record.country, in: language),
                        record.themes.map { catalogs.text($0.labelKey, language) }.joined(separator: ", ")]
                .filter { !$0.isEmpty }.joined(separator: "\n")
            return SearchDocument(kind: .centre, recordID: id, slug: record.slug, language: language, audience: .everyone,
                                  title: text.name, body: body)
        }
    }
}

enum CourseSearch {
    static func documents(_ record: CourseRecord, _ id: UUID, catalogs: Catalogs = .bundled) -> [SearchDocument] {
        record.translations.languages.map { language in
            let text = record.translations[language]!
            let body = [text.description, text.eligibility, record.location ?? "", Countries.name(of: record.country, in: language),
                        record.themes.map { catalogs.text($0.labelKey, language) }.joined(separator: ", ")]
                .filter { !$0.isEmpty }.joined(separator: "\n")
            return SearchDocument(kind: .course, recordID: id, slug: record.slug, language: language, audience: .everyone,
                                  title: text.title, body: body)
        }
    }
}
