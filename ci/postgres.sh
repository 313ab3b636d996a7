#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: password (SCRAM) authentication over TCP on
# a loopback port, as agents use it.
#
#   bash ci/postgres.sh start   # initdb + start; prints the URL
#   bash ci/postgres.sh url     # the URL of the running cluster
#   bash ci/postgres.sh ca      # the certificate the server's TLS uses (self-signed, for
#                               # 127.0.0.1 and localhost): the CA to verify it with
#   bash ci/postgres.sh client-cert  # the client certificate of role indy_cert (key beside
#                               # it, client.key), the only way that role may log in
#   bash ci/postgres.sh stop    # stop it and remove its files
#   bash ci/postgres.sh crash   # SIGKILL the server (fault tests); `start` restarts it
#
# PGTEST_DIR (default /tmp/indy-pgtest-<port>: the `postgres` user must reach it, which a
# checkout under /root would not allow) holds the cluster, PGTEST_PORT (default 54329) is
# its port. The server refuses to run as root, so as root it runs as the `postgres` user.
set -euo pipefail

port="${PGTEST_PORT:-54329}"
dir="${PGTEST_DIR:-/tmp/indy-pgtest-$port}"
password="indy-test-password"
url="postgres://postgres:$password@127.0.0.1:$port/postgres"

bindir=""
for candidate in "$(command -v pg_ctl 2>/dev/null | xargs -r dirname)" /usr/lib/postgresql/*/bin; do
    if [ -n "$candidate" ] && [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
        bindir="$candidate"
        break
    fi
done

as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

case "${1:-}" in
start)
    [ -n "$bindir" ] || { echo "postgres.sh: initdb/pg_ctl not found (install Debian's postgresql)" >&2; exit 1; }
    if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        echo "$url"
        exit 0
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        printf '%s\n' "$password" >"$dir/pwfile"
        if [ "$(id -u)" = 0 ]; then
            chown -R postgres: "$dir"
        fi
        as_owner "$bindir/initdb" -N -D "$dir/data" -U postgres --auth=scram-sha-256 \
            --pwfile="$dir/pwfile" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; exit 1; }
        # TLS on offer (clients choose): a self-signed certificate for the loopback names.
        if command -v openssl >/dev/null; then
            openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
                -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
                -keyout "$dir/server.key" -out "$dir/server.crt" >/dev/null 2>&1
            chmod 600 "$dir/server.key"
            # Client certificates: a CA of their own, and one certificate for the role
            # `indy_cert`, which may log in over TLS with it and nothing else.
            openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=indy test client CA" \
                -keyout "$dir/client-ca.key" -out "$dir/client-ca.crt" >/dev/null 2>&1
            openssl req -new -newkey rsa:2048 -nodes -subj "/CN=indy_cert" \
                -keyout "$dir/client.key" -out "$dir/client.csr" >/dev/null 2>&1
            openssl x509 -req -in "$dir/client.csr" -CA "$dir/client-ca.crt" -CAkey "$dir/client-ca.key" \
                -CAcreateserial -days 2 -out "$dir/client.crt" >/dev/null 2>&1
            chmod 600 "$dir/client.key" "$dir/client-ca.key"
            { echo "hostssl all indy_cert 127.0.0.1/32 cert"; cat "$dir/data/pg_hba.conf"; } >"$dir/pg_hba.conf"
            cp "$dir/pg_hba.conf" "$dir/data/pg_hba.conf"
            if [ "$(id -u)" = 0 ]; then
                chown postgres: "$dir/server.key" "$dir/server.crt" "$dir/client-ca.crt" "$dir/data/pg_hba.conf"
            fi
        fi
    fi
    tls=""
    if [ -f "$dir/server.crt" ]; then
        tls="-c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key"
        tls="$tls -c ssl_ca_file=$dir/client-ca.crt"
    fi
    # Loopback TCP only, no socket directory to clash with; fsync stays on (the tests
    # check durability). Enough connections for the scale test's processes.
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='' -c max_connections=200 $tls" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "$url"
    ;;
url)
    echo "$url"
    ;;
ca)
    echo "$dir/server.crt"
    ;;
client-cert)
    # The client certificate of the role indy_cert; its key is client.key beside it.
    echo "$dir/client.crt"
    ;;
crash)
    # The postmaster and its backends at once, as a machine losing power would.
    pid="$(head -n1 "$dir/data/postmaster.pid")"
    children="$(pgrep -P "$pid" || true)"
    kill -KILL "$pid" $children 2>/dev/null || true
    for p in $pid $children; do
        while kill -0 "$p" 2>/dev/null; do sleep 0.05; done
    done
    ;;
stop)
    if [ -n "$bindir" ] && [ -d "$dir/data" ]; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|stop|url|ca|crash" >&2
    exit 2
    ;;
esac
