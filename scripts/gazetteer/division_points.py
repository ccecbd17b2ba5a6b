"""Representative points of first- and second-level divisions, used by gazetteer.py.

- US counties: the area-weighted centroid of their outlines in the npm package `us-atlas` 3.0.1
  (US Census Bureau cartographic boundaries, public domain; ISC package). `us_outline_points`
  also gives the states' outline centroids, but states keep their town mean: measured on LGL and
  GWN together the outline centroid lost more (bare "New York", the city in most news, lies
  280 km from the state's centroid but within 161 km of its town mean) than it won (Oregon,
  Alaska).
- Other divisions (US states included): the mean of their member towns (cities500), each weighted by the log of its
  population (a settled-area centre not pulled all the way to the largest city); but a
  first-level division whose towns span more than 1,000 km takes the centre of the box around
  them, after dropping towns far out from the rest (a mis-coded town or a remote islet would
  drag the box). Towns crowd where people live (southern Canada, coastal Australia), so their
  mean sits at the edge of a large, thinly settled division; the box centre is nearer its
  geographic centre. Smaller divisions keep the mean: their box centre is no better, and a
  division in pieces (Puducherry's enclaves) has its box centre in none of them.
"""
import json
import math
import statistics

from countries import _centroid, _decode_arcs, _ring


def _hav(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _outline_centroids(topo, arcs, obj):
    """id -> (name, (lat, lon)): area-weighted centroid of each feature's outer rings."""
    out = {}
    for g in topo["objects"][obj]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        sa = sx = sy = 0.0
        for poly in polys:
            area, c = _centroid(_ring(arcs, poly[0]))
            if c:
                sa += area
                sx += area * c[0]
                sy += area * c[1]
        if sa > 0:
            lon = (sx / sa + 180) % 360 - 180
            out[str(g["id"])] = (g.get("properties", {}).get("name", ""), (round(sy / sa, 5), round(lon, 5)))
    return out


def us_outline_points(counties_json, a1_names):
    """GeoNames division code ("US.TX", "US.TX.201") -> (lat, lon) from us-atlas outlines.
    States are matched to GeoNames admin1 codes by name; counties by their FIPS code (GeoNames'
    US admin2 code is the county's three-digit FIPS code)."""
    topo = json.load(open(counties_json, encoding="utf-8"))
    arcs = _decode_arcs(topo)
    by_name = {name: code for code, name in a1_names.items() if code.startswith("US.")}
    out = {}
    state_code = {}
    for fips, (name, pt) in _outline_centroids(topo, arcs, "states").items():
        code = by_name.get(name)
        if code:
            state_code[fips] = code
            out[code] = pt
    for fips, (_, pt) in _outline_centroids(topo, arcs, "counties").items():
        st = state_code.get(fips[:2])
        if st and len(fips) == 5:
            out[f"{st}.{fips[2:]}"] = pt
    return out


def log_weighted_mean(members):
    ws = [math.log10(max(m["population"], 100)) for m in members]
    tw = sum(ws)
    return (sum(w * m["latitude"] for w, m in zip(ws, members)) / tw,
            sum(w * m["longitude"] for w, m in zip(ws, members)) / tw)


def first_level_point(members):
    """The log-weighted mean, or for a division whose towns span over 1,000 km its town box centre."""
    lats = [m["latitude"] for m in members]
    lons = [m["longitude"] for m in members]
    if _hav(min(lats), min(lons), max(lats), max(lons)) > 1000:
        return town_box_centre(members)
    return log_weighted_mean(members)


def town_box_centre(members):
    """Centre of the box around the member towns, leaving out towns farther from the median
    point than three times the 90th-percentile distance plus 50 km."""
    mlat = statistics.median(m["latitude"] for m in members)
    mlon = statistics.median(m["longitude"] for m in members)
    dist = [_hav(mlat, mlon, m["latitude"], m["longitude"]) for m in members]
    ds = sorted(dist)
    limit = 3 * ds[int(0.9 * (len(ds) - 1))] + 50
    keep = [m for m, d in zip(members, dist) if d <= limit] or members
    lats = [m["latitude"] for m in keep]
    lons = [m["longitude"] for m in keep]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
