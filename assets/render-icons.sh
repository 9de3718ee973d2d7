#!/usr/bin/env bash
# Renders assets/clipwb.svg into the PNG sizes desktop environments look up in the hicolor icon
# theme (assets/icons/NxN/clipwb.png). The PNGs are committed; run this again after editing the SVG.
# Uses rsvg-convert when installed, else ImageMagick's convert (Debian: apt-get install librsvg2-bin
# or imagemagick).
set -euo pipefail
cd "$(dirname "$0")"
sizes=(16 24 32 48 64 128 256 512)
for s in "${sizes[@]}"; do
  out="icons/${s}x${s}/clipwb.png"
  mkdir -p "$(dirname "$out")"
  if command -v rsvg-convert >/dev/null; then
    rsvg-convert -w "$s" -h "$s" -o "$out" clipwb.svg
  elif command -v convert >/dev/null; then
    # render at 4x the target (density 96 dpi = 512 px) and scale down: sharper small sizes
    convert -background none -density $(( 96 * 4 * s / 512 > 24 ? 96 * 4 * s / 512 : 24 )) clipwb.svg \
      -resize "${s}x${s}" -strip -depth 8 "PNG32:$out"
  else
    echo "render-icons.sh: neither rsvg-convert nor convert found" >&2
    exit 1
  fi
  echo "$out"
done
