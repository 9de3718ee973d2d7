#!/usr/bin/env python3
"""Writes src/main/resources/io/clipwb/app/fx-preload.txt from a JFR recording of the GUI bench.

The list names the classes the JavaFX application thread loads after the first frame (while a run
opens and fills the first view), so io.clipwb.app.ClassPreloader can load them on a background
thread first. Record with a JFR settings file that enables jdk.ClassLoad (threshold 0 ms), e.g.

  JAVA_OPTS="-Dprism.order=sw -Dclipwb.gui.bench=true -Dclipwb.gui.bench.run=true \
    -XX:StartFlightRecording=filename=/tmp/fx.jfr,duration=80s,settings=/tmp/fx.jfc" clipwb gui ...
  jfr print --json --events jdk.ClassLoad /tmp/fx.jfr > /tmp/fx.json
  python3 tools/fx_preload_list.py /tmp/fx.json HH:MM:SS   # first-frame time (UTC), from the bench log
"""
import json
import sys

FX = ("JavaFX Application Thread", "GtkNativeMainLoopThread")  # GTK's main loop becomes the FX thread
OUT = "src/main/resources/io/clipwb/app/fx-preload.txt"


def main(path, after):
    events = json.load(open(path))["recording"]["events"]
    loads = [e for e in events if e["type"] == "jdk.ClassLoad"
             and e["values"]["eventThread"]["javaName"] in FX and e["values"]["startTime"][11:19] >= after]
    loads.sort(key=lambda e: e["values"]["startTime"])
    names = []
    for e in loads:
        n = e["values"]["loadedClass"]["name"]
        if "$$Lambda" in n or "+0x" in n or n.startswith(("jdk/internal/reflect/Generated", "java/lang/invoke/")):
            continue  # hidden and generated classes cannot be loaded by name
        n = n.replace("/", ".")
        if n not in names:
            names.append(n)
    with open(OUT, "w") as f:
        f.write("# Classes the FX thread loads while a run opens and fills the first view"
                " (tools/fx_preload_list.py writes this from a JFR recording of the GUI bench).\n")
        f.write("\n".join(names) + "\n")
    print(f"{len(names)} classes -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
