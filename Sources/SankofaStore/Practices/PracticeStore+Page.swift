import Fluent
import Foundation

extension PracticeStore {
    /// A list's practices by their ids, each with every child (what ``withEverything(_:)`` loads),
    /// in the order of `ids`. The five queries are sent at once: Fluent's eager loading sends each
    /// child's after the one before, and on PostgreSQL each is a round trip from the pool (a
    /// list's page was seven, one after the other: counts, page, practices, four children; the
    /// last five now take the time of one, on connections of their own). On SQLite's one
    /// connection they queue as before; inside a transaction they share its connection.
    static func page(_ ids: [UUID], on database: any Database) async throws -> [PracticeModel] {
        guard !ids.isEmpty else { return [] }
        async let practices = PracticeModel.query(on: database).filter(\.$id ~~ ids).all()
        async let translations = PracticeTranslationModel.query(on: database).filter(\.$practice.$id ~~ ids).all()
        async let countries = PracticeCountryModel.query(on: database).filter(\.$practice.$id ~~ ids).all()
        async let pillars = PracticePillarModel.query(on: database).filter(\.$practice.$id ~~ ids).all()
        async let themes = PracticeThemeModel.query(on: database).filter(\.$practice.$id ~~ ids).all()
        let models = try await practices
        let byTranslation = Dictionary(grouping: try await translations) { $0.$practice.id }
        let byCountry = Dictionary(grouping: try await countries) { $0.$practice.id }
        let byPillar = Dictionary(grouping: try await pillars) { $0.$practice.id }
        let byTheme = Dictionary(grouping: try await themes) { $0.$practice.id }
        var byID: [UUID: PracticeModel] = [:]
        for model in models {
            guard let id = model.id else { continue }
            model.$translations.value = byTranslation[id] ?? []
            model.$countries.value = byCountry[id] ?? []
            model.$pillars.value = byPillar[id] ?? []
            model.$themes.value = byTheme[id] ?? []
            byID[id] = model
        }
        return ids.compactMap { byID[$0] }
    }
}
