#!/usr/bin/env bash
# Checks of the operations files: config/ (Prometheus, alerts, Grafana,
# application.yml), docker/, k8s/, docs/operations.md, the file paths and
# settings the documentation names, and ./mvnw on a too old JDK. Needs neither a
# Docker engine nor a cluster. Run from anywhere:
#
#   bash .ci/checks-ops.sh
#
# It installs what it lacks (Debian packages with apt-get, npm packages from
# .ci/ops/package.json into .ci/ops/node_modules), so it runs as root on a
# fresh machine; later runs reuse what is there.
#
# When server-app/target/server-app-exec.jar exists (build first:
# ./mvnw -DskipTests package), it also checks config/application.yml against
# the jar's configuration metadata and boots the jar with that file (a smoke
# test). Without the jar those two steps are skipped, or fail when
# OPS_REQUIRE_JAR=1. OPS_SERVER_JAR names another jar.
#
# Each step prints what it checked; the last line says how many passed.

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
OPS="$ROOT/.ci/ops"
JAR="${OPS_SERVER_JAR:-$ROOT/server-app/target/server-app-exec.jar}"
START=$SECONDS
WORK="$(mktemp -d)"
SERVER_PID=""
passed=0
skipped=0

cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

step() { printf '\n== %s  [%ss]\n' "$*" "$((SECONDS - START))"; }
ok() { echo "  ok   $*"; passed=$((passed + 1)); }
skip() { echo "  SKIP $*"; skipped=$((skipped + 1)); }
die() { echo "  FAIL $*" >&2; exit 1; }

# --- tools -----------------------------------------------------------------
step "tools"
need=()
for pair in promtool:prometheus yamllint:yamllint shellcheck:shellcheck jq:jq \
            curl:curl unzip:unzip node:nodejs npm:npm; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair##*:}")
done
if ((${#need[@]} > 0)); then
  echo "  installing Debian packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}"; } >"$WORK/apt.log" 2>&1 \
    || { cat "$WORK/apt.log"; die "apt-get install ${need[*]}"; }
fi
command -v kubectl >/dev/null 2>&1 \
  || die "kubectl not found (it comes with this machine's image; Debian's kubernetes-client is too old for Kustomize 5)"

stamp="$OPS/node_modules/.installed-from"
if [[ ! -f "$stamp" ]] || ! cmp -s "$OPS/package.json" "$stamp"; then
  echo "  installing npm packages of .ci/ops/package.json"
  npm install --prefix "$OPS" --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null
  cp "$OPS/package.json" "$stamp"
fi
echo "  promtool $(promtool --version 2>&1 | awk 'NR==1{print $3}'), $(yamllint --version)," \
     "shellcheck $(shellcheck --version | awk '/^version:/{print $2}'), node $(node --version)," \
     "kubectl $(kubectl version --client 2>/dev/null | awk '/Kustomize/{print "(kustomize " $3 ")"}')"

# --- Prometheus --------------------------------------------------------------
step "Prometheus: scrape config and alert rules"
promtool check config config/prometheus.yml >"$WORK/out" 2>&1 || { cat "$WORK/out"; die "promtool check config"; }
ok "promtool check config config/prometheus.yml (and the rule file it loads)"
promtool check rules config/alerts.yml >"$WORK/out" 2>&1 || { cat "$WORK/out"; die "promtool check rules"; }
ok "promtool check rules config/alerts.yml: $(grep -o '[0-9]* rules found' "$WORK/out")"
(cd config && promtool test rules alerts-test.yml) >"$WORK/out" 2>&1 || { cat "$WORK/out"; die "promtool test rules"; }
while read -r alert; do
  grep -q "alertname: $alert\$" config/alerts-test.yml || die "alert $alert has no test in config/alerts-test.yml"
done < <(sed -n 's/^ *- alert: *//p' config/alerts.yml)
ok "promtool test rules config/alerts-test.yml: every alert has a firing and a quiet case"

# --- YAML, JSON, shell -----------------------------------------------------
step "YAML, JSON and shell syntax"
yamllint -s -c "$OPS/yamllint.yml" config docker k8s "$OPS"/*.yml
ok "yamllint config/ docker/ k8s/ .ci/ops/ ($(find config docker k8s "$OPS" -maxdepth 3 -name '*.y*ml' -not -path '*/node_modules/*' | wc -l) files)"
dash=config/grafana/dashboards/tcp-chat.json
jq -e '(.uid | length > 0) and (.panels | length > 0)
       and ([.panels[].id] | length == (unique | length))
       and all(.panels[] | select(.type != "row"); (.targets | length) > 0)' "$dash" >/dev/null \
  || die "$dash: invalid JSON, or a missing uid, duplicate panel ids or a panel without a query"
ok "$dash: valid JSON, uid $(jq -r .uid "$dash"), $(jq '[.panels[] | select(.type != "row")] | length' "$dash") panels, unique ids, each with a query"
shellcheck .ci/checks-ops.sh docker/healthcheck.sh
ok "shellcheck .ci/checks-ops.sh docker/healthcheck.sh"

# --- Kubernetes ---------------------------------------------------------------
step "Kubernetes: kustomize build and schema validation"
rendered=()
for dir in k8s/base k8s/overlays/single k8s/overlays/postgres k8s/overlays/aws-nlb k8s/overlays/cluster; do
  out="$WORK/$(basename "$dir").yaml"
  kubectl kustomize "$dir" >"$out"
  rendered+=("$out")
  ok "kubectl kustomize $dir: $(grep -c '^kind:' "$out") objects"
done
node "$OPS/validate-k8s.mjs" "${rendered[@]}" >"$WORK/out" 2>&1 || { cat "$WORK/out"; die "schema validation"; }
ok "all ${#rendered[@]} renderings: every object valid against the Kubernetes API schema (kubernetes-models), no unknown fields (tsc)"

# --- Docker --------------------------------------------------------------------
step "Docker: Dockerfile and compose file"
problems="$("$OPS/node_modules/.bin/dockerfile-utils" lint --json docker/Dockerfile || true)"
[[ "$(jq 'length' <<<"$problems")" == "0" ]] \
  || { jq -r '.[] | "  line \(.range.start.line + 1): \(.severity): \(.message)"' <<<"$problems"; die "dockerfile-utils lint docker/Dockerfile"; }
ok "dockerfile-utils lint docker/Dockerfile: no errors or warnings"
"$OPS/node_modules/.bin/dclint" --no-color -c "$OPS/dclint.yml" --max-warnings 0 docker/compose.yaml >"$WORK/out" 2>&1 \
  || { cat "$WORK/out"; die "dclint docker/compose.yaml"; }
ok "dclint docker/compose.yaml: valid against the Compose schema, no warnings"

# --- consistency -----------------------------------------------------------
step "consistency: ports, probe paths, image, timeouts, database across config/ docker/ k8s/ docs/"
node "$OPS/consistency.mjs" "$ROOT" "$WORK/single.yaml" "$WORK/postgres.yaml" || die "consistency"
ok "consistency"

# --- documentation -----------------------------------------------------------
step "docs: the files and settings they name exist"
node "$OPS/doc-paths.mjs" "$ROOT" >"$WORK/out" 2>&1 || { cat "$WORK/out"; die "docs name files or settings that do not exist"; }
ok "$(sed 's/^  ok   //' "$WORK/out")"

# --- build wrapper ---------------------------------------------------------
step "build wrapper: ./mvnw on a JDK older than 25"
old_jdk=""
for home in /usr/lib/jvm/*; do
  spec="$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')" || true
  if [[ "$spec" =~ ^[0-9]+$ ]] && ((spec < 25)); then old_jdk="$home"; break; fi
done
if [[ -z "$old_jdk" ]]; then
  skip "no JDK older than 25 under /usr/lib/jvm"
else
  rc=0
  JAVA_HOME="$old_jdk" ./mvnw -v >"$WORK/out" 2>&1 || rc=$?
  if ((rc == 0)) || ! grep -q 'needs JDK 25' "$WORK/out"; then
    cat "$WORK/out"
    die "./mvnw -v with JAVA_HOME=$old_jdk (exit $rc) does not say it needs JDK 25"
  fi
  ok "./mvnw -v with JAVA_HOME=$old_jdk stops with: $(head -1 "$WORK/out")"
fi

# --- the built server ------------------------------------------------------------
step "server jar: configuration metadata and smoke test"
if [[ ! -f "$JAR" ]]; then
  [[ "${OPS_REQUIRE_JAR:-0}" == "1" ]] && die "$JAR missing (OPS_REQUIRE_JAR=1)"
  skip "no $JAR: build it first (./mvnw -DskipTests package)"
else
  rc=0
  node "$OPS/config-keys.mjs" "$JAR" config/application.yml || rc=$?
  case $rc in
    0) ok "config/application.yml matches the jar's configuration metadata" ;;
    3) skip "config/application.yml against the jar's configuration metadata: the jar has none" ;;
    *) die "config/application.yml against the jar's configuration metadata" ;;
  esac

  java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
  [[ -x "$java" ]] || java=java
  free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
  chat_port="$(free_port)"
  mgmt_port="$(free_port)"
  [[ "$chat_port" != "$mgmt_port" ]] || mgmt_port="$(free_port)"
  web_port="$(free_port)"
  while [[ "$web_port" == "$chat_port" || "$web_port" == "$mgmt_port" ]]; do web_port="$(free_port)"; done
  # A working directory like the image's: ./config/application.yml is read
  # by itself, ./data is the data folder. Ports and address come from
  # environment variables, as an operator would override them.
  mkdir -p "$WORK/app/config"
  cp config/application.yml "$WORK/app/config/"
  (cd "$WORK/app" && exec env CHAT_PORT="$chat_port" CHAT_BINDADDRESS=127.0.0.1 CHAT_WEB_PORT="$web_port" \
      MANAGEMENT_SERVER_PORT="$mgmt_port" "$java" -jar "$JAR" >"$WORK/server.log" 2>&1) &
  SERVER_PID=$!
  boot_start=$SECONDS
  base="http://127.0.0.1:$mgmt_port"
  for _ in $(seq 1 240); do
    MANAGEMENT_SERVER_PORT="$mgmt_port" timeout 5 docker/healthcheck.sh 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -40 "$WORK/server.log"; die "the server exited during start-up"; }
    sleep 0.5
  done
  MANAGEMENT_SERVER_PORT="$mgmt_port" timeout 5 docker/healthcheck.sh \
    || { tail -40 "$WORK/server.log"; die "not ready within 2 minutes"; }
  ok "booted with config/application.yml in $((SECONDS - boot_start))s; docker/healthcheck.sh says ready"
  code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base$1"; }
  [[ "$(code /actuator/health/liveness)" == 200 ]] || die "$base/actuator/health/liveness is not 200"
  [[ "$(code /actuator/info)" == 200 ]] || die "$base/actuator/info is not 200"
  [[ "$(code /actuator/env)" == 404 ]] || die "$base/actuator/env is exposed"
  ok "liveness and info answer 200 on the management port $mgmt_port; env is not exposed"
  curl -s --max-time 5 "$base/actuator/prometheus" >"$WORK/metrics"
  grep -q 'application="tcp-chat"' "$WORK/metrics" || die "/actuator/prometheus lacks the application tag"
  documented="$(grep -o '^| `chat_[a-z_]*' docs/operations.md | tr -d '|` ' | sort -u)"
  missing="$(for m in $documented; do grep -q "^$m" "$WORK/metrics" || echo "$m"; done | tr '\n' ' ')"
  ok "/actuator/prometheus answers; $(($(wc -w <<<"$documented") - $(wc -w <<<"$missing"))) of $(wc -w <<<"$documented") documented chat_* metrics present${missing:+ (not yet registered: $missing)}"
  (exec 3<>"/dev/tcp/127.0.0.1/$chat_port") 2>/dev/null || die "chat port $chat_port does not accept connections"
  ok "chat port $chat_port accepts TCP connections"
  web="http://127.0.0.1:$web_port"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$web/")" == 200 ]] || die "$web/ (the web client) is not 200"
  curl -s -D - -o /dev/null --max-time 5 "$web/" | grep -qi "^content-security-policy: .*script-src 'self'" \
    || die "$web/ has no Content-Security-Policy"
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$web/actuator/health")" == 404 ]] \
    || die "$web/actuator/health answers: actuator must stay on the management port"
  ok "web client on port $web_port: the page with its Content-Security-Policy; no actuator there"
  # The bound a supervisor must allow (consistency step): the drain plus
  # Spring's phase timeout.
  drain=$(sed -n 's/^  shutdown-timeout: *\([0-9]*\)s$/\1/p' config/application.yml)
  phase=$(sed -n 's/^    timeout-per-shutdown-phase: *\([0-9]*\)s$/\1/p' config/application.yml)
  limit=$((drain + phase))
  stop_start=$SECONDS
  kill -TERM "$SERVER_PID"
  for _ in $(seq 1 $((limit * 2))); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    tail -20 "$WORK/server.log"
    die "still running ${limit}s after SIGTERM"
  fi
  wait "$SERVER_PID" || true
  SERVER_PID=""
  ok "stopped on SIGTERM in $((SECONDS - stop_start))s (bound: ${limit}s)"
fi

echo
echo "took $((SECONDS - START))s"
echo "checks-ops: ${passed} passed, 0 failed, ${skipped} skipped"
