#!/usr/bin/env python3
"""The membership and editorial flow in real headless Chromium, as people would do it:
a visitor applies, confirms their address from the mail, an admin vets the application, the new
member signs in and submits a practice, an editor publishes it, adds a centre in Arabic, finds the
practice in the translators' queue and translates the centre into French from it, and a visitor
finds the practice in the catalogue; then the member switches two-step sign-in on, signs in with a
code and with a recovery code, and changes her password. axe-core checks each form page.

Usage: browser-workflow-test.py BASE_URL   with ADMIN_EMAIL and ADMIN_PASSWORD in the environment
(an admin made by `sankofa create-admin`, without two-step sign-in yet: the test sets it up), and
SMTP_TEST_DIR, where the SMTP test server that the site's SMTP_URL names writes what it receives.
The last line is "N passed, N failed"; exit status 0 only when every step passed.
"""
import glob
import json
import os
import re
import sys
import time
from pathlib import Path

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

sys.path.insert(0, str(Path(__file__).resolve().parent / "lib"))
from browser import chromium, find_axe_js  # noqa: E402  (the shared Chromium and axe-core)
from flow import finish, gone, step, totp  # noqa: E402  (two-step codes, the page-replaced check, the step runner)
BASE = sys.argv[1].rstrip("/")
ADMIN_EMAIL, ADMIN_PASSWORD = os.environ["ADMIN_EMAIL"], os.environ["ADMIN_PASSWORD"]


def axe_source():
    return find_axe_js().read_text(encoding="utf-8")


class Person:
    """One browser with its own cookies."""

    def __init__(self, name):
        self.name = name
        self.driver = chromium(1280, 1600)

    def open(self, path):
        self.driver.get(BASE + path)
        self.settle()

    def settle(self):
        """Waits until the page has loaded: on a loaded machine ChromeDriver can otherwise
        resolve an element of the page being replaced ("Node … does not belong to the document")."""
        def loaded(driver):
            try:
                return driver.execute_script("return document.readyState") == "complete"
            except WebDriverException:
                return False  # asked between two documents: ask again
        WebDriverWait(self.driver, 20).until(loaded)

    def retrying(self, action):
        """Runs an element action again, up to five times, when the element went stale or its page
        was being replaced before it was used (the action has not happened then)."""
        for attempt in range(5):
            try:
                return action()
            except WebDriverException as error:
                stale = isinstance(error, StaleElementReferenceException) or "does not belong to the document" in str(error)
                if attempt == 4 or not stale:
                    raise
                time.sleep(0.5)
                self.settle()

    def find(self, by, value):
        """The element, waiting up to 20 s for it to exist (a page may still be arriving)."""
        return WebDriverWait(self.driver, 20, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda d: d.find_element(by, value))

    def fill(self, name, value):
        def action():
            field = self.find(By.NAME, name)
            field.clear()
            field.send_keys(value)
        self.retrying(action)

    def select(self, name, value):
        self.retrying(lambda: Select(self.find(By.NAME, name)).select_by_value(value))

    def click(self, css=None, by=By.CSS_SELECTOR, value=None):
        """Clicks, and when that follows a link or submits a form, waits until the next page has
        replaced this one. A click that raised on a stale element did not happen: it is retried."""
        def action():
            element = self.find(by, value if value is not None else css)
            page = self.driver.find_element(By.TAG_NAME, "html")
            navigates = element.tag_name in ("button", "a")
            element.click()
            return page, navigates
        page, navigates = self.retrying(action)
        if navigates:
            WebDriverWait(self.driver, 20).until(lambda _: gone(page))
            self.settle()

    def text(self):
        return self.retrying(lambda: self.find(By.TAG_NAME, "body").text)

    def axe(self):
        self.driver.execute_script(AXE)
        result = self.driver.execute_async_script("const done = arguments[arguments.length - 1]; axe.run().then(r => done(r.violations));")
        return [f"{v['id']} ({v['impact']})" for v in result if v.get("impact") in ("serious", "critical")]

    def sign_in(self, email, password):
        self.open("/en/account/login")
        self.fill("email", email)
        self.fill("password", password)
        self.click("form button[type=submit]")

    def second_step(self, secret):
        if "/two-factor/verify" in self.driver.current_url:
            # A code is valid once: wait for a fresh step if this one was just used.
            time.sleep(31 - time.time() % 30 if time.time() % 30 > 25 else 0)
            self.fill("code", totp(secret))
            self.click("form button[type=submit]")

    def enable_two_factor(self, password):
        """The secret is the server's, shown on the page; switching on asks for the password too."""
        self.open("/en/account/two-factor")
        secret = self.find(By.ID, "totp-secret").text
        self.fill("password", password)
        self.fill("code", totp(secret))
        self.click("form button[type=submit]")
        return secret

    def quit(self):
        self.driver.quit()


AXE = axe_source()
stamp = str(int(time.time()))
applicant_email, editor_email = f"amina.{stamp}@example.org", f"editor.{stamp}@example.org"
password = "une longue phrase de passe"
title = f"Community radio for returnees {stamp}"
visitor, admin, member, editor = Person("visitor"), Person("admin"), Person("member"), Person("editor")
state = {}


def register(person, email, name):
    person.open("/en/account/register")
    problems = person.axe()
    person.fill("name", name)
    person.fill("email", email)
    person.fill("password", password)
    person.select("country", "NE")
    person.fill("organisation", "Haute Autorité à la Consolidation de la Paix")
    person.select("organisationType", "government")
    person.fill("position", "Programme officer")
    person.fill("motivation", "To share our reintegration work.")
    person.click("form button[type=submit]")
    page = person.driver.page_source
    if "/en/account/register" not in person.driver.current_url or "form-message" not in page or "aria-invalid" in page:
        problems.append(f"the application was not taken: {person.driver.current_url}")
    return problems


def mailed_link(email, path, seconds=60):
    """The path of the first link starting with `path` in the mail the site sent to `email` (the
    site's sender delivers every few seconds to the SMTP test server, which writes it down)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        for name in sorted(glob.glob(os.path.join(os.environ["SMTP_TEST_DIR"], "*.json"))):
            with open(name, encoding="utf-8") as file:
                record = json.load(file)
            found = re.search(re.escape(path) + r"\S+", record.get("body") or "")
            if email in record.get("rcpt_tos", []) and found:
                return found.group(0)
        time.sleep(1)
    raise RuntimeError(f"no mail to {email} with a link to {path}")


def confirm_address(person, email):
    """Opening the link shows a page; its button confirms the address."""
    person.open(mailed_link(email, "/en/account/verify/"))
    problems = person.axe()
    person.click("form button[type=submit]")
    if "form-message" not in person.driver.page_source:
        problems.append(f"the address was not confirmed: {person.driver.current_url}")
    return problems


def vet_both():
    admin.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)
    state["admin_secret"] = admin.enable_two_factor(ADMIN_PASSWORD)
    admin.open("/en/admin/vetting")
    problems = admin.axe()
    for _ in range(2):
        admin.click("form button[name=decision][value=approve]")
    admin.open("/en/admin/vetting")
    if applicant_email in admin.text() or editor_email in admin.text():
        problems.append("applications still waiting")
    return problems


def make_editor():
    admin.open("/en/admin/users")
    admin.click(by=By.XPATH, value=f"//tr[td[contains(., '{editor_email}')]]//a")
    admin.click("input[value=editor]")
    admin.click("form button[type=submit]")
    saved = admin.retrying(lambda: admin.find(By.CSS_SELECTOR, "input[value=editor]").is_selected())
    return [] if saved else ["editor role not saved"]


def submit_practice():
    member.sign_in(applicant_email, password)
    member.open("/en/submit")
    problems = member.axe()
    member.fill("title", title)
    member.fill("summary", "A radio programme made with returnees and their neighbours.")
    member.select("countries[]", "NE")
    member.select("leadCountry", "NE")
    member.click("input[name='pillars[]'][value='1']")
    member.click("input[name='themes[]'][value='returnees']")
    member.select("maturity", "piloted")
    member.select("evidenceLevel", "monitoringData")
    member.fill("safeguards", "Participation is voluntary; women present half of the programmes.")
    member.fill("sources", "HACP | https://www.hacp-niger.org/")
    member.click("button[name=action][value=submit]")
    return problems + ([] if title in member.text() else ["the practice is not in my list"])


def publish():
    editor.sign_in(editor_email, password)
    secret = editor.enable_two_factor(password)
    editor.open("/en/review")
    problems = editor.axe()
    if title not in editor.text():
        return problems + [f"not in the review queue at {editor.driver.current_url}: {editor.text()[:300]!r}"]
    editor.click(by=By.PARTIAL_LINK_TEXT, value=title)
    editor.click("button[name=decision][value=publish]")
    return problems + ([] if secret else ["no second factor"])


def add_centre():
    editor.open("/ar/centres/new")
    problems = editor.axe()
    # (Only fields whose name no <meta> of the page has: `fill` finds by name.)
    editor.fill("name", "Centre " + stamp)
    editor.fill("website", "https://example.org/centre-" + stamp)
    editor.select("type", "government")
    editor.select("country", "NE")
    editor.click("form[method=post][novalidate] button[type=submit]")
    if "/ar/centres/centre-" not in editor.driver.current_url or "Centre " + stamp not in editor.text():
        problems.append(f"the centre is not shown at {editor.driver.current_url}")
    state["centre_slug"] = editor.driver.current_url.split("/ar/centres/")[-1].split("?")[0]
    return problems


def translate_centre():
    # The centre was written in Arabic: it waits for French, and is translated from the queue.
    editor.open("/ar/translate?target=fr&kind=centres")
    problems = editor.axe()
    editor.click(by=By.PARTIAL_LINK_TEXT, value="Centre " + stamp)
    problems += editor.axe()
    editor.fill("name", "Centre de formation " + stamp)
    editor.click("form.translate-form button[type=submit]")
    editor.open("/fr/centres/" + state.get("centre_slug", ""))
    if "Centre de formation " + stamp not in editor.text():
        problems.append("the French name is not on the centre's French page")
    return problems


def translation_queue():
    editor.open("/ar/translate?target=fr")
    problems = editor.axe()
    if title not in editor.text():
        problems.append("the published practice is not waiting for its French translation")
    return problems


def visible():
    visitor.open("/en/practices?q=" + stamp)
    problems = visitor.axe()
    if title not in visitor.text():
        problems.append("not in the catalogue")
    return problems


def member_two_step():
    """The member switches two-step sign-in on: the key read from the page, her password and a code."""
    member.open("/en/account/two-factor")
    problems = member.axe()
    state["member_secret"] = member.enable_two_factor(password)
    state["recovery"] = [code.text for code in member.driver.find_elements(By.CSS_SELECTOR, ".recovery-codes code")]
    return problems + member.axe() + ([] if len(state["recovery"]) == 10 else [f"{len(state['recovery'])} recovery codes shown"])


def member_signs_in_again(code):
    """The member signs out and in again, giving `code` at the second step."""
    member.open("/en/account")
    member.click("form[action='/en/account/logout'] button")
    member.sign_in(applicant_email, state.get("password", password))
    problems = member.axe() if "/two-factor/verify" in member.driver.current_url else ["no second step asked"]
    member.fill("code", code)
    member.click("form button[type=submit]")
    return problems + ([] if member.driver.current_url.endswith("/en/account") else [f"not signed in: {member.driver.current_url}"])


def change_password():
    """A wrong current password is refused; the right one changes it; the new one signs in."""
    member.open("/en/account/password")
    problems = member.axe()
    for current in ("not my password", password):
        member.fill("current", current)
        member.fill("password", "une autre phrase de passe")
        member.click("form button[type=submit]")
        if current != password:
            problems += member.axe() + ([] if "aria-invalid" in member.driver.page_source else ["a wrong current password was taken"])
    state["password"] = "une autre phrase de passe"
    return problems + member_signs_in_again(state["recovery"][1])


try:
    step("a visitor applies for membership", lambda: register(member, applicant_email, "Amina Issoufou"))
    step("a second visitor applies", lambda: register(editor, editor_email, "Moussa Garba"))
    step("both confirm their addresses from the mail", lambda: confirm_address(member, applicant_email) + confirm_address(editor, editor_email))
    step("the admin sets up two-step sign-in and accepts both", vet_both)
    step("the admin makes the second member an editor", make_editor)
    step("the member submits a practice", submit_practice)
    step("the editor publishes it", publish)
    step("the editor adds a centre, in Arabic", add_centre)
    step("the practice waits in the translators' queue, in Arabic", translation_queue)
    step("the editor translates the centre into French from the queue", translate_centre)
    step("a visitor finds it in the catalogue", visible)
    step("the member sets up two-step sign-in with her password and a code", member_two_step)
    # The code that switched it on is spent: the phone's next one (a step on) signs her in.
    step("she signs out and in again with a code", lambda: member_signs_in_again(totp(state["member_secret"], time.time() + 30)))
    step("she signs in with a recovery code", lambda: member_signs_in_again(state["recovery"][0]))
    step("she changes her password, giving the current one, and signs in with the new", change_password)
finally:
    for person in (visitor, admin, member, editor):
        person.quit()

finish()
