import Foundation
import SankofaCore
import Testing

/// The access policy's object-level permissions on their own: who may read, change and translate
/// a practice in each status, read an edition, read a profile; the HTTP side is
/// ObjectRoleMatrixTests in SankofaWebTests.
@Suite("Object-level access policy")
struct ObjectPolicyTests {
    static let authorID = "A0000000-0000-0000-0000-000000000001"
    static func actor(_ roles: Set<Role>, id: String = "B0000000-0000-0000-0000-000000000002", status: AccountStatus = .active) -> Actor {
        Actor(userID: id, status: status, roles: roles, country: "KE")
    }
    static let visitor = Actor.visitor
    static let author = actor([.member], id: authorID)
    static let disabledAuthor = actor([.member], id: authorID, status: .disabled)
    static let pendingAuthor = actor([], id: authorID, status: .pending)
    static let member = actor([.member])
    static let translator = actor([.member, .translator])
    static let editor = actor([.member, .editor])
    static let admin = actor([.member, .admin])
    static let disabledAdmin = actor([.member, .admin, .editor, .translator], status: .disabled)

    /// Actor name → actor, in the order the table's strings list them.
    static let actors: [(String, Actor)] = [
        ("visitor", visitor), ("author", author), ("disabledAuthor", disabledAuthor), ("pendingAuthor", pendingAuthor),
        ("member", member), ("translator", translator), ("editor", editor), ("admin", admin), ("disabledAdmin", disabledAdmin),
    ]

    /// Status → who may read, edit, translate.
    static let practices: [PracticeStatus: (read: Set<String>, edit: Set<String>, translate: Set<String>)] = [
        .draft: (["author", "editor", "admin"], ["author"], ["author", "editor", "admin"]),
        .submitted: (["author", "editor", "admin"], [], ["editor", "admin"]),
        .inReview: (["author", "editor", "admin"], [], ["editor", "admin"]),
        .published: (["visitor", "author", "disabledAuthor", "pendingAuthor", "member", "translator", "editor", "admin", "disabledAdmin"],
                     ["author"], ["author", "translator", "editor", "admin"]),
        .archived: (["author", "editor", "admin"], [], ["editor", "admin"]),
    ]

    @Test("ASVS 8.2.2 data-specific access: a practice by status for each kind of actor")
    func practicesByStatus() {
        #expect(Set(Self.practices.keys) == Set(PracticeStatus.allCases), "every status has a line")
        for (status, allowed) in Self.practices {
            for (name, actor) in Self.actors {
                #expect(AccessPolicy.allows(actor, .readPractice(status: status, authorID: Self.authorID)) == allowed.read.contains(name),
                        "read \(status) as \(name)")
                #expect(AccessPolicy.allows(actor, .editPractice(status: status, authorID: Self.authorID)) == allowed.edit.contains(name),
                        "edit \(status) as \(name)")
                #expect(AccessPolicy.allows(actor, .translatePractice(status: status, authorID: Self.authorID)) == allowed.translate.contains(name),
                        "translate \(status) as \(name)")
            }
            // A practice without an author (imported, or its author's account deleted) is nobody's.
            #expect(!AccessPolicy.allows(Self.member, .editPractice(status: status, authorID: nil)))
        }
    }

    @Test("ASVS 2.3.5 multi-user approval: an author's change to a published practice waits for an editor; editors' changes and translators' translations do not")
    func changesThatWaitForReview() {
        #expect(AccessPolicy.changeWaitsForReview(Self.author, status: .published, translating: false))
        #expect(AccessPolicy.changeWaitsForReview(Self.author, status: .published, translating: true))
        #expect(!AccessPolicy.changeWaitsForReview(Self.author, status: .draft, translating: false))
        #expect(!AccessPolicy.changeWaitsForReview(Self.translator, status: .published, translating: true))
        #expect(!AccessPolicy.changeWaitsForReview(Self.editor, status: .published, translating: false))
        #expect(AccessPolicy.changeWaitsForReview(Self.disabledAdmin, status: .published, translating: true), "roles of a disabled account count for nothing")
    }

    @Test("ASVS 8.2.2 data-specific access: a Handbook edition by status")
    func editionsByStatus() {
        let staff: Set<String> = ["editor", "admin"]
        for status in EditionStatus.allCases {
            for (name, actor) in Self.actors {
                let expected = status == .published || staff.contains(name)
                #expect(AccessPolicy.allows(actor, .readEdition(status: status)) == expected, "\(status) as \(name)")
            }
        }
    }

    /// The permission and the function every page, export and index reduces profiles with decide alike.
    @Test("ASVS 8.2.3 field-level access: readProfile agrees with ExpertRecord.visible(to:) for every level, owner and actor")
    func profilesAgreeWithTheirView() {
        for level in Visibility.allCases {
            var record = ExpertRecord(slug: "someone", name: "Someone", email: "someone@example.org", originalLanguage: .en, country: "KE")
            record.visibility = ProfileVisibility([.profile: level])
            for owner in [Self.authorID, nil] as [String?] {
                for (name, actor) in Self.actors {
                    let permitted = AccessPolicy.allows(actor, .readProfile(visibility: level, ownerID: owner))
                    #expect(permitted == (record.visible(to: AccessPolicy.audience(actor, owner: owner)) != nil),
                            "\(level) owned by \(owner ?? "nobody") as \(name)")
                }
            }
        }
        #expect(AccessPolicy.allows(Self.author, .readProfile(visibility: .staff, ownerID: Self.authorID)))
        #expect(!AccessPolicy.allows(Self.disabledAuthor, .readProfile(visibility: .staff, ownerID: Self.authorID)))
        #expect(!AccessPolicy.allows(Self.translator, .readProfile(visibility: .staff, ownerID: nil)))
    }

    /// Accepting an author's pending change applies only what they changed: a translation saved
    /// since by a translator stays.
    @Test("ASVS 2.3.5 multi-user approval: publishing a pending change applies only what its author changed, keeping later changes by others")
    func pendingChangeAppliesOnlyWhatTheAuthorChanged() {
        let base = PracticeRecord(slug: "p", status: .published, originalLanguage: .en, countries: ["KE"], leadCountry: "KE",
                                  pillars: [.conditionsConducive], themes: [.youth], maturity: .piloted, evidenceLevel: .none,
                                  translations: [.en: PracticeText(title: "Original"), .fr: PracticeText(title: "Originale")])
        var proposal = base
        proposal.translations[.en] = PracticeText(title: "Changed by the author")
        proposal.maturity = .evaluated
        var live = base
        live.translations[.ar] = PracticeText(title: "عنوان")
        live.translations[.fr] = PracticeText(title: "Revue par un traducteur")
        let merged = live.applying(proposal, over: base)
        #expect(merged.translations[.en]?.title == "Changed by the author")
        #expect(merged.maturity == .evaluated)
        #expect(merged.translations[.ar]?.title == "عنوان")
        #expect(merged.translations[.fr]?.title == "Revue par un traducteur")
        #expect(live.applying(base, over: base) == live, "an unchanged proposal changes nothing")
    }
}
