import Fluent

/// Every migration, in order. Numbered folders group them by the release that introduced them.
public enum SankofaMigrations {
    public static let all: [any Migration] = [
        CreatePractices(),
        CreatePracticeIndexes(),
        CreateDataVersion(),
        CreateSearchIndex(),
        CreateAccounts(),
        CreateEditorial(),
        CreateDirectory(),
        CreateHandbook(),
        RebuildSQLiteSearchIndex(),
        RepackSQLiteSearchRowIDs(),
        ClaimOutboxMessages(),
        PartitionPostgresSearchDocuments(),
        GiveUpOutboxMessages(),
        KeepHandbookPDFs(),
        CreatePendingRevisions(),
        AddPendingTwoFactorSecret(),
        AddEmailChangeAddress(),
        ForgetUnsaltedRecoveryCodes(),
        CountDeniedRequests(),
        WithholdOutboxLinkTokens(),
        CreateProfileClaims(),
        CreatePracticeFacetIndex(),
        ProjectExpertsPerAudience(),
        IndexCentresAndCourses(),
        StemSearchIndex(),
        CreateForum(),
        CreateForumActivity(),
        AddOutboxHeaders(),
        CreateSiteSecrets(),
        CreateForumSearchIndex(),
        CreateSearchVocabulary(),
        CreateCooperation(),
    ]
}
