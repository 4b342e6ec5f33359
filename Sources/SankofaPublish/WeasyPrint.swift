import Foundation

/// WeasyPrint, run as a subprocess: it lays out the HTML book as an A4 PDF with Noto fonts, correct
/// Arabic shaping and right-to-left lines. It is a Python program, pinned in
/// scripts/requirements-test.txt and installed into the repository's `.venv`.
public struct WeasyPrint: Sendable {
    /// The pinned version, named in the message shown when it is missing.
    public static let version = "70.0"
    public static let installHint = "python3 -m pip install weasyprint==\(version) (or scripts/lib/install-test-deps.sh, which installs it into .venv/), then set SANKOFA_WEASYPRINT to the weasyprint program if it is not on PATH"

    public var executable: String?

    public init(executable: String?) {
        self.executable = executable
    }

    /// `SANKOFA_WEASYPRINT`, else `weasyprint` on PATH, else `.venv/bin/weasyprint` under the
    /// working directory (where scripts/test and scripts/run install it).
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              workingDirectory: String = FileManager.default.currentDirectoryPath) -> WeasyPrint {
        let manager = FileManager.default
        if let path = environment["SANKOFA_WEASYPRINT"], !path.isEmpty {
            return WeasyPrint(executable: manager.isExecutableFile(atPath: path) ? path : nil)
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(folder)/weasyprint"
            if manager.isExecutableFile(atPath: path) { return WeasyPrint(executable: path) }
        }
        let venv = workingDirectory + "/.venv/bin/weasyprint"
        return WeasyPrint(executable: manager.isExecutableFile(atPath: venv) ? venv : nil)
    }

    public enum Failure: Error, CustomStringConvertible {
        case missing
        case failed(status: Int32, output: String)

        public var description: String {
            switch self {
            case .missing: "WeasyPrint is missing, so no PDF was made. Install it: \(WeasyPrint.installHint)"
            case .failed(let status, let output): "WeasyPrint failed (exit status \(status)): \(output.suffix(2000))"
            }
        }
    }

    /// Lays out `html` (a file) as the PDF `output`.
    public func render(html: URL, to output: URL) throws {
        guard let executable else { throw Failure.missing }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--quiet", "--media-type", "print", html.path, output.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure.failed(status: process.terminationStatus, output: String(decoding: message, as: UTF8.self))
        }
    }
}
