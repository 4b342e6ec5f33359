import Foundation
import Testing
@testable import SankofaCore

/// Inputs known to make cmark slow (its own pathological tests, and the quadratic cases Debian 12's
/// version still has: ForumMarkdownLimits), each at the longest post the forum accepts: rendering
/// stays well under a second and the output stays proportionate.
extension ForumMarkdownTests {
    static func repeated(_ unit: String, times: Int = ForumMarkdown.maximumLength) -> String {
        String(repeating: unit, count: min(times, ForumMarkdown.maximumLength / unit.count))
    }

    /// A post of the longest length: `head`, then ordinary prose up to the limit.
    static func post(_ head: String) -> String {
        let prose = String(repeating: "Seeds are shared between farmers of the region. ", count: ForumMarkdown.maximumLength / 40)
        return String((head + "\n\n" + prose).prefix(ForumMarkdown.maximumLength))
    }

    /// The bound a hostile render is held to: `floor`, or forty times an ordinary post of the
    /// longest length rendered on this machine at this moment when that is more, so that a
    /// loaded machine (forty suites at once on two cores) slows the bound with the render. cmark's
    /// quadratic cases take hundreds of times an ordinary post.
    static func bound(floor: Duration) -> Duration {
        let clock = ContinuousClock()
        let ordinary = post("")
        let baseline = (0..<3).map { _ in clock.measure { _ = ForumMarkdown.html(ordinary, mentions: { "/m/\($0)" }) } }.min()!
        return max(floor, baseline * 40)
    }

    static let hostile: [(String, String)] = {
        var ticks = ""
        var run = 1
        while ticks.count + run + 1 < ForumMarkdown.maximumLength { ticks += "e" + String(repeating: "`", count: run); run += 1 }
        let half = ForumMarkdown.maximumLength / 2
        let limits = ForumMarkdownLimits.self
        let wide = "|" + String(repeating: "a|", count: 1_000)
        let cases: [(String, String)] = [
            ("www._ (autolink)", repeated("www._")),
            ("a@ (autolink e-mail)", repeated("a@")),
            ("www.a (many autolinks)", repeated("www.a ")),
            ("a table row of pipes", "|a|\n|-|\n" + repeated("|")),
            ("1,000 columns over many lines", wide + "\n|" + String(repeating: "-|", count: 1_000) + "\n" + repeated("x\n")),
            ("a<? (processing instructions)", "a" + repeated("<?")),
            ("a<!X (declarations)", "a" + repeated("<!A ")),
            ("a<![CDATA[", "a" + repeated("<![CDATA[")),
            ("a<!-- (comments)", "a" + repeated("<!--")),
            ("![[]()", repeated("![[]()")),
            ("[ (](", repeated("[ (](")),
            ("nested brackets", String(repeating: "[", count: half - 1) + "a" + String(repeating: "]", count: half - 1)),
            ("nested strong emphasis", repeated("*a **a ", times: 7_000) + "b" + repeated(" a** a*", times: 7_000)),
            ("emphasis openers then closers (cmark #389)", repeated("*a ", times: 12_000) + repeated("_a*_ ", times: 12_000)),
            ("mismatched emphasis", repeated("*a_ ")),
            ("link openers and emphasis closers", repeated("[ a_")),
            ("unclosed pointy destinations", repeated("[a](<b")),
            ("backtick strings", ticks),
            ("block quotes 50,000 deep", String(repeating: "> ", count: half - 1) + "a"),
            ("lists nested", (0..<300).map { String(repeating: "  ", count: $0) + "- x" }.joined(separator: "\n")),
            ("mentions", repeated("@a ")),
            ("links", repeated("[a](/b) ")),
            // Just inside each limit: parsed, with the extensions on.
            ("www._ at the limit", post(repeated("www._", times: limits.autolinkStarts))),
            ("a@ at the limit", post(repeated("a@", times: limits.atSigns))),
            ("a<? at the limit", post("a" + repeated("<?", times: limits.angleBrackets))),
            ("a<!X at the limit", post("a" + repeated("<!A ", times: limits.angleBrackets))),
            ("![[]() at the limit", post(repeated("![[]()", times: limits.imageOpeners))),
            ("cmark #389 at the limit", post(repeated("*a ", times: limits.emphasisDelimiters * 2 / 5) + repeated("_a*_ ", times: limits.emphasisDelimiters / 5))),
            ("pipes at the limit", post("|a|\n|-|\n" + repeated(String(repeating: "|", count: limits.pipesPerLine) + "\n"))),
            ("cells at the limit", post("|" + String(repeating: "a|", count: 100) + "\n|" + String(repeating: "-|", count: 100) + "\n"
                + repeated("x\n", times: limits.tableCells / 100))),
        ]
        return cases.map { ($0.0, String($0.1.prefix(ForumMarkdown.maximumLength))) }
    }()

    @Test func hostileInputRendersInBoundedTimeAndSize() {
        let clock = ContinuousClock()
        var report: [String] = []
        let bound = Self.bound(floor: .milliseconds(350))
        for (name, markdown) in Self.hostile {
            var html = ""
            let elapsed = clock.measure { html = ForumMarkdown.html(markdown, mentions: { "/m/\($0)" }) }
            report.append("\(name): \(elapsed.formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1)))), \(html.utf8.count) bytes")
            // Tens of milliseconds on a quiet machine (a debug build); cmark's quadratic cases take 0.5 to 4 s.
            #expect(elapsed < bound, "\(name): \(elapsed), bound \(bound)")
            #expect(html.utf8.count < 40 * ForumMarkdown.maximumLength, "\(name): \(html.utf8.count) bytes")
            #expect(!html.contains("<script"), "\(name)")
        }
        print(report.joined(separator: "\n"))
    }
}
