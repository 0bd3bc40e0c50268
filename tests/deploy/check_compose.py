#!/usr/bin/python3
"""Static checks of the container files and the env examples (docker cannot run here).

usage: check_compose.py SOURCE_DIR BIN_DIR

- deploy/compose/docker-compose.yml has the guide's layout: mqtt-broker, sensor-motion,
  sensor-pressure (GPIO devices; only MQTT_TOPIC=sensor/pressure and SENSOR_PIN=27 differ from
  the motion sensor), mqtt-bridge; every build points at a Dockerfile stage that exists.
- deploy/compose/docker-compose.backend.yml runs vigil-server with API_TOKENS required.
- deploy/docker/Dockerfile: every stage on Debian bookworm, -dev packages only in the build stage,
  and each runtime stage installs the package of every shared library its program links
  (read from the built binary with readelf and dpkg -S, when the binary exists).
- Every setting named in a compose file or an env example is one the program knows (its --help).

Prints one line per check and "N passed, N failed"; exits 1 on any failure.
"""

import os
import re
import subprocess
import sys

import yaml

SOURCE, BIN = sys.argv[1], sys.argv[2]
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("PASS " if ok else "FAIL ") + name + ("" if ok else ": " + detail))


def load_yaml(relative):
    with open(os.path.join(SOURCE, relative), encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def environment(service):
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return env


def dockerfile_stages(text):
    """stage name -> {"from": image, "packages": [...], "copies": [...]}."""
    stages, current = {}, None
    # Continuation lines belong to the instruction above them.
    for line in re.sub(r"\\\n", " ", text).splitlines():
        line = line.strip()
        match = re.match(r"FROM\s+(\S+)(?:\s+AS\s+(\S+))?", line, re.IGNORECASE)
        if match:
            current = {"from": match.group(1), "packages": [], "copies": []}
            stages[match.group(2) or str(len(stages))] = current
            if match.group(1) in stages:  # FROM an earlier stage inherits its packages
                current["packages"] = list(stages[match.group(1)]["packages"])
        elif current and line.startswith("RUN") and "apt-get install" in line:
            words = line.split("apt-get install", 1)[1].split("&&")[0].split()
            current["packages"] += [w for w in words if not w.startswith("-")]
        elif current and line.startswith("COPY --from="):
            current["copies"].append(line.split()[1])
    return stages


def help_text(program):
    path = os.path.join(BIN, program)
    if not os.access(path, os.X_OK):
        return None
    return subprocess.run([path, "--help"], capture_output=True, text=True, timeout=30).stdout


def needed_packages(binary):
    """Debian packages of the shared libraries the binary links directly (NEEDED), found where
    the dynamic loader finds them (ldd), so a 32-bit copy of a library is not counted."""
    dynamic = subprocess.run(["readelf", "-d", binary], capture_output=True, text=True).stdout
    needed = set(re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", dynamic))
    resolved = dict(re.findall(r"^\s*(\S+) => (/\S+)", subprocess.run(
        ["ldd", binary], capture_output=True, text=True).stdout, re.MULTILINE))
    packages = set()
    for library in needed:
        if library.startswith("ld-linux"):  # the dynamic loader itself, part of libc6
            continue
        path = resolved.get(library)
        if not path:
            packages.add("<unresolved " + library + ">")
            continue
        for candidate in (path, os.path.realpath(path)):
            found = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
            if found.returncode == 0:
                packages.add(found.stdout.split(":")[0])
                break
        else:
            packages.add("<no package owns " + path + ">")
    return packages


# The C/C++ runtime comes with every Debian image; the sanitizer runtimes are there only in a
# build of the asan preset, never in the release build the Dockerfile makes.
BASE_PACKAGES = {"libc6", "libstdc++6", "libgcc-s1"}
SANITIZER_PACKAGES = {"libasan8", "libubsan1", "liblsan0", "libtsan2"}

pi = load_yaml("deploy/compose/docker-compose.yml")
backend = load_yaml("deploy/compose/docker-compose.backend.yml")
with open(os.path.join(SOURCE, "deploy/docker/Dockerfile"), encoding="utf-8") as f:
    stages = dockerfile_stages(f.read())

services = pi.get("services", {})
check("compose: the guide's services",
      set(services) == {"mqtt-broker", "sensor-motion", "sensor-pressure", "mqtt-bridge"},
      str(sorted(services)))
for name in ("sensor-motion", "sensor-pressure"):
    devices = [d.split(":")[0] for d in services.get(name, {}).get("devices", [])]
    check(f"compose: {name} gets the GPIO devices",
          {"/dev/gpiomem", "/dev/gpiochip0"} <= set(devices), str(devices))
    check(f"compose: {name} is not privileged", not services.get(name, {}).get("privileged"))
motion = environment(services.get("sensor-motion", {}))
pressure = environment(services.get("sensor-pressure", {}))
differs = {k: v for k, v in pressure.items() if motion.get(k) != v}
check("compose: sensor-pressure differs only by MQTT_TOPIC and SENSOR_PIN",
      differs == {"MQTT_TOPIC": "sensor/pressure", "SENSOR_PIN": "27"} and "SENSOR_KIND" not in pressure,
      str(differs))
check("compose: motion on sensor/motion, BCM 17",
      motion.get("MQTT_TOPIC") == "sensor/motion" and str(motion.get("SENSOR_PIN")) == "17")
bridge = environment(services.get("mqtt-bridge", {}))
check("compose: the bridge's outbox is on a volume",
      any(v.endswith(":/var/lib/vigil-bridge") for v in services.get("mqtt-bridge", {}).get("volumes", []))
      and bridge.get("OUTBOX", "").startswith("/var/lib/vigil-bridge/"))
check("compose: the bridge has a stable MQTT client id", "MQTT_CLIENT_ID" in bridge)
server_service = backend.get("services", {}).get("vigil-server", {})
server_env = environment(server_service)
check("backend compose: vigil-server requires API_TOKENS", ":?" in str(server_env.get("API_TOKENS", "")))
check("backend compose: the database is on a volume",
      any(v.endswith(":/var/lib/vigil-server") for v in server_service.get("volumes", [])))

for file_name, document in (("docker-compose.yml", pi), ("docker-compose.backend.yml", backend)):
    for name, service in document.get("services", {}).items():
        build = service.get("build")
        if not build:
            continue
        check(f"{file_name}: {name} builds the stage {build.get('target')}",
              build.get("dockerfile") == "deploy/docker/Dockerfile" and build.get("target") in stages
              and os.path.normpath(os.path.join(SOURCE, "deploy/compose", build.get("context", "."))) ==
              os.path.normpath(SOURCE), str(build))

for name, stage in stages.items():
    check(f"Dockerfile: stage {name} is Debian bookworm",
          stage["from"] in stages or stage["from"].startswith("debian:bookworm"), stage["from"])
check("Dockerfile: the build stage has the compilers and -dev packages",
      {"cmake", "ninja-build", "build-essential", "qt6-base-dev", "libmosquitto-dev", "libgpiod-dev"}
      <= set(stages.get("build", {}).get("packages", [])))
for target, program in (("agent", "vigil-agent"), ("bridge", "vigil-bridge"), ("server", "vigil-server")):
    stage = stages.get(target, {"packages": [], "copies": []})
    check(f"Dockerfile: {target} has no -dev package and no compiler",
          not [p for p in stage["packages"] if p.endswith("-dev") or p in ("cmake", "build-essential")])
    check(f"Dockerfile: {target} copies {program} from the build stage", "--from=build" in stage["copies"])
    binary = os.path.join(BIN, program)
    if os.access(binary, os.X_OK):
        missing = needed_packages(binary) - set(stage["packages"]) - BASE_PACKAGES - SANITIZER_PACKAGES
        if "libqt6sql6" in stage["packages"]:
            check(f"Dockerfile: {target} has the SQLite driver", "libqt6sql6-sqlite" in stage["packages"])
        check(f"Dockerfile: {target} installs every library {program} links", not missing, str(sorted(missing)))
    else:
        print(f"SKIP Dockerfile: {target} libraries ({binary} not built)")

# Settings: every key a deployment file sets must be one the program reads.
env_examples = {
    "vigil-agent": ["deploy/systemd/agent-motion.env", "deploy/systemd/agent-pressure.env"],
    "vigil-bridge": ["deploy/systemd/bridge.env"],
    "vigil-server": ["deploy/systemd/server.env"],
}
compose_keys = {
    "vigil-agent": set(motion) | set(pressure),
    "vigil-bridge": set(bridge),
    "vigil-server": set(server_env),
}
for program, files in env_examples.items():
    known = help_text(program)
    if known is None:
        print(f"SKIP settings of {program} (not built)")
        continue
    for relative in files:
        with open(os.path.join(SOURCE, relative), encoding="utf-8") as f:
            keys = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", f.read(), re.MULTILINE))
        unknown = sorted(k for k in keys if not re.search(r"\b" + k + r"\b", known))
        check(f"{relative}: every key is a setting of {program}", keys and not unknown, str(unknown))
    unknown = sorted(k for k in compose_keys[program] if not re.search(r"\b" + k + r"\b", known))
    check(f"compose: every variable given to {program} is one of its settings", not unknown, str(unknown))

print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
