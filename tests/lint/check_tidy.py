#!/usr/bin/python3
"""clang-tidy with the repository's .clang-tidy on every product .cpp of a build.

usage: check_tidy.py CLANG_TIDY BUILD_DIR SOURCE_DIR

Reads BUILD_DIR/compile_commands.json, keeps the product sources (shared, server, bridge,
sensor-agent, dashboard; not tests/, not bench/, not what moc or rcc generated) and runs
clang-tidy on them, one process per core, every finding an error. Prints each finding with its
file and line, and a summary; exits 1 on any finding. The checks and the reason for each one
left out are in .clang-tidy.
"""

import concurrent.futures
import json
import os
import subprocess
import sys

PRODUCT = ("shared/", "server/", "bridge/", "sensor-agent/", "dashboard/")


def product_sources(build_dir, source_dir):
    with open(os.path.join(build_dir, "compile_commands.json"), encoding="utf-8") as stream:
        commands = json.load(stream)
    files = set()
    for command in commands:
        path = os.path.normpath(os.path.join(command["directory"], command["file"]))
        relative = os.path.relpath(path, source_dir)
        if relative.startswith(PRODUCT) and "_autogen" not in relative:
            files.add(path)
    return sorted(files)


def tidy(clang_tidy, build_dir, path):
    result = subprocess.run([clang_tidy, "-p", build_dir, "--quiet", "--warnings-as-errors=*",
                             path], capture_output=True, text=True, check=False)
    # clang-tidy prints "N warnings generated" and suppressed-warning counts on stderr; the
    # findings are on stdout.
    return path, result.returncode, result.stdout.strip()


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2])
        return 2
    clang_tidy, build_dir, source_dir = argv
    files = product_sources(build_dir, source_dir)
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for path, code, output in pool.map(lambda p: tidy(clang_tidy, build_dir, p), files):
            if code != 0 or output:
                failed += 1
                print(output or f"{os.path.relpath(path, source_dir)}: clang-tidy exited {code}")
    print(f"{len(files)} files checked, {failed} with findings")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
