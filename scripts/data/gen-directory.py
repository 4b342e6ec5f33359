#!/usr/bin/env python3
"""A directory at scale for scripts/bench-catalogue, from the demo's own records.

    gen-directory.py --experts N --centres N --courses N --practices P --out-dir DIR [--seed S]

Writes DIR/experts.json, DIR/centres.json and DIR/courses.json in the formats of
Resources/Demo/ (`sankofa import experts|centres|courses FILE`). Each record is a copy
of a demo record with a numbered slug (the demo's 38 experts, 11 centres, 21 courses
taken in turn), so the privacy choices are mixed as in the demo (24 of 38 profiles
public, 10 for members, 4 for staff, each field with its own level), and so are the
focal points and endorsements. References stay inside one copy of the demo: copy k's
endorsements are by copy k's experts, its centres' focal points and experts are copy
k's experts, its courses' centres copy k's centres (a reference the generated set does
not reach is dropped). Linked practices are drawn from the benchmark corpus's slugs
(`bench-000001` to `bench-P`, scripts/data/gen-corpus.py). Course dates move by a whole
number of weeks, from a year earlier to two years later, so that past and upcoming
courses spread over the calendar. Deterministic: the same arguments give the same files.
"""

import argparse
import copy
import datetime
import json
import os
import random

DEMO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Resources", "Demo")


def load(name):
    with open(os.path.join(DEMO, name), encoding="utf-8") as f:
        return json.load(f)


def practices(rng, size, most):
    return [f"bench-{n:06d}" for n in sorted(rng.sample(range(1, size + 1), min(size, rng.randint(0, most))))]


def numbered(slug, copy_index):
    return f"{slug}-{copy_index:05d}"


def experts(rng, demo, count, size, centre_slugs, centre_copies):
    out = []
    for index in range(count):
        k, source = divmod(index, len(demo))
        record = copy.deepcopy(demo[source])
        made = {numbered(e["slug"], k) for e in demo[: count - k * len(demo)]}
        record["slug"] = numbered(record["slug"], k)
        record["name"] = f"{record['name']} {k + 1}"
        local, domain = record["email"].split("@", 1)
        record["email"] = f"{local}.{k:05d}@{domain}"
        record["practices"] = practices(rng, size, 3)
        if (record.get("focalPointFor") or "").startswith("centre:"):
            centre = numbered(record["focalPointFor"][7:], k % max(1, centre_copies))
            record["focalPointFor"] = "centre:" + centre if centre in centre_slugs else None
        record["endorsements"] = [
            dict(e, by=numbered(e["by"], k)) for e in record.get("endorsements", []) if numbered(e["by"], k) in made
        ]
        out.append(record)
    return out


def centres(rng, demo, count, size, expert_slugs, expert_copies):
    out = []
    for index in range(count):
        k, source = divmod(index, len(demo))
        record = copy.deepcopy(demo[source])
        record["slug"] = numbered(record["slug"], k)
        # Copy k's experts, or those of a copy that exists when there are fewer experts than centres.
        e = k % max(1, expert_copies)
        if record.get("focalPoint"):
            focal = numbered(record["focalPoint"], e)
            record["focalPoint"] = focal if focal in expert_slugs else None
        record["experts"] = [s for s in (numbered(x, e) for x in record.get("experts", [])) if s in expert_slugs]
        record["practices"] = practices(rng, size, 2)
        out.append(record)
    return out


def courses(rng, demo, count, centre_slugs, centre_copies):
    out = []
    for index in range(count):
        k, source = divmod(index, len(demo))
        record = copy.deepcopy(demo[source])
        record["slug"] = numbered(record["slug"], k)
        if record.get("centre"):
            centre = numbered(record["centre"], k % max(1, centre_copies))
            record["centre"] = centre if centre in centre_slugs else None
        shift = datetime.timedelta(weeks=rng.randint(-52, 104))
        for field in ("startDate", "endDate"):
            record[field] = (datetime.date.fromisoformat(record[field]) + shift).isoformat()
        out.append(record)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--experts", type=int, default=10_000)
    parser.add_argument("--centres", type=int, default=1_000)
    parser.add_argument("--courses", type=int, default=5_000)
    parser.add_argument("--practices", type=int, default=100_000, help="size of the practices corpus to link to")
    parser.add_argument("--seed", type=int, default=20261207)
    parser.add_argument("--out-dir", required=True)
    args = parser.parse_args()
    if min(args.experts, args.centres, args.courses, args.practices) < 0:
        parser.error("counts must not be negative")

    rng = random.Random(args.seed)
    demo_experts, demo_centres, demo_courses = load("experts.json"), load("centres.json"), load("courses.json")
    centre_copies = -(-args.centres // len(demo_centres))
    centre_slugs = {numbered(demo_centres[i % len(demo_centres)]["slug"], i // len(demo_centres)) for i in range(args.centres)}
    made_experts = experts(rng, demo_experts, args.experts, args.practices, centre_slugs, centre_copies)
    expert_slugs = {e["slug"] for e in made_experts}
    made_centres = centres(rng, demo_centres, args.centres, args.practices, expert_slugs,
                           -(-args.experts // len(demo_experts)))
    made_courses = courses(rng, demo_courses, args.courses, centre_slugs, centre_copies)
    os.makedirs(args.out_dir, exist_ok=True)
    for name, records in (("experts", made_experts), ("centres", made_centres), ("courses", made_courses)):
        with open(os.path.join(args.out_dir, f"{name}.json"), "w", encoding="utf-8") as f:
            json.dump(records, f, ensure_ascii=False, separators=(",", ":"))
    print(f"gen-directory: {len(made_experts)} experts, {len(made_centres)} centres, {len(made_courses)} courses -> {args.out_dir}")


if __name__ == "__main__":
    main()
