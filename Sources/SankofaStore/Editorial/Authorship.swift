import Fluent
import Foundation
import SQLKit

/// Authorship of practices submitted through the site.
public enum Authorship {
    /// A deleted account's practices stay, attributed to a former member.
    public static func forget(_ userID: UUID, on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("UPDATE practices SET author_id = NULL WHERE author_id = \(bind: userID)").run()
    }
}
