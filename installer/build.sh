#!/usr/bin/env bash
# Builds the installable workbench: a jpackage app-image (target/installer/clipwb/) and a Debian
# package (target/installer/clipwb_<version>_amd64.deb) from the Maven launcher folder
# target/clipwb/lib. See docs/installer.md for what goes where and why.
#
#   installer/build.sh              # mvn -DskipTests package first, then the image and the .deb
#   installer/build.sh --no-maven   # reuse target/clipwb/lib as it is
#
# Needs JDK 17 (jdeps, jlink, jpackage), dpkg-deb and fakeroot; offline once ~/.m2 is filled.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
maven=1
[[ "${1:-}" == "--no-maven" ]] && maven=0

say() { printf '[installer %(%H:%M:%S)T] %s\n' -1 "$*"; }
need() { command -v "$1" >/dev/null || { echo "installer/build.sh: $1 not found ($2)" >&2; exit 1; }; }
need jpackage "a JDK 17 with jpackage: apt-get install openjdk-17-jdk"
need jlink "a JDK 17"
need jdeps "a JDK 17"
need dpkg-deb "apt-get install dpkg-dev"
need fakeroot "apt-get install fakeroot"
start=$(date +%s)

# --- version: the project's <version> in pom.xml (the first one after <artifactId>clipwb) ---------
pom_version=$(sed -n '/<artifactId>clipwb<\/artifactId>/{n;s/.*<version>\(.*\)<\/version>.*/\1/p;q}' pom.xml)
[[ -n "$pom_version" ]] || { echo "installer/build.sh: no <version> after <artifactId>clipwb in pom.xml" >&2; exit 1; }
app_version=${pom_version%-SNAPSHOT}                 # jpackage wants digits and dots
deb_version=$app_version
[[ "$pom_version" == *-SNAPSHOT ]] && deb_version="${app_version}~snapshot"   # sorts before the release
djl_version=$(sed -n 's:.*<djl.version>\(.*\)</djl.version>.*:\1:p' pom.xml)
say "clipwb $pom_version (image $app_version, deb $deb_version), DJL $djl_version"

if (( maven )); then
  say "mvn -DskipTests package"
  nice mvn -B -ntp -q -o -DskipTests package
fi
lib=target/clipwb/lib
[[ -f "$lib/clipwb-$pom_version.jar" ]] || { echo "installer/build.sh: $lib/clipwb-$pom_version.jar missing (run without --no-maven)" >&2; exit 1; }

out=target/installer
work=$out/work
rm -rf "$out"
mkdir -p "$work/input"

# --- the application folder (jpackage's --input, becomes lib/app = $APPDIR) ---------------------
# every runtime jar on the class path, as target/clipwb/bin/clipwb runs them (JavaFX included:
# see docs/installer.md, "JavaFX on the class path")
cp "$lib"/*.jar "$work/input/"

# JavaFX natives next to the jars: JavaFX loads them from the folder of javafx-graphics*.jar
# before it would unpack them into ~/.openjfx/cache
javafx_jar=$(ls "$lib"/javafx-graphics-*-linux.jar)
unzip -qq -o -j "$javafx_jar" '*.so' -d "$work/input/"

# libtorch: DJL's engine cache layout (pytorch/<version>-<flavor>-<classifier>/ with the JNI
# library as <djl version>-libdjl_torch.so), prefilled and read-only inside the package. The
# launchers point ENGINE_CACHE_DIR at it, so DJL finds libtorch and its JNI library there and
# neither extracts nor downloads anything. The pytorch-native-cpu jar keeps only its
# pytorch.properties (DJL reads the version from it): 111 MB less, and no second copy to unpack.
native_jar=$(ls "$work"/input/pytorch-native-cpu-*-linux-x86_64.jar)
props=$(unzip -p "$native_jar" native/lib/pytorch.properties)
prop() { sed -n "s/^$1=//p" <<<"$props" | tr -d '\r'; }
torch_dir="$work/input/djl-engines/pytorch/$(prop version)-$(prop flavor)-$(prop classifier)"
mkdir -p "$torch_dir" "$work/props"
unzip -qq -o -j "$native_jar" "pytorch/$(prop flavor)/$(prop classifier)/*" -d "$torch_dir"
for l in $(prop libraries | tr ',' ' '); do
  [[ -f "$torch_dir/$l" ]] || { echo "installer/build.sh: $l not in $native_jar" >&2; exit 1; }
done
jni_jar=$(ls "$work"/input/pytorch-jni-*.jar)
unzip -p "$jni_jar" "jnilib/$(prop classifier)/$(prop flavor)/libdjl_torch.so" > "$torch_dir/$djl_version-libdjl_torch.so"
(cd "$work/props" && unzip -qq "$root/$native_jar" native/lib/pytorch.properties 'META-INF/MANIFEST.MF')
rm "$native_jar"
jar --create --file "$native_jar" --manifest "$work/props/META-INF/MANIFEST.MF" -C "$work/props" native
chmod 644 "$torch_dir"/*
say "libtorch $(prop version) ($(prop flavor)) prefilled in $(du -sh "$torch_dir" | cut -f1)"

# ONNX Runtime (ONNX towers): its jar carries natives and debug symbols for five platforms (131 MB);
# the package is for Linux x86_64, so only ai/onnxruntime/native/linux-x64 is kept (about 8 MB).
# ONNX Runtime still unpacks that library into java.io.tmpdir when an ONNX model is first loaded.
ort_jar=$(ls "$work"/input/onnxruntime-[0-9]*.jar)
mkdir -p "$work/ort"
(cd "$work/ort" && unzip -qq "$root/$ort_jar" -x 'ai/onnxruntime/native/osx-*' 'ai/onnxruntime/native/win-*' \
  'ai/onnxruntime/native/linux-aarch64/*')
[[ -f "$work/ort/ai/onnxruntime/native/linux-x64/libonnxruntime.so" ]] || { echo "installer/build.sh: no linux-x64 natives in $ort_jar" >&2; exit 1; }
rm "$ort_jar"
jar --create --file "$ort_jar" --manifest "$work/ort/META-INF/MANIFEST.MF" -C "$work/ort" .
rm -rf "$work/ort"
say "onnxruntime jar cut to linux-x64: $(du -sh "$ort_jar" | cut -f1)"

# the sample project, read-only in the install folder (its outputs go to the user's data folder)
cp -r sample-data "$work/input/sample-data"
mkdir -p "$work/input/legal"
cp LICENSE THIRD-PARTY.md "$work/input/legal/"

# --- the Java runtime: jlink with the modules jdeps finds in every class of every jar ---------------
say "jdeps over every class of $(ls "$lib"/*.jar | wc -l) jars"
mkdir -p "$work/classes"
for j in "$lib"/*.jar; do
  unzip -qq -o "$j" '*.class' -x 'module-info.class' 'META-INF/*' -d "$work/classes" 2>/dev/null || true
done
modules=$(nice jdeps -q --ignore-missing-deps --multi-release 17 --print-module-deps "$work/classes")
# jdk.localedata: number and date formats in the user's locale; jdk.crypto.ec and jdk.zipfs are not
# needed offline; jdk.charsets: non-UTF-8 file names in data sets
modules="$modules,jdk.localedata,jdk.charsets"
rm -rf "$work/classes"
say "jlink $modules"
nice jlink --add-modules "$modules" --output "$work/runtime" \
  --strip-debug --no-header-files --no-man-pages --compress=2 --include-locales=en,de,fr,es,it,ja,zh

# --- the app-image: two launchers over one class path ------------------------------------------------
# $APPDIR is expanded by the jpackage launcher to <install>/lib/app
java_opts=(
  "-Xmx6g"
  "-Dai.djl.offline=true"
  "-DENGINE_CACHE_DIR=\$APPDIR/djl-engines"
  "-Dclipwb.sample=\$APPDIR/sample-data/project.json"
)
cat > "$work/clipwb-gui.properties" <<EOF
main-class=io.clipwb.app.WorkbenchLauncher
java-options=${java_opts[*]}
icon=$root/assets/icons/256x256/clipwb.png
EOF
jp_java_opts=()
for o in "${java_opts[@]}"; do jp_java_opts+=(--java-options "$o"); done
say "jpackage app-image"
nice jpackage --type app-image --dest "$out" --name clipwb \
  --app-version "$app_version" --vendor "CLIP Robustness Workbench" \
  --description "CLIP Robustness Workbench: robustness evaluations of CLIP models, offline" \
  --input "$work/input" --main-jar "clipwb-$pom_version.jar" --main-class io.clipwb.cli.Main \
  --runtime-image "$work/runtime" --icon assets/icons/256x256/clipwb.png \
  "${jp_java_opts[@]}" --add-launcher "clipwb-gui=$work/clipwb-gui.properties"
image=$out/clipwb
chmod -R a+rX,go-w "$image"
say "app-image $image: $(du -sh "$image" | cut -f1)"

# --- the .deb: the image under /opt/clipwb plus what the desktop needs -------------------------------
# built with dpkg-deb rather than jpackage --type deb, so that the package owns the /usr/bin
# symlinks, installs every icon size and the MIME type, and needs no xdg-utils (docs/installer.md)
pkg=$work/deb
mkdir -p "$pkg/DEBIAN" "$pkg/opt" "$pkg/usr/bin" "$pkg/usr/share/applications" "$pkg/usr/share/mime/packages" \
  "$pkg/usr/share/doc/clipwb" "$pkg/usr/share/icons/hicolor/scalable/apps" "$pkg/usr/share/icons/hicolor/scalable/mimetypes"
cp -a "$image" "$pkg/opt/clipwb"
ln -s /opt/clipwb/bin/clipwb "$pkg/usr/bin/clipwb"
ln -s /opt/clipwb/bin/clipwb-gui "$pkg/usr/bin/clipwb-gui"
cp assets/clipwb.desktop "$pkg/usr/share/applications/clipwb.desktop"
cp assets/clipwb-mime.xml "$pkg/usr/share/mime/packages/clipwb.xml"
for d in assets/icons/*x*; do
  s=$(basename "$d")
  mkdir -p "$pkg/usr/share/icons/hicolor/$s/apps" "$pkg/usr/share/icons/hicolor/$s/mimetypes"
  cp "$d/clipwb.png" "$pkg/usr/share/icons/hicolor/$s/apps/clipwb.png"
  cp "$d/clipwb.png" "$pkg/usr/share/icons/hicolor/$s/mimetypes/application-x-clipwb-project.png"
done
cp assets/clipwb.svg "$pkg/usr/share/icons/hicolor/scalable/apps/clipwb.svg"
cp assets/clipwb.svg "$pkg/usr/share/icons/hicolor/scalable/mimetypes/application-x-clipwb-project.svg"
{
  echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
  echo "Upstream-Name: clipwb"
  echo "Comment: the licences of the bundled libraries are listed in /opt/clipwb/lib/app/legal/THIRD-PARTY.md;"
  echo " those of the Java runtime in /opt/clipwb/lib/runtime/legal/."
  echo
  echo "Files: *"
  echo "License: Apache-2.0"
  sed 's/^/ /; s/^ $/ ./' LICENSE
} > "$pkg/usr/share/doc/clipwb/copyright"
cp THIRD-PARTY.md "$pkg/usr/share/doc/clipwb/"
find "$pkg/usr" -type f -exec chmod 644 {} +

# Depends: the Debian packages that provide the shared libraries the native code links against
# directly (DT_NEEDED, resolved by ldd), minus what the package brings itself
deps=$(find "$pkg/opt" -name '*.so*' -type f | while read -r f; do
    needed=$(readelf -d "$f" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
    [[ -n "$needed" ]] || continue
    ldd "$f" 2>/dev/null | awk -v n="$needed" 'BEGIN {split(n, a, "\n"); for (i in a) want[a[i]] = 1}
      $2 == "=>" && ($1 in want) && $3 ~ /^\// {print $3}'
  done | sort -u \
  | while read -r so; do [[ "$so" == "$root/$pkg"* || "$so" == "$pkg"* ]] && continue; dpkg -S "$so" 2>/dev/null || dpkg -S "$(readlink -f "$so")" 2>/dev/null; done \
  | cut -d: -f1 | sort -u | tr '\n' ',' | sed 's/,$//; s/,/, /g')
installed_kb=$(du -sk "$pkg/opt" "$pkg/usr" | awk '{s+=$1} END {print s}')
cat > "$pkg/DEBIAN/control" <<EOF
Package: clipwb
Version: $deb_version
Section: science
Priority: optional
Architecture: amd64
Maintainer: CLIP Robustness Workbench <clipwb@localhost>
Installed-Size: $installed_kb
Depends: ${deps:-libc6}
Recommends: shared-mime-info, desktop-file-utils, hicolor-icon-theme
Homepage: https://github.com/clipwb/clipwb
Description: CLIP Robustness Workbench
 Loads CLIP models and data sets and runs the robustness evaluations of
 "Toward a Holistic Evaluation of Robustness in CLIP Models": accuracy under
 distribution shift, calibration, OOD detection, corruptions, shape bias,
 retrieval and more, fully offline. Contains its own Java runtime, JavaFX,
 DJL with the CPU build of libtorch, and a sample project.
EOF
deb=$out/clipwb_${deb_version}_amd64.deb
# xz -1: 228 MB, about 3 CPU minutes; the default xz -6 needs several times that (on the shared
# 2-core build machine it had not finished after 25 minutes). CLIPWB_DEB_COMPRESSION="xz -z6"
# (or "zstd -z19", "gzip -z9") to choose another
compression=${CLIPWB_DEB_COMPRESSION:-xz -z1}
say "dpkg-deb (${compression}) -> $deb"
nice fakeroot dpkg-deb --root-owner-group -Z$compression --build "$pkg" "$deb" >/dev/null
rm -rf "$pkg"
say "done in $(( $(date +%s) - start )) s: $(du -h "$deb" | cut -f1) .deb, $(du -sh "$image" | cut -f1) app-image"
