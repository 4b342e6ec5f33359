import Foundation

/// An iCalendar (RFC 5545) feed of all-day events, for calendar clients to subscribe to.
public struct ICalendar: Sendable {
    public struct Event: Sendable {
        public var uid: String
        /// ISO days, both inclusive (the feed writes DTEND as the day after, as RFC 5545 wants).
        public var start: String
        public var end: String
        public var summary: String
        public var description: String
        public var location: String?
        public var url: String?
        public var language: Language

        public init(uid: String, start: String, end: String, summary: String, description: String,
                    location: String?, url: String?, language: Language) {
            self.uid = uid
            self.start = start
            self.end = end
            self.summary = summary
            self.description = description
            self.location = location
            self.url = url
            self.language = language
        }
    }

    public var name: String
    public var events: [Event]
    /// DTSTAMP of every event: when the feed was made, to the day, so the bytes change only daily.
    public var stamp: String

    public init(name: String, events: [Event], stamp: String) {
        self.name = name
        self.events = events
        self.stamp = stamp
    }

    public func render() -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Sankofa//Courses//EN", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:" + Self.escape(name)]
        let stampValue = Self.compact(stamp) + "T000000Z"
        for event in events {
            lines += ["BEGIN:VEVENT", "UID:" + Self.escape(event.uid), "DTSTAMP:" + stampValue,
                      "DTSTART;VALUE=DATE:" + Self.compact(event.start), "DTEND;VALUE=DATE:" + Self.compact(Self.dayAfter(event.end)),
                      "SUMMARY;LANGUAGE=\(event.language.rawValue):" + Self.escape(event.summary)]
            if !event.description.isEmpty { lines.append("DESCRIPTION;LANGUAGE=\(event.language.rawValue):" + Self.escape(event.description)) }
            if let location = event.location, !location.isEmpty { lines.append("LOCATION:" + Self.escape(location)) }
            if let url = event.url { lines.append("URL:" + url) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11).
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": continue
            default:
                if character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) { out.append(character) }
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space, cut between
    /// characters, never inside a UTF-8 sequence (RFC 5545 3.1).
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var result = "", current = 0, limit = 75
        for character in line {
            let size = String(character).utf8.count
            if current + size > limit {
                result += "\r\n "
                current = 0
                limit = 74
            }
            result.append(character)
            current += size
        }
        return result
    }

    static func compact(_ day: String) -> String { day.replacingOccurrences(of: "-", with: "") }

    static func dayAfter(_ day: String) -> String {
        guard let date = ISODay.parse(day) else { return day }
        return ISODay.format(date.addingTimeInterval(86_400))
    }
}
