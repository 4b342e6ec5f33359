/// `about/index.leaf`: what the platform is, in blocks, its outcomes and its languages.
struct AboutPage: Encodable, Sendable {
    struct Block: Encodable, Sendable { var heading: String; var paragraphs: [String] }
    var heading: String
    var blocks: [Block]
    var outcomes: [String]
    var outcomesHeading: String
    var languagesHeading: String
    var languages: [String]
}
