import Testing
@testable import SankofaCore

/// Who counts as a new member: both a few days' and a few posts' taking part are needed to stop.
@Suite("Posting limits")
struct PostingLimitsTests {
    @Test func aMemberIsNewUntilBothDaysAndPostsArePassed() {
        let limits = PostingLimits.standard, day = 24 * 3600, now = 100 * day
        #expect(limits.isNew(postCount: 0, firstPostAt: nil, now: now))
        #expect(limits.isNew(postCount: 50, firstPostAt: now - day, now: now), "many posts in one day")
        #expect(limits.isNew(postCount: 9, firstPostAt: now - 30 * day, now: now), "an old account with few posts")
        #expect(!limits.isNew(postCount: 10, firstPostAt: now - 3 * day, now: now))
        #expect(limits.newLinksPerPost == 3 && limits.newPostsPerDay == 10 && limits.postsPerHour == 60 && limits.flagsPerDay == 20)
    }
}
