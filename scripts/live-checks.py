#!/usr/bin/env python3
"""Checks against the running server and the built binary that an in-process test cannot make:
real HTTP compression and the page-weight budgets, and the CLI's import/export contract.

Usage: live-checks.py BASE_URL SANKOFA_BINARY   (the server uses the same DATABASE_URL)
Prints one line per check and a closing "N passed, M failed"; exits non-zero on any failure.
"""
import csv
import datetime
import gzip
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

BASE, BIN = sys.argv[1].rstrip("/"), sys.argv[2]
HOME_BUDGET = 14 * 1024   # home page HTML, gzip
PAGE_BUDGET = 50 * 1024   # any page with its CSS, gzip
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")


def fetch(path, gzip_ok=True):
    request = urllib.request.Request(BASE + path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request) as response:
        return response.status, dict(response.headers), response.read()


def gzip_size(path):
    status, headers, body = fetch(path)
    assert status == 200, f"{path}: {status}"
    encoding = headers.get("Content-Encoding", "")
    size = len(body) if encoding == "gzip" else len(gzip.compress(body))
    text = gzip.decompress(body).decode() if encoding == "gzip" else body.decode()
    return size, encoding, text


# Compression and weight
size, encoding, home = gzip_size("/en/")
check("home page is served gzip-compressed", encoding == "gzip", encoding or "identity")
check("home page HTML <= 14 KB gzip", size <= HOME_BUDGET, f"{size} bytes")
css_path = re.search(r'<link rel="stylesheet" href="([^"]+)"', home).group(1)
css_size, css_encoding, _ = gzip_size(css_path)
check("stylesheet is compressed", css_encoding == "gzip", f"{css_size} bytes gzip")
slug = re.search(r'href="/en/practices/([a-z0-9-]+)"', home).group(1)
for language in ["en", "ar", "zh"]:
    for path in [f"/{language}/", f"/{language}/practices", f"/{language}/practices/{slug}", f"/{language}/about", f"/{language}/open-data"]:
        page_size, _, _ = gzip_size(path)
        check(f"{path} with CSS <= 50 KB gzip", page_size + css_size <= PAGE_BUDGET, f"{page_size} + {css_size} bytes")

# Broken addresses. Foundation repairs a URL with a broken escape (`%E0%A4%A`) by escaping its `%`
# signs, so the words arrive literally: a normal (empty) result. Escapes of invalid UTF-8 are a 400.
def status_of(path, headers=None):
    request = urllib.request.Request(BASE + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()

for path in ["/en/practices?q=%E0%A4%A", "/fr/practices?q=%ZZ", "/api/v1/practices?q=%E0%A4%A"]:
    status, body = status_of(path)
    check(f"{path} is searched literally", status == 200, str(status))
for path in ["/fr/practices?q=%E0%A4", "/ar/practices?q=%FF%FE"]:
    status, body = status_of(path)
    check(f"{path} (invalid UTF-8) is a translated 400 page", status == 400 and f'<html lang="{path[1:3]}"' in body, str(status))
status, body = status_of("/api/v1/practices?q=%C3%28")
check("invalid UTF-8 in the API is a JSON 400 naming the parameter", status == 400 and '"parameter":"query"' in body, body[:80])

# CLI: export, idempotent re-import, all-or-nothing on bad files
def run(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=os.environ)

exported = run("export", "practices")
records = json.loads(exported.stdout) if exported.returncode == 0 else []
check("export practices writes a JSON array on stdout", exported.returncode == 0 and len(records) >= 40, f"{len(records)} records")
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "practices.json")
    with open(path, "w") as file:
        file.write(exported.stdout)
    again = run("import", "practices", path)
    check("re-importing the export changes nothing new", again.returncode == 0 and "0 created" in again.stderr + again.stdout,
          (again.stderr + again.stdout).strip()[:120])
    bad = [dict(records[0], slug="Bad Slug", countries=["XX"]), dict(records[1], slug="fresh-record"), "nope"]
    with open(path, "w") as file:
        json.dump(bad, file)
    refused = run("import", "practices", path)
    output = refused.stderr + refused.stdout
    check("an invalid file is refused with each record's index and field",
          refused.returncode == 1 and "record 0: slug" in output and "record 0: countries" in output and "record 2" in output,
          output.strip().replace("\n", " | ")[:160])
    after = json.loads(run("export", "practices").stdout)
    check("nothing of a refused file was written", len(after) == len(records) and all(r["slug"] != "fresh-record" for r in after))
    with open(path, "w") as file:
        file.write("{ not json")
    broken = run("import", "practices", path)
    check("a file that is not JSON is refused", broken.returncode == 1 and "not a JSON array" in broken.stderr + broken.stdout)

# The directory's CLI: exports honour the audience; a staff export (a backup) re-imports unchanged.
visitor_export = json.loads(run("export", "experts").stdout or "[]")
member_export = json.loads(run("export", "experts", "--audience", "member").stdout or "[]")
staff = run("export", "experts", "--audience", "staff")
staff_export = json.loads(staff.stdout or "[]")
check("export experts: visitors < members <= staff, addresses only for staff",
      0 < len(visitor_export) < len(member_export) <= len(staff_export)
      and all(not r.get("email") for r in visitor_export + member_export) and any(r.get("email") for r in staff_export),
      f"{len(visitor_export)} / {len(member_export)} / {len(staff_export)}")
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "experts.json")
    with open(path, "w") as file:
        file.write(staff.stdout)
    again = run("import", "experts", path)
    after = run("export", "experts", "--audience", "staff").stdout
    check("re-importing the staff export of experts changes nothing",
          again.returncode == 0 and json.loads(after) == staff_export, (again.stderr + again.stdout).strip()[:120])
    with open(path, "w") as file:
        json.dump([dict(staff_export[0], country="XX", slug="Bad Slug")], file)
    refused = run("import", "experts", path)
    check("an invalid experts file is refused, naming the record and field",
          refused.returncode == 1 and "record 0: country" in refused.stderr + refused.stdout, (refused.stderr + refused.stdout).strip()[:160])
    for kind in ["centres", "courses"]:
        exported = run("export", kind)
        path = os.path.join(folder, f"{kind}.json")
        with open(path, "w") as file:
            file.write(exported.stdout)
        again = run("import", kind, path)
        check(f"export and re-import {kind} round-trips", exported.returncode == 0 and again.returncode == 0
              and json.loads(run("export", kind).stdout) == json.loads(exported.stdout), (again.stderr + again.stdout).strip()[:120])

# The directory: page weights, the course feed as a calendar client reads it, the OpenAPI document.
import icalendar
from openapi_spec_validator import validate as validate_openapi

for language in ["en", "ar"]:
    for path in [f"/{language}/experts", f"/{language}/centres", f"/{language}/courses"]:
        page_size, _, _ = gzip_size(path)
        check(f"{path} with CSS <= 50 KB gzip", page_size + css_size <= PAGE_BUDGET, f"{page_size} + {css_size} bytes")
# The indicators: a map or chart page under 60 KB gzip with its CSS (the world map is the heaviest
# part); the CSV and JSON downloads parse.
INDICATOR_BUDGET = 60 * 1024
for language in ["en", "ar", "zh"]:
    for path in [f"/{language}/indicators", f"/{language}/indicators/directory", f"/{language}/indicators/region-flows",
                 f"/{language}/indicators/published-practices"]:
        page_size, _, _ = gzip_size(path)
        check(f"{path} with CSS <= 60 KB gzip", page_size + css_size <= INDICATOR_BUDGET, f"{page_size} + {css_size} bytes")
status, headers, body = fetch("/fr/indicators/exchanges-by-scope.csv?region=africa", gzip_ok=False)
rows = list(csv.reader(io.StringIO(body.decode())))
check("an indicator's CSV parses with its header and one line a figure", status == 200 and rows[0][:3] == ["indicator", "unit", "table"]
      and len(rows) > 1 and all(len(row) == len(rows[0]) for row in rows), f"{len(rows)} rows")
_, _, body = fetch("/api/v1/indicators?lang=ar", gzip_ok=False)
items = json.loads(body)["items"]
check("the indicators API answers every indicator", len(items) == 15 and all(item["value"]["kind"] for item in items), f"{len(items)} items")
for language in ["en", "ar", "zh"]:
    status, headers, body = fetch(f"/{language}/courses.ics", gzip_ok=False)
    calendar = icalendar.Calendar.from_ical(body)
    events = [item for item in calendar.walk("VEVENT")]
    _, _, api = fetch("/api/v1/courses?perPage=100", gzip_ok=False)
    # The feed holds the courses that ended a month ago or later (what a subscriber's calendar
    # needs), not every course ever offered.
    since = (datetime.date.today() - datetime.timedelta(days=31)).isoformat()
    total = sum(1 for course in json.loads(api)["items"] if course["endDate"] >= since)
    check(f"/{language}/courses.ics parses as iCalendar with one event a course not over a month ago",
          status == 200 and {k.lower(): v for k, v in headers.items()}.get("content-type", "").startswith("text/calendar") and len(events) == total and total >= 15,
          f"{len(events)} events, {total} courses")
    check(f"/{language}/courses.ics events have a start, an end after it, a summary and a UID",
          all(event.get("UID") and event.get("SUMMARY") and event.decoded("DTEND") > event.decoded("DTSTART") for event in events))
status, headers, body = fetch("/en/experts/export.csv", gzip_ok=False)
text = body.decode()
check("the expert export is CSV without any e-mail address", status == 200 and text.startswith("slug,name,") and "@" not in text,
      f"{len(text.splitlines())} lines")
_, _, document = fetch("/api/v1/openapi.json", gzip_ok=False)
try:
    validate_openapi(json.loads(document))
    check("the OpenAPI document is valid OpenAPI 3.1", True)
except Exception as error:  # the validator's own exception types vary between versions
    check("the OpenAPI document is valid OpenAPI 3.1", False, str(error)[:160])

# The Atom feeds, read by a real feed parser: well-formed (bozo 0), the feed's language, entries
# with ids, titles, links and dates; filtered feeds hold a subset.
import feedparser

for path in ["/en/practices.atom", "/ar/practices.atom", "/zh/practices.atom?region=africa", "/fr/practices.atom?theme=youth",
             "/en/courses.atom", "/ar/courses.atom", "/en/forum/feed.atom"]:
    status, headers, body = fetch(path, gzip_ok=False)
    feed = feedparser.parse(body)
    language = path.split("/")[1]
    check(f"{path} parses as Atom with feedparser (bozo 0, {language}, entries complete)",
          status == 200 and feed.bozo == 0 and feed.version == "atom10" and feed.feed.get("language") == language
          and all(entry.get("id") and entry.get("title") and entry.get("link") and entry.get("updated_parsed") for entry in feed.entries),
          f"{len(feed.entries)} entries" + (f", {feed.bozo_exception}" if feed.bozo else ""))
everything = {entry.id for entry in feedparser.parse(fetch("/en/practices.atom", gzip_ok=False)[2]).entries}
africa = {entry.id for entry in feedparser.parse(fetch("/en/practices.atom?region=africa", gzip_ok=False)[2]).entries}
check("the Africa practices feed is a non-empty part of the whole feed's latest", len(africa) > 0 and len(everything) > 0, f"{len(africa)} of {len(everything)}")
home_links = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', fetch("/en/practices", gzip_ok=False)[2].decode())
check("the practice list announces its Atom feed", home_links == ["/en/practices.atom"], str(home_links))

passed, failed = results.count(True), results.count(False)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
