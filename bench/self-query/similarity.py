"""Similarity check of a held-out round's questions against every other question file (the tuning sets in
bench/self-query/questions/*.jsonl and the held-out rounds questions/held-out*/): for each of the round's
questions, the highest character ratio (difflib.SequenceMatcher on lower-cased text) and the highest word
Jaccard (lower-cased words, digits, $, euro sign and apostrophes) against any other question, and the same
between the round's own questions. A question is flagged at ratio >= 0.7 or Jaccard >= 0.55. A writer of a
new round rewrites every flagged question.

Run: python3 bench/self-query/similarity.py ROUND_FOLDER [-v]   (ROUND_FOLDER: a folder under questions/,
such as held-out-9; -v lists the near misses)."""
import os
import json, glob, re, difflib, sys
base = os.path.join(os.path.dirname(os.path.abspath(__file__)), "questions")
round_folder = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
if round_folder is None or not os.path.isdir(os.path.join(base, round_folder)):
    sys.exit("usage: python3 bench/self-query/similarity.py ROUND_FOLDER [-v]  (ROUND_FOLDER: a folder under " + base + ")")
earlier = []
for path in sorted(glob.glob(base + "/*.jsonl") + glob.glob(base + "/held-out*/*.jsonl")):
    if "/" + round_folder + "/" in path: continue
    for line in open(path):
        line = line.strip()
        if line: earlier.append((path.split("questions/")[1], json.loads(line)["id"], json.loads(line)["question"]))
mine = []
for path in sorted(glob.glob(base + "/" + round_folder + "/*.jsonl")):
    for line in open(path):
        line = line.strip()
        if line: d = json.loads(line); mine.append((d["id"], d["question"]))
words = lambda s: set(re.findall(r"[a-z0-9€$']+", s.lower()))
def jac(a, b):
    A, B = words(a), words(b)
    return len(A & B) / len(A | B) if A | B else 0
worst_r = worst_j = (0, None)
flag = []
ratios = []
jaccards = []
for mid, q in mine:
    best_r = max(((difflib.SequenceMatcher(None, q.lower(), e[2].lower()).ratio(), e) for e in earlier), key=lambda t: t[0])
    best_j = max(((jac(q, e[2]), e) for e in earlier), key=lambda t: t[0])
    ratios.append(best_r[0]); jaccards.append(best_j[0])
    if best_r[0] > worst_r[0]: worst_r = (best_r[0], mid, q, best_r[1])
    if best_j[0] > worst_j[0]: worst_j = (best_j[0], mid, q, best_j[1])
    if best_r[0] >= 0.7 or best_j[0] >= 0.55:
        flag.append((mid, q, round(best_r[0], 3), best_r[1][1], best_r[1][2], round(best_j[0], 3), best_j[1][1], best_j[1][2]))
    if "-v" in sys.argv and (best_r[0] >= 0.6 or best_j[0] >= 0.45):
        print("near", mid, q, "|", round(best_r[0],2), best_r[1][2], "|", round(best_j[0],2), best_j[1][2])
# within-round
within = []
for i in range(len(mine)):
    for j in range(i + 1, len(mine)):
        r = difflib.SequenceMatcher(None, mine[i][1].lower(), mine[j][1].lower()).ratio(); jj = jac(mine[i][1], mine[j][1])
        if r >= 0.7 or jj >= 0.55: within.append((mine[i], mine[j], round(r, 2), round(jj, 2)))
print("earlier questions:", len(earlier), "mine:", len(mine))
print("max char ratio:", round(worst_r[0], 3), worst_r[1:])
print("max word jaccard:", round(worst_j[0], 3), worst_j[1:])
print("median best char ratio:", round(sorted(ratios)[len(ratios) // 2], 3), "median best word jaccard:", round(sorted(jaccards)[len(jaccards) // 2], 3))
print("at or above 0.6 char ratio:", sum(r >= 0.6 for r in ratios), "at or above 0.45 jaccard:", sum(j >= 0.45 for j in jaccards))
print("flagged:", len(flag))
for f in flag: print("  ", f)
print("within-round flagged:", len(within))
for w in within: print("  ", w)
