#!/usr/bin/env python3
"""The annual report's files checked as the Handbook's are (issue 20), and the Arabic Handbook's key facts.

    annual-report-checks.py BIN [--year 2026] [--weasyprint PATH]

Runs `BIN report annual --year Y --out DIR` on the database of DATABASE_URL (the demo data,
seeded) for all six languages in HTML and PDF, prints the build time of each language, and checks
for every language:
  - the HTML file has the language and direction on <html>;
  - the PDF is A4, and pdftotext of it holds the report's translated headings (its title, every
    chapter title, the translated labels of the key figures) in that language: the Arabic ones as
    Arabic text in logical order (pdftotext gives right-to-left runs in reading order);
  - pdffonts shows every font embedded, Noto fonts, the Arabic and CJK ones in those books;
then builds the demo Handbook's Arabic PDF and checks, with the words' positions from
`pdftotext -bbox`, that each key-facts row puts its label (البلدان…) on the right of its values.
Exits 1 on the first failed check.
"""

import argparse
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import time

LANGUAGES = ["ar", "zh", "en", "fr", "ru", "es"]
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
CATALOGS = os.path.join(ROOT, "Sources", "SankofaCore", "Resources", "i18n")
# Bidi controls pdftotext adds around right-to-left runs, and every kind of space (see handbook-checks.py).
# Arabic vowel marks too: pdftotext gives a mark that WeasyPrint placed as a glyph of its own
# (the tanwin of "استنادًا") on a line of its own.
INVISIBLE = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069\s\u00ad()\[\]{}«»‹›\u064b-\u065f\u0670]+")


def fail(message):
    print(f"annual-report-checks: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def catalog(language):
    with open(os.path.join(CATALOGS, f"{language}.json"), encoding="utf-8") as f:
        return json.load(f)


def wrapped(lines, heading):
    """Whether `heading` is in the text as lines laid out one after another, each in reading order.
    pdftotext orders the lines of a wrapped right-to-left heading by their height, which a vowel
    mark's own line shifts, so the lines are matched wherever they stand."""
    rest = heading
    while rest:
        best = max((line for line in lines if line and rest.startswith(line)), key=len, default=None)
        if best is None:
            return False
        rest = rest[len(best):]
    return True


def check_report(out, year, language, strings):
    stem = os.path.join(out, f"annual-report-{year}-{language}")
    with open(stem + ".html", encoding="utf-8") as f:
        book = f.read()
    direction = "rtl" if language == "ar" else "ltr"
    if f'<html lang="{language}" dir="{direction}">' not in book:
        fail(f"{stem}.html: wrong lang/dir on <html>")
    pdf = stem + ".pdf"
    if "(A4)" not in run(["pdfinfo", pdf]).stdout:
        fail(f"{pdf} is not A4")
    raw = run(["pdftotext", "-enc", "UTF-8", pdf, "-"]).stdout
    text = INVISIBLE.sub("", raw)
    lines = [INVISIBLE.sub("", line) for line in raw.splitlines()]
    titles = [html.unescape(t) for t in re.findall(r'<h1 class="chapter-title">(.*?)</h1>', book)]
    if len(titles) != 8:
        fail(f"{stem}.html has {len(titles)} chapters, not 8")
    year_text = re.search(r'<h1 class="book-title">(.*?)</h1>', book)
    wanted = titles + [html.unescape(year_text.group(1))] + [strings[f"annualReport.key.{k}"] for k in
                                                             ("practices", "exchanges", "countries", "currencies")]
    # The chapter titles are the catalog's words, not keys or another language's.
    for key in ("annualReport.summary", "annualReport.practices", "annualReport.method"):
        if strings[key] not in titles:
            fail(f"{stem}.html: chapter '{strings[key]}' ({key}) missing from {titles}")
    missing = [t for t in wanted if INVISIBLE.sub("", t) not in text and not wrapped(lines, INVISIBLE.sub("", t))]
    if missing:
        fail(f"{pdf}: {len(missing)} translated headings not found in its text, first: {missing[0]!r}")
    fonts = [line for line in run(["pdffonts", pdf]).stdout.splitlines()[2:] if line.strip()]
    if any(line.split()[-5] != "yes" for line in fonts):
        fail(f"{pdf} has a font not embedded:\n" + "\n".join(fonts))
    names = " ".join(line.split()[0] for line in fonts)
    need = {"ar": "Noto-Naskh-Arabic", "zh": "CJK-SC"}.get(language, "Noto-Serif")
    if need not in names or any("Noto" not in line.split()[0] for line in fonts):
        fail(f"{pdf}: fonts {names}, wanted Noto with {need}")
    return len(wanted), names


def check_key_facts(bin_path, weasyprint, work):
    """In the Arabic Handbook's PDF the label of the countries row is the rightmost word of its line."""
    out = os.path.join(work, "handbook")
    env = dict(os.environ, SANKOFA_WEASYPRINT=weasyprint)
    result = run([bin_path, "handbook", "build", "--edition", "first-edition", "--languages", "ar,en",
                  "--formats", "html,pdf", "--out", out], env=env)
    if result.returncode != 0:
        fail(f"handbook build failed: {result.stderr}")
    for language, side in (("ar", "right"), ("en", "left")):
        label = catalog(language)["practice.countries"]
        with open(os.path.join(out, f"first-edition-{language}.html"), encoding="utf-8") as f:
            entries = f.read().count('<article class="entry"')
        bbox = run(["pdftotext", "-bbox", os.path.join(out, f"first-edition-{language}.pdf"), "-"]).stdout
        # (x min, line: page and y min, x max, word), so that lines of different pages stay apart.
        words = [(float(a), (page, float(b)), float(c), html.unescape(w))
                 for page, block in enumerate(bbox.split("<page ")) for a, b, c, w in re.findall(
                     r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', block)]
        # With -bbox pdftotext spells right-to-left words in visual order: the positions are what count here.
        first = label.split()[0]
        parts = set(label.split()) | {part[::-1] for part in label.split()}
        placed = 0
        for x_min, y_min, x_max, word in words:
            if word not in (first, first[::-1]):
                continue
            line = [w for w in words if w[1][0] == y_min[0] and abs(w[1][1] - y_min[1]) < 2 and w[3] not in parts]
            if not line:
                continue
            if side == "right" and x_max >= max(w[2] for w in line):
                placed += 1
            if side == "left" and x_min <= min(w[0] for w in line):
                placed += 1
        if placed < entries:
            fail(f"first-edition-{language}.pdf: the label '{label}' stands on the {side} of its values in {placed} rows"
                 f" of {entries} entries' key facts")
        print(f"annual-report-checks: Handbook {language}: '{label}' on the {side} of its values in {placed} rows ({entries} entries)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bin")
    parser.add_argument("--year", default=time.strftime("%Y", time.gmtime()))
    parser.add_argument("--weasyprint", default=os.path.join(ROOT, ".venv", "bin", "weasyprint"))
    args = parser.parse_args()
    weasyprint = os.path.abspath(args.weasyprint)
    if not os.access(weasyprint, os.X_OK):
        fail(f"no WeasyPrint at {weasyprint} (scripts/lib/install-test-deps.sh installs it)")
    with tempfile.TemporaryDirectory(prefix="annual-report-checks-") as work:
        out = os.path.join(work, "report")
        started = time.monotonic()
        result = run([args.bin, "report", "annual", "--year", args.year, "--languages", "all", "--formats", "html,pdf",
                      "--out", out], env=dict(os.environ, SANKOFA_WEASYPRINT=weasyprint))
        if result.returncode != 0:
            fail(f"report build failed ({result.returncode}): {result.stderr}")
        print(f"annual-report-checks: HTML and PDF in six languages built in {time.monotonic() - started:.1f} s")
        for line in result.stdout.splitlines():
            if "\ttotal\t" in line:
                print("annual-report-checks: build time " + line.replace("\ttotal\t", ": "))
        for language in LANGUAGES:
            count, names = check_report(out, args.year, language, catalog(language))
            print(f"annual-report-checks: {language}: {count} translated headings found in the PDF's text, fonts embedded ({names})")
        check_key_facts(args.bin, weasyprint, work)
    print("annual-report-checks: all checks passed")


if __name__ == "__main__":
    main()
