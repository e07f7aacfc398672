#!/usr/bin/env python3
"""Check that every keyword group of an answer question in tune.jsonl has an
alternative (case-insensitive substring) in some page of articles/, and that
furniture and newest questions are well formed. Run from this directory:

    python3 check_keywords.py
"""
import glob
import json
import sys

pages = {p: open(p, encoding="utf-8").read().lower() for p in sorted(glob.glob("articles/*.txt"))}
bad = 0
with open("tune.jsonl", encoding="utf-8") as f:
    for line in f:
        q = json.loads(line)
        if q["kind"] == "answer":
            for g in q["groups"]:
                if not any(alt.lower() in text for alt in g for text in pages.values()):
                    print("no page holds any of", g, "for", q["id"])
                    bad += 1
            if q.get("newest") and not q.get("not"):
                print("newest question without not-list:", q["id"])
                bad += 1
        elif q["kind"] != "none":
            print("unknown kind", q["kind"], "for", q["id"])
            bad += 1
print("checked; problems:", bad)
sys.exit(1 if bad else 0)
