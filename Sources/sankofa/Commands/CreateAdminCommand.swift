import Foundation
import SankofaWeb
import Vapor

/// `sankofa create-admin --email E`, the password on standard input (never on the command line,
/// where other users of the machine could read it).
struct CreateAdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The admin's e-mail address")
        var email: String?
    }

    var help: String { "Creates an admin account; the password is read from standard input." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let email = signature.email else {
            throw CommandFailure(code: 2, message: "Give the address: sankofa create-admin --email E (password on stdin)")
        }
        let password = (readLine(strippingNewline: true) ?? "")
        do {
            try await AdminAccount.create(email: email, password: password, on: context.application)
        } catch let failure as AdminAccount.Failure {
            throw CommandFailure(code: 1, message: failure.description)
        }
        context.console.info("Admin \(email.lowercased()) created.")
    }
}
