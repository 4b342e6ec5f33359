"""What the browser flows share beyond Chromium: two-step codes, a page-replaced check, a person
(one browser with its own cookies), and the step runner that prints each step and keeps its result
for the flow's exit status."""

import base64
import hashlib
import hmac
import struct
import time
import traceback

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from browser import chromium

results = []


def totp(secret, at=None):
    """The RFC 6238 code of `secret` now (or at `at`), as an authenticator app shows it."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int((at or time.time()) // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def gone(element):
    """Whether `element` left the document (the next page replaced it)."""
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise


class Person:
    """One browser with its own cookies, signed in as `email` on the site at `base`. `language`:
    the site's language for signing in and setting up two-step sign-in; `keyboard`: forms are sent
    by pressing their button with the keyboard (as a person without a mouse), else by a click;
    `axe`: axe-core's script, for ``axe``."""

    def __init__(self, base, email, axe, language="en", keyboard=False, javascript=True):
        self.base, self.email, self.axe_js, self.language, self.keyboard = base, email, axe, language, keyboard
        self.driver = chromium(1280, 1600, javascript=javascript)

    def open(self, path):
        self.driver.get(self.base + path)
        self.settle()

    def settle(self):
        def loaded(driver):
            try:
                return driver.execute_script("return document.readyState") == "complete"
            except WebDriverException:
                return False
        WebDriverWait(self.driver, 20).until(loaded)

    def find(self, by, value):
        return WebDriverWait(self.driver, 20, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda d: d.find_element(by, value))

    def fill(self, name, value, append=False):
        field = self.find(By.NAME, name)
        if not append:
            field.clear()
        field.send_keys(value)

    def select(self, name, value):
        Select(self.find(By.NAME, name)).select_by_value(value)

    def check(self, css):
        box = self.find(By.CSS_SELECTOR, css)
        if not box.is_selected():
            # Keyboard, as a person without a mouse: focus the box and press space.
            box.send_keys(" ")

    def submit(self, css="form[method=post] button[type=submit]"):
        """Sends a form with its button and waits until the next page has replaced this one."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        button = self.find(By.CSS_SELECTOR, css)
        if self.keyboard:
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
            button.send_keys("\n")
        else:
            button.click()
        WebDriverWait(self.driver, 20).until(lambda _: gone(page))
        self.settle()

    def text(self):
        return self.find(By.TAG_NAME, "body").text

    def axe(self, label):
        """The serious and critical problems axe-core finds on the page, each named with `label`."""
        self.driver.execute_script(self.axe_js)
        found = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1]; axe.run().then(r => done(r.violations));")
        return [f"{label}: {v['id']} ({v['impact']})" for v in found if v.get("impact") in ("serious", "critical")]

    def sign_in(self, password):
        self.open(f"/{self.language}/account/login")
        self.fill("email", self.email)
        self.fill("password", password)
        self.submit()

    def enable_two_factor(self, password):
        """Sets up two-step sign-in with the server's secret, shown on the page; returns it."""
        self.open(f"/{self.language}/account/two-factor")
        secret = self.find(By.ID, "totp-secret").text
        self.fill("password", password)
        self.fill("code", totp(secret))
        self.submit()
        return secret

    def quit(self):
        self.driver.quit()


def step(name, action):
    """Runs one step: `action` returns a list of problems (empty when all is well)."""
    try:
        problems = action() or []
        print(f"{'ok  ' if not problems else 'FAIL'} {name}" + ("" if not problems else f": {problems}"))
        results.append(not problems)
    except Exception as error:  # a step that raised failed; the next ones still run
        print(f"FAIL {name}: {error}")
        traceback.print_exc(limit=2)
        results.append(False)


def finish():
    """Prints the tally and exits with the flow's status."""
    import sys
    print(f"{results.count(True)} passed, {results.count(False)} failed")
    sys.exit(0 if all(results) else 1)
