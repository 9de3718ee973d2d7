"""Expected ImageNet-D verdicts for cases.json, computed by RUNNING ImageNet-D's own script.

Usage:
    /usr/bin/python3 imagenet_d_verdicts.py SNAPSHOT [cases.json] [expected_verdicts.json]

SNAPSHOT is a checkout of https://github.com/chenshuang-zhang/imagenet_d or its bare git
directory (then LLaVA/compute_accuracy.py is read at HEAD with `git show`). Nothing of that file is
copied here: the script writes the cases as the tab-separated `*_LLava_predictions.csv` the original
expects into a temporary folder, points the script's hard-coded `orginal_txt_root` at that folder (the
only change, made on the syntax tree), executes the whole file, and reads the `LLaVa_correct` column
of the `*_formated.csv` it writes. Needs pandas (Debian: python3-pandas).

Output: the commit, the SHA-256 of compute_accuracy.py, the word_mapping_dict the script defined, and
one verdict ("LLaVa TRUE" / "LLaVa FALSE" / "LLaVa DOUBLE" / "LLaVa TODO") per case id.
"""
import ast
import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile

REL = "LLaVA/compute_accuracy.py"


def read_source(snapshot):
    if os.path.isfile(os.path.join(snapshot, REL)):
        commit = subprocess.run(["git", "-C", snapshot, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
        with open(os.path.join(snapshot, REL), encoding="utf-8") as f:
            return f.read(), commit or "unknown"
    commit = subprocess.check_output(["git", "--git-dir", snapshot, "rev-parse", "HEAD"], text=True).strip()
    src = subprocess.check_output(["git", "--git-dir", snapshot, "show", commit + ":" + REL], text=True)
    return src, commit


class Retarget(ast.NodeTransformer):
    """Replaces the value of `orginal_txt_root = '...'` (their spelling) with our folder."""

    def __init__(self, root):
        self.root = root
        self.done = 0

    def visit_Assign(self, node):
        if any(isinstance(t, ast.Name) and t.id == "orginal_txt_root" for t in node.targets):
            node.value = ast.copy_location(ast.Constant(self.root), node.value)
            self.done += 1
        return node


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    snapshot = sys.argv[1]
    cases_path = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "cases.json")
    out_path = sys.argv[3] if len(sys.argv) > 3 else os.path.join(here, "expected_verdicts.json")
    source, commit = read_source(snapshot)
    with open(cases_path, encoding="utf-8") as f:
        cases = json.load(f)

    with tempfile.TemporaryDirectory() as tmp:
        # their script reads every <root>/<dataset>/<model>/*LLava_predictions.csv (tab-separated)
        folder = os.path.join(tmp, "results", "cases", "driver")
        os.makedirs(folder)
        with open(os.path.join(folder, "cases_LLava_predictions.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter="\t", quoting=csv.QUOTE_ALL)
            w.writerow(["gt_category", "pred_category", "question", "answer", "image_dir"])
            for c in cases:
                w.writerow([c["gt_category"], c["pred_category"], "What is the main object in this image?", c["answer"], c["id"]])
        tree = ast.parse(source)
        fix = Retarget(os.path.join(tmp, "results") + "/")
        tree = fix.visit(tree)
        if fix.done != 1:
            sys.exit("orginal_txt_root assignment not found exactly once in " + REL)
        ns = {"__name__": "__main__"}
        exec(compile(tree, REL, "exec"), ns)
        with open(os.path.join(folder, "cases_LLava_predictions_formated.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))

    if len(rows) != len(cases):
        sys.exit("expected %d rows back, got %d" % (len(cases), len(rows)))
    verdicts = {}
    for c, r in zip(cases, rows):
        if r["image_dir"] != c["id"]:
            sys.exit("row order changed at " + c["id"])
        verdicts[c["id"]] = r["LLaVa_correct"]
    out = {
        "source": "https://github.com/chenshuang-zhang/imagenet_d/blob/%s/%s" % (commit, REL),
        "commit": commit,
        "compute_accuracy_sha256": hashlib.sha256(source.encode("utf-8")).hexdigest(),
        "word_mapping_dict": ns["word_mapping_dict"],
        "verdicts": verdicts,
    }
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    counts = {}
    for v in verdicts.values():
        counts[v] = counts.get(v, 0) + 1
    print("%d cases: %s" % (len(verdicts), counts))


if __name__ == "__main__":
    main()
