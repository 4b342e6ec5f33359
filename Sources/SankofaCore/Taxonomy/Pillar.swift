/// The four pillars of the UN Global Counter-Terrorism Strategy.
public enum Pillar: Int, CaseIterable, Codable, Sendable, Comparable {
    /// I: addressing the conditions conducive to the spread of terrorism.
    case conditionsConducive = 1
    /// II: preventing and combating terrorism.
    case preventingCombating = 2
    /// III: building States' capacity and strengthening the role of the UN.
    case capacityBuilding = 3
    /// IV: human rights and the rule of law.
    case humanRightsRuleOfLaw = 4

    public var roman: String { ["I", "II", "III", "IV"][rawValue - 1] }
    /// Catalog key of the pillar's name.
    public var labelKey: String { "pillar.\(rawValue)" }
    public static func < (l: Pillar, r: Pillar) -> Bool { l.rawValue < r.rawValue }
}
