#!/usr/bin/env python3
"""Browser smoke test of a running Sankofa server, in real headless Chromium.

Usage:  scripts/browser-test.py BASE_URL        e.g. http://127.0.0.1:8089

Needs Debian's chromium + chromium-driver and the venv made by
scripts/lib/install-test-deps.sh (selenium, and axe-playwright-python for the
axe.min.js it ships; nothing is downloaded). Started with another python, the
script re-runs itself with <repo>/.venv/bin/python.

Pages, in order (each is checked, run through axe-core, and screenshotted):
  1. /en/                 html[lang]=en, dir=ltr, an <h1>
  2. /ar/                 html[lang]=ar, dir=rtl
  3. /en/practices        at least one `article.practice-card h2 a`
  4. click the first `aside.facets` link whose href has "region="
                          URL has "region=", at least one article.practice-card
  5. click the first `article.practice-card h2 a`
                          path has "/en/practices/", an <h1>
  6. the same practice with /en/ -> /ar/      dir=rtl
  7. /en/experts, click the first expert card  path has "/en/experts/", an <h1>
  8. the same expert in Arabic                 dir=rtl
  9. /en/centres, click the first centre card  path has "/en/centres/", an <h1>
 10. the same centre in Arabic                 dir=rtl
 11. /ar/handbook          dir=rtl, a link to the demo edition and its files
 12. /ar/handbook/first-edition/africa   dir=rtl, entries (the Handbook read in Arabic)
 13. /en/handbook/first-edition           the table of contents
 14. /ar/indicators        dir=rtl, the three outcomes, a link to each of the 15 indicators
 15. /en/indicators/directory             the world map (every country a link), tables with row headers
Every page must also answer HTTP 200 and have no axe violation of impact
"serious" or "critical".

Environment:
  BROWSER_SHOTS  folder for the PNG screenshots (default: a new temp folder)
  CHROMIUM_BIN   default /usr/bin/chromium
  CHROMEDRIVER   default /usr/bin/chromedriver

Exit status 0 only when every page passed; the last line is "N passed, N failed".
"""

import os
import re
import sys
import tempfile
import time
import traceback
from pathlib import Path
from urllib.parse import urljoin, urlsplit, urlunsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = REPO_ROOT / ".venv" / "bin" / "python"

try:
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    sys.path.insert(0, str(REPO_ROOT / "scripts" / "lib"))
    from browser import chromium, find_axe_js
except ImportError:
    # Not in the test venv: re-run with its python once.
    if VENV_PYTHON.exists() and not os.environ.get("_SANKOFA_BROWSER_TEST_REEXEC"):
        os.environ["_SANKOFA_BROWSER_TEST_REEXEC"] = "1"
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(Path(__file__).resolve())] + sys.argv[1:])
    sys.exit("browser-test: selenium is not installed; run scripts/lib/install-test-deps.sh "
             f"and use {VENV_PYTHON}")

TOTAL_PAGES = 15
BAD_IMPACTS = ("serious", "critical")
WINDOW = (1280, 900)


class Page:
    def __init__(self, number, name):
        self.number = number
        self.name = name
        self.url = None
        self.failures = []
        self.violations = []

    def check(self, ok, message):
        if not ok:
            self.failures.append(message)
        return ok

    @property
    def passed(self):
        return not self.failures and not self.violations


class Run:
    def __init__(self, base, axe_source, shots_dir):
        self.base = base.rstrip("/") + "/"
        self.axe_source = axe_source
        self.shots_dir = shots_dir
        self.pages = []
        self.driver = chromium(WINDOW[0], WINDOW[1], "--lang=en-US")
        self.driver.set_page_load_timeout(30)
        self.driver.set_script_timeout(90)

    # --- helpers ---------------------------------------------------------
    def url(self, path):
        return urljoin(self.base, path.lstrip("/"))

    @staticmethod
    def complete(driver):
        """Whether the document has loaded; False when asked between two documents, which
        ChromeDriver can answer with an error instead of the new document's state."""
        try:
            return driver.execute_script("return document.readyState") == "complete"
        except WebDriverException:
            return False

    def wait_loaded(self):
        WebDriverWait(self.driver, 30).until(self.complete)

    def click_and_wait(self, element, pointer=False):
        """Click like a person would and wait for the next document. pointer=True clicks with the
        pointer where the element is: WebDriver's own click refuses the content of a closed <details>
        even where the wide-screen CSS shows it (the facets' disclosure)."""
        old_url = self.driver.current_url
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        if pointer:
            ActionChains(self.driver).move_to_element(element).click().perform()
        else:
            element.click()
        WebDriverWait(self.driver, 30).until(lambda d: d.current_url != old_url and self.complete(d))

    def html_attr(self, name):
        return self.driver.execute_script(
            "return document.documentElement.getAttribute(arguments[0]);", name)

    def count(self, css):
        return len(self.driver.find_elements(By.CSS_SELECTOR, css))

    def load_problem(self):
        """None when the document is a real HTTP 200 page, else what is wrong.

        Chromium shows its own error page (lang=en, with an <h1>) when the server
        is unreachable, while WebDriver still reports the requested URL.
        """
        info = self.driver.execute_script(
            "var e = performance.getEntriesByType('navigation')[0];"
            "return {href: location.href,"
            "        hasStatus: !!e && ('responseStatus' in e),"
            "        status: e ? e.responseStatus : null};")
        if not str(info.get("href", "")).startswith(("http://", "https://")):
            return f"page did not load (browser shows {info.get('href')})"
        # responseStatus: Navigation Timing Level 2, Chromium >= 109.
        if info.get("hasStatus") and info.get("status") != 200:
            return f"HTTP status {info.get('status')}, expected 200"
        return None

    def run_axe(self):
        if not self.driver.execute_script("return typeof window.axe === 'object';"):
            self.driver.execute_script(self.axe_source)
        if not self.driver.execute_script("return typeof window.axe === 'object';"):
            raise RuntimeError("axe-core did not load in the page")
        result = self.driver.execute_async_script("""
            var done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations']}).then(function (r) {
              done({violations: r.violations.map(function (v) {
                return {id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                        targets: v.nodes.map(function (n) {
                          return [].concat(n.target).map(function (t) {
                            return Array.isArray(t) ? t.join(' >> ') : String(t);
                          }).join(' >> ');
                        })};
              })});
            }).catch(function (e) { done({error: String(e && e.stack || e)}); });
        """)
        if result.get("error"):
            raise RuntimeError("axe.run failed: " + result["error"])
        return [v for v in result["violations"] if v.get("impact") in BAD_IMPACTS]

    def screenshot(self, page):
        slug = re.sub(r"[^A-Za-z0-9]+", "-", page.name).strip("-").lower()
        path = os.path.join(self.shots_dir, f"{page.number}-{slug}.png")
        try:
            # Grow the window to the page height for a full-page picture.
            height = self.driver.execute_script(
                "return Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0);")
            self.driver.set_window_size(WINDOW[0], max(WINDOW[1], min(int(height or 0), 8000)))
            self.driver.save_screenshot(path)
        finally:
            self.driver.set_window_size(*WINDOW)

    # --- one page -----------------------------------------------------------
    def page(self, name, action, checks):
        """action() brings the browser to the page; checks(page) asserts on it."""
        page = Page(len(self.pages) + 1, name)
        self.pages.append(page)
        arrived = False
        try:
            action()
            self.wait_loaded()
            arrived = True
            page.url = self.driver.current_url
            problem = self.load_problem()
            if problem:
                arrived = False
                raise AssertionError(problem)
            checks(page)
        except Exception as e:  # noqa: BLE001 - any error fails this page only
            first = str(e).strip().splitlines()[0] if str(e).strip() else ""
            page.failures.append(f"{type(e).__name__}: {first}".rstrip(": "))
            if os.environ.get("BROWSER_TEST_DEBUG"):
                traceback.print_exc()
        if page.url is None:
            try:
                page.url = self.driver.current_url
            except WebDriverException:
                page.url = "?"
        if arrived:
            try:
                page.violations = self.run_axe()
            except Exception as e:  # noqa: BLE001
                page.failures.append(f"axe: {type(e).__name__}: {e}")
        if page.url not in ("?", "about:blank", "data:,"):
            try:
                self.screenshot(page)
            except Exception as e:  # noqa: BLE001
                print(f"  (screenshot failed: {e})")
        self.report(page)
        return page

    def skipped(self, name, reason):
        page = Page(len(self.pages) + 1, name)
        page.url = "-"
        page.failures.append("not run: " + reason)
        self.pages.append(page)
        self.report(page)
        return page

    @staticmethod
    def report(page):
        print(f"PAGE {page.url}: {len(page.violations)} serious/critical violations")
        for v in page.violations:
            targets = ", ".join(v["targets"][:3])
            more = f" (+{len(v['targets']) - 3} more)" if len(v["targets"]) > 3 else ""
            print(f"  violation {v['id']} [{v['impact']}] {v['help']}: {targets}{more}")
        for f in page.failures:
            print(f"  FAIL ({page.number}. {page.name}) {f}")
        sys.stdout.flush()

    # --- the scenario -------------------------------------------------------
    def scenario(self):
        d = self.driver

        def home_en(p):
            p.check(self.html_attr("lang") == "en", f"html[lang] is {self.html_attr('lang')!r}, expected 'en'")
            dir_ = self.html_attr("dir")
            p.check(dir_ == "ltr", f"html[dir] is {dir_!r}, expected 'ltr'")
            p.check(self.count("h1") >= 1, "no <h1>")

        def rtl(p):
            p.check(self.html_attr("lang") == "ar", f"html[lang] is {self.html_attr('lang')!r}, expected 'ar'")
            p.check(self.html_attr("dir") == "rtl", f"html[dir] is {self.html_attr('dir')!r}, expected 'rtl'")

        def rtl_dir_only(p):
            p.check(self.html_attr("dir") == "rtl", f"html[dir] is {self.html_attr('dir')!r}, expected 'rtl'")

        def practice_list(p):
            p.check(self.count("article.practice-card h2 a") >= 1, "no `article.practice-card h2 a`")

        def facet_result(p):
            p.check("region=" in d.current_url, f"URL {d.current_url} has no 'region='")
            p.check(self.count("article.practice-card") >= 1, "no `article.practice-card` after the facet")

        def detail_en(p):
            path = urlsplit(d.current_url).path
            p.check("/en/practices/" in path, f"path {path!r} does not contain '/en/practices/'")
            p.check(self.count("h1") >= 1, "no <h1>")

        def click_facet():
            links = d.find_elements(By.CSS_SELECTOR, 'aside.facets a[href*="region="]')
            if not links:
                raise AssertionError('no `aside.facets a[href*="region="]` link on the list page')
            self.click_and_wait(links[0], pointer=True)

        def click_practice():
            links = d.find_elements(By.CSS_SELECTOR, "article.practice-card h2 a")
            if not links:
                raise AssertionError("no `article.practice-card h2 a` link to click")
            self.click_and_wait(links[0])

        self.page("home en", lambda: d.get(self.url("/en/")), home_en)
        self.page("home ar", lambda: d.get(self.url("/ar/")), rtl)
        self.page("practices en", lambda: d.get(self.url("/en/practices")), practice_list)
        # The next two click on whatever page the previous step left us on.
        self.page("practices region facet", click_facet, facet_result)
        detail = self.page("practice en", click_practice, detail_en)
        parts = urlsplit(detail.url or "")
        if detail.url and "/en/practices/" in parts.path:
            ar_url = urlunsplit(parts._replace(path=parts.path.replace("/en/", "/ar/", 1)))
            self.page("practice ar", lambda: d.get(ar_url), rtl_dir_only)
        else:
            self.skipped("practice ar", "no English practice page to switch to Arabic")

        # The directory: an expert and a centre, each in English then Arabic.
        for kind in ("experts", "centres"):
            def open_first(kind=kind):
                d.get(self.url(f"/en/{kind}"))
                self.wait_loaded()
                links = d.find_elements(By.CSS_SELECTOR, "article.directory-card h2 a")
                if not links:
                    raise AssertionError(f"no `article.directory-card h2 a` on /en/{kind}")
                self.click_and_wait(links[0])

            def detail(p, kind=kind):
                path = urlsplit(d.current_url).path
                p.check(f"/en/{kind}/" in path, f"path {path!r} does not contain '/en/{kind}/'")
                p.check(self.count("h1") >= 1, "no <h1>")

            shown = self.page(f"{kind[:-1]} en", open_first, detail)
            parts = urlsplit(shown.url or "")
            if shown.url and f"/en/{kind}/" in parts.path:
                ar_url = urlunsplit(parts._replace(path=parts.path.replace("/en/", "/ar/", 1)))
                self.page(f"{kind[:-1]} ar", lambda: d.get(ar_url), rtl)
            else:
                self.skipped(f"{kind[:-1]} ar", f"no English {kind[:-1]} page to switch to Arabic")

        def handbook_list(p):
            rtl(p)
            p.check(self.count('a[href="/ar/handbook/first-edition"]') >= 1, "no link to the demo edition")
            p.check(self.count('a[href$=".epub"]') >= 1, "no EPUB download")

        def handbook_chapter(p):
            rtl(p)
            p.check(self.count("article.handbook-entry") >= 1, "no `article.handbook-entry`")

        def handbook_contents(p):
            p.check(self.count("nav.handbook-toc li a") >= 5, "fewer than 5 links in the table of contents")

        self.page("handbook ar", lambda: d.get(self.url("/ar/handbook")), handbook_list)
        self.page("handbook chapter ar", lambda: d.get(self.url("/ar/handbook/first-edition/africa")), handbook_chapter)
        self.page("handbook contents en", lambda: d.get(self.url("/en/handbook/first-edition")), handbook_contents)

        def indicators_ar(p):
            rtl(p)
            p.check(self.count("section.outcome") == 3, "not three `section.outcome`")
            p.check(self.count('ul.indicator-cards a[href^="/ar/indicators/"]') == 15, "not 15 indicator links")

        def indicator_map(p):
            p.check(self.count("svg.world-map a.country") >= 150, "no world map with linked countries")
            p.check(self.count('table.data-table th[scope="row"]') >= 1, "no table with row headers")

        self.page("indicators ar", lambda: d.get(self.url("/ar/indicators")), indicators_ar)
        self.page("indicator map en", lambda: d.get(self.url("/en/indicators/directory")), indicator_map)

    def close(self):
        try:
            self.driver.quit()
        except Exception:  # noqa: BLE001
            pass


def main(argv):
    if len(argv) != 2 or not re.match(r"^https?://", argv[1]):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    base = argv[1]

    axe_path = find_axe_js()
    if axe_path is None:
        print("browser-test: axe.min.js not found: the PyPI package axe-playwright-python is not "
              f"installed for {sys.executable} (run scripts/lib/install-test-deps.sh)", file=sys.stderr)
        print(f"0 passed, {TOTAL_PAGES} failed")
        return 1
    axe_source = axe_path.read_text(encoding="utf-8")
    version = re.search(r"axe v([0-9.]+)", axe_source[:200])
    print(f"axe-core {version.group(1) if version else '?'} from {axe_path}")

    shots = os.environ.get("BROWSER_SHOTS") or tempfile.mkdtemp(prefix="sankofa-shots-")
    os.makedirs(shots, exist_ok=True)
    print(f"screenshots in {shots}")

    started = time.monotonic()
    try:
        run = Run(base, axe_source, shots)
    except WebDriverException as e:
        print(f"browser-test: could not start headless Chromium: {e}", file=sys.stderr)
        print(f"0 passed, {TOTAL_PAGES} failed")
        return 1
    try:
        run.scenario()
    finally:
        run.close()

    passed = sum(1 for p in run.pages if p.passed)
    failed = len(run.pages) - passed
    print(f"({time.monotonic() - started:.1f}s)")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed == TOTAL_PAGES else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
