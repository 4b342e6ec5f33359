import Foundation

/// Scores a request's need against candidates: a pure function over the structured fields, its
/// weights in ``MatchWeights`` (which also says what excludes a candidate and why). Every point a
/// candidate earns or loses comes with a ``MatchReason``, so a list never ranks without saying why.
public enum MatchScoring {
    /// The best candidates of each kind, best first (ties by kind then target, so the order is
    /// stable), at most `perKind` of each.
    public static func rank(_ need: MatchNeed, _ candidates: [MatchCandidate], perKind: Int = MatchWeights.perKind) -> [ScoredMatch] {
        rank(need, groups: [candidates], perKind: perKind)
    }

    /// As above, over several arrays (the store's experts and the rest), without joining them.
    /// Every candidate is scored without its reasons (no allocation for the 100,000 practices);
    /// only those kept are scored again with them, by the same function.
    public static func rank(_ need: MatchNeed, groups: [[MatchCandidate]], perKind: Int = MatchWeights.perKind) -> [ScoredMatch] {
        var byKind: [[(score: Int, candidate: MatchCandidate)]] = Array(repeating: [], count: MatchKind.allCases.count)
        for candidates in groups {
            for candidate in candidates {
                guard let scored = score(need, candidate, explain: false) else { continue }
                byKind[Self.index(candidate.kind)].append((scored.score, candidate))
            }
        }
        return byKind.flatMap { scored in
            scored.sorted { ($0.score, $1.candidate.target) > ($1.score, $0.candidate.target) }.prefix(perKind)
                .compactMap { score(need, $0.candidate) }
        }
    }

    static func index(_ kind: MatchKind) -> Int {
        switch kind { case .expert: 0; case .centre: 1; case .practice: 2; case .course: 3 }
    }

    /// One candidate's score and reasons (none unless `explain`), or nil when it is excluded (``MatchWeights``).
    public static func score(_ need: MatchNeed, _ c: MatchCandidate, explain: Bool = true) -> ScoredMatch? {
        // The two cheap exclusions first: most of 100,000 practices stop here.
        let sharedThemes = need.themeMask & c.themeMask
        if need.themeMask != 0 && sharedThemes == 0 { return nil }
        let sharesLanguage = need.workingLanguages.contains { c.languages.contains($0) }
        if !sharesLanguage && !need.workingLanguages.isEmpty && c.kind != .practice { return nil }
        if c.kind == .course, let end = c.endDate, end < need.today { return nil }

        var score = 0
        var reasons: [MatchReason] = []
        func add(_ points: Int, _ reason: @autoclosure () -> MatchReason) {
            score += points
            if explain { reasons.append(reason()) }
        }

        if sharesLanguage {
            add(MatchWeights.sharedLanguage, .sharedLanguages(need.workingLanguages.filter { c.languages.contains($0) }))
        } else if !need.workingLanguages.isEmpty {
            add(MatchWeights.noSharedLanguage, .noSharedLanguage)
        }
        if need.themeMask != 0 {
            let n = sharedThemes.nonzeroBitCount, total = need.themeMask.nonzeroBitCount
            add(MatchWeights.themes * n / total, .themes(shared: MatchMasks.themes(in: sharedThemes), of: total))
        }
        let sharedPillars = need.pillarMask & c.pillarMask
        if sharedPillars != 0 {
            let total = need.pillarMask.nonzeroBitCount
            add(MatchWeights.pillars * sharedPillars.nonzeroBitCount / total,
                .pillars(shared: Pillar.allCases.filter { sharedPillars & (1 << $0.rawValue) != 0 }, of: total))
        }
        support(need, c, add)
        place(need, c, add)
        switch c.kind {
        case .practice:
            if let maturity = c.maturity {
                switch maturity {
                case .adapted, .scaledUp: add(MatchWeights.maturityTravelled, .maturity(maturity))
                case .evaluated: add(MatchWeights.maturityEvaluated, .maturity(maturity))
                case .piloted: break
                }
            }
            if let evidence = c.evidence {
                switch evidence {
                case .independentEvaluation, .peerReviewed: add(MatchWeights.evidenceStrong, .evidence(evidence))
                case .internalEvaluation: add(MatchWeights.evidenceInternal, .evidence(evidence))
                case .none, .monitoringData: break
                }
            }
        case .course:
            if let start = c.startDate, let end = c.endDate, need.startsOn != nil || need.endsOn != nil {
                let within = start >= (need.startsOn ?? need.today) && end <= (need.endsOn ?? "9999-12-31")
                if within {
                    add(MatchWeights.courseWithinTimeframe, .courseWithinTimeframe(start: start, end: end))
                } else {
                    add(MatchWeights.courseOutsideTimeframe, .courseOutsideTimeframe(start: start, end: end))
                }
            }
        case .expert, .centre:
            break
        }
        return ScoredMatch(kind: c.kind, target: c.target, score: score, reasons: reasons)
    }

    typealias Add = (Int, @autoclosure () -> MatchReason) -> Void

    /// The kinds of support, the modality and the availability.
    static func support(_ need: MatchNeed, _ c: MatchCandidate, _ add: Add) {
        let asked = need.supportKinds
        switch c.kind {
        case .expert:
            let wanted = Set(asked.compactMap(\.offer))
            let offers = c.offers.filter { wanted.contains($0.type) }
            guard !offers.isEmpty else { return }
            let met = asked.filter { kind in offers.contains { $0.type == kind.offer } }.count
            let types = OfferType.allCases.filter { type in offers.contains { $0.type == type } }
            add(MatchWeights.support * met / max(asked.count, 1), .offers(types))
            modality(need, offers.flatMap(\.modality), add)
            let usable = offers.map(\.availability).filter { $0 != .notAvailable }
            if usable.isEmpty {
                add(MatchWeights.notAvailable, .notAvailable)
            } else if usable.contains(where: { $0 == .now || ($0.day ?? "") <= need.today }) {
                add(MatchWeights.available, .availableNow)
            } else if let first = usable.compactMap(\.day).min() {
                // Available later: points only when that is before the request starts.
                add(first <= need.wantedFrom ? MatchWeights.available : 0, .availableFrom(first))
            }
        case .centre:
            let teaching = asked.filter { $0 == .training || $0 == .workshop }.count
            if c.upcomingCourses > 0 && teaching > 0 {
                add(MatchWeights.support * teaching / max(asked.count, 1), .runsCourses(c.upcomingCourses))
            }
        case .course:
            let teaching = asked.filter { $0 == .training || $0 == .workshop }.count
            if teaching > 0 { add(MatchWeights.support * teaching / max(asked.count, 1), .offers([.training])) }
            if let m = c.courseModality { modality(need, m == .blended ? [.remote, .inPerson] : [m], add) }
        case .practice:
            if asked.contains(.documentsAdvice) { add(MatchWeights.support / max(asked.count, 1), .documents) }
        }
    }

    static func modality(_ need: MatchNeed, _ offered: [Modality], _ add: Add) {
        let fits = switch need.modality {
        case .online: offered.contains(.remote) || offered.contains(.blended)
        case .inPerson: offered.contains(.inPerson) || offered.contains(.blended)
        case .hybrid: !offered.isEmpty
        }
        if fits { add(MatchWeights.modality, .modality(need.modality)) } else { add(MatchWeights.modalityMismatch, .modalityMismatch(need.modality)) }
    }

    /// The South-South rule and the kind of exchange the provider's country makes.
    static func place(_ need: MatchNeed, _ c: MatchCandidate, _ add: Add) {
        if let country = c.country, let region = c.region {
            if region == .partner {
                add(MatchWeights.outsideSouth, .outsideSouth(country))
            } else if country == need.beneficiaryCountry {
                add(MatchWeights.sameCountry, .sameCountry(country))
            } else if region == need.beneficiaryRegion {
                add(MatchWeights.sameRegion, .sameRegion(country, region))
            } else {
                add(MatchWeights.otherRegion, .otherRegion(country, region))
            }
        }
        if c.experienceCountries.contains(need.beneficiaryCountry) && c.country != need.beneficiaryCountry {
            add(MatchWeights.experienceInCountry, .experienceIn(need.beneficiaryCountry))
        }
    }
}

extension Availability {
    /// The day an availability starts, when it is a day.
    var day: String? { if case .from(let day) = self { day } else { nil } }
}
