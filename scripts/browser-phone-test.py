#!/usr/bin/env python3
"""The site on a phone (issue 23), in headless Chromium at 390 × 800 and 320 × 640, English and Arabic.

On each list page (practices, experts, centres, courses, search with a query):
  - the header is at most 120 px high;
  - the search box and the first result start within the first screen;
  - the page does not scroll sideways (scrollWidth <= innerWidth);
  - the facets sit in a closed "Filters (N active)" disclosure;
  - navigation, facets, pagination and form buttons are at least 44 × 44 px once shown;
  - axe-core reports no serious or critical violation.
Once per size and language: the menu opens with the keyboard (focus its summary, press Enter) and,
in a second Chromium with JavaScript switched off, with a click.
Every measurement is printed; the last line is "N passed, N failed" (exit status 1 on a failure).

Usage: scripts/browser-phone-test.py BASE_URL
"""

import os
import sys
from pathlib import Path
from urllib.parse import urljoin

REPO_ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = REPO_ROOT / ".venv" / "bin" / "python"
try:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
    sys.path.insert(0, str(REPO_ROOT / "scripts" / "lib"))
    from browser import chromium, find_axe_js
except ImportError:
    if VENV_PYTHON.exists() and not os.environ.get("_SANKOFA_PHONE_TEST_REEXEC"):
        os.environ["_SANKOFA_PHONE_TEST_REEXEC"] = "1"
        os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(Path(__file__).resolve())] + sys.argv[1:])
    sys.exit("browser-phone-test: selenium is not installed; run scripts/lib/install-test-deps.sh")

SIZES = [(390, 800), (320, 640)]
LANGUAGES = ["en", "ar"]
# Each list page and the selector of one result on it.
LIST_PAGES = [
    ("practices", "practices", "article.practice-card"),
    ("experts", "experts", "article.directory-card"),
    ("centres", "centres", "article.directory-card"),
    ("courses", "courses", "article.directory-card"),
    ("search", "search?q=rehabilitation", "article.search-hit"),
]
HEADER_LIMIT = 120
TARGET = 44 - 0.5  # sub-pixel rounding
# What a finger must hit, once the menu and the filters are open.
TARGETS = ("nav.main-nav a, details.site-menu > summary, details.language-menu > summary, details.filters > summary, "
           ".facet a, .facet summary, .pagination a, .search-box button")
MENU_LINK = "nav.main-nav a"
BAD_IMPACTS = ("serious", "critical")

passed = failed = 0


def check(ok, name, measured):
    global passed, failed
    passed, failed = passed + bool(ok), failed + (not ok)
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {measured}", flush=True)


def load(driver, url):
    driver.get(url)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def top(driver, css):
    """The document y of the first element matching css, or None."""
    return driver.execute_script(
        "var e = document.querySelector(arguments[0]);"
        "return e ? e.getBoundingClientRect().top + window.scrollY : null;", css)


def axe_violations(driver, source):
    if not driver.execute_script("return typeof window.axe === 'object';"):
        driver.execute_script(source)
    result = driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']}).then(function (r) {
          done(r.violations.map(function (v) { return {id: v.id, impact: v.impact, n: v.nodes.length}; }));
        }).catch(function (e) { done([{id: 'axe failed: ' + e, impact: 'critical', n: 0}]); });""")
    return [v for v in result if v["impact"] in BAD_IMPACTS]


def small_targets(driver):
    """Visible targets smaller than 44 × 44 px, after opening the menu and the filters."""
    driver.execute_script("document.querySelectorAll('details.site-menu, details.filters, details.facet')"
                          ".forEach(function (d) { d.open = true; });")
    return driver.execute_script("""
        var small = [], min = arguments[1];
        document.querySelectorAll(arguments[0]).forEach(function (e) {
          var r = e.getBoundingClientRect();
          if (r.width === 0 && r.height === 0) return;  // not shown at this size
          if (r.width < min || r.height < min)
            small.push(e.tagName.toLowerCase() + ' "' + e.textContent.trim().slice(0, 24) + '" '
                       + Math.round(r.width) + 'x' + Math.round(r.height));
        });
        return small;""", TARGETS, TARGET)


def list_page(driver, axe, base, size, lang, name, path, result_css):
    label = f"{size[0]}x{size[1]} {lang} {name}"
    load(driver, urljoin(base, f"/{lang}/{path}"))
    inner = size[1]
    header = driver.execute_script("return document.querySelector('header.site-header').getBoundingClientRect().height;")
    check(header <= HEADER_LIMIT, f"{label} header height <= {HEADER_LIMIT}", f"{header:.0f} px")
    box = top(driver, "form.search-box input[type=search]")
    check(box is not None and box < inner, f"{label} search box within the first screen", f"top {box} of {inner}")
    first = top(driver, result_css)
    check(first is not None and first < inner, f"{label} first result within the first screen", f"top {first} of {inner}")
    # A page wider than the screen also shows as a phone zooming out (innerWidth above the screen's).
    scroll = driver.execute_script("return [document.scrollingElement.scrollWidth, window.innerWidth];")
    check(scroll[0] <= scroll[1] == size[0], f"{label} no sideways scrolling",
          f"scrollWidth {scroll[0]}, innerWidth {scroll[1]}, screen {size[0]}")
    closed = driver.execute_script("var d = document.querySelector('details.filters');"
                                   "return d ? {open: d.open, text: d.querySelector('summary').textContent.trim()} : null;")
    check(closed is not None and not closed["open"], f"{label} facets in a closed disclosure",
          closed["text"] if closed else "no details.filters")
    bad = axe_violations(driver, axe)
    check(not bad, f"{label} axe serious/critical", ", ".join(f"{v['id']} ({v['impact']}, {v['n']})" for v in bad) or "none")
    small = small_targets(driver)
    check(not small, f"{label} touch targets >= 44 px", "; ".join(small[:6]) or "all")


def menu_opens(driver, base, size, lang, how):
    """Opens the menu by keyboard (Enter on the focused summary) or by a click, then looks at its links."""
    label = f"{size[0]}x{size[1]} {lang}"
    load(driver, urljoin(base, f"/{lang}/practices"))
    summaries = driver.find_elements(By.CSS_SELECTOR, "details.site-menu > summary")
    if not summaries:
        check(False, f"{label} menu opens {how}", "no details.site-menu > summary")
        return
    before = [a.is_displayed() for a in driver.find_elements(By.CSS_SELECTOR, MENU_LINK)]
    if how == "with the keyboard":
        driver.execute_script("arguments[0].focus();", summaries[0])
        focused = driver.execute_script("return document.activeElement === arguments[0];", summaries[0])
        driver.switch_to.active_element.send_keys(Keys.ENTER)
    else:
        focused = True
        summaries[0].click()
    links = driver.find_elements(By.CSS_SELECTOR, MENU_LINK)
    shown = sum(a.is_displayed() for a in links)
    ok = focused and not any(before) and links and shown == len(links)
    check(ok, f"{label} menu opens {how}", f"summary focused {focused}, links shown {sum(before)} before, {shown}/{len(links)} after")
    within = driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).every(function (a) {"
        " var r = a.getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth; });", MENU_LINK)
    check(within, f"{label} open menu fits the screen ({how})", "every link within the width" if within else "a link outside")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    base = sys.argv[1].rstrip("/") + "/"
    axe_path = find_axe_js()
    if axe_path is None:
        sys.exit("browser-phone-test: axe.min.js not found (pip install axe-playwright-python)")
    axe = axe_path.read_text()
    shots = os.environ.get("BROWSER_SHOTS")
    if shots:
        os.makedirs(shots, exist_ok=True)
    for size in SIZES:
        driver = chromium(*size)
        no_script = chromium(*size, javascript=False)
        try:
            driver.set_script_timeout(90)
            # Headless windows do not go below 500 px wide: emulate the phone's viewport instead.
            for d in (driver, no_script):
                d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                  {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": True})
            for lang in LANGUAGES:
                for name, path, result_css in LIST_PAGES:
                    list_page(driver, axe, base, size, lang, name, path, result_css)
                    if shots:
                        load(driver, urljoin(base, f"/{lang}/{path}"))
                        driver.save_screenshot(os.path.join(shots, f"phone-{size[0]}-{lang}-{name}.png"))
                menu_opens(driver, base, size, lang, "with the keyboard")
                menu_opens(no_script, base, size, lang, "without JavaScript")
                if shots:
                    no_script.save_screenshot(os.path.join(shots, f"phone-{size[0]}-{lang}-menu.png"))
        finally:
            driver.quit()
            no_script.quit()
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
