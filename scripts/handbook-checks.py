#!/usr/bin/env python3
"""The Handbook's files checked with the tools readers' software trusts (issue 6).

    handbook-checks.py BIN [--edition first-edition] [--weasyprint PATH]

Runs `BIN handbook build` on the database of DATABASE_URL (the demo data, seeded) for all six
languages and checks, for every language:
  - epubcheck reports no fatal error, no error, no warning;
  - the PDF is A4, has bookmarks (chapters, sections, entries), pdftotext of it holds every
    entry's title in that language (Arabic and Chinese included), pdffonts shows every font
    embedded, with the Arabic and CJK Noto fonts in the Arabic and Chinese books;
  - a second build gives byte-identical EPUB and HTML files;
  - every entry shown in another language than the book's carries the fallback notice, and an
    entry translated in part marks each section shown in the original, whose text carries the
    original's language;
and that without WeasyPrint the command fails naming the install command while HTML and EPUB
are still written. Prints the build times. Exits 1 on the first failed check.
"""

import argparse
import html
import os
import re
import subprocess
import sys
import tempfile
import time
import zlib

LANGUAGES = ["ar", "zh", "en", "fr", "ru", "es"]
EPUBCHECK = "/usr/share/java/epubcheck.jar"
# Bidi controls that pdftotext adds around right-to-left runs, every kind of space, and paired
# brackets: in a left-to-right title inside a right-to-left book pdftotext gives "(" as ")" (the
# page itself is right: looked at through pdftoppm).
INVISIBLE = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069\s\u00ad()\[\]{}«»‹›]+")


def fail(message):
    print(f"handbook-checks: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def run(args, **kwargs):
    return subprocess.run(args, capture_output=True, text=True, **kwargs)


def build(bin_path, edition, out, formats, weasyprint):
    env = dict(os.environ, SANKOFA_WEASYPRINT=weasyprint)
    started = time.monotonic()
    result = run([bin_path, "handbook", "build", "--edition", edition, "--languages", "all",
                  "--formats", formats, "--out", out], env=env)
    return result, time.monotonic() - started


def bookmarks(pdf_path):
    """The number of PDF outline items (bookmarks): /Title keys in the decompressed object streams."""
    with open(pdf_path, "rb") as f:
        data = f.read()
    count = 0
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            count += len(re.findall(rb"/Title\b", zlib.decompress(match.group(1))))
        except zlib.error:
            pass
    return count


def entries(book_html):
    """(title, header language, has the entry's fallback notice, languages of the sections marked
    as shown in the original) of each entry of the HTML book."""
    found = []
    for article in re.findall(r'<article class="entry".*?</article>', book_html, re.S):
        header = re.search(r'<header xml:lang="[^"]*" lang="([^"]+)"|<header lang="([^"]+)"', article)
        title = re.search(r'<h3 class="entry-title">(.*?)</h3>', article, re.S)
        if not header or not title:
            fail("an entry without its header or title")
        marked = re.findall(r'<p class="fallback-note section-note">[^<]*</p><div(?: xml:lang="[^"]*")? lang="([^"]+)"', article)
        found.append((html.unescape(title.group(1)), header.group(1) or header.group(2),
                      re.search(r'</header><p class="fallback-note">', article) is not None, marked))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bin")
    parser.add_argument("--edition", default="first-edition")
    parser.add_argument("--weasyprint", default=os.path.join(os.path.dirname(__file__), "..", ".venv", "bin", "weasyprint"))
    args = parser.parse_args()
    weasyprint = os.path.abspath(args.weasyprint)
    if not os.access(weasyprint, os.X_OK):
        fail(f"no WeasyPrint at {weasyprint} (scripts/lib/install-test-deps.sh installs it)")

    with tempfile.TemporaryDirectory(prefix="handbook-checks-") as work:
        one, two, bare = (os.path.join(work, name) for name in ("one", "two", "bare"))
        result, seconds = build(args.bin, args.edition, one, "html,epub,pdf", weasyprint)
        if result.returncode != 0:
            fail(f"build failed ({result.returncode}): {result.stderr}")
        print(f"handbook-checks: HTML, EPUB and PDF in six languages built in {seconds:.1f} s")
        result, seconds = build(args.bin, args.edition, two, "html,epub", weasyprint)
        if result.returncode != 0:
            fail(f"second build failed: {result.stderr}")
        print(f"handbook-checks: HTML and EPUB in six languages built again in {seconds:.1f} s")

        fallbacks = partial = 0
        for language in LANGUAGES:
            stem = f"{args.edition}-{language}"
            for ext in ("html", "epub"):
                with open(os.path.join(one, f"{stem}.{ext}"), "rb") as a, open(os.path.join(two, f"{stem}.{ext}"), "rb") as b:
                    if a.read() != b.read():
                        fail(f"{stem}.{ext} differs between two builds")

            check = run(["java", "-jar", EPUBCHECK, os.path.join(one, f"{stem}.epub")])
            summary = re.search(r"Messages: (\d+) fatals / (\d+) errors / (\d+) warnings", check.stdout + check.stderr)
            if check.returncode != 0 or not summary or summary.groups() != ("0", "0", "0"):
                fail(f"epubcheck {stem}.epub:\n{check.stdout}\n{check.stderr}")

            with open(os.path.join(one, f"{stem}.html"), encoding="utf-8") as f:
                book = f.read()
            if f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' not in book:
                fail(f"{stem}.html: wrong lang/dir on <html>")
            listed = entries(book)
            if not listed:
                fail(f"{stem}.html has no entry")
            for title, lang, noted, marked in listed:
                if lang != language and not noted:
                    fail(f"{stem}: '{title}' is in {lang} without the fallback notice")
                if lang == language and noted and not marked:
                    fail(f"{stem}: '{title}' is translated but carries the fallback notice")
                if marked and (lang != language or not noted or language in marked):
                    fail(f"{stem}: '{title}' marks sections as in the original wrongly: {lang}, {noted}, {marked}")
                fallbacks += lang != language
                partial += bool(marked)

            pdf = os.path.join(one, f"{stem}.pdf")
            info = run(["pdfinfo", pdf]).stdout
            if "(A4)" not in info:
                fail(f"{stem}.pdf is not A4:\n{info}")
            text = INVISIBLE.sub("", run(["pdftotext", "-enc", "UTF-8", pdf, "-"]).stdout)
            # Every title in the book's language, and the originals shown in their own language except
            # Arabic ones in a left-to-right book (pdftotext gives those runs in visual order, so they
            # cannot be matched as text; the Arabic book itself is matched in full).
            checked = [title for title, lang, _, _ in listed if lang == language or lang != "ar"]
            missing = [title for title in checked if INVISIBLE.sub("", title) not in text]
            if missing:
                fail(f"{stem}.pdf lacks {len(missing)} titles, first: {missing[0]!r}")
            # Bookmarks: one per chapter, pillar section and entry.
            marks = bookmarks(pdf)
            if marks < len(listed) + 5:
                fail(f"{stem}.pdf has {marks} bookmarks for {len(listed)} entries")
            fonts = run(["pdffonts", pdf]).stdout.splitlines()[2:]
            if any(line.split()[-5] != "yes" for line in fonts if line.strip()):
                fail(f"{stem}.pdf has a font not embedded:\n" + "\n".join(fonts))
            names = " ".join(line.split()[0] for line in fonts if line.strip())
            wanted = {"ar": "Arabic", "zh": "CJK-SC"}.get(language, "Noto")
            if wanted not in names:
                fail(f"{stem}.pdf: no embedded {wanted} font among {names}")
            print(f"handbook-checks: {language}: epubcheck clean, {len(checked)} of {len(listed)} titles found in the PDF, {marks} bookmarks"
                  f" (all {sum(lang == language for _, lang, _, _ in listed)} in {language}), fonts embedded ({names})")
        if fallbacks == 0:
            fail("no untranslated entry in any language: the fallback notice was never checked")
        if partial == 0:
            fail("no entry translated in part in any language: the sections' marks were never checked")
        print(f"handbook-checks: {fallbacks} entries shown in their original language, each with the notice;"
              f" {partial} translated in part, each section shown in the original marked and in its language")

        result, _ = build(args.bin, args.edition, bare, "html,epub,pdf", "/nonexistent/weasyprint")
        written = sorted(os.listdir(bare)) if os.path.isdir(bare) else []
        if result.returncode != 1 or "pip install weasyprint==" not in result.stderr:
            fail(f"without WeasyPrint: status {result.returncode}, message {result.stderr!r}")
        if len(written) != 12 or any(name.endswith(".pdf") for name in written):
            fail(f"without WeasyPrint the other formats should be written: {written}")
        print("handbook-checks: without WeasyPrint, HTML and EPUB written and the PDF refused with the install command")
    print("handbook-checks: all checks passed")


if __name__ == "__main__":
    main()
