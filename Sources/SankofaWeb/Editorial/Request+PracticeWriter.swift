import SankofaStore
import Vapor

extension Request {
    /// The member writing a practice through this request, as its revision and audit entry name them.
    var practiceWriter: PracticeWrites.Writer {
        PracticeWrites.Writer(userID: user?.id, audit: auditEntry("", target: ""))
    }
}
