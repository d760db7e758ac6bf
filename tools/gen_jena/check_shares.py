#!/usr/bin/env python3
"""Independent check of the Jena demo data against the default `gigabit` profile.

Usage: python3 tools/gen_jena/check_shares.py [sample_data/jena]

Reads addresses.csv and every offers_*.csv in the directory (standard library only) and
prints a Markdown table of class shares, by addresses and by units, plus eligibility and
input accounting. Rules (docs: DESIGN.md §3, as of 2026-06-30, horizon 3 years):

- counted technologies: ftth fttb docsis31 docsis30 vdsl adsl fwa_licensed fwa_unlicensed
  other (not lte, 5g, satellite_*);
- a row is rejected if its address id is unknown, its technology word is not in the
  vocabulary, or a needed speed does not parse;
- white  = no counted existing offer with down >= 30;
- served = some counted existing offer with down >= 1000 or technology ftth/fttb/docsis31;
- grey   = otherwise;
- eligible = not served and no counted gigabit-capable offer with status `planned` and
  planned_year <= 2028 (a year means its Dec 31; the horizon ends 2029-06-30);
  `under_review` plans do not make an address ineligible (reported separately).

The functions are shared with check_spatial.py (the same rules plus footprints and routes).
"""
import csv
import glob
import os
import sys

VOCAB = {"ftth", "fttb", "docsis31", "docsis30", "vdsl", "adsl", "fwa_licensed",
         "fwa_unlicensed", "5g", "lte", "satellite_geo", "satellite_leo", "other"}
COUNTED = {"ftth", "fttb", "docsis31", "docsis30", "vdsl", "adsl", "fwa_licensed",
           "fwa_unlicensed", "other"}
GIGA_TECH = {"ftth", "fttb", "docsis31"}
HORIZON_YEAR = 2028  # 2026-06-30 + 3 years = 2029-06-30; "2029" means 2029-12-31, outside
CATEGORIES = ("residential", "business", "school", "hospital", "public")


def num(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


def load_addresses(d):
    """addresses.csv rows by id, and the ids in file order."""
    addrs = {}
    order = []
    with open(os.path.join(d, "addresses.csv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            addrs[r["id"]] = r
            order.append(r["id"])
    return addrs, order


class Evidence:
    """What the counted offers of each address say (the accumulator of DESIGN.md §3)."""

    def __init__(self):
        self.best_down = {}
        self.served = set()
        self.planned = set()
        self.review = set()

    def add(self, aid, tech, down, status, planned_year):
        if tech not in COUNTED:
            return
        giga = down >= 1000 or tech in GIGA_TECH
        if status == "existing":
            self.best_down[aid] = max(self.best_down.get(aid, 0.0), down)
            if giga:
                self.served.add(aid)
        elif status == "planned" and giga and int(planned_year) <= HORIZON_YEAR:
            self.planned.add(aid)
        elif status == "under_review" and giga:
            self.review.add(aid)

    def copy(self):
        e = Evidence()
        e.best_down = dict(self.best_down)
        e.served = set(self.served)
        e.planned = set(self.planned)
        e.review = set(self.review)
        return e


def read_offers(d, addrs, ev):
    """Adds every usable row of offers_*.csv to ev; returns (read, used, rejects)."""
    read = used = 0
    rejects = []
    for path in sorted(glob.glob(os.path.join(d, "offers_*.csv"))):
        with open(path, newline="", encoding="utf-8") as f:
            for i, r in enumerate(csv.DictReader(f), start=2):
                read += 1
                aid, tech = r["address_id"], r["technology"]
                down, up = num(r["down_mbps"]), num(r["up_mbps"])
                where = f"{os.path.basename(path)}:{i}"
                if aid not in addrs:
                    rejects.append((where, "unknown address id", aid))
                    continue
                if tech not in VOCAB:
                    rejects.append((where, "unknown technology", tech))
                    continue
                if down is None or up is None:
                    rejects.append((where, "unparseable speed", f"{r['down_mbps']}/{r['up_mbps']}"))
                    continue
                used += 1
                ev.add(aid, tech, down, r["status"], r["planned_year"])
    return read, used, rejects


def classify(order, ev):
    cls = {}
    for a in order:
        if a in ev.served:
            cls[a] = "served"
        elif ev.best_down.get(a, 0.0) >= 30:
            cls[a] = "grey"
        else:
            cls[a] = "white"
    return cls


def eligible(a, cls, ev):
    return cls[a] != "served" and a not in ev.planned


def print_tables(addrs, order, cls, ev):
    n = len(order)
    units = {a: int(addrs[a]["units"]) for a in order}
    u_total = sum(units.values())
    print("| class | addresses | share | units | share | eligible addresses |")
    print("|---|---:|---:|---:|---:|---:|")
    tot_elig = 0
    for c in ("white", "grey", "served"):
        ids = [a for a in order if cls[a] == c]
        u = sum(units[a] for a in ids)
        elig = sum(1 for a in ids if eligible(a, cls, ev))
        tot_elig += elig
        print(f"| {c} | {len(ids):,} | {100.0 * len(ids) / n:.2f} % | {u:,} | {100.0 * u / u_total:.2f} % | {elig:,} |")
    print(f"| total | {n:,} | 100.00 % | {u_total:,} | 100.00 % | {tot_elig:,} |")
    print()
    ng = [a for a in order if cls[a] != "served"]
    pl = [a for a in ng if a in ev.planned]
    print(f"- not served: {len(ng):,}; with a gigabit plan (status planned, year <= {HORIZON_YEAR}): "
          f"{len(pl):,} ({100.0 * len(pl) / max(1, len(ng)):.1f} % of not served)")
    print(f"- eligible (not served, no plan within horizon): {tot_elig:,} addresses "
          f"({100.0 * tot_elig / n:.2f} %), {sum(units[a] for a in ng if a not in ev.planned):,} units")
    print(f"- addresses with an under_review gigabit plan: {len(ev.review)} "
          f"(of which eligible: {sum(1 for a in ev.review if eligible(a, cls, ev))})")
    by_cat = {}
    for a in order:
        k = (addrs[a]["category"], cls[a])
        by_cat[k] = by_cat.get(k, 0) + 1
    print()
    print("| category | white | grey | served |")
    print("|---|---:|---:|---:|")
    for c in CATEGORIES:
        print(f"| {c} | {by_cat.get((c, 'white'), 0):,} | {by_cat.get((c, 'grey'), 0):,} | {by_cat.get((c, 'served'), 0):,} |")
    return tot_elig


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "sample_data/jena"
    addrs, order = load_addresses(d)
    ev = Evidence()
    read, used, rejects = read_offers(d, addrs, ev)
    cls = classify(order, ev)
    u_total = sum(int(addrs[a]["units"]) for a in order)
    print(f"addresses: {len(order)}, units: {u_total}; offer rows read {read}, used {used}, rejected {len(rejects)}")
    print()
    print_tables(addrs, order, cls, ev)
    print()
    print("Rejected offer rows:")
    for w, why, v in rejects:
        print(f"- {w}: {why} ({v})")


if __name__ == "__main__":
    main()
