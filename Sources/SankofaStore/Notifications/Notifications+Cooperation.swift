import SankofaCore

/// What a notice of the cooperation cycle needs on the notifications page and in the forum's mail:
/// the title of its request or exchange (shown where a thread's title is) and the name of who
/// acted when they have no forum name. (`requests rq` is among ``joins``: ``readable`` reads it.)
extension Notifications {
    static let cooperationJoins = """
        LEFT JOIN exchanges ex ON ex.id = n.exchange_id LEFT JOIN users ua ON ua.id = n.actor_id
        """
    static let cooperationColumns = """
        COALESCE(t.title, rq.title, ex.title) AS thread_title, COALESCE(m.display_name, ua.name) AS actor_name,
        n.request_id, n.exchange_id
        """
}
