#!/usr/bin/env python3
"""Builds Sources/SankofaPublish/Resources/world-110m.json, the world map of the choropleths.

Source: Natural Earth's 1:110m admin-0 countries (public domain), as the geopandas 0.14.4 wheel on
PyPI ships them (geopandas/datasets/naturalearth_lowres). The wheel is fetched with pip, the
shapefile and its dBASE table are read here (the format is small enough to read by hand), and
country codes come from pycountry (ISO 3166), installed into a temporary virtual environment, so
nothing is typed by hand except the five features Natural Earth codes -99.

Steps: Equal Earth projection (equal-area, so a country's share of ink matches its size),
topology-preserving Douglas–Peucker (shared borders are cut at the points where the neighbours
change and each piece is simplified once, so neighbours keep the same border and no slivers
appear), integer coordinates, SVG path data with relative moves. Antarctica is left out: no
programme data, and a fifth of the map's height.

Run: python3 scripts/data/world-map.py [--tolerance 0.5] [--width 2000] [--out PATH]
"""
import argparse
import io
import json
import math
import os
import struct
import subprocess
import sys
import tempfile
import zipfile

WHEEL = "geopandas==0.14.4"
PYCOUNTRY = "pycountry==24.6.1"
DATASET = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_OUT = os.path.join(ROOT, "Sources/SankofaPublish/Resources/world-110m.json")

# Natural Earth's iso_a3 is -99 for these; ISO has a code for the first two, Kosovo uses the
# user-assigned XK everyone uses, and the two territories without ISO codes are drawn with the
# country ISO counts them in (their data is reported under that code).
BY_NAME = {"France": "FR", "Norway": "NO", "Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"}
LEFT_OUT = {"Antarctica"}


def fetch(tmp):
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", WHEEL, "-d", tmp], check=True)
    wheel = next(os.path.join(tmp, f) for f in os.listdir(tmp) if f.endswith(".whl"))
    with zipfile.ZipFile(wheel) as z:
        return z.read(DATASET + ".shp"), z.read(DATASET + ".dbf"), z.read(DATASET + ".cpg").decode().strip()


def alpha3_to_alpha2(tmp):
    venv = os.path.join(tmp, "venv")
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    python = os.path.join(venv, "bin", "python")
    subprocess.run([python, "-m", "pip", "install", "--quiet", PYCOUNTRY], check=True)
    out = subprocess.run([python, "-c", "import json, pycountry; print(json.dumps("
                          "{c.alpha_3: c.alpha_2 for c in pycountry.countries}))"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def read_dbf(data, encoding):
    """dBASE III: a header, 32-byte field descriptors up to 0x0D, then fixed-width records."""
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        start = header_len + i * record_len + 1  # the first byte is the deletion flag
        row = {}
        for name, width in fields:
            row[name] = data[start:start + width].decode(encoding).strip()
            start += width
        rows.append(row)
    return rows


def read_shp(data):
    """ESRI shapefile, polygons (type 5) only: each record's rings as lists of (lon, lat)."""
    pos, shapes = 100, []
    while pos < len(data):
        _, length = struct.unpack(">ii", data[pos:pos + 8])
        content = data[pos + 8:pos + 8 + 2 * length]
        pos += 8 + 2 * length
        (kind,) = struct.unpack("<i", content[:4])
        if kind != 5:
            raise SystemExit(f"unexpected shape type {kind}")
        parts_n, points_n = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{parts_n}i", content[44:44 + 4 * parts_n])) + [points_n]
        base = 44 + 4 * parts_n
        points = [struct.unpack("<2d", content[base + 16 * i:base + 16 * i + 16]) for i in range(points_n)]
        shapes.append([points[parts[i]:parts[i + 1]] for i in range(parts_n)])
    return shapes


def equal_earth(lon, lat):
    """Šavrič, Patterson and Jenny (2018)."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    m = math.sqrt(3) / 2
    t = math.asin(m * math.sin(math.radians(lat)))
    t2, t6 = t * t, t ** 6
    x = math.radians(lon) * math.cos(t) / (m * (a1 + 3 * a2 * t2 + t6 * (7 * a3 + 9 * a4 * t2)))
    y = t * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
    return x, y


def douglas_peucker(points, tolerance):
    """Keeps both ends; iterative, so long rings don't hit the recursion limit."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        best, index = -1.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            d = abs(dy * (px - x1) - dx * (py - y1)) / norm if norm else math.hypot(px - x1, py - y1)
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def simplify_rings(rings, tolerance):
    """rings: closed lists of points (first == last). A point is a junction where the set of rings
    through it changes; the pieces between junctions are simplified once, in a canonical direction,
    so that two neighbours get the very same border."""
    owners = {}
    for r, ring in enumerate(rings):
        for p in ring[:-1]:
            owners.setdefault(p, set()).add(r)
    done, out = {}, []
    for r, ring in enumerate(rings):
        pts = ring[:-1]
        n = len(pts)
        junctions = [i for i in range(n) if owners[pts[i]] != owners[pts[i - 1]] or owners[pts[i]] != owners[pts[(i + 1) % n]]]
        if not junctions:
            # A ring no other ring touches (an island): cut it at its first point and farthest point.
            far = max(range(n), key=lambda i: (pts[i][0] - pts[0][0]) ** 2 + (pts[i][1] - pts[0][1]) ** 2)
            junctions = [0, far] if far else [0]
        result = []
        for j, start in enumerate(junctions):
            end = junctions[(j + 1) % len(junctions)]
            piece = [pts[(start + k) % n] for k in range(((end - start) % n or n) + 1)]
            key = tuple(piece) if piece[0] <= piece[-1] else tuple(reversed(piece))
            if key not in done:
                done[key] = douglas_peucker(list(key), tolerance)
            simple = done[key] if key == tuple(piece) else list(reversed(done[key]))
            result += simple[:-1]
        out.append(result)
    return out


def path_data(rings):
    """Absolute move to each ring's start, then relative lines: the shortest text for small steps."""
    parts = []
    for ring in rings:
        if len(ring) < 3:
            continue
        x0, y0 = ring[0]
        numbers, (px, py) = [], (x0, y0)
        for x, y in ring[1:]:
            numbers += [x - px, y - py]
            px, py = x, y
        # A minus sign separates numbers by itself; otherwise a space does.
        text = f"M{x0} {y0}l" + "".join(("" if k == 0 or v < 0 else " ") + str(v) for k, v in enumerate(numbers))
        parts.append(text + "z")
    return "".join(parts)


def quantise(ring):
    out = []
    for x, y in ring:
        p = (round(x), round(y))
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tolerance", type=float, default=0.5, help="Douglas–Peucker tolerance, in output units")
    parser.add_argument("--width", type=int, default=2000, help="width of the whole projection (±180° at the equator), before cropping to the land")
    parser.add_argument("--out", default=DEFAULT_OUT)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        shp, dbf, encoding = fetch(tmp)
        codes = alpha3_to_alpha2(tmp)
    rows, shapes = read_dbf(dbf, encoding), read_shp(shp)

    # Scale: the projection's full width (±180° at the equator) becomes --width units.
    half = equal_earth(180, 0)[0]
    scale = args.width / (2 * half)
    features = []
    for row, shape in zip(rows, shapes):
        if row["name"] in LEFT_OUT:
            continue
        code = BY_NAME.get(row["name"]) or codes.get(row["iso_a3"])
        if not code:
            raise SystemExit(f"no ISO code for {row['name']} ({row['iso_a3']})")
        rings = [[((equal_earth(lon, lat)[0] + half) * scale, -equal_earth(lon, lat)[1] * scale) for lon, lat in ring]
                 for ring in shape]
        features.append((code, rings))

    flat = [ring for _, rings in features for ring in rings]
    simple = simplify_rings(flat, args.tolerance)
    # The view box is cropped to the land: at high latitudes Equal Earth leaves the sides empty.
    left = math.floor(min(x for ring in simple for x, _ in ring))
    right = max(x for ring in simple for x, _ in ring)
    top = math.floor(min(y for ring in simple for _, y in ring))
    bottom = max(y for ring in simple for _, y in ring)
    countries, i = {}, 0
    for code, rings in features:
        mine = [quantise([(x - left, y - top) for x, y in ring]) for ring in simple[i:i + len(rings)]]
        i += len(rings)
        if not any(len(r) >= 3 for r in mine):
            # Every ring collapsed: keep the largest unsimplified, so that the country stays on the map.
            largest = max(rings, key=len)
            mine = [quantise([(x - left, y - top) for x, y in largest[:-1]])]
        countries[code] = countries.get(code, "") + path_data(mine)

    width, height = math.ceil(right - left), math.ceil(bottom - top)
    document = {
        "source": "Natural Earth 1:110m Cultural Vectors, Admin 0 Countries, as shipped in the geopandas 0.14.4 "
                  "wheel (naturalearth_lowres); N. Cyprus drawn with CY, Somaliland with SO; Antarctica left out",
        "licence": "Public domain (Natural Earth: 'All versions of Natural Earth raster + vector map data found on "
                   "this website are in the public domain')",
        "made": "scripts/data/world-map.py: Equal Earth projection, topology-preserving Douglas-Peucker "
                f"(tolerance {args.tolerance}), integer coordinates",
        "viewBox": [0, 0, width, height],
        "countries": dict(sorted(countries.items())),
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    size = sum(len(d) for d in countries.values())
    print(f"{len(countries)} countries, view box {width}x{height}, path data {size} bytes, file {len(text) + 1} bytes")


if __name__ == "__main__":
    main()
