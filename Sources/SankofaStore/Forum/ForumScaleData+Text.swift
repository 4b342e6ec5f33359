import SankofaCore

/// Titles and post bodies for the benchmark's forum: sentences in the post's language made of
/// the field's words, about 40 words a post, so that pages, search documents and digests weigh
/// what real ones would.
enum ScaleText {
    static let words: [Language: [String]] = [
        .en: ["rehabilitation", "community", "returnees", "schools", "prison", "follow-up", "families", "evaluation", "mentors",
              "county", "action", "plan", "online", "counter-narratives", "youth", "women", "training", "exchange", "release",
              "reintegration", "trust", "local", "leaders", "data", "indicators", "budget", "partners", "dialogue"],
        .fr: ["réhabilitation", "communauté", "rapatriés", "écoles", "prison", "suivi", "familles", "évaluation", "mentors",
              "région", "plan", "d'action", "en ligne", "contre-discours", "jeunes", "femmes", "formation", "échange", "sortie",
              "réintégration", "confiance", "locaux", "responsables", "données", "indicateurs", "budget", "partenaires", "dialogue"],
        .es: ["rehabilitación", "comunidad", "retornados", "escuelas", "cárcel", "seguimiento", "familias", "evaluación", "mentores",
              "municipio", "plan", "acción", "en línea", "contranarrativas", "jóvenes", "mujeres", "formación", "intercambio", "salida",
              "reintegración", "confianza", "locales", "líderes", "datos", "indicadores", "presupuesto", "aliados", "diálogo"],
        .ar: ["التأهيل", "المجتمع", "العائدون", "المدارس", "السجن", "المتابعة", "الأسر", "التقييم", "المرشدون", "المحافظة",
              "خطة", "العمل", "الإنترنت", "الخطاب", "البديل", "الشباب", "النساء", "التدريب", "التبادل", "الإفراج", "الإدماج",
              "الثقة", "المحلية", "القيادات", "البيانات", "المؤشرات", "الميزانية", "الشركاء", "الحوار"],
        .ru: ["реабилитация", "сообщество", "возвращённые", "школы", "тюрьма", "сопровождение", "семьи", "оценка", "наставники",
              "район", "план", "действий", "интернет", "контрнарративы", "молодёжь", "женщины", "обучение", "обмен", "освобождение",
              "реинтеграция", "доверие", "местные", "лидеры", "данные", "показатели", "бюджет", "партнёры", "диалог"],
        .zh: ["改造", "社区", "回返人员", "学校", "监狱", "跟进", "家庭", "评估", "导师", "地方", "行动", "计划", "网络",
              "反叙事", "青年", "妇女", "培训", "交流", "释放", "重返社会", "信任", "本地", "领袖", "数据", "指标", "预算",
              "合作伙伴", "对话"],
    ]

    static func title(_ index: Int, _ language: Language) -> String {
        let list = words[language]!
        let separator = language == .zh ? "" : " "
        return "\(index): " + [list[index % list.count], list[(index / 7) % list.count], list[(index / 49) % list.count]]
            .joined(separator: separator)
    }

    static func body(_ rng: inout ScaleRandom, _ language: Language, mention: String?) -> String {
        let list = words[language]!
        let separator = language == .zh ? "" : " "
        var sentences: [String] = []
        for _ in 0..<4 {
            let sentence = (0..<10).map { _ in list[rng.int(0...(list.count - 1))] }.joined(separator: separator)
            sentences.append(sentence.prefix(1).uppercased() + sentence.dropFirst() + (language == .zh ? "。" : "."))
        }
        if let mention { sentences.insert(mention, at: 0) }
        return sentences.joined(separator: language == .zh ? "" : " ")
    }
}
