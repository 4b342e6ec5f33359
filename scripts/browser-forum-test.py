#!/usr/bin/env python3
"""The forum flow in real headless Chromium (issue 18): a member starts a thread in Arabic, a second
member replies quoting it and @mentioning the first, the first sees the notification (the header's
count and the list) and flags the reply, and a moderator hides it from the moderators' queue.
axe-core reports nothing serious or critical on the forum's home, a category, a thread, the new
thread form, the notifications and the moderation queue, in English and in Arabic; and the thread
page is read and answered with JavaScript switched off.

Usage: browser-forum-test.py BASE_URL SANKOFA_BIN   against a server with the demo data
(`sankofa seed --demo`: the members' category ask-the-experts), DATABASE_URL naming its database.
The three accounts are made with `sankofa create-admin`: two stay without two-step sign-in, so
they act as plain members (a role that needs the second factor counts only once it is set up);
the third sets it up in the browser and moderates as an admin.
The last line is "N passed, N failed"; exit status 0 only when every step passed.
"""
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
CATEGORY = "ask-the-experts"
state = {}


def Person(email, javascript=True):
    """One browser with its own cookies, signing in in English and clicking forms' buttons."""
    return flow.Person(BASE, email, AXE, javascript=javascript)


stamp = str(int(time.time()))
password = "une phrase de passe du forum " + stamp
emails = {who: f"{who}{stamp}@forum-test.example" for who in ("amal", "bruno", "moderator")}
for email in emails.values():
    subprocess.run([BIN, "create-admin", "--email", email], input=password + "\n", text=True, check=True,
                   stdout=subprocess.DEVNULL)
amal, bruno, moderator = (Person(emails[who]) for who in ("amal", "bruno", "moderator"))
# create-admin names the account after the address; the forum's handle is made from the name.
amal_handle = "amal" + stamp
title = "تجربة: متابعة الأسر بعد العودة " + stamp


def moderator_signs_in():
    moderator.sign_in(password)
    moderator.enable_two_factor(password)
    moderator.open("/en/moderation")
    return [] if "/en/moderation" in moderator.driver.current_url and moderator.find(By.TAG_NAME, "h1") else ["no moderation queue"]


def amal_starts_a_thread():
    amal.sign_in(password)
    amal.open("/ar/forum")
    state["header_before"] = amal.find(By.CSS_SELECTOR, "a.header-notifications").text
    problems = amal.axe("ar forum home")
    amal.open(f"/ar/forum/c/{CATEGORY}")
    problems += amal.axe("ar category")
    amal.open(f"/ar/forum/c/{CATEGORY}/new")
    problems += amal.axe("ar new thread form")
    amal.fill("title", title)
    amal.fill("body", "كيف تتابعون الأسر العائدة خلال الأشهر الأولى؟ نبحث عن أمثلة عملية.")
    Select(amal.find(By.NAME, "language")).select_by_value("ar")
    amal.submit()
    found = re.search(r"/ar/forum/threads/(\d+)", amal.driver.current_url)
    if not found:
        return problems + [f"no thread page after posting: {amal.driver.current_url}"]
    state["thread"] = found.group(1)
    post = amal.find(By.CSS_SELECTOR, "article.forum-post")
    if (post.get_attribute("lang"), post.get_attribute("dir")) != ("ar", "rtl"):
        problems.append(f"the post is lang={post.get_attribute('lang')} dir={post.get_attribute('dir')}")
    return problems + amal.axe("ar thread")


def bruno_replies_quoting_and_mentioning():
    bruno.sign_in(password)
    bruno.open("/en/forum")
    problems = bruno.axe("en forum home")
    bruno.open(f"/en/forum/c/{CATEGORY}")
    problems += bruno.axe("en category")
    bruno.open(f"/en/forum/c/{CATEGORY}/new")
    problems += bruno.axe("en new thread form")
    bruno.open(f"/en/forum/threads/{state['thread']}")
    problems += bruno.axe("en thread")
    bruno.find(By.CSS_SELECTOR, "article.forum-post a[href*='quote=']").click()
    bruno.settle()
    quotation = bruno.find(By.NAME, "body").get_attribute("value")
    if title[:6] not in quotation and "كيف تتابعون" not in quotation:
        problems.append(f"the reply form does not hold the quotation: {quotation[:120]!r}")
    bruno.fill("body", f"\n\n@{amal_handle} we visit each family at one, three and six months.", append=True)
    bruno.submit()
    posts = bruno.driver.find_elements(By.CSS_SELECTOR, "article.forum-post")
    if len(posts) < 2:
        return problems + [f"the reply is not on the thread page: {bruno.driver.current_url}"]
    reply = posts[-1]
    state["reply_anchor"] = reply.get_attribute("id")
    # The article's anchor is the post's place in the thread; its permanent link carries its id.
    permalink = reply.find_element(By.CSS_SELECTOR, "a.post-number").get_attribute("href")
    state["reply_id"] = re.search(r"/forum/posts/(\d+)", permalink).group(1)
    if not reply.find_elements(By.CSS_SELECTOR, f"a[href*='{amal_handle}']"):
        problems.append("the mention is not a link")
    if not reply.find_elements(By.CSS_SELECTOR, "blockquote"):
        problems.append("the quotation is not shown")
    return problems


def amal_is_notified():
    amal.open("/ar/forum")
    header = amal.find(By.CSS_SELECTOR, "a.header-notifications").text
    # The header names the unread notifications (in words for one in Arabic): it changed.
    problems = [] if header != state["header_before"] else [f"the header still says {header!r}"]
    amal.open("/ar/notifications")
    problems += amal.axe("ar notifications")
    links = amal.driver.find_elements(By.CSS_SELECTOR, ".notification-list li.unread a[href*='/forum/']")
    if not links:
        return problems + [f"no unread notification: {amal.text()[:300]!r}"]
    amal.find(By.CSS_SELECTOR, ".notification-list li.unread a[href*='/forum/']").click()
    amal.settle()
    if f"/forum/threads/{state['thread']}" not in amal.driver.current_url and "/forum/posts/" not in amal.driver.current_url:
        problems.append(f"the notification leads to {amal.driver.current_url}")
    return problems


def amal_flags_the_reply():
    amal.open(f"/ar/forum/threads/{state['thread']}")
    amal.find(By.CSS_SELECTOR, f"#{state['reply_anchor']} a[href*='/flag']").click()
    amal.settle()
    Select(amal.find(By.NAME, "reason")).select_by_value("offTopic")
    amal.fill("note", "اختبار الإبلاغ")
    amal.submit()
    return [] if "form-message" in amal.driver.page_source or "/threads/" in amal.driver.current_url else [
        f"the flag was not taken: {amal.driver.current_url}"]


def moderator_hides_it():
    moderator.open("/ar/moderation")
    problems = moderator.axe("ar moderation")
    moderator.open("/en/moderation")
    problems += moderator.axe("en moderation")
    item = f"li#post-{state['reply_id']}"
    # A flagged post's choices are to agree with the flags (the post is hidden) or not.
    Select(moderator.find(By.CSS_SELECTOR, f"{item} select[name=action]")).select_by_value("agree")
    moderator.find(By.CSS_SELECTOR, f"{item} input[name=reason]").send_keys("Off topic (browser test)")
    moderator.submit(f"{item} button[type=submit]")
    amal.open(f"/ar/forum/threads/{state['thread']}")
    reply = amal.find(By.ID, state["reply_anchor"])
    if not reply.find_elements(By.CSS_SELECTOR, ".post-hidden") or "we visit each family" in reply.text:
        problems.append("the reply is still shown to the members")
    return problems


def notifications_in_english():
    bruno.open("/en/notifications")
    return bruno.axe("en notifications")


def thread_without_javascript():
    reader = Person(emails["bruno"], javascript=False)
    try:
        reader.sign_in(password)
        reader.open(f"/en/forum/threads/{state['thread']}")
        problems = [] if title in reader.text() else ["the thread is not shown without JavaScript"]
        reader.fill("body", "Read and answered without JavaScript.")
        reader.submit("form[action$='/reply'] button[type=submit]")
        if "Read and answered without JavaScript." not in reader.text():
            problems.append(f"the reply was not posted without JavaScript: {reader.driver.current_url}")
        return problems
    finally:
        reader.quit()


try:
    step("a moderator signs in with two-step sign-in and opens the queue", moderator_signs_in)
    step("a member starts a thread in Arabic", amal_starts_a_thread)
    step("another member replies, quoting it and mentioning her", bruno_replies_quoting_and_mentioning)
    step("she sees the notification in the header and the list", amal_is_notified)
    step("she flags the reply", amal_flags_the_reply)
    step("a moderator hides it from the queue", moderator_hides_it)
    step("the notifications page in English", notifications_in_english)
    step("the thread is read and answered with JavaScript off", thread_without_javascript)
finally:
    for person in (amal, bruno, moderator):
        person.quit()

finish()
