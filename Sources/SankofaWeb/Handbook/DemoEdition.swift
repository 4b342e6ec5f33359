import Fluent
import Foundation
import SankofaCore
import SankofaPublish
import SankofaStore
import Vapor

/// The demo data's edition: every published demo practice, compiled and published, its web and
/// EPUB files built (PDF needs WeasyPrint: `sankofa handbook build --edition first-edition --formats pdf`).
public enum DemoEdition {
    public static let slug = "first-edition"

    static let texts: [String: EditionText] = [
        "en": EditionText(
            foreword: "Every country, every partner has something to share or teach. This handbook gathers initiatives that developing countries designed, tested and carried further, so that others can learn from them and meet the people behind them.",
            introduction: "The entries come from the practices published on Sankofa. Each one follows the same layout: what the challenge was, what was done, what came of it, the lessons, and the conditions for taking it elsewhere.\n\nChapters follow the regions of the South and, within each region, the four pillars of the United Nations Global Counter-Terrorism Strategy."),
        "fr": EditionText(
            foreword: "Chaque pays, chaque partenaire a quelque chose à partager ou à enseigner. Ce manuel réunit des initiatives que des pays en développement ont conçues, éprouvées et menées plus loin, pour que d'autres puissent s'en inspirer et rencontrer celles et ceux qui les portent.",
            introduction: "Les fiches proviennent des pratiques publiées sur Sankofa. Chacune suit la même présentation : le défi, ce qui a été fait, les résultats, les enseignements et les conditions d'un transfert.\n\nLes chapitres suivent les régions du Sud et, dans chaque région, les quatre piliers de la Stratégie antiterroriste mondiale des Nations Unies."),
        "es": EditionText(
            foreword: "Cada país, cada socio tiene algo que compartir o enseñar. Este manual reúne iniciativas que países en desarrollo diseñaron, pusieron a prueba y llevaron más lejos, para que otros aprendan de ellas y conozcan a las personas que las impulsan.",
            introduction: "Las fichas proceden de las prácticas publicadas en Sankofa. Todas siguen la misma estructura: el desafío, lo que se hizo, los resultados, las lecciones y las condiciones para trasladarla a otro lugar.\n\nLos capítulos siguen las regiones del Sur y, dentro de cada región, los cuatro pilares de la Estrategia Global de las Naciones Unidas contra el Terrorismo."),
        "ru": EditionText(
            foreword: "Каждой стране, каждому партнёру есть чем поделиться и чему научить. В этом справочнике собраны инициативы, которые развивающиеся страны разработали, испытали и развили, чтобы другие могли перенять их опыт и познакомиться с людьми, стоящими за ними.",
            introduction: "Статьи основаны на практиках, опубликованных на Sankofa. Все они построены одинаково: проблема, что было сделано, каковы результаты, извлечённые уроки и условия переноса.\n\nГлавы соответствуют регионам Юга, а внутри каждого региона — четырём опорам Глобальной контртеррористической стратегии ООН."),
        "ar": EditionText(
            foreword: "لدى كل بلد وكل شريك ما يتقاسمه أو يعلّمه. يجمع هذا الدليل مبادرات صمّمتها بلدان نامية وجرّبتها ومضت بها إلى أبعد من ذلك، لكي يتعلّم منها الآخرون ويتعرّفوا على القائمين عليها.",
            introduction: "تستند المداخل إلى الممارسات المنشورة على منصة سانكوفا. ويتبع كل منها الترتيب نفسه: التحدي، وما أُنجز، والنتائج، والدروس المستفادة، وشروط نقل التجربة إلى مكان آخر.\n\nتتبع الفصول مناطق الجنوب، وفي كل منطقة الركائز الأربع لاستراتيجية الأمم المتحدة العالمية لمكافحة الإرهاب."),
        "zh": EditionText(
            foreword: "每个国家、每个伙伴都有可以分享或传授的经验。本手册汇集了发展中国家设计、试行并加以推进的举措，以便他人借鉴，并结识其背后的人员。",
            introduction: "各条目来自 Sankofa 上已发布的做法。每个条目结构相同：面临的挑战、采取的行动、取得的成果、经验教训以及推广条件。\n\n各章按南方各区域排列，每个区域内再按《联合国全球反恐战略》的四个支柱编排。"),
    ]

    /// Creates, compiles and publishes the demo edition once; later runs leave it as it is.
    public static func ensure(_ app: Application, year: Int = 2026) async throws -> Bool {
        let store = EditionStore(database: app.db)
        guard try await store.find(slug: slug, publishedOnly: false) == nil else { return false }
        let edition = try await store.create(EditionDraft(slug: slug, number: 1, year: year, selection: .all, texts: texts))
        try await store.compile(edition)
        try await store.publish(edition)
        _ = try await HandbookService(app).build(edition, languages: Language.displayOrder, formats: [.html, .epub])
        return true
    }
}
