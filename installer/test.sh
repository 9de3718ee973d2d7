#!/usr/bin/env bash
# The installer's acceptance test (slow: .ci/run runs it only with CLIPWB_INSTALLER_TEST=1).
# Builds the .deb (installer/build.sh, arguments passed on; --no-build reuses the last one), unpacks
# it with dpkg -x into a temporary root and there, with the network cut (unshare -n):
#   1. clipwb --version names the pom's version,
#   2. clipwb eval runs a sample bundle on a sample set (libtorch from the package),
#   3. the GUI opens the sample project under Xvfb and saves a screenshot of its window;
# then checks that nothing was written into the install folder, that no download cache appeared
# (~/.djl.ai, ~/.openjfx, ~/.javacpp), and that everything the app wrote lies under the XDG folders.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
fail() { echo "installer/test.sh: FAIL: $*" >&2; exit 1; }
say() { printf '[installer-test %(%H:%M:%S)T] %s\n' -1 "$*"; }

if [[ "${1:-}" == "--no-build" ]]; then shift; else installer/build.sh "$@"; fi
deb=$(ls target/installer/clipwb_*_amd64.deb 2>/dev/null | head -1)
[[ -f "$deb" ]] || fail "no .deb under target/installer (run installer/build.sh)"
pom_version=$(sed -n '/<artifactId>clipwb<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' pom.xml)
deb_mb=$(( $(stat -c %s "$deb") / 1000000 ))
say "$deb: $deb_mb MB"
(( deb_mb <= 350 )) || fail ".deb is $deb_mb MB, over the 350 MB budget"

# the network cut: plain unshare -n as root, a user namespace (unshare -rn) otherwise
if unshare -n true 2>/dev/null; then nonet=(unshare -n)
elif unshare -rn true 2>/dev/null; then nonet=(unshare -rn)
else fail "cannot cut the network here (unshare -n and unshare -rn both refused)"; fi
"${nonet[@]}" sh -c '! tail -n +3 /proc/self/net/dev | cut -d: -f1 | tr -d " " | grep -qv "^lo$"' \
  || fail "${nonet[*]} left a network interface"

t=$root/target/installer-test
rm -rf "$t"
mkdir -p "$t/home"
dpkg -x "$deb" "$t/root"
app=$t/root/opt/clipwb
[[ -x "$app/bin/clipwb" && -x "$app/bin/clipwb-gui" ]] || fail "no launchers in $app/bin"
[[ "$(readlink "$t/root/usr/bin/clipwb")" == /opt/clipwb/bin/clipwb ]] || fail "/usr/bin/clipwb is not the launcher's symlink"
[[ -f "$t/root/usr/share/applications/clipwb.desktop" ]] || fail "no desktop entry"
[[ -f "$t/root/usr/share/icons/hicolor/48x48/apps/clipwb.png" ]] || fail "no 48x48 icon"
[[ -f "$t/root/usr/share/mime/packages/clipwb.xml" ]] || fail "no MIME type"
sample=$app/lib/app/sample-data
[[ -f "$sample/project.json" ]] || fail "no sample project in the package"
touch "$t/stamp"
sleep 1

# a user with an empty home and default XDG folders (Java's user.home comes from the password
# database, not $HOME: set it too); the app runs from the unpacked root
user=(env -i PATH=/usr/bin:/bin HOME="$t/home" LANG=C.UTF-8)
jopts="-Duser.home=$t/home"

say "1. clipwb --version (network cut)"
v=$("${nonet[@]}" "${user[@]}" JAVA_TOOL_OPTIONS="$jopts" "$app/bin/clipwb" --version 2>&1 | grep -v '^Picked up') || fail "clipwb --version: $v"
echo "   $v"
[[ "$v" == *"${pom_version%-SNAPSHOT}"* ]] || fail "clipwb --version says '$v', the pom says $pom_version"

say "2. clipwb eval of a sample bundle on the sample test set (network cut)"
t0=$(date +%s)
"${nonet[@]}" "${user[@]}" JAVA_TOOL_OPTIONS="$jopts" "$app/bin/clipwb" eval \
  --model "$sample/bundles/vit-default" --data "$sample/data/test/manifest.csv" --out "$t/eval" \
  > "$t/eval.log" 2>&1 || { tail -20 "$t/eval.log"; fail "clipwb eval failed (log: $t/eval.log)"; }
tail -3 "$t/eval.log" | sed 's/^/   /'
[[ -f "$t/eval/manifest.json" && -f "$t/eval/logits.npy" ]] || fail "clipwb eval wrote no run folder in $t/eval"
grep -q '"PyTorch 2' "$t/eval/manifest.json" || fail "the run manifest names no PyTorch engine: $(grep -o '"engine"[^,]*' "$t/eval/manifest.json")"
say "   eval in $(( $(date +%s) - t0 )) s"

say "3. the GUI on the sample project under Xvfb (network cut): screenshot"
command -v xvfb-run >/dev/null || fail "xvfb-run not found (apt-get install xvfb)"
shot=$t/gui.png
t0=$(date +%s)
"${nonet[@]}" "${user[@]}" \
  JAVA_TOOL_OPTIONS="$jopts -Dprism.order=sw -Dclipwb.gui.bench=true -Dclipwb.gui.snapshot=$shot -Dclipwb.gui.snapshot.after=${CLIPWB_SNAPSHOT_AFTER:-20}" \
  timeout 240 xvfb-run -a -s "-screen 0 1440x900x24" "$app/bin/clipwb-gui" > "$t/gui.log" 2>&1 &
gui=$!
for _ in $(seq 1 240); do
  grep -q 'snapshot of the window written' "$t/gui.log" 2>/dev/null && break
  kill -0 "$gui" 2>/dev/null || break
  sleep 1
done
sleep 1
kill "$gui" 2>/dev/null || true
wait "$gui" 2>/dev/null || true
grep -q 'snapshot of the window written' "$t/gui.log" && [[ -s "$shot" ]] \
  || { tail -30 "$t/gui.log"; fail "the GUI wrote no screenshot (log: $t/gui.log)"; }
grep -o 'bench: first frame [0-9]* ms' "$t/gui.log" | sed 's/^/   /' || true
grep -q "\"last_project\" : \"$sample/project.json\"" "$t/home/.config/clipwb/preferences.json" \
  || fail "the GUI did not open the package's sample project ($t/home/.config/clipwb/preferences.json)"
say "   screenshot $shot after $(( $(date +%s) - t0 )) s"

say "4. nothing written into the package, no download cache, everything else under XDG folders"
written=$(find "$t/root" -newer "$t/stamp" -print | head -20)
[[ -z "$written" ]] || fail "the app wrote into its install folder: $written"
for d in .djl.ai .openjfx .javacpp; do
  [[ ! -e "$t/home/$d" ]] || fail "~/$d was created: $(find "$t/home/$d" | head -5)"
done
outside=$(cd "$t/home" && find . -mindepth 1 -maxdepth 1 ! -name .cache ! -name .config ! -name .local -print)
[[ -z "$outside" ]] || fail "written outside the XDG folders of the home: $outside"
(cd "$t/home" && find . -maxdepth 3 -mindepth 2 | sort | sed 's/^/   /')
say "OK: .deb $deb_mb MB; $(du -sh "$app" | cut -f1) installed; screenshot $shot"
