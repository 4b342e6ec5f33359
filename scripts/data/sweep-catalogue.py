#!/usr/bin/env python3
"""Random requests of each kind, one connection at a time, for scripts/bench-catalogue.

    sweep-catalogue.py --base URL --size N --directory DIR --queries FILE [--requests N]
                       [--warmup N] [--seed S] [--kinds a,b] [--out FILE]

Each kind's requests are drawn at random (fixed seed), sent one after the other on one
kept-alive HTTP/1.1 connection (a reader, not a crowd), and timed from the request's
first byte sent to its body's last byte read. The first --warmup requests of each kind
are not counted. Prints one JSON object per kind (count, p50, p90, p99, max in ms, and
the statuses seen), and writes them all to --out.

Kinds:
  practice     /{lang}/practices/{slug}, a random practice of the corpus (bench-NNNNNN)
  list         /{lang}/practices with a random filter combination (0 to 3 facets, 1 or 2
               values each) and a random page (1 half the time, 2-10 a third, else 11-500)
  list-sorted  the same, sorted by title or by start year
  api-list     /api/v1/practices with the same filters and pages, perPage 20, a random lang
  api-record   /api/v1/practices/{slug}
  expert       /{lang}/experts/{slug}: every generated profile, so a visitor also meets the
               ones kept for members or staff (404, as a missing one)
  centre       /{lang}/centres/{slug}
  course       /{lang}/courses/{slug}
  directory    /{lang}/experts, /centres or /courses with random filters and a page
  csv          /{lang}/experts/export.csv with random filters (none, a fifth of the time)
  search       /{lang}/search?q= or /api/v1/search?q= with a query of the corpus's file
"""

import argparse
import http.client
import json
import random
import sys
import time
import urllib.parse

LANGS = ["ar", "zh", "en", "fr", "ru", "es"]
PRACTICE_FACETS = {
    "region": ["africa", "asiaPacific", "middleEast", "latinAmericaCaribbean", "partner"],
    "country": ("AE BD BR CI CM CO DZ EG ET GH ID IN IQ JM JO KE KH LK MA ML MR MY NE NG PE PH PK "
                "SA SN SO TH TN UG VN NO DE JP").split(),
    "pillar": ["1", "2", "3", "4"],
    "theme": ["border-security", "community-engagement", "criminal-justice", "education", "gender", "human-rights",
              "international-cooperation", "national-strategies", "online", "prisons", "rehabilitation-reintegration",
              "religious-leaders", "returnees", "strategic-communications", "terrorism-financing", "victims", "youth"],
    "maturity": ["piloted", "evaluated", "adapted", "scaledUp"],
    "scope": ["national", "bilateral", "regional", "interRegional"],
    "evidence": ["none", "monitoringData", "internalEvaluation", "independentEvaluation", "peerReviewed"],
}
COMMON = {
    "country": "NG KE MA EG ID PK CO PH BD JO SA MY DJ SO NE TD LK TN".split(),
    "region": ["africa", "asiaPacific", "middleEast", "latinAmericaCaribbean"],
    "theme": PRACTICE_FACETS["theme"],
    "pillar": ["1", "2", "3", "4"],
}
DIRECTORY_FACETS = {
    "experts": dict(COMMON, language=["en", "fr", "ar", "es", "ru", "zh", "sw", "ha", "ur"],
                    offer=["training", "mentoring", "peerReview", "studyVisit", "speaking"],
                    availability=["availableNow", "availableLater", "notAvailable"],
                    modality=["remote", "inPerson"], experience=["practitioner", "policy", "research", "civilSociety"]),
    "centres": dict(COMMON, type=["government", "academic", "ngo", "regionalBody", "un"]),
    "courses": dict(COMMON, when=["upcoming", "ongoing", "past"], language=["en", "fr", "ar", "es"],
                    modality=["remote", "inPerson", "blended"], cost=["free", "financialSupport", "inKindSupport", "fee"]),
}


def filters(rng, facets, most=3):
    pairs = []
    for name in rng.sample(sorted(facets), rng.choice(list(range(0, most + 1)))):
        for value in rng.sample(facets[name], 1 if rng.random() < 0.75 else 2):
            pairs.append((name, value))
    return pairs


def page(rng):
    r = rng.random()
    return 1 if r < 0.5 else rng.randint(2, 10) if r < 0.83 else rng.randint(11, 500)


def path(base, pairs):
    return base + ("?" + urllib.parse.urlencode(pairs) if pairs else "")


def generator(kind, rng, size, directory, queries):
    practice = lambda: f"bench-{rng.randint(1, size):06d}"
    if kind == "practice":
        return lambda: f"/{rng.choice(LANGS)}/practices/{practice()}"
    if kind == "list":
        return lambda: path(f"/{rng.choice(LANGS)}/practices", filters(rng, PRACTICE_FACETS) + [("page", page(rng))])
    if kind == "list-sorted":
        return lambda: path(f"/{rng.choice(LANGS)}/practices",
                            filters(rng, PRACTICE_FACETS) + [("sort", rng.choice(["title", "start"])), ("page", page(rng))])
    if kind == "api-list":
        return lambda: path("/api/v1/practices",
                            filters(rng, PRACTICE_FACETS) + [("page", page(rng)), ("lang", rng.choice(LANGS))])
    if kind == "api-record":
        return lambda: f"/api/v1/practices/{practice()}"
    if kind in ("expert", "centre", "course"):
        slugs = directory[kind + "s"]
        return lambda: f"/{rng.choice(LANGS)}/{kind}s/{rng.choice(slugs)}"
    if kind == "directory":
        def one():
            which = rng.choice(["experts", "centres", "courses"])
            return path(f"/{rng.choice(LANGS)}/{which}", filters(rng, DIRECTORY_FACETS[which], 2) + [("page", rng.choice([1, 1, 2, 3]))])
        return one
    if kind == "csv":
        return lambda: path(f"/{rng.choice(LANGS)}/experts/export.csv",
                            [] if rng.random() < 0.2 else filters(rng, DIRECTORY_FACETS["experts"], 2))
    if kind == "search":
        return lambda: (rng.choice(["/en/search?q=", "/api/v1/search?q="])
                        + urllib.parse.quote(rng.choice(queries), safe=""))
    raise SystemExit(f"sweep-catalogue: unknown kind {kind}")


KINDS = ["practice", "list", "list-sorted", "api-list", "api-record", "expert", "centre", "course", "directory", "csv", "search"]


class Client:
    def __init__(self, host, port):
        self.host, self.port, self.conn = host, port, None

    def get(self, target):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=300)
            try:
                start = time.perf_counter()
                self.conn.request("GET", target, headers={"Accept-Encoding": "identity"})
                response = self.conn.getresponse()
                body = response.read()
                return response.status, time.perf_counter() - start, len(body)
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--directory", required=True, help="folder of gen-directory.py's files")
    parser.add_argument("--queries", required=True)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--out")
    args = parser.parse_args()

    url = urllib.parse.urlparse(args.base)
    client = Client(url.hostname, url.port)
    directory = {}
    for name in ("experts", "centres", "courses"):
        with open(f"{args.directory}/{name}.json", encoding="utf-8") as f:
            directory[name] = [record["slug"] for record in json.load(f)] or ["none"]
    with open(args.queries, encoding="utf-8") as f:
        queries = [line.rstrip("\n") for line in f if line.strip()]

    results = {}
    for kind in args.kinds.split(","):
        rng = random.Random(f"{args.seed}-{kind}")
        make = generator(kind, rng, args.size, directory, queries)
        times, statuses, slowest = [], {}, (0, "")
        for index in range(args.warmup + args.requests):
            target = make()
            status, seconds, _ = client.get(target)
            if index < args.warmup:
                continue
            times.append(seconds * 1000)
            statuses[str(status)] = statuses.get(str(status), 0) + 1
            if seconds * 1000 > slowest[0]:
                slowest = (seconds * 1000, target)
        times.sort()
        results[kind] = {
            "kind": kind, "count": len(times), "p50_ms": percentile(times, 50), "p90_ms": percentile(times, 90),
            "p99_ms": percentile(times, 99), "max_ms": times[-1] if times else None, "statuses": statuses,
            "slowest": slowest[1],
        }
        print(json.dumps(results[kind]), flush=True)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
