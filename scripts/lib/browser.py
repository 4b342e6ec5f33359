"""What the browser tests share: a headless Chromium through Debian's chromedriver, and the
axe-core script shipped by the PyPI package axe-playwright-python (nothing is downloaded).

Environment: CHROMIUM_BIN (default /usr/bin/chromium), CHROMEDRIVER (default /usr/bin/chromedriver).
"""

import glob
import importlib.util
import os
import sys
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

REPO_ROOT = Path(__file__).resolve().parent.parent.parent


def chromium(width, height, *extra, javascript=True):
    """A new headless Chromium window of width × height CSS pixels; javascript=False switches the
    pages' scripts off (WebDriver's own scripts still run), as a reader who blocks them."""
    options = webdriver.ChromeOptions()
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.binary_location = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", *extra):
        options.add_argument(argument)
    service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    return webdriver.Chrome(service=service, options=options)


def find_axe_js():
    """Path of axe.min.js in axe-playwright-python, or None."""
    candidates = []
    # find_spec locates the package without importing it (importing would load playwright).
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is not None:
        candidates += [Path(loc) / "axe.min.js" for loc in spec.submodule_search_locations or []]
        if spec.origin:
            candidates.append(Path(spec.origin).parent / "axe.min.js")
    candidates += [Path(entry or ".") / "axe_playwright_python" / "axe.min.js" for entry in sys.path]
    candidates += [Path(p) for p in glob.glob(
        str(REPO_ROOT / ".venv" / "lib" / "python*" / "site-packages" / "axe_playwright_python" / "axe.min.js"))]
    return next((c for c in candidates if c.is_file()), None)
