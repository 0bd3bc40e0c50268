#!/usr/bin/env bash
# Vigil's benchmarks, in one run on this machine, on loopback only:
#   real mosquitto -> vigil-bridge -> vigil-server (temporary database), driven by vigil-loadgen.
# Measures the generator alone, the broker alone (the ceiling: same generator, a QoS 1
# libmosquitto subscriber; and mosquitto_pub -> mosquitto_sub), the end-to-end burst, the
# latency at a steady rate, an outage of the server, the server alone (single and batched POSTs,
# GET at many rows, WebSocket fan-out) and the footprint of every program. Prints a table and
# writes the results as JSON. Everything it starts is stopped and its temp folder removed at the
# end, on error and on Ctrl-C.
#
# usage: bench/run-bench.sh [--quick] [--count N] [--rows N] [--repeat R] [--output FILE]
#   --quick     small run (10,000-event burst, 100,000 rows, 5 s of latency, no repeats)
#   --count N   events of the end-to-end burst (default 50,000)
#   --rows N    rows stored before the GET and RSS measurements (default 1,000,000)
#   --repeat R  throughput runs per figure, the best is kept (default 3: the machine is shared)
#   --output F  results file (default build-release/bench/results.json)
#   --keep      keep the temp folder (logs of every program, databases) and print its path
# environment: VIGIL_BIN_DIR (the programs, default build-release/bin)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
bin_dir=${VIGIL_BIN_DIR:-$root/build-release/bin}
count=50000
outage_count=10000
rows=1000000
repeat=3
latency_rate=200
latency_seconds=20
single_count=20000
batch_count=200000
fanout_clients=500
fanout_rounds=20
output=""
keep=false

say() { printf 'bench: %s\n' "$*" >&2; }
fail() {
    printf 'bench: error: %s\n' "$*" >&2
    exit 1
}
usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; }
whole() { [[ $2 =~ ^[0-9]+$ ]] || { echo "bench: error: $1 $2: expected a whole number" >&2; exit 2; }; }

while [ $# -gt 0 ]; do
    case "$1" in
        --quick)
            count=10000 rows=100000 repeat=1 latency_seconds=5 single_count=5000
            batch_count=50000 fanout_rounds=5
            shift ;;
        --count) whole "$1" "${2:-}"; count=$2; shift 2 ;;
        --rows) whole "$1" "${2:-}"; rows=$2; shift 2 ;;
        --repeat) whole "$1" "${2:-}"; repeat=$2; shift 2 ;;
        --output) output=${2:?--output needs a file}; shift 2 ;;
        --keep) keep=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
[ "$repeat" -ge 1 ] || repeat=1
output=${output:-$(dirname "$bin_dir")/bench/results.json}

for program in vigil-server vigil-bridge vigil-agent vigil-loadgen; do
    [ -x "$bin_dir/$program" ] || fail "$bin_dir/$program is missing: build the release preset first"
done
for tool in mosquitto mosquitto_pub mosquitto_sub timeout; do
    command -v "$tool" >/dev/null || fail "$tool is not installed"
done
loadgen=$bin_dir/vigil-loadgen

work=$(mktemp -d "${TMPDIR:-/tmp}/vigil-bench.XXXXXX")
mkdir -p "$work/log" "$work/results" "$work/mosquitto"

# --- processes ------------------------------------------------------------------------------
# shellcheck source=bench/processes.sh
source "$root/bench/processes.sh"
cleanup() {
    trap '' INT TERM
    local name
    for name in agent bridge server mosquitto; do
        stop "$name"
    done
    [ -n "${agent_fd:-}" ] && exec {agent_fd}>&- 2>/dev/null
    if $keep; then
        say "kept $work"
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

subscribed() { grep -q " $1" "$work/log/mosquitto.log"; } # the broker logs each SUBSCRIBE

# --- footprint from /proc -------------------------------------------------------------------
clock_ticks=$(getconf CLK_TCK)
status_mb() { # status_mb PID FIELD: VmRSS or VmHWM in MB
    awk -v field="$2:" '$1 == field { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}
cpu_ticks() { # utime + stime of PID
    local stat fields
    stat=$(<"/proc/$1/stat")
    read -r -a fields <<<"${stat##*) }" # after the command name, fields start at 3 (state)
    echo $((fields[11] + fields[12]))
}
# Peak RSS is reset (clear_refs 5) at the start of a phase so VmHWM is the peak of that phase.
declare -A cpu_start=()
phase_begin() {
    local name
    for name in "$@"; do
        echo 5 >"/proc/${pids[$name]}/clear_refs" 2>/dev/null || true
        cpu_start[$name]=$(cpu_ticks "${pids[$name]}")
    done
}
phase_end() { # phase_end NAME...: {"NAME": {"peak_rss_mb", "rss_mb", "cpu_seconds"}, ...}
    local name pid json="" ticks
    for name in "$@"; do
        pid=${pids[$name]}
        ticks=$(($(cpu_ticks "$pid") - cpu_start[$name]))
        json+="${json:+,}\"$name\":{\"peak_rss_mb\":$(status_mb "$pid" VmHWM),\"rss_mb\":$(status_mb "$pid" VmRSS),\"cpu_seconds\":$(awk -v t="$ticks" -v hz="$clock_ticks" 'BEGIN { printf "%.2f", t / hz }')}"
    done
    echo "{$json}"
}

# CPU seconds a program used since cpu_mark: per event, it is a figure the other load on a
# shared machine hardly changes (unlike a rate).
declare -A cpu_marks=()
cpu_mark() { cpu_marks[$1]=$(cpu_ticks "${pids[$1]}"); }
cpu_since() { awk -v t=$(($(cpu_ticks "${pids[$1]}") - cpu_marks[$1])) -v hz="$clock_ticks" 'BEGIN { printf "%.3f", t / hz }'; }
# with_cpu JSON SECONDS: the JSON object with "server_cpu_seconds" added.
with_cpu() { echo "${1%\}},\"server_cpu_seconds\":$2}"; }

# --- results --------------------------------------------------------------------------------
field() { grep -o "\"$2\":[-0-9.e]*" <<<"$1" | head -1 | cut -d: -f2; }
save() { printf '%s\n' "$2" >"$work/results/$1.json"; }
# run_loadgen SECONDS ARGS...: one JSON line, bounded in time. A failed measurement is reported
# in the results (ok false, and its figures), never the end of the whole run.
run_loadgen() {
    local seconds=$1 line
    shift
    line=$(timeout --kill-after=10 "$seconds" "$loadgen" "$@" 2>>"$work/log/loadgen.log" | tail -1) || true
    if [[ $line != \{* ]]; then
        say "vigil-loadgen $1 gave no result (see the log below)"
        tail -3 "$work/log/loadgen.log" >&2
        line="{\"command\":\"$1\",\"ok\":false,\"error\":\"no result (timed out or crashed)\"}"
    elif [[ $line == *'"ok":false'* ]]; then
        say "vigil-loadgen $1 failed: $line"
    fi
    echo "$line"
}
# best LINE...: the JSON line with the highest "rate" (or events_per_second).
best() {
    local line best_line="" best_rate=-1 rate
    for line in "$@"; do
        rate=$(field "$line" rate)
        rate=${rate:-$(field "$line" events_per_second)}
        if awk -v a="${rate:-0}" -v b="$best_rate" 'BEGIN { exit !(a > b) }'; then
            best_rate=$rate
            best_line=$line
        fi
    done
    echo "$best_line"
}

# The commit and load are taken now: other work may commit or compile while this runs.
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(git -C "$root" status --porcelain 2>/dev/null | grep -q . && echo true || echo false)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
say "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"

# --- broker ---------------------------------------------------------------------------------
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
mqtt=(--port "$mqtt_port")

# --- 6. the generator alone and the broker alone --------------------------------------------
say "generator alone: $count events, QoS 1, nobody subscribed"
lines=()
for run in $(seq "$repeat"); do
    lines+=("$(run_loadgen 300 publish "${mqtt[@]}" --topic bench/alone --count "$count")")
done
save generator "$(best "${lines[@]}")"

say "broker tools: mosquitto_pub -l -> mosquitto_sub -C $count, QoS 1"
for i in $(seq "$count"); do
    printf '{"event_id":"tools-%d","device_id":"bench-pi","source":"sensor-motion","type":"MOTION_DETECTED","data":{"presence":true,"gpio_pin":17},"timestamp":1734567890.123}\n' "$i"
done >"$work/lines.txt"
timeout 300 mosquitto_sub -p "$mqtt_port" -q 1 -t bench/tools -C "$count" >"$work/tools.out" &
tools_sub=$!
wait_for 10 "mosquitto_sub did not subscribe" subscribed bench/tools
tools_start=$(date +%s%N)
timeout 300 mosquitto_pub -p "$mqtt_port" -q 1 -M 100 -t bench/tools -l <"$work/lines.txt" || true
wait "$tools_sub" || true
tools_seconds=$(awk -v ns=$(($(date +%s%N) - tools_start)) 'BEGIN { printf "%.3f", ns / 1e9 }')
tools_received=$(wc -l <"$work/tools.out")
save broker_tools "{\"count\":$count,\"received\":$tools_received,\"seconds\":$tools_seconds,\"rate\":$(awk -v n="$tools_received" -v s="$tools_seconds" 'BEGIN { printf "%.0f", n / s }')}"

say "broker latency: $latency_rate/s for $latency_seconds s, QoS 1 libmosquitto subscriber"
save broker_latency "$(run_loadgen $((latency_seconds + 60)) broker "${mqtt[@]}" --topic bench/latency --rate "$latency_rate" --seconds "$latency_seconds")"

# --- vigil-server and vigil-bridge ----------------------------------------------------------
http_port=$(free_port)
server_url=http://127.0.0.1:$http_port
start_server() { # start_server DATABASE
    start server "$bin_dir/vigil-server" --host 127.0.0.1 --port "$http_port" --database "$1"
    wait_for 30 "vigil-server is not healthy on $http_port" healthy "$http_port" server
}
start_server "$work/pipeline.db"
start bridge "$bin_dir/vigil-bridge" --mqtt-broker 127.0.0.1 --mqtt-port "$mqtt_port" \
    --mqtt-client-id vigil-bridge-bench --backend-url "$server_url" --outbox "$work/outbox.db"
wait_for 30 "vigil-bridge did not subscribe" subscribed 'sensor/#'
sleep 2 # settle before reading the idle footprint
alive bridge
idle_bridge=$(status_mb "${pids[bridge]}" VmRSS)
idle_server=$(status_mb "${pids[server]}" VmRSS)

# --- 1. end-to-end burst, interleaved with the broker ceiling -------------------------------
say "end to end: $count events, $repeat run(s), each after a broker-alone run of the same size"
ceilings=() bursts=()
phase_begin bridge server mosquitto
cpu_alone=0 cpu_bridge=0 cpu_server=0 cpu_broker=0
add() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a + b }'; }
for run in $(seq "$repeat"); do
    cpu_mark mosquitto
    ceilings+=("$(run_loadgen 300 broker "${mqtt[@]}" --topic bench/ceiling --count "$count")")
    cpu_alone=$(add "$cpu_alone" "$(cpu_since mosquitto)")
    cpu_mark mosquitto && cpu_mark bridge && cpu_mark server
    bursts+=("$(run_loadgen 600 e2e "${mqtt[@]}" --topic sensor/bench --server "$server_url" --count "$count")")
    cpu_broker=$(add "$cpu_broker" "$(cpu_since mosquitto)")
    cpu_bridge=$(add "$cpu_bridge" "$(cpu_since bridge)")
    cpu_server=$(add "$cpu_server" "$(cpu_since server)")
    say "  run $run: broker $(field "${ceilings[-1]}" rate)/s, end to end $(field "${bursts[-1]}" rate)/s"
done
footprint_e2e=$(phase_end bridge server mosquitto)
save e2e_cpu "{\"events\":$((count * repeat)),\"bridge\":$cpu_bridge,\"server\":$cpu_server,\"mosquitto\":$cpu_broker,\"mosquitto_alone\":$cpu_alone}"
save broker "$(best "${ceilings[@]}")"
save e2e "$(best "${bursts[@]}")"
save e2e_runs "[$(IFS=,; echo "${bursts[*]}")]"
save broker_runs "[$(IFS=,; echo "${ceilings[*]}")]"

# --- 2. latency -----------------------------------------------------------------------------
say "latency: $latency_rate/s for $latency_seconds s, publish -> WebSocket"
save latency "$(run_loadgen $((latency_seconds + 60)) latency "${mqtt[@]}" --topic sensor/bench --server "$server_url" --rate "$latency_rate" --seconds "$latency_seconds")"

# --- 3. outage ------------------------------------------------------------------------------
say "outage: server stopped (SIGTERM), $outage_count events published, server started again"
baseline=$(field "$(run_loadgen 30 newest-id --server "$server_url")" newest_id)
stop server
outage_run=outage-$RANDOM$RANDOM
outage_publish=$(run_loadgen 300 publish "${mqtt[@]}" --topic sensor/bench --count "$outage_count" --run-id "$outage_run")
start server "$bin_dir/vigil-server" --host 127.0.0.1 --port "$http_port" --database "$work/pipeline.db"
save outage "$(run_loadgen 400 drain --server "$server_url" --run-id "$outage_run" --baseline "${baseline:-0}" --count "$outage_count" --timeout 300)"
save outage_publish "$outage_publish"
alive bridge
stop bridge
stop server

# --- 4. the server alone --------------------------------------------------------------------
say "server alone: fresh database"
start_server "$work/server.db"
sleep 1
idle_server_fresh=$(status_mb "${pids[server]}" VmRSS)
phase_begin server
say "  $single_count single POSTs, 8 in flight"
cpu_mark server
line=$(run_loadgen 600 post --server "$server_url" --count "$single_count" --batch 1 --parallel 8)
save server_single "$(with_cpu "$line" "$(cpu_since server)")"
say "  $batch_count events in batches of 100, 4 in flight"
cpu_mark server
line=$(run_loadgen 600 post --server "$server_url" --count "$batch_count" --batch 100 --parallel 4)
save server_batch "$(with_cpu "$line" "$(cpu_since server)")"
stored=$((single_count + batch_count))
if [ "$rows" -gt "$stored" ]; then
    say "  filling to $rows rows with batches of 1000"
    save fill "$(run_loadgen 1800 post --server "$server_url" --count $((rows - stored)) --batch 1000 --parallel 2)"
fi
say "  1000 GET /api/events?limit=100"
save get "$(run_loadgen 300 get --server "$server_url" --requests 1000 --limit 100)"
rss_at_rows=$(status_mb "${pids[server]}" VmRSS)
say "  one event to $fanout_clients WebSocket clients, $fanout_rounds rounds"
save fanout "$(run_loadgen 300 fanout --server "$server_url" --clients "$fanout_clients" --rounds "$fanout_rounds")"
footprint_server=$(phase_end server)
stop server

# --- 5. the agent, idle ---------------------------------------------------------------------
say "agent: idle with SIMULATE=stdin"
mkfifo "$work/agent.fifo"
"$bin_dir/vigil-agent" --simulate stdin --sensor-kind motion --mqtt-broker 127.0.0.1 \
    --mqtt-port "$mqtt_port" --device-id bench-pi <"$work/agent.fifo" >"$work/log/agent.log" 2>&1 &
pids[agent]=$!
exec {agent_fd}>"$work/agent.fifo" # the agent runs until this end is closed
sleep 2
alive agent
idle_agent=$(status_mb "${pids[agent]}" VmRSS)
peak_agent=$(status_mb "${pids[agent]}" VmHWM)
exec {agent_fd}>&- # EOF: the agent publishes SENSOR_OFFLINE and exits by itself
agent_fd=""
stop agent
stop mosquitto

save footprint "{\"rows\":$rows,\"server_rss_at_rows_mb\":$rss_at_rows,\"e2e\":$footprint_e2e,\"server_alone\":$footprint_server,\"idle\":{\"bridge_rss_mb\":$idle_bridge,\"server_rss_mb\":$idle_server,\"server_fresh_rss_mb\":$idle_server_fresh,\"agent_rss_mb\":$idle_agent,\"agent_peak_rss_mb\":$peak_agent}}"

# --- results --------------------------------------------------------------------------------
mkdir -p "$(dirname "$output")"
{
    printf '{"date":"%s","commit":"%s","dirty":%s,' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$commit" "$dirty"
    printf '"machine":{"cores":%s,"cpu":"%s","ram_mb":%s,"kernel":"%s","loadavg_start":"%s","loadavg_end":"%s"},' \
        "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
        "$(awk '/MemTotal/ { printf "%d", $2 / 1024 }' /proc/meminfo)" "$(uname -r)" \
        "$load_start" "$(cut -d' ' -f1-3 /proc/loadavg)"
    printf '"settings":{"count":%s,"outage_count":%s,"rows":%s,"repeat":%s,"latency_rate":%s,"latency_seconds":%s,"single_count":%s,"batch_count":%s,"fanout_clients":%s},' \
        "$count" "$outage_count" "$rows" "$repeat" "$latency_rate" "$latency_seconds" \
        "$single_count" "$batch_count" "$fanout_clients"
    printf '"results":{'
    first=true
    for file in "$work"/results/*.json; do
        $first || printf ','
        first=false
        printf '"%s":%s' "$(basename "$file" .json)" "$(<"$file")"
    done
    printf '}}\n'
} >"$output"

"$loadgen" report "$output"
say "results: $output"
