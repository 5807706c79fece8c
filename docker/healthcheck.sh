#!/usr/bin/env bash
# Container health check: exit 0 when the server's readiness group answers
# HTTP 200, 1 otherwise. The JRE base image ships neither curl nor wget, so
# this speaks just enough HTTP/1.0 over bash's /dev/tcp.
#
# Port: MANAGEMENT_SERVER_PORT if set (the same variable that moves the
# actuator), else 8080. Path: /actuator/health/readiness, answered 503 while
# the server starts or drains on shutdown.
set -uo pipefail

port="${MANAGEMENT_SERVER_PORT:-8080}"
path="${HEALTHCHECK_PATH:-/actuator/health/readiness}"

exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "${path}" >&3
# The status line alone decides: "HTTP/1.1 200 ..."
IFS=' ' read -r -t 3 _ status _ <&3 || exit 1
exec 3<&-
[[ "${status}" == "200" ]]
