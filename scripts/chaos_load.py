"""The write load of scripts/chaos: workers posting the site's forms, each write it saw answered
kept with the page that must show it afterwards."""
import random
import re
import threading
import time
from html.parser import HTMLParser

import requests

TIMEOUT = 30
POSTS_PER_ACCOUNT = 10


class Forms(HTMLParser):
    """The forms of a page with the values a browser would send (checked boxes, selected
    options, text areas), and their named buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.form, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(), "fields": []}
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a or kind in ("submit", "button", "file"):
                return
            self.form["fields"].append([a["name"], a.get("value") or ""])
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]
            self.form["fields"].append(self.textarea)
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
        elif tag == "option" and self.select and "selected" in a:
            self.form["fields"].append([self.select, a.get("value") or ""])

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.form = None


def post_forms(text):
    parser = Forms()
    parser.feed(text)
    return [form for form in parser.forms if form["method"] == "post"]


class Worker(threading.Thread):
    """One signed-in browser doing one write at a time while the load runs."""

    def __init__(self, load, number):
        super().__init__(daemon=True)
        self.load, self.number = load, number
        self.session = load.new_session()
        self.rng = random.Random(load.seed * 100 + number)
        self.idle = threading.Event()
        self.count = 0

    def run(self):
        load = self.load
        while not load.stopping:
            self.idle.clear()
            if not load.go.is_set():
                self.idle.set()
                load.go.wait(0.05)
                continue
            try:
                self.one_write()
            except requests.RequestException:
                pass  # the server went away: the write was not acknowledged (counted where it was sent)

    def http(self, method, path, session=None, **options):
        """A request, timed for the drain's account of what was in flight."""
        started = time.monotonic()
        try:
            response = (session or self.session).request(method, self.load.base + path, allow_redirects=False, timeout=TIMEOUT, **options)
        except requests.RequestException:
            self.load.record(method, path, started, None)
            raise
        self.load.record(method, path, started, response.status_code)
        return response

    def send(self, kind, path, values, marker, check, action=None, session=None, saved=303):
        """Fills the post form of `path` with `values`, sends it; an answer with the status
        `saved` (a 303, or the translation page's 200) is an acknowledged write, kept with
        `check` (the page to look for `marker` on). Returns the answer's location."""
        page = self.http("GET", path, session)
        if page.status_code != 200:
            self.load.outcome(kind, page.status_code, path)
            return None
        forms = [f for f in post_forms(page.text) if f["action"] == (action or path)]
        if not forms:
            self.load.outcome(kind, -1, f"no form on {path}")
            return None
        data = [(k, v) for k, v in forms[0]["fields"] if k not in values]
        for key, value in values.items():
            data.extend((key, item) for item in (value if isinstance(value, list) else [value]))
        self.count += 1
        self.load.attempted(kind)
        try:
            answer = self.http("POST", forms[0]["action"], session, data=data)
        except requests.RequestException:
            self.load.unanswered_write(kind)
            raise
        if answer.status_code != saved:
            self.load.outcome(kind, answer.status_code, path)
            return None
        location = answer.headers.get("location", "")
        self.load.acknowledge(kind, check(location) if callable(check) else check, marker)
        return location

    def one_write(self):
        load, rng = self.load, self.rng
        tag = f"{load.run_tag}w{self.number}n{self.count}"
        choice = rng.random()
        if choice < 0.2 and (slug := load.take_practice_to_edit()):
            marker = f"edited {tag}"
            # Kept a draft: its author may change a draft, not a practice submitted for review.
            self.send("edit", f"/en/my/practices/{slug}", {"summary": f"Summary {marker}", "action": "draft"},
                      marker, f"/en/my/practices/{slug}")
        elif choice < 0.35 and (target := load.take_translation()):
            slug, language = target
            marker = f"Traduction {tag}"
            path = f"/en/translate/{slug}/{language}"
            self.send("translation", path, {"title": marker, "summary": f"Résumé {tag}."}, marker, path, saved=200)
        elif choice < 0.5 and (poster := load.take_poster()):
            category = rng.choice(load.categories)
            marker = f"thread {tag}"
            location = self.send("thread", f"/en/forum/c/{category}/new", {"title": f"Chaos {marker}", "body": f"Body of the {marker}."},
                                 marker, lambda loc: loc, session=poster)
            if location:
                load.add_thread(location)
        elif choice < 0.65 and (thread := load.take_thread_to_reply()) and (poster := load.take_poster()):
            marker = f"reply {tag}"
            self.send("reply", f"{thread}/reply", {"body": f"A {marker}."}, marker, thread, session=poster)
        else:
            title = f"Chaos practice {tag}"
            slug = title.lower().replace(" ", "-")
            values = {"title": title, "summary": f"Summary of {tag}.", "countries[]": "SN", "leadCountry": "SN",
                      "pillars[]": "1", "themes[]": "youth", "maturity": "piloted", "evidenceLevel": "none",
                      "sources": "UN | https://www.un.org/", "action": rng.choice(["submit", "draft"])}
            if self.send("practice", "/en/submit", values, title, f"/en/practices/{slug}") and values["action"] == "draft":
                load.add_practice(slug)


class Load:
    def __init__(self, base, email, password, workers, seed, posters=()):
        self.base, self.email, self.password, self.seed = base, email, password, seed
        self.poster_emails, self.posters = list(posters), []
        self.run_tag = "r" + format(seed % 46656, "x")
        self.lock = threading.Lock()
        self.go = threading.Event()
        self.stopping = False
        self.workers_wanted = workers
        self.workers = []
        self.acks, self.cycle_acks = [], []
        self.practices, self.threads, self.translations = [], {}, []
        self.counts = {"attempted": {}, "acknowledged": {}, "server_errors": 0, "refused": 0, "unanswered": 0}
        self.refusals = []
        self.requests_log, self.recording = [], False
        self.categories = ["africa", "asia-pacific", "welcome", "prisons-and-justice"]
        self.checker = None

    def new_session(self, email=None):
        session = requests.Session()
        session.headers["Origin"] = self.base
        page = session.get(self.base + "/en/account/login", timeout=TIMEOUT)
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        answer = session.post(self.base + "/en/account/login", allow_redirects=False, timeout=TIMEOUT,
                              data={"csrf": csrf, "email": email or self.email, "password": self.password})
        if answer.status_code != 303:
            raise SystemExit(f"chaos: cannot sign in ({answer.status_code})")
        return session

    def sign_in(self):
        self.checker = self.new_session()
        self.posters = [[self.new_session(email), POSTS_PER_ACCOUNT] for email in self.poster_emails]
        self.workers = [Worker(self, n) for n in range(self.workers_wanted)]
        for worker in self.workers:
            worker.start()

    # The run's state, shared by the workers.
    def record(self, method, path, started, status):
        if self.recording:
            with self.lock:
                self.requests_log.append((method, path, started, time.monotonic(), status))

    def attempted(self, kind):
        with self.lock:
            self.counts["attempted"][kind] = self.counts["attempted"].get(kind, 0) + 1

    def unanswered_write(self, kind):
        with self.lock:
            self.counts["unanswered"] += 1

    def outcome(self, kind, status, path):
        with self.lock:
            if status >= 500:
                self.counts["server_errors"] += 1
            else:
                self.counts["refused"] += 1
            if len(self.refusals) < 10:
                self.refusals.append((kind, status, path))

    def acknowledge(self, kind, check, marker):
        with self.lock:
            self.counts["acknowledged"][kind] = self.counts["acknowledged"].get(kind, 0) + 1
            self.cycle_acks.append((kind, check, marker))

    def add_practice(self, slug):
        with self.lock:
            self.practices.append(slug)
            self.translations.extend((slug, language) for language in ("fr", "es", "ar"))

    def take_translation(self):
        """A language of a practice of the load not yet translated into it (each once, as edits)."""
        with self.lock:
            return self.translations.pop(random.randrange(len(self.translations))) if self.translations else None

    def take_poster(self):
        """A session of a forum account with posts left: a new member may post 10 times a day
        (PostingLimits), so the forum's writes are spread over accounts made for them."""
        with self.lock:
            for poster in self.posters:
                if poster[1] > 0:
                    poster[1] -= 1
                    return poster[0]
            return None

    def take_practice_to_edit(self):
        """A practice whose submission was acknowledged, edited at most once: an edit left
        unanswered may or may not have happened, and a second one would make the check guess."""
        with self.lock:
            return self.practices.pop(random.randrange(len(self.practices))) if self.practices else None

    def add_thread(self, location):
        with self.lock:
            self.threads[location.split("#")[0]] = 0

    def take_thread_to_reply(self):
        """A thread opened by the load, with a few replies at most (all on its first page)."""
        with self.lock:
            open_threads = [t for t, n in self.threads.items() if n < 5]
            if not open_threads:
                return None
            thread = random.choice(open_threads)
            self.threads[thread] += 1
            return thread

    # Control from the main thread.
    def resume(self):
        self.go.set()

    def pause(self):
        """Stops the workers after the write each is doing, and waits for them."""
        self.go.clear()
        for worker in self.workers:
            while not worker.idle.wait(1):
                pass

    def lost_among(self, acks):
        """The acknowledged writes no page shows."""
        lost = []
        for kind, path, marker in acks:
            for attempt in range(3):
                try:
                    page = self.checker.get(self.base + path, timeout=TIMEOUT)
                    break
                except requests.RequestException:
                    if attempt == 2:
                        raise
                    time.sleep(1)
            if page.status_code != 200 or marker not in page.text:
                lost.append((kind, path, marker, page.status_code))
        return lost

    def verify_cycle(self):
        with self.lock:
            acks, self.cycle_acks = self.cycle_acks, []
            self.acks.extend(acks)
        return self.lost_among(acks)

    def verify_all(self):
        """Every acknowledged write of the run; a practice's submission is checked by its
        title (edits change its summary only)."""
        self.verify_cycle()
        return self.lost_among(self.acks)

    def read_pages(self, reading, number):
        """A visitor reading pages until the server is gone (or `reading` is cleared)."""
        session, rng = requests.Session(), random.Random(self.seed + number)
        pages = ["/en/practices", "/fr/practices?page=2", "/en/search?q=youth", "/ar/search?q=prison", "/en/forum",
                 "/es/experts", "/en/practices?theme=youth", "/ru/"]
        while reading.is_set():
            path = rng.choice(pages)
            started = time.monotonic()
            try:
                answer = session.get(self.base + path, timeout=TIMEOUT, allow_redirects=False)
                self.record("GET", path, started, answer.status_code)
            except requests.RequestException:
                self.record("GET", path, started, None)
                return

    def summary(self):
        acknowledged = sum(self.counts["acknowledged"].values())
        return (f"{acknowledged} writes acknowledged so far, {self.counts['unanswered']} unanswered, "
                f"{self.counts['server_errors']} 5xx, {self.counts['refused']} refused")

    def totals(self):
        return {"acknowledged": len(self.acks), "by_kind": dict(sorted(self.counts["acknowledged"].items())),
                "server_errors": self.counts["server_errors"], "refused": self.counts["refused"],
                "unanswered": self.counts["unanswered"], "refusals": self.refusals}

    def drain(self, server, rng, readers=8):
        """SIGTERM under load: every request sent before the signal answered, no 5xx. Beside the
        writers, `readers` visitors read the catalogue, the search and the forum meanwhile, so
        that more requests are running when the signal comes."""
        self.requests_log, self.recording = [], True
        reading = threading.Event()
        reading.set()
        threads = [threading.Thread(target=self.read_pages, args=(reading, n), daemon=True) for n in range(readers)]
        for thread in threads:
            thread.start()
        self.resume()
        time.sleep(rng.uniform(1.0, 2.5))
        signalled = time.monotonic()
        status = server.terminate()
        exited = time.monotonic()
        self.pause()
        reading.clear()
        for thread in threads:
            thread.join()
        self.recording = False
        in_flight = [r for r in self.requests_log if r[2] < signalled and (r[4] is None or r[3] >= signalled)]
        return {"in_flight": len(in_flight), "answered": sum(1 for r in in_flight if r[4] is not None),
                "unanswered": sum(1 for r in in_flight if r[4] is None),
                "server_errors": sum(1 for r in in_flight if r[4] is not None and r[4] >= 500),
                "status": status, "seconds": exited - signalled}
