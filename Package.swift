// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Sankofa",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sankofa", targets: ["sankofa"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", exact: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", exact: "4.13.0"),
        
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", exact: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", exact: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", exact: "4.5.2"),
        // The SMTP client (Sources/SankofaWeb/Mail): the versions Vapor already resolves.
        .package(url: "https://github.com/apple/swift-nio.git", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", exact: "2.37.6"),
        // The Handbook's EPUB files (Sources/SankofaPublish): an EPUB is a zip of XHTML.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
        // /metrics in the Prometheus text format (Sources/SankofaWeb/Operations).
        .package(url: "https://github.com/swift-server/swift-prometheus.git", exact: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", exact: "2.13.0"),
    ],
    targets: [
        // Snowball's stemmers, the C library Debian keeps (libstemmer-dev): search's stemming.
        .systemLibrary(
            name: "CStemmer",
            path: "Sources/CStemmer",
            providers: [.apt(["libstemmer-dev"])]
        ),
        // GitHub's CommonMark library with its extensions (Debian's libcmark-gfm): forum posts' Markdown.
        .systemLibrary(
            name: "CCmarkGFM",
            path: "Sources/CCmarkGFM",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Pure domain: value types, rules, catalogs. Foundation and two C libraries Debian keeps only.
        .target(
            name: "SankofaCore",
            dependencies: ["CStemmer", "CCmarkGFM"],
            resources: [.copy("Resources")]
        ),
        // Persistence: Fluent models, migrations, queries.
        .target(
            name: "SankofaStore",
            dependencies: [
                "SankofaCore",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ]
        ),
        // The Handbook: a frozen edition to books (HTML, EPUB, PDF through WeasyPrint). No database.
        .target(
            name: "SankofaPublish",
            dependencies: [
                "SankofaCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // The world map's outlines (scripts/data/world-map.py).
            resources: [.copy("Resources")]
        ),
        // HTTP: configure(app), routes, middleware, one folder per feature.
        .target(
            name: "SankofaWeb",
            dependencies: [
                "SankofaCore",
                "SankofaStore",
                "SankofaPublish",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .executableTarget(
            name: "sankofa",
            dependencies: ["SankofaWeb", "SankofaPublish"]
        ),
        // Shared by the test targets. The store's part (engines, a migrated database on either,
        // fixtures) builds without the web target, so the store's tests do too.
        .target(
            name: "SankofaStoreTestSupport",
            dependencies: [
                "SankofaStore",
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Tests/SankofaStoreTestSupport"
        ),
        // The web's part: an app on either engine, a browser, HTML helpers.
        .target(
            name: "SankofaTestSupport",
            dependencies: [
                "SankofaWeb",
                "SankofaStoreTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
            ],
            path: "Tests/SankofaTestSupport"
        ),
        .testTarget(name: "SankofaCoreTests", dependencies: ["SankofaCore"]),
        .testTarget(name: "SankofaStoreTests", dependencies: ["SankofaStore", "SankofaStoreTestSupport"]),
        .testTarget(name: "SankofaPublishTests", dependencies: ["SankofaPublish", "SankofaStoreTestSupport"]),
        .testTarget(name: "SankofaWebTests", dependencies: ["SankofaWeb", "SankofaTestSupport"]),
    ]
)
