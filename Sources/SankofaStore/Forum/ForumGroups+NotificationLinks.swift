import SankofaCore

/// What a notification about a group (an invitation, a request, an acceptance) needs for its link
/// to the group's own page: the group's slug, read with the notification.
extension Notifications {
    /// The slug of notification `n`'s group, only while the person told may know of the group: it
    /// is listed, or they have a standing in it (invited, asked, active). A hidden group's slug
    /// names it, so anyone else gets NULL and a link to the groups list.
    static let groupSlugColumn = """
        (SELECT g.slug FROM forum_groups g WHERE g.id = n.group_id AND (g.listed OR EXISTS (SELECT 1 FROM forum_group_members gs
            WHERE gs.group_id = g.id AND gs.user_id = n.user_id))) AS group_slug
        """
}
