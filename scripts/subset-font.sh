#!/usr/bin/env bash
# Regenerates ui/assets/fonts/SafeHarborJP-{Regular,Bold}.otf: Noto Sans CJK JP
# (SIL OFL 1.1, from Debian's fonts-noto-cjk) cut down to the Japanese the app
# needs: kana, CJK punctuation, full-width forms, the 2,965 JIS level-1 kanji,
# spaces, and every CJK character in our own sources. Latin stays with Fyne's font.
#
# Why bundle: Japanese then renders with Japanese glyph shapes on any machine,
# with or without a system CJK font, and the app does not parse a 16 MB
# system font per weight to draw it.
#
# Run after adding Japanese text that uses a kanji outside JIS level 1
# (ui/font_test.go fails until you do). Needs: apt-get install fonttools fonts-noto-cjk
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/opentype/noto
out=ui/assets/fonts
chars=$(mktemp)
trap 'rm -f "$chars"' EXIT

/usr/bin/python3 - "$chars" <<'PY'
import pathlib, sys
cs = set()
ranges = [(0x3000, 0x303F), (0x3040, 0x309F), (0x30A0, 0x30FF), (0x31F0, 0x31FF),
          (0xFF00, 0xFFEF)]
for lo, hi in ranges:
    cs.update(range(lo, hi + 1))
# Spaces too: the shaper keeps a space in the face of the text before it, so
# "所 —" would draw its space as a missing-glyph box.
cs.update([0x20, 0xA0])
# JIS X 0208 level 1 kanji: rows 16-47, i.e. EUC-JP lead bytes 0xB0-0xCF.
for lead in range(0xB0, 0xD0):
    for trail in range(0xA1, 0xFF):
        try:
            cs.update(ord(c) for c in bytes([lead, trail]).decode("euc_jp"))
        except UnicodeDecodeError:
            pass
for p in pathlib.Path(".").rglob("*.go"):
    cs.update(ord(c) for c in p.read_text(encoding="utf-8") if ord(c) >= 0x2E80)
pathlib.Path(sys.argv[1]).write_text("".join(chr(c) for c in sorted(cs)), encoding="utf-8")
PY

for weight in Regular Bold; do
  pyftsubset "$src/NotoSansCJK-$weight.ttc" --font-number=0 \
    --text-file="$chars" --no-hinting --layout-features='*' \
    --name-IDs='*' --output-file="$out/SafeHarborJP-$weight.otf"
  # The OFL asks modified fonts not to pass as the original: rename the family.
  /usr/bin/python3 - "$out/SafeHarborJP-$weight.otf" "$weight" <<'PY'
import sys
from fontTools.ttLib import TTFont
path, weight = sys.argv[1], sys.argv[2]
f = TTFont(path)
for rec in f["name"].names:
    if rec.nameID in (1, 3, 4, 6, 16, 17, 18):
        full = {1: "SafeHarbor JP", 16: "SafeHarbor JP", 4: "SafeHarbor JP " + weight,
                3: "SafeHarborJP-" + weight, 6: "SafeHarborJP-" + weight,
                17: weight, 18: "SafeHarbor JP " + weight}[rec.nameID]
        rec.string = full
f.save(path)
PY
done
ls -l "$out"
