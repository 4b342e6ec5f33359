import Fluent
import SankofaCore

/// The account side of an expert profile.
extension UserStore {
    /// An account with a profile has the expert role (shown on the account page). Sessions go on:
    /// the role is a mark that the access policy does not read.
    public func grantExpert(_ user: UserModel) async throws {
        guard !user.roleSet.contains(.expert) else { return }
        user.roles = user.roleSet.union([.expert]).sorted().map(\.rawValue)
        try await user.save(on: database)
    }
}
