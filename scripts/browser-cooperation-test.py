#!/usr/bin/env python3
"""The cooperation cycle in real headless Chromium (issue 19), as the people involved do it:
a member of a Southern country's agency (Senegal) files a request for expertise in French, the
country's focal point endorses it, staff open it, pick two of the explained matches and invite the
expert among them, the expert accepts from her invitations, staff record the exchange from the
accepted match with a contribution and mark it held, and the requester files the beneficiary's
outcome report in Arabic, shown right to left. axe-core reports nothing serious or critical on
each page of the cycle, and the request page is read and commented on with JavaScript off.

Usage: browser-cooperation-test.py BASE_URL SANKOFA_BIN   against a server with the demo data
(`sankofa seed --demo`: the expert Leila Ben Salah's profile, not yet claimed), its mail going to
the SMTP test server that writes into SMTP_TEST_DIR (the applicants' confirmation links).
The staff member is made with `sankofa create-admin` and sets up two-step sign-in in the browser;
the requester, the focal point and the expert apply, confirm their address and are vetted; the
focal point gets the role (and two-step sign-in); the expert claims her demo profile.
The last line is "N passed, N failed"; exit status 0 only when every step passed.
"""
import glob
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

sys.path.insert(0, str(Path(__file__).resolve().parent / "lib"))
from browser import find_axe_js  # noqa: E402  (axe-core)
import flow  # noqa: E402
from flow import finish, step  # noqa: E402  (a person, the step runner)

BASE, BIN = sys.argv[1].rstrip("/"), sys.argv[2]
AXE = find_axe_js().read_text(encoding="utf-8")
# The demo expert whose profile (ar, fr, en; national strategies, returnees, youth) the request suits.
EXPERT_EMAIL, EXPERT_NAME = "leila.ben.salah@demo.sankofa.example", "Leila Ben Salah"
state = {}


def Person(email, javascript=True):
    """One browser with its own cookies, signing in in French and sending forms with the keyboard."""
    return flow.Person(BASE, email, AXE, language="fr", keyboard=True, javascript=javascript)


def mailed_link(email, pattern, seconds=60):
    """The first site path matching `pattern` in the mail the site sent to `email` (the site's
    sender delivers every few seconds to the SMTP test server, which writes it down)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        for name in sorted(glob.glob(os.path.join(os.environ["SMTP_TEST_DIR"], "*.json"))):
            with open(name, encoding="utf-8") as file:
                record = json.load(file)
            found = re.search(pattern, record.get("body") or "")
            if email in record.get("rcpt_tos", []) and found:
                return found.group(0)
        time.sleep(1)
    raise RuntimeError(f"no mail to {email} with a link like {pattern}")


stamp = str(int(time.time()))
password = "une phrase de passe de la coopération " + stamp
staff_email = f"staff{stamp}@cooperation-test.example"
requester_email = f"aminata{stamp}@cooperation-test.example"
focal_email = f"ousmane{stamp}@cooperation-test.example"
subprocess.run([BIN, "create-admin", "--email", staff_email], input=password + "\n", text=True, check=True,
               stdout=subprocess.DEVNULL)
staff, requester, focal, expert = (Person(e) for e in (staff_email, requester_email, focal_email, EXPERT_EMAIL))
title = "Accompagnement d'un plan national de prévention " + stamp


def apply(person, name, country, organisation):
    person.open("/fr/account/register")
    person.fill("name", name)
    person.fill("email", person.email)
    person.fill("password", password)
    person.select("country", country)
    person.fill("organisation", organisation)
    person.select("organisationType", "government")
    person.fill("position", "Chargé·e de programme")
    person.fill("motivation", "Coopération Sud-Sud (test du navigateur).")
    person.submit()
    person.open(mailed_link(person.email, r"/[a-z]{2}/account/verify/\S+"))
    person.submit()
    return [] if "form-message" in person.driver.page_source else [f"{person.email}: the address was not confirmed"]


def everyone_joins():
    """Staff sign in with two-step sign-in; three people apply and confirm; staff vet them, make
    the second the focal point of Senegal and confirm the expert's claim of her demo profile."""
    staff.sign_in(password)
    state["staff_secret"] = staff.enable_two_factor(password)
    problems = apply(requester, "Aminata Sarr", "SN", "Comité national de prévention (test)")
    problems += apply(focal, "Ousmane Ba", "SN", "Ministère de l'Intérieur (test)")
    problems += apply(expert, EXPERT_NAME, "TN", "Commission nationale (test)")
    for _ in range(3):
        staff.open("/fr/admin/vetting")
        staff.submit("form button[name=decision][value=approve]")
    staff.open("/fr/admin/users")
    staff.find(By.XPATH, f"//tr[td[contains(., '{focal_email}')]]//a").click()
    staff.settle()
    staff.check("input[value=focalPoint]")
    staff.submit("form[method=post] button[type=submit]")
    focal.sign_in(password)
    state["focal_secret"] = focal.enable_two_factor(password)
    expert.sign_in(password)
    expert.open("/fr/account/profile")
    expert.submit("form.claim button[type=submit]")
    staff.open("/fr/admin/claims")
    staff.submit("form button[name=decision][value=confirm]")
    return problems


def requester_files_in_french():
    requester.sign_in(password)
    requester.open("/fr/requests/new")
    problems = requester.axe("fr request form")
    requester.fill("title", title)
    requester.select("language", "fr")
    requester.fill("need", "Notre comité prépare un plan national de prévention de l'extrémisme violent et souhaite "
                           "l'accompagnement d'une experte ayant conduit une stratégie nationale, en particulier pour "
                           "les volets jeunesse et retour des combattants et de leurs familles.")
    requester.select("beneficiaryCountry", "SN")
    requester.fill("beneficiaryInstitution", "Comité national de prévention (test)")
    for theme in ("national-strategies", "returnees", "youth"):
        requester.check(f"#f-themes-{theme}")
    requester.check("#f-pillars-1")
    requester.check("#f-supportKinds-mentoring")
    requester.fill("workingLanguages", "fr, ar")
    requester.select("modality", "hybrid")
    requester.select("visibility", "matched")
    requester.submit("button[name=action][value=submit]")
    found = re.search(r"/fr/requests/(\d+)", requester.driver.current_url)
    if not found:
        return problems + [f"no request page after filing: {requester.driver.current_url} {requester.text()[:300]!r}"]
    state["request"] = found.group(1)
    heading = requester.find(By.TAG_NAME, "h1")
    if (heading.get_attribute("lang"), heading.get_attribute("dir")) != ("fr", "ltr"):
        problems.append(f"the title is lang={heading.get_attribute('lang')} dir={heading.get_attribute('dir')}")
    return problems + requester.axe("fr request page")


def take_step(person, value, label):
    """Takes a step of the request's life cycle from its page: the history gains a line naming
    the person, and the step is not offered again."""
    person.open(f"/fr/requests/{state['request']}")
    before = len(person.driver.find_elements(By.CSS_SELECTOR, "ol.history li"))
    person.submit(f"form.request-step:has(input[name=step][value={value}]) button[type=submit]")
    lines = person.driver.find_elements(By.CSS_SELECTOR, "ol.history li")
    problems = [] if len(lines) == before + 1 and label in lines[-1].text else [
        f"{value}: the history is {[line.text for line in lines]!r}"]
    if person.driver.find_elements(By.CSS_SELECTOR, f"input[name=step][value={value}]"):
        problems.append(f"{value} is still offered")
    return problems


def focal_point_endorses():
    problems = take_step(focal, "endorse", "Ousmane Ba")
    return problems + focal.axe("fr request page (focal point)")


def staff_open_it():
    return take_step(staff, "open", "staff")


def staff_pick_two_and_invite():
    staff.open(f"/fr/requests/{state['request']}/matches")
    problems = staff.axe("fr matches")
    if not staff.driver.find_elements(By.CSS_SELECTOR, "ol.match-suggestions a[href*='leila-ben-salah']"):
        return problems + [f"{EXPERT_NAME} is not among the matches: {staff.text()[:1500]!r}"]
    # Her suggestion, and the best-placed other one: two picks.
    staff.submit("ol.match-suggestions li:has(a[href*='leila-ben-salah']) form button[type=submit]")
    staff.submit("ol.match-suggestions li form button[type=submit]")
    picked = staff.driver.find_elements(By.CSS_SELECTOR, "ul.matches-picked > li")
    if len(picked) != 2:
        return problems + [f"{len(picked)} matches picked"]
    reasons = staff.find(By.CSS_SELECTOR, "ul.matches-picked .match-reasons").text
    if not reasons.strip():
        problems.append("a picked match shows no reasons")
    item = "ul.matches-picked > li:has(a[href*='leila-ben-salah'])"
    staff.find(By.CSS_SELECTOR, f"{item} textarea[name=message]").send_keys("Bonjour, votre expérience nous serait précieuse.")
    staff.submit(f"{item} form button[type=submit]")
    return problems + staff.axe("fr matches after inviting")


def expert_accepts():
    expert.open("/fr/invitations")
    problems = expert.axe("fr invitations")
    link = expert.find(By.XPATH, f"//a[contains(., '{stamp}')]")
    link.send_keys("\n")
    expert.settle()
    problems += expert.axe("fr invitation")
    expert.check("#answer-accept")
    expert.submit()
    state["match"] = re.search(r"/invitations/(\d+)", expert.driver.current_url).group(1)
    return problems + ([] if "form-message" in expert.driver.page_source else ["the answer was not taken"])


def staff_record_the_exchange():
    staff.open(f"/fr/requests/{state['request']}/matches")
    href = staff.find(By.CSS_SELECTOR, "a[href*='/exchanges/new']").get_attribute("href")
    staff.driver.get(href)
    staff.settle()
    problems = staff.axe("fr exchange form")
    for name, value in (("startsOn", "2026-10-05"), ("endsOn", "2026-10-09")):
        staff.driver.execute_script("arguments[0].value = arguments[1]", staff.find(By.NAME, name), value)
    staff.fill("place", "Tunis")
    staff.submit("form[method=post] button[type=submit]")
    found = re.search(r"/fr/exchanges/(\d+)", staff.driver.current_url)
    if not found:
        return problems + [f"no exchange page: {staff.driver.current_url} {staff.text()[:300]!r}"]
    state["exchange"] = found.group(1)
    return problems + staff.axe("fr exchange page")


def staff_add_a_contribution():
    staff.open(f"/fr/exchanges/{state['exchange']}/contributions/new")
    problems = staff.axe("fr contribution form")
    staff.select("kind", "financial")
    staff.fill("amount", "12 500,50")
    staff.select("currency", "XOF")
    staff.select("contributorKind", "country")
    staff.select("contributorCountry", "SN")
    staff.driver.execute_script("arguments[0].value = arguments[1]", staff.find(By.NAME, "givenOn"), "2026-09-20")
    staff.fill("source", "Convention de financement (test)")
    staff.submit("form[method=post] button[type=submit]")
    page = staff.text()
    return problems + ([] if "12" in page and ("XOF" in page or "CFA" in page) else [f"the contribution is not shown: {page[:300]!r}"])


def staff_mark_it_held():
    problems = []
    for status in ("agreed", "underWay", "held"):
        staff.open(f"/fr/exchanges/{state['exchange']}")
        staff.select("status", status)
        staff.submit("form[action$='/status'] button[type=submit]")
    if "/exchanges/" not in staff.driver.current_url:
        problems.append(f"the status was not changed: {staff.driver.current_url}")
    return problems


def requester_reports_in_arabic():
    requester.open(f"/ar/exchanges/{state['exchange']}/reports/beneficiary")
    html = requester.find(By.TAG_NAME, "html")
    problems = [] if (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl") else ["the report form is not right to left"]
    problems += requester.axe("ar report form")
    requester.select("language", "ar")
    requester.fill("participants", "6")
    requester.fill("women", "4")
    requester.fill("men", "2")
    requester.fill("unspecified", "0")
    for theme in ("national-strategies", "returnees", "youth"):
        for moment, value in (("before", "2"), ("after", "4")):
            field = requester.driver.find_elements(By.NAME, f"capacity.{theme}.{moment}")
            if field:
                Select(field[0]).select_by_value(value) if field[0].tag_name == "select" else field[0].send_keys(value)
    learned = "تعلّم الفريق كيف تُبنى خطة وطنية للوقاية بمشاركة الشباب والأسر العائدة."
    requester.fill("learned", learned)
    requester.submit("form[method=post] button[type=submit]")
    shown = requester.driver.find_elements(By.XPATH, "//*[contains(text(), 'تعلّم الفريق')]")
    if not shown:
        return problems + [f"the report is not shown: {requester.driver.current_url} {requester.text()[:300]!r}"]
    holder = shown[0].find_element(By.XPATH, "ancestor-or-self::*[@dir][1]")
    if holder.get_attribute("dir") != "rtl":
        problems.append("the report's words are not right to left")
    return problems + requester.axe("ar exchange page with the report")


def request_without_javascript():
    reader = Person(requester_email, javascript=False)
    try:
        reader.sign_in(password)
        reader.open(f"/fr/requests/{state['request']}")
        problems = [] if title in reader.text() else ["the request is not shown without JavaScript"]
        reader.fill("body", "Merci, lu et commenté sans JavaScript.")
        reader.submit("form[action$='/comments'] button[type=submit]")
        if "Merci, lu et commenté sans JavaScript." not in reader.text():
            problems.append(f"the comment was not posted without JavaScript: {reader.driver.current_url}")
        return problems
    finally:
        reader.quit()


try:
    step("staff, a requester, a focal point and an expert join", everyone_joins)
    step("a member of a Senegalese agency files a request in French", requester_files_in_french)
    step("the focal point of Senegal endorses it", focal_point_endorses)
    step("staff open it", staff_open_it)
    step("staff pick two explained matches and invite the expert", staff_pick_two_and_invite)
    step("the expert accepts from her invitations", expert_accepts)
    step("staff record the exchange from the accepted match", staff_record_the_exchange)
    step("staff record a contribution in CFA francs", staff_add_a_contribution)
    step("staff mark the exchange held", staff_mark_it_held)
    step("the requester files the beneficiary's outcome report in Arabic", requester_reports_in_arabic)
    step("the request is read and commented on with JavaScript off", request_without_javascript)
finally:
    for person in (staff, requester, focal, expert):
        person.quit()

finish()
