import Foundation
import SankofaCore
import SankofaPublish
import SankofaStore
import SankofaTestSupport
import Testing
import Vapor
import VaporTesting
import ZIPFoundation
@testable import SankofaWeb

/// The open data end to end: built from the database, served as a ZIP whose every CSV and JSON
/// parses, holding nothing a visitor may not see, with a strong ETag, its DCAT description served
/// alone, and the page in six languages.
@Suite("Open data")
struct OpenDataTests {
    static let hostile = "Prison dialogue, \"step by step\",\nin Cairo — حوار في السجون، خطوة بخطوة"

    /// A draft, a pending translation, a hidden profile, a members-only field, an exchange not
    /// agreed public: none may reach the files. Returns the ids of the public and the private exchange.
    static func fixtures(_ app: Application) async throws -> (shown: Int, hidden: Int) {
        try await PracticeImport.run([Fixtures.record("cairo-dialogue", countries: ["EG"], themes: [.prisons], pillars: [.preventingCombating],
                                                      maturity: .piloted, title: hostile, language: .ar)], on: app.db)
        let writer = PracticeWrites.Writer(userID: nil, audit: .init(at: 1, actorID: nil, actorEmail: nil, action: "test", target: "", detail: "", ip: ""))
        #expect(try await PracticeWrites(database: app.db).propose("regional-training", by: writer) {
            $0.translations[.fr] = PracticeText(title: "pendingtranslationmark", summary: "pendingsummarymark")
        })
        try await DirectoryFixtures.save(app, DirectoryFixtures.expert("open-expert", profile: .public, fields: [.title: .public, .organisation: .members]))
        try await DirectoryFixtures.save(app, DirectoryFixtures.expert("hidden-expert", profile: .members))
        try await DirectoryFixtures.saveCentreAndCourse(app, slug: "open-centre")
        func exchange(_ title: String, starts: String) async throws -> Int {
            let record = ExchangeRecord(title: title, description: "Led by the Dakar team.", language: .en, type: .peerReview, status: .held,
                                        startsOn: starts, endsOn: starts, place: "Nairobi", themes: [.prisons],
                                        parties: [ExchangeParty(side: .provider, country: "SN", institution: "Dakar Prison Academy"),
                                                  ExchangeParty(side: .beneficiary, country: "KE", institution: "Kenya Prisons Service")])
            return try await Exchanges(database: app.db).create(record, createdBy: nil, now: CooperationFixtures.now)
        }
        let hidden = try await exchange("Private review in Nairobi", starts: "2026-03-02")
        let shown = try await exchange("Agreed review in Nairobi", starts: "2026-04-06")
        for side in [ExchangeSide.provider, .beneficiary] {
            try await Exchanges(database: app.db).agree(shown, side: side, agreed: true, actorID: nil, now: CooperationFixtures.now)
        }
        // One side only: the summary stays members-only.
        try await Exchanges(database: app.db).agree(hidden, side: .provider, agreed: true, actorID: nil, now: CooperationFixtures.now)
        return (shown, hidden)
    }

    static func build(_ app: Application, force: Bool = true) async throws -> Bool {
        try await app.openData.refresh(database: app.db, catalogs: app.catalogs, baseURL: app.settings.baseURL, force: force)
    }

    static func entries(_ zip: Data) throws -> [String: Data] {
        let archive = try Archive(data: zip, accessMode: .read)
        var files: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            files[entry.path] = data
        }
        return files
    }

    @Test("the ZIP opens, every CSV and JSON parses, and nothing private is in any file", arguments: TestEngine.all)
    func nothingPrivate(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let (shown, hidden) = try await Self.fixtures(app)
            #expect(try await Self.build(app))
            let response = try await Browser(app).get("/open-data/sankofa-open-data.zip")
            #expect(response.status == .ok && response.headers.contentType?.description.hasPrefix("application/zip") == true)
            let files = try Self.entries(Data(buffer: response.body))
            #expect(Set(files.keys) == Set(OpenDataPackage.files))
            var tables: [String: [[String: String]]] = [:]
            for table in OpenDataSchema.tables {
                let csv = try #require(String(data: files[table.csvFile]!, encoding: .utf8))
                let records = StrictCSV.parse(csv)
                #expect(records.first == table.columns.map(\.name), "\(table.csvFile) header")
                #expect(records.dropFirst().allSatisfy { $0.count == table.columns.count }, "\(table.csvFile) rows")
                tables[table.name] = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(records[0], $0)) }
                let json = try JSONSerialization.jsonObject(with: files[table.jsonFile]!) as? [[String: Any]]
                #expect(json?.count == records.count - 1, "\(table.jsonFile)")
            }
            // The hostile title comes back whole, in CSV and JSON; the draft is not there.
            let practices = tables["practices"]!
            #expect(practices.first { $0["slug"] == "cairo-dialogue" }?["title"] == Self.hostile)
            #expect(practices.map { $0["slug"]! }.sorted() == (Fixtures.small.filter { $0.status == .published }.map(\.slug) + ["cairo-dialogue"]).sorted())
            #expect(tables["experts"]!.map { $0["slug"]! } == ["open-expert"])
            #expect(tables["experts"]![0]["title"] == "titlemarkopenexpert" && tables["experts"]![0]["organisation"] == "")
            #expect(tables["exchanges"]!.map { $0["id"]! } == [String(shown)])
            #expect(tables["centres"]!.map { $0["slug"]! } == ["open-centre"] && tables["courses"]!.map { $0["slug"]! } == ["open-centre"])
            #expect(!(tables["indicators"]!.isEmpty))
            let everything = files.values.compactMap { String(data: $0, encoding: .utf8) }.joined(separator: "\n")
            for secret in ["Confidential draft about youth", "unpublished-idea", "pendingtranslationmark", "pendingsummarymark", "hiddenexpert",
                           "hidden-expert", "organisationmarkopenexpert", "biographymarkopenexpert", "@hidden.example.org",
                           "Private review", "Agreed review", "Dakar Prison Academy", "Led by the Dakar team", "/exchanges/\(hidden)"] {
                #expect(!everything.contains(secret), "\(secret) is in the open data")
            }
            // The dictionary and the catalogue describe what is there.
            let catalog = try #require(try JSONSerialization.jsonObject(with: files[OpenDataPackage.catalogFile]!) as? [String: Any])
            let named = (catalog["dcat:dataset"] as? [[String: Any]] ?? []).flatMap { ($0["dcat:distribution"] as? [[String: Any]] ?? []).compactMap { $0["dct:title"] as? String } }
            #expect(Set(named) == Set(OpenDataSchema.tables.flatMap { [$0.csvFile, $0.jsonFile] }))
            #expect(String(data: files[OpenDataPackage.licenceFile]!, encoding: .utf8)?.contains("CC BY 4.0") == true)
            #expect(String(data: files[OpenDataPackage.readmeFile]!, encoding: .utf8)?.contains("البيانات المفتوحة") == true)
        }
    }

    @Test("a strong ETag answers If-None-Match with 304, for the ZIP and the catalogue; a new build, a new tag", arguments: TestEngine.all)
    func etags(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            // Before the first build: come back later, never a build inside the request.
            let early = try await Browser(app).get("/open-data/sankofa-open-data.zip")
            #expect(early.status == .serviceUnavailable && early.headers.first(name: .retryAfter) != nil)
            #expect(try await Self.build(app, force: false))
            for path in ["/open-data/sankofa-open-data.zip", "/open-data/catalog.jsonld"] {
                var tag = ""
                try await app.testing().test(.GET, path) { response in
                    #expect(response.status == .ok)
                    tag = response.headers.first(name: .eTag) ?? ""
                    #expect(tag.hasPrefix("\"") && tag.count == 66, "a quoted SHA-256: \(tag)")
                }
                try await app.testing().test(.GET, path, headers: ["If-None-Match": "\"other\", \(tag)"]) { response in
                    #expect(response.status == .notModified && response.body.readableBytes == 0)
                    #expect(response.headers.first(name: .eTag) == tag)
                }
                try await app.testing().test(.GET, path, headers: ["If-None-Match": "\"other\""]) { response in
                    #expect(response.status == .ok)
                }
            }
            let catalog = try await Browser(app).get("/open-data/catalog.jsonld")
            #expect(catalog.headers.contentType?.description.hasPrefix("application/ld+json") == true)
            #expect(try JSONSerialization.jsonObject(with: Data(buffer: catalog.body)) is [String: Any])

            // Nothing changed: no rebuild. A practice published: the public version moves, a new build.
            let first = try #require(await app.openData.current)
            #expect(try await !Self.build(app, force: false))
            try await PracticeImport.run([Fixtures.record("new-practice", countries: ["PE"], themes: [.youth], pillars: [.conditionsConducive],
                                                          maturity: .piloted, title: "A new practice")], on: app.db)
            #expect(try await Self.build(app, force: false))
            let second = try #require(await app.openData.current)
            #expect(second.etag != first.etag && second.counts["practices"] == first.counts["practices"]! + 1)
            try await app.testing().test(.GET, "/open-data/sankofa-open-data.zip", headers: ["If-None-Match": first.etag]) { response in
                #expect(response.status == .ok && response.headers.first(name: .eTag) == second.etag)
            }
        }
    }

    @Test("with the public version unchanged, the indicators are looked at and rebuilt for at most once an hour", arguments: TestEngine.all)
    func indicatorsAloneRebuildHourly(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let service = app.openData, start = Date()
            func refresh(after minutes: Double) async throws -> Bool {
                try await service.refresh(database: app.db, catalogs: app.catalogs, baseURL: app.settings.baseURL,
                                          now: start.addingTimeInterval(minutes * 60))
            }
            // Exchanges held but not public: the indicators move, the public version does not.
            func holdExchanges() async throws {
                for day in ["2026-03-02", "2026-03-09", "2026-03-16"] {
                    _ = try await Exchanges(database: app.db).create(
                        ExchangeRecord(title: "Review \(day)", description: "Held in Nairobi.", language: .en, type: .peerReview, status: .held,
                                       startsOn: day, endsOn: day, place: "Nairobi", themes: [.prisons],
                                       parties: [ExchangeParty(side: .provider, country: "SN", institution: "A"),
                                                 ExchangeParty(side: .beneficiary, country: "KE", institution: "B")]),
                        createdBy: nil, now: CooperationFixtures.now)
                }
            }
            #expect(try await refresh(after: 0))
            try await holdExchanges()
            #expect(try await !refresh(after: 10))
            #expect(try await refresh(after: 61))
            #expect(try await !refresh(after: 122), "the indicators are the same: no build")
            try await holdExchanges()
            #expect(try await !refresh(after: 130), "checked less than an hour ago")
            #expect(try await refresh(after: 183))
        }
    }

    @Test("before the first build, requests ask for one at most once a minute (a failing build is not retried per page view)")
    func firstBuildIsAskedForSparingly() async {
        let service = OpenDataService(folder: FileManager.default.temporaryDirectory.appendingPathComponent("open-data-\(UUID().uuidString)"))
        let now = Date()
        #expect(await service.claimFirstBuild(now: now))
        #expect(await !service.claimFirstBuild(now: now.addingTimeInterval(30)))
        #expect(await service.claimFirstBuild(now: now.addingTimeInterval(61)))
    }

    @Test("the page explains the open data in each language, right to left in Arabic, with the dictionary", arguments: TestEngine.all)
    func page(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let before = try await Browser(app).get("/en/open-data").body.string
            #expect(before.contains("being prepared") && !before.contains("href=\"/open-data/sankofa-open-data.zip\""))
            _ = try await Self.build(app)
            for language in Language.displayOrder {
                let response = try await Browser(app).get("/\(language.rawValue)/open-data")
                #expect(response.status == .ok)
                let html = response.body.string
                #expect(html.contains("href=\"/open-data/sankofa-open-data.zip\"") && html.contains("href=\"/open-data/catalog.jsonld\""))
                #expect(html.contains(app.catalogs.text("openData.licence.why", language).prefix(20)))
                #expect(html.contains(">evidence_level<") && html.contains(app.catalogs.text("openData.column.practices.evidence_level", language)))
            }
            #expect(try await Browser(app).get("/ar/open-data").body.string.contains("dir=\"rtl\""))
            #expect(try await Browser(app).get("/en/").body.string.contains("href=\"/en/open-data\""))
        }
    }
}
