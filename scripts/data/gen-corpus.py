#!/usr/bin/env python3
"""Synthetic multilingual corpus of practices for scripts/bench-search.

    gen-corpus.py --size N --out corpus.json --queries queries.txt [--seed S]

Writes a JSON array of N published practices in the import format of
Resources/Demo/*.json (`sankofa import practices FILE`), and a file of search
queries, one a line. Deterministic: the same size and seed give the same files.

Text is in the six UN languages. Each language has a synthetic vocabulary of
about 30,000 word forms in its own script (Latin with accents for French and
Spanish, Cyrillic with ё for Russian, Arabic letters with some tashkeel, hamza
forms of alef, alef maqsura and ta marbuta for Arabic, CJK ideographs written
without spaces for Chinese). Words are drawn with a Zipf law (exponent 1.1),
shorter forms being the frequent ones, as in real text. The original language
is spread evenly over the six; about 30% of the records have a second, full
translation. Title ~8 words, summary ~30, the other eight text fields ~15.

Queries (~300): per language single words of high, middle and low frequency,
two-word queries, the same words without their diacritics (Latin accents, ё→е,
tashkeel and alef forms), prefixes of 3-4 letters as the last word, and for
Chinese substrings of 2-4 characters cut from the generated text.
"""

import argparse
import bisect
import itertools
import json
import random
import sys
import unicodedata

LANGUAGES = ["ar", "zh", "en", "fr", "ru", "es"]
VOCABULARY_SIZE = 30_000
ZIPF_EXPONENT = 1.1
SECOND_TRANSLATION_SHARE = 0.30

# The taxonomy values used in Resources/Demo/*.json.
THEMES = [
    "border-security", "community-engagement", "criminal-justice", "education", "gender",
    "human-rights", "international-cooperation", "national-strategies", "online", "prisons",
    "rehabilitation-reintegration", "religious-leaders", "returnees", "strategic-communications",
    "terrorism-financing", "victims", "youth",
]
MATURITY = ["piloted", "evaluated", "adapted", "scaledUp"]
EVIDENCE = ["none", "monitoringData", "internalEvaluation", "independentEvaluation", "peerReviewed"]
# Southern countries (the ones the demo data uses), plus a few partner countries.
SOUTH = (
    "AE AG BB BD BF BJ BN BR BS BZ CI CM CN CO DJ DM DZ EG ET GD GH GY HT ID IN IQ JM JO KE KH KN "
    "LA LC LK MA ML MM MR MY MZ NE NG PE PH PK RW SA SD SG SN SO SR SS SY TD TG TH TJ TN TT UG VC VN"
).split()
PARTNERS = ["NO", "DE", "JP", "CA", "AU", "CH", "NL", "SE"]

TEXT_FIELDS = [
    "context", "approach", "results", "lessons", "transferConditions",
    "expansionPotential", "safeguards", "targetGroups",
]

# --- vocabularies ---------------------------------------------------------------------------

LATIN = {
    "en": dict(
        onsets="b c d f g h j k l m n p r s t v w y z br cr dr fr gr pr tr st sp sl ch sh th ph wh qu bl cl pl".split(),
        vowels="a e i o u a e i o y ai ea ee oo ou ie".split(),
        codas=["", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ng", "ck", "rt", "ll"],
        suffixes=["", "", "", "", "ing", "ed", "er", "ly", "tion", "ment", "ness", "al", "ity"],
    ),
    "fr": dict(
        onsets="b c d f g j l m n p r s t v qu ch br cr dr fr gr pr tr pl bl cl gn".split(),
        vowels="a e i o u é é è ê à â î ô û ou oi ai au eu eau ie".split(),
        codas=["", "", "", "", "n", "r", "s", "l", "m", "c", "t"],
        suffixes=["", "", "", "", "tion", "ment", "eur", "ière", "ité", "ée", "ence", "ère", "ïe", "ç", "aux"],
    ),
    "es": dict(
        onsets="b c d f g j l m n ñ p r s t v ll ch rr br cr dr fr gr pr tr pl bl cl qu z".split(),
        vowels="a e i o u a e o á é í ó ú ue ie io ia".split(),
        codas=["", "", "", "", "n", "r", "s", "l", "d", "z"],
        suffixes=["", "", "", "", "ción", "mente", "dad", "ería", "ano", "ado", "ión", "güe", "ísimo"],
    ),
}

RU = dict(
    onsets="б в г д ж з к л м н п р с т ф х ц ч ш щ бр вр гр др кр пр тр ст ск сл сп".split(),
    vowels="а е и о у ы э ю я а е и о ё ё".split(),
    codas=["", "", "", "н", "р", "с", "т", "л", "й", "в", "ть", "ск", "м", "к"],
    suffixes=["", "", "", "ость", "ение", "ный", "ский", "ать", "ёнок", "ство", "ной", "ами"],
)

AR_CONSONANTS = list("بتثجحخدذرزسشصضطظعغفقكلمنهوي")
AR_TASHKEEL = ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652"]  # fatha damma kasra shadda sukun
AR_PATTERNS = [
    "{0}{1}{2}", "{0}ا{1}{2}", "{0}{1}ي{2}", "م{0}{1}{2}", "م{0}{1}و{2}", "{0}{1}ا{2}",
    "ت{0}{1}{2}", "{0}{1}{2}ة", "{0}ا{1}{2}ة", "م{0}{1}{2}ة", "أ{0}{1}{2}", "إ{0}{1}ا{2}",
    "آ{0}{1}{2}", "ٱ{0}{1}{2}", "{0}{1}{2}ى", "است{0}{1}ا{2}", "{0}{1}{2}ات", "{0}{1}{2}ون",
    "ال{0}{1}{2}", "ال{0}ا{1}{2}", "ال{0}{1}ي{2}", "ال{0}{1}{2}ة", "ت{0}ا{1}{2}", "{0}و{1}{2}",
]

# Common CJK unified ideographs (U+4E00–U+9FA5); 3,500 of them make the character set.
ZH_BLOCK = (0x4E00, 0x9FA5)


def latin_word(rng, spec):
    syllables = rng.choices([1, 2, 3, 4], weights=[3, 5, 4, 2])[0]
    word = "".join(
        rng.choice(spec["onsets"]) * (rng.random() < 0.85) + rng.choice(spec["vowels"]) + rng.choice(spec["codas"])
        for _ in range(syllables)
    )
    return word + rng.choice(spec["suffixes"])


def arabic_word(rng):
    root = rng.sample(AR_CONSONANTS, 3)
    word = rng.choice(AR_PATTERNS).format(*root)
    if rng.random() < 0.12:  # some forms carry short vowels (tashkeel)
        letters = []
        for ch in word:
            letters.append(ch)
            if ch in AR_CONSONANTS and rng.random() < 0.6:
                letters.append(rng.choice(AR_TASHKEEL))
        word = "".join(letters)
    if rng.random() < 0.01 and len(word) > 3:  # a rare tatweel
        word = word[:2] + "\u0640" + word[2:]
    return word


def chinese_word(rng, characters):
    length = rng.choices([1, 2, 3], weights=[2, 6, 2])[0]
    return "".join(rng.choice(characters) for _ in range(length))


def vocabulary(rng, language):
    """~30,000 distinct forms, shortest first with jitter: the rank order of the Zipf law."""
    if language == "zh":
        all_chars = [chr(c) for c in range(*ZH_BLOCK)]
        characters = rng.sample(all_chars, 3500)
        make = lambda: chinese_word(rng, characters)
    elif language == "ar":
        make = lambda: arabic_word(rng)
    elif language == "ru":
        make = lambda: latin_word(rng, RU)
    else:
        make = lambda: latin_word(rng, LATIN[language])
    forms = set()
    while len(forms) < VOCABULARY_SIZE:
        word = make()
        if (2 if language in ("en", "fr", "es", "ru") else 1) <= len(word) <= 18:
            forms.add(word)
    words = sorted(forms)  # sets are unordered: sort before shuffling, for determinism
    rng.shuffle(words)
    words.sort(key=lambda w: len(strip_marks(w, language)) + rng.random() * 3)
    return words


class Language:
    def __init__(self, code, rng):
        self.code = code
        self.words = vocabulary(rng, code)
        weights = [1.0 / (rank ** ZIPF_EXPONENT) for rank in range(1, len(self.words) + 1)]
        self.cumulative = list(itertools.accumulate(weights))

    def sample(self, rng, count):
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def text(self, rng, count, sentence=True):
        words = self.sample(rng, count)
        if self.code == "zh":
            if not sentence:
                return "".join(words)
            out = []
            for i, w in enumerate(words):
                out.append(w)
                if i and i % rng.randint(5, 9) == 0 and i < len(words) - 1:
                    out.append("，")
            return "".join(out) + "。"
        if not sentence:
            return " ".join(words)
        comma = "،" if self.code == "ar" else ","
        out = []
        for i, w in enumerate(words):
            out.append(w + (comma if i and i % 7 == 0 and i < len(words) - 1 else ""))
        if self.code != "ar":
            out[0] = out[0][:1].upper() + out[0][1:]
        return " ".join(out) + "."


def around(rng, n):
    spread = max(1, n // 4)
    return rng.randint(n - spread, n + spread)


def translation(rng, lang):
    text = {"title": lang.text(rng, around(rng, 8), sentence=False)[:200],
            "summary": lang.text(rng, around(rng, 30))}
    for field in TEXT_FIELDS:
        text[field] = lang.text(rng, around(rng, 15))
    return text


def record(rng, index, languages):
    original = LANGUAGES[rng.randrange(len(LANGUAGES))]
    codes = [original]
    if rng.random() < SECOND_TRANSLATION_SHARE:
        codes.append(rng.choice([c for c in LANGUAGES if c != original]))
    countries = rng.sample(SOUTH, rng.choices([1, 2, 3, 4], weights=[6, 2, 2, 1])[0])
    if rng.random() < 0.1:
        countries.append(rng.choice(PARTNERS))
    start = rng.randint(1995, 2024)
    end = rng.choice([None, None, None, min(2026, start + rng.randint(0, 8))])
    lang = languages[original]
    org = lambda: lang.text(rng, rng.randint(2, 4), sentence=False)
    return {
        "slug": f"bench-{index:06d}",
        "status": "published",
        "originalLanguage": original,
        "countries": countries,
        "leadCountry": countries[0],
        "implementingOrganisations": [org() for _ in range(rng.randint(1, 2))],
        "partners": [org() for _ in range(rng.randint(0, 2))],
        "funders": [org() for _ in range(rng.randint(0, 1))],
        "startYear": start,
        "endYear": end,
        "pillars": sorted(rng.sample([1, 2, 3, 4], rng.randint(1, 3))),
        "themes": sorted(rng.sample(THEMES, rng.randint(1, 3))),
        "maturity": rng.choice(MATURITY),
        "evidenceLevel": rng.choice(EVIDENCE),
        "sources": [{"title": org(), "url": f"https://bench.example.org/practices/{index:06d}"}],
        "lastReviewed": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "translations": {code: translation(rng, languages[code]) for code in codes},
    }


# --- queries --------------------------------------------------------------------------------

def strip_marks(word, code):
    """The form a user types without diacritics: what the normaliser must fold to."""
    if code == "ru":
        return word.replace("ё", "е")
    if code == "ar":
        word = "".join(ch for ch in word if ch not in AR_TASHKEEL and ch != "\u0640")
        for alef in "أإآٱ":
            word = word.replace(alef, "ا")
        return word
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


def marked(word, code):
    return strip_marks(word, code) != word


def queries(rng, languages, zh_texts):
    out = []
    for code in LANGUAGES:
        lang = languages[code]
        words = lang.words
        high = words[:60]
        middle = words[500:3000]
        low = words[10_000:]
        pick = lambda pool, n: rng.sample(pool, n)
        out += pick(high, 9) + pick(middle, 9) + pick(low, 9)
        for _ in range(12):  # two words as people type them: one common, one less so
            a, b = rng.choice(words[:300]), rng.choice(words[100:5000])
            out.append(a + b if code == "zh" else f"{a} {b}")
        if code == "zh":
            for _ in range(16):
                text = rng.choice(zh_texts).replace("，", "").replace("。", "")
                n = rng.randint(2, 4)
                start = rng.randrange(0, max(1, len(text) - n))
                out.append(text[start:start + n])
            continue
        # Folded forms (no accents, е for ё, no tashkeel, bare alef) of words that have marks.
        with_marks = [w for w in words[:5000] if marked(w, code)]
        out += [strip_marks(w, code) for w in pick(with_marks, min(4, len(with_marks)))]
        # Prefixes of 3-4 letters as the last word typed, alone and after a full word.
        long_words = [w for w in words[:15_000] if len(strip_marks(w, code)) >= 5]
        for i in range(8):
            prefix = rng.choice(long_words)[: rng.randint(3, 4)]
            out.append(prefix if i < 4 else f"{rng.choice(words[:1000])} {prefix}")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20260301)
    parser.add_argument("--out", required=True, help="corpus JSON file")
    parser.add_argument("--queries", required=True, help="queries file, one a line")
    args = parser.parse_args()
    if args.size < 1:
        parser.error("--size must be at least 1")

    rng = random.Random(args.seed)
    languages = {code: Language(code, rng) for code in LANGUAGES}
    zh_texts = []
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("[\n")
        for i in range(1, args.size + 1):
            rec = record(rng, i, languages)
            if "zh" in rec["translations"] and len(zh_texts) < 2000:
                zh_texts.append(rec["translations"]["zh"]["summary"])
            if i > 1:
                f.write(",\n")
            f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
        f.write("\n]\n")
    if not zh_texts:  # a tiny corpus without Chinese: cut substrings from fresh text
        zh_texts = [languages["zh"].text(rng, 30) for _ in range(50)]
    qs = queries(random.Random(args.seed + 1), languages, zh_texts)
    with open(args.queries, "w", encoding="utf-8") as f:
        for q in qs:
            f.write(q.replace("\n", " ") + "\n")
    print(f"gen-corpus: {args.size} practices -> {args.out}, {len(qs)} queries -> {args.queries}", file=sys.stderr)


if __name__ == "__main__":
    main()
