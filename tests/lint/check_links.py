#!/usr/bin/python3
"""Which built programs link libmosquitto: the layers of docs/layers.txt, seen in the binaries.

usage: check_links.py READELF BIN_DIR [--not-built PROGRAM...]

The server and the dashboard speak no MQTT ("le backend ne connaît pas MQTT"), so their
binaries must not need libmosquitto; the agent and the bridge must, which also proves that the
check reads the binaries right and cannot pass by finding nothing. The NEEDED entries come from
`READELF -d`, which reads an ELF of any architecture (a cross-built aarch64 binary too).

A program the build leaves out (VIGIL_SKIP), named after --not-built, is skipped with a message;
a program of the build whose binary is missing is a failure (build it first).

Prints one line per program and "N passed, N failed, N skipped"; exits 1 on any failure, 77 when
every program was skipped.
"""

import os
import re
import subprocess
import sys

# program -> whether it must link libmosquitto (the programs whose folder may include
# shared/mqtt in docs/layers.txt).
LINKS_MOSQUITTO = {
    "vigil-agent": True,
    "vigil-bridge": True,
    "vigil-server": False,
    "vigil-dashboard": False,
}
SKIPPED = 77


def needed(readelf, binary):
    """The NEEDED entries of an ELF file, or an error string."""
    result = subprocess.run([readelf, "-d", binary], capture_output=True, text=True,
                            env=dict(os.environ, LC_ALL="C"))
    if result.returncode != 0:
        return f"{readelf} -d failed: {result.stderr.strip()}"
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", result.stdout)


def main(arguments):
    if len(arguments) < 2:
        print(__doc__.strip().splitlines()[2])
        return 2
    readelf, bin_dir = arguments[0], arguments[1]
    not_built = set(arguments[3:]) if arguments[2:3] == ["--not-built"] else set()
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    for program, must_link in LINKS_MOSQUITTO.items():
        if program in not_built:
            counts["skipped"] += 1
            print(f"SKIP {program}: not part of this build (VIGIL_SKIP)")
            continue
        binary = os.path.join(bin_dir, program)
        if os.path.isfile(binary):
            libraries = needed(readelf, binary)
        else:
            libraries = f"{binary} not found; build it first"
        if isinstance(libraries, str):
            counts["failed"] += 1
            print(f"FAIL {program}: {libraries}")
            continue
        mosquitto = [name for name in libraries if name.startswith("libmosquitto.so")]
        if not libraries:
            ok, detail = False, "no NEEDED entry at all: not a dynamically linked ELF?"
        elif must_link:
            ok, detail = bool(mosquitto), "does not link libmosquitto, yet it speaks MQTT"
        else:
            ok, detail = not mosquitto, (f"links {', '.join(mosquitto)}: something it links "
                                         "still pulls in the MQTT client (vigil_mqtt)")
        counts["passed" if ok else "failed"] += 1
        verb = "links" if must_link else "does not link"
        print(f"PASS {program} {verb} libmosquitto" if ok else f"FAIL {program}: {detail}")
    print(", ".join(f"{count} {name}" for name, count in counts.items()))
    if counts["failed"]:
        return 1
    return SKIPPED if counts["skipped"] == len(LINKS_MOSQUITTO) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
