#!/bin/sh
# Regenerates the committed tiny test bundles (seeded, so the same weights and fixtures each time):
#   src/test/resources/bundles/tiny-vit  (ViT, with patch tower)
#   src/test/resources/bundles/tiny-rn   (ModifiedResNet, with patch tower)
# Needs Debian's torch: apt-get install python3-torch python3-numpy; run from anywhere.
set -eu
cd "$(dirname "$0")/.."
PY=${PYTHON:-/usr/bin/python3}
OUT=src/test/resources/bundles
for kind in vit rn; do
  "$PY" tools/export_bundle.py --tiny-random "$kind" --seed 0 --fixtures --out "$OUT/tiny-$kind"
done
du -sh "$OUT"/tiny-*
