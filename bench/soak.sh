#!/usr/bin/env bash
# Vigil's soak, on loopback only: the real vigil-agent (SIMULATE=stdin, fed paced edges by
# vigil-loadgen) -> mosquitto -> vigil-bridge -> vigil-server, 20 WebSocket clients coming and
# going, the server restarted (SIGTERM, start again on the same port and database) and the bridge
# killed with kill -9 (and started again) on a schedule. At the end: every event the agent
# published is stored exactly once (counted by event_id in the server's SQLite database), and
# each program's RSS and open file descriptors, sampled every 30 s, are compared between the
# first and the last sixth of the run (10 minutes of the default hour). Prints a table, writes
# JSON, exits 1 if an event was lost or duplicated. Everything it starts is stopped and its temp
# folder removed at the end, on error and on Ctrl-C.
#
# usage: bench/soak.sh [--minutes N] [--server-restart-minutes M] [--bridge-kill-minutes M]
#                      [--rate R] [--clients C] [--output FILE] [--keep]
#   --minutes N                 length of the load (default 60)
#   --server-restart-minutes M  SIGTERM and restart of vigil-server every M minutes (default 10)
#   --bridge-kill-minutes M     kill -9 and restart of vigil-bridge every M minutes (default 7)
#   --rate R                    events per second (default 50)
#   --clients C                 WebSocket clients connecting and leaving (default 20)
#   --output F                  results file (default build-release/bench/soak.json)
#   --keep                      keep the temp folder (logs, databases, samples) and print its path
# environment: VIGIL_BIN_DIR (the programs, default build-release/bin)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin_dir=${VIGIL_BIN_DIR:-$root/build-release/bin}
minutes=60
server_restart_minutes=10
bridge_kill_minutes=7
rate=50
clients=20
sample_seconds=30
drain_seconds=300
output=""
keep=false

say() { printf 'soak: %s\n' "$*" >&2; }
fail() {
    printf 'soak: error: %s\n' "$*" >&2
    exit 1
}
usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; }
number() { [[ $2 =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "soak: error: $1 $2: expected a number" >&2; exit 2; }; }
seconds_of() { awk -v m="$1" 'BEGIN { printf "%d", m * 60 }'; }

while [ $# -gt 0 ]; do
    case "$1" in
        --minutes) number "$1" "${2:-}"; minutes=$2; shift 2 ;;
        --server-restart-minutes) number "$1" "${2:-}"; server_restart_minutes=$2; shift 2 ;;
        --bridge-kill-minutes) number "$1" "${2:-}"; bridge_kill_minutes=$2; shift 2 ;;
        --rate) number "$1" "${2:-}"; rate=$2; shift 2 ;;
        --clients) number "$1" "${2:-}"; clients=$2; shift 2 ;;
        --output) output=${2:?--output needs a file}; shift 2 ;;
        --keep) keep=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
duration=$(seconds_of "$minutes")
server_every=$(seconds_of "$server_restart_minutes")
bridge_every=$(seconds_of "$bridge_kill_minutes")
[ "$duration" -ge 60 ] || fail "--minutes $minutes: at least 1 minute"
[ "$server_every" -ge 30 ] && [ "$bridge_every" -ge 30 ] || fail "restart intervals below 30 s"
output=${output:-$(dirname "$bin_dir")/bench/soak.json}

# The machine is shared: the soak (and everything it starts) runs at a lower priority.
[ "$(nice)" -ge 10 ] || renice -n 10 -p $$ >/dev/null 2>&1 || true

for program in vigil-server vigil-bridge vigil-agent vigil-loadgen; do
    [ -x "$bin_dir/$program" ] || fail "$bin_dir/$program is missing: build the release preset first"
done
for tool in mosquitto mosquitto_sub sqlite3 timeout; do
    command -v "$tool" >/dev/null || fail "$tool is not installed"
done
loadgen=$bin_dir/vigil-loadgen

work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-soak.XXXXXX")
mkdir -p "$work/log" "$work/mosquitto"

# --- processes ------------------------------------------------------------------------------
# shellcheck source=bench/processes.sh
source "$root/bench/processes.sh"
cleanup() {
    trap '' INT TERM
    local name
    for name in edges agent wsclients witness bridge server mosquitto; do
        stop "$name"
    done
    if $keep; then
        say "kept $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

subscriptions() { grep -c " $1" "$work/log/mosquitto.log" || true; } # SUBSCRIBEs logged so far

# --- broker, server, bridge -----------------------------------------------------------------
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$root" status --porcelain 2>/dev/null | grep -q . && echo true || echo false)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
say "machine: $(nproc) cores, load $load_start; $minutes min at $rate events/s, $clients WebSocket clients, server restart every $server_restart_minutes min, bridge kill -9 every $bridge_kill_minutes min"

mqtt_port=$(free_port)
cat >"$work/mosquitto/mosquitto.conf" <<EOF
listener $mqtt_port 127.0.0.1
allow_anonymous true
persistence true
persistence_location $work/mosquitto/
max_queued_messages 1000000
max_queued_bytes 0
log_dest stderr
log_type error
log_type warning
log_type subscribe
EOF
start mosquitto mosquitto -c "$work/mosquitto/mosquitto.conf"
wait_for 10 "mosquitto is not listening on $mqtt_port" port_in_use "$mqtt_port"

http_port=$(free_port)
server_url=http://127.0.0.1:$http_port
database=$work/soak.db
start_server() {
    start server "$bin_dir/vigil-server" --host 127.0.0.1 --port "$http_port" --database "$database"
    wait_for 30 "vigil-server is not healthy on $http_port" healthy "$http_port" server
}
subscribed_since() { [ "$(subscriptions "$1")" -gt "$2" ]; } # subscribed_since FILTER COUNT
start_bridge() { # waits for its SUBSCRIBE: the persistent session is back
    local before
    before=$(subscriptions 'sensor/#')
    start bridge "$bin_dir/vigil-bridge" --mqtt-broker 127.0.0.1 --mqtt-port "$mqtt_port" \
        --mqtt-client-id vigil-bridge-soak --backend-url "$server_url" --outbox "$work/outbox.db"
    wait_for 30 "vigil-bridge did not subscribe" subscribed_since 'sensor/#' "$before"
}
start_server
start_bridge

# The witness: a QoS 1 subscriber that records every event the agent published, the "sent"
# side of the count (the broker is never restarted, so it misses nothing).
before=$(subscriptions 'sensor/motion/#')
mosquitto_sub -p "$mqtt_port" -q 1 -t 'sensor/motion/#' -i soak-witness \
    </dev/null >"$work/sent.jsonl" 2>"$work/log/witness.log" &
pids[witness]=$!
wait_for 10 "the witness did not subscribe" subscribed_since 'sensor/motion/#' "$before"

start wsclients "$loadgen" wsclients --server "$server_url" --clients "$clients" \
    --seconds "$duration" --seed "$RANDOM"

# The agent reads its edges from a FIFO that vigil-loadgen writes, paced; at the end of the
# load the generator closes it, and the agent publishes SENSOR_OFFLINE and exits by itself.
mkfifo "$work/edges.fifo"
"$bin_dir/vigil-agent" --simulate stdin --sensor-kind motion --debounce-ms 0 \
    --mqtt-broker 127.0.0.1 --mqtt-port "$mqtt_port" --device-id soak-pi \
    <"$work/edges.fifo" >"$work/log/agent.log" 2>&1 &
pids[agent]=$!
"$loadgen" edges --rate "$rate" --seconds "$duration" >"$work/edges.fifo" 2>"$work/log/edges.log" &
pids[edges]=$!

# --- the load, the faults and the samples ---------------------------------------------------
programs=(agent mosquitto bridge server)
printf 't\tprogram\tpid\trss_kb\tfds\n' >"$work/samples.tsv"
sample() { # one line per program: seconds since the start, pid, VmRSS (kB), open fds
    local t=$1 name pid rss fds
    for name in "${programs[@]}"; do
        pid=${pids[$name]:-}
        [ -n "$pid" ] && [ -r "/proc/$pid/status" ] || continue
        rss=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$pid/status")
        fds=("/proc/$pid/fd"/*)
        printf '%s\t%s\t%s\t%s\t%s\n' "$t" "$name" "$pid" "$rss" "${#fds[@]}" >>"$work/samples.tsv"
    done
}
server_restarts=0
bridge_kills=0
begin=$SECONDS
next_sample=$sample_seconds
next_server=$server_every
next_bridge=$bridge_every
while kill -0 "${pids[edges]}" 2>/dev/null; do
    now=$((SECONDS - begin))
    for name in mosquitto bridge server witness agent; do
        alive "$name"
    done
    if [ "$now" -ge "$next_sample" ] && [ "$now" -le "$duration" ]; then
        sample "$now"
        next_sample=$((next_sample + sample_seconds))
    fi
    if [ "$now" -ge "$next_bridge" ] && [ "$now" -lt "$duration" ]; then
        say "$(date +%T) kill -9 of vigil-bridge (pid ${pids[bridge]}), restarted"
        kill -KILL "${pids[bridge]}"
        wait "${pids[bridge]}" 2>/dev/null || true
        unset "pids[bridge]"
        start_bridge
        bridge_kills=$((bridge_kills + 1))
        next_bridge=$((next_bridge + bridge_every))
    fi
    if [ "$now" -ge "$next_server" ] && [ "$now" -lt "$duration" ]; then
        say "$(date +%T) SIGTERM of vigil-server (pid ${pids[server]}), started again"
        stop server
        start_server
        server_restarts=$((server_restarts + 1))
        next_server=$((next_server + server_every))
    fi
    sleep 1
done
wait "${pids[edges]}" || fail "the edge generator failed: $(tail -3 "$work/log/edges.log")"
unset "pids[edges]"
edges=$(grep -o '"edges":[0-9]*' "$work/log/edges.log" | cut -d: -f2)
load_seconds=$((SECONDS - begin))

# --- drain and count ------------------------------------------------------------------------
wait_for 30 "vigil-agent did not exit after the end of its input" \
    eval '! kill -0 "${pids[agent]}" 2>/dev/null'
unset "pids[agent]"
sent_ids() { grep -o '"event_id": *"[^"]*"' "$work/sent.jsonl" | sed 's/.*"\([^"]*\)"$/\1/'; }
motion_sent() { grep '"MOTION_DETECTED"' "$work/sent.jsonl" | grep -o '"event_id": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/'; }
stored_query="SELECT count(DISTINCT json_extract(details, '\$.event_id')) FROM events WHERE type = 'motion_detected' AND device_id = 'soak-pi'"
sleep 1 # the witness has the last events a moment after the agent's PUBACKs
sent=$(motion_sent | sort -u | wc -l)
say "load done: $edges edges, $sent events published; waiting for the server to store them (at most $drain_seconds s)"
drain_start=$SECONDS
drained() { [ "$(sqlite3 -cmd '.timeout 5000' "$database" "$stored_query")" -ge "$sent" ]; }
until drained; do
    if [ $((SECONDS - drain_start)) -ge "$drain_seconds" ]; then
        say "not all stored after $drain_seconds s"
        break
    fi
    sleep 2
done
drain_taken=$((SECONDS - drain_start))
wait_for 30 "vigil-loadgen wsclients did not finish" eval '! kill -0 "${pids[wsclients]}" 2>/dev/null'
stop wsclients
wsclients_result=$(grep '^{' "$work/log/wsclients.log" | tail -1)
wsclients_result=${wsclients_result:-null}
stop witness
stop bridge
stop server
stop mosquitto

# Counted from the stored rows' content (details.event_id), not from the unique index that
# de-duplicates them, so a duplicate that slipped past the index would still be seen.
motion_sent | sort -u >"$work/sent.txt"
sqlite3 "$work/analysis.db" >"$work/counts.txt" <<EOF
CREATE TABLE sent(id TEXT PRIMARY KEY);
.import $work/sent.txt sent
ATTACH '$database' AS s;
CREATE TABLE stored AS SELECT json_extract(details, '\$.event_id') AS id, id AS row
    FROM s.events WHERE type = 'motion_detected' AND device_id = 'soak-pi';
SELECT (SELECT count(*) FROM sent),
       (SELECT count(*) FROM stored),
       (SELECT count(*) FROM sent WHERE id NOT IN (SELECT id FROM stored)),
       (SELECT count(*) FROM (SELECT id FROM stored GROUP BY id HAVING count(*) > 1)),
       (SELECT count(*) FROM stored WHERE id NOT IN (SELECT id FROM sent)),
       (SELECT count(*) FROM s.events);
EOF
IFS='|' read -r sent stored lost duplicated unexpected rows <"$work/counts.txt"
witnessed_all=$(sent_ids | sort -u | wc -l)

# --- footprint: first vs last sixth ---------------------------------------------------------
window=$((duration / 6))
[ "$window" -ge "$sample_seconds" ] || window=$sample_seconds # a short run: one sample at least
footprint() { # footprint NAME: JSON object of the program's samples
    awk -F'\t' -v name="$1" -v w="$window" -v d="$duration" '
        NR > 1 && $2 == name {
            n++; pids[$3] = 1
            if ($1 <= w) { fr += $4; ff += $5; fn++ }
            if ($1 >= d - w) { lr += $4; lf += $5; ln++ }
        }
        END {
            np = 0; for (p in pids) np++
            if (fn == 0 || ln == 0) { printf "{\"samples\":%d}", n; exit }
            fr /= fn * 1024; lr /= ln * 1024; ff /= fn; lf /= ln
            ratio = fr > 0 ? lr / fr : 0
            flat = (ratio <= 1.10 && lf - ff <= 4 && ff - lf <= 4) ? "true" : "false"
            printf "{\"samples\":%d,\"processes\":%d,\"rss_first_mb\":%.1f,\"rss_last_mb\":%.1f,\"rss_ratio\":%.3f,\"fds_first\":%.1f,\"fds_last\":%.1f,\"fds_change\":%.1f,\"flat\":%s}",
                n, np, fr, lr, ratio, ff, lf, lf - ff, flat
        }' "$work/samples.tsv"
}
json_field() { grep -o "\"$2\":[^,}]*" <<<"$1" | head -1 | cut -d: -f2; }

mkdir -p "$(dirname "$output")"
{
    printf '{"date":"%s","commit":"%s","dirty":%s,' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$commit" "$dirty"
    printf '"machine":{"cores":%s,"cpu":"%s","ram_mb":%s,"kernel":"%s","loadavg_start":"%s","loadavg_end":"%s"},' \
        "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
        "$(awk '/MemTotal/ { printf "%d", $2 / 1024 }' /proc/meminfo)" "$(uname -r)" \
        "$load_start" "$(cut -d' ' -f1-3 /proc/loadavg)"
    printf '"settings":{"minutes":%s,"rate":%s,"clients":%s,"server_restart_minutes":%s,"bridge_kill_minutes":%s,"sample_seconds":%s,"window_seconds":%s},' \
        "$minutes" "$rate" "$clients" "$server_restart_minutes" "$bridge_kill_minutes" \
        "$sample_seconds" "$window"
    printf '"faults":{"server_restarts":%s,"bridge_kills":%s},' "$server_restarts" "$bridge_kills"
    printf '"events":{"edges":%s,"sent":%s,"stored":%s,"lost":%s,"duplicated":%s,"unexpected":%s,"rows_total":%s,"witnessed_all_types":%s,"load_seconds":%s,"drain_seconds":%s},' \
        "${edges:-0}" "$sent" "$stored" "$lost" "$duplicated" "$unexpected" "$rows" \
        "$witnessed_all" "$load_seconds" "$drain_taken"
    printf '"websocket":%s,"footprint":{' "$wsclients_result"
    first=true
    for name in "${programs[@]}"; do
        $first || printf ','
        first=false
        printf '"%s":%s' "$name" "$(footprint "$name")"
    done
    printf '}}\n'
} >"$output"
cp "$work/samples.tsv" "${output%.json}-samples.tsv"

# --- table ----------------------------------------------------------------------------------
printf '\nVigil soak: %s min, %s events/s, %s server restarts, %s bridge kill -9, %s WebSocket clients\n' \
    "$minutes" "$rate" "$server_restarts" "$bridge_kills" "$clients"
printf '%-28s %s\n' "edges written" "${edges:-0}" "events published (witness)" "$sent" \
    "stored (distinct event_id)" "$stored" "lost" "$lost" "duplicated" "$duplicated" \
    "stored but never published" "$unexpected" "drain after the load" "${drain_taken} s"
if [ "$wsclients_result" != null ]; then
    printf '%-28s %s connects, %s hellos, %s live messages, %s dropped by restarts\n' "WebSocket" \
        "$(json_field "$wsclients_result" connects)" "$(json_field "$wsclients_result" hellos)" \
        "$(json_field "$wsclients_result" messages)" "$(json_field "$wsclients_result" dropped_by_server)"
fi
printf '\nfootprint, mean of the first vs the last %s s (samples every %s s):\n' "$window" "$sample_seconds"
printf '%-10s %9s %9s %7s %9s %9s %7s %s\n' program "RSS MB" "→ MB" ratio fds "→ fds" change flat
for name in "${programs[@]}"; do
    object=$(footprint "$name")
    printf '%-10s %9s %9s %7s %9s %9s %7s %s\n' "$name" "$(json_field "$object" rss_first_mb)" \
        "$(json_field "$object" rss_last_mb)" "$(json_field "$object" rss_ratio)" \
        "$(json_field "$object" fds_first)" "$(json_field "$object" fds_last)" \
        "$(json_field "$object" fds_change)" "$(json_field "$object" flat)"
done
say "results: $output"
[ "$lost" -eq 0 ] && [ "$duplicated" -eq 0 ] && [ "$sent" -gt 0 ] || fail "$lost lost, $duplicated duplicated of $sent events"
