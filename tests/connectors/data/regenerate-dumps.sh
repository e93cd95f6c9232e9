#!/usr/bin/env bash
# Regenerates the SQL dumps in dumps/ with the real tools, from one small data set with the
# awkward values a dump reader must get right: quotes, backslashes, newlines, tabs, NULL,
# empty strings, non-ASCII text, int64 extremes, floats and binary data.
#
#   pg_copy.sql            pg_dump (plain format, COPY ... FROM stdin blocks)
#   pg_inserts.sql         pg_dump --inserts
#   pg_column_inserts.sql  pg_dump --column-inserts --rows-per-insert=4
#   mariadb.sql            mariadb-dump (multi-row INSERTs, backticks, /*!...*/ comments)
#   mariadb_complete.sql   mariadb-dump --complete-insert --hex-blob --skip-extended-insert
#   sqlite.sql             sqlite3 .dump
#
# Needs (Debian 12): postgresql (server binaries in /usr/lib/postgresql/15/bin), mariadb-server,
# sqlite3. Runs throwaway servers on Unix sockets in a temporary folder (no TCP port); as root
# the PostgreSQL cluster runs as the postgres user. The tests read the committed files and never
# run this script.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="$here/dumps"
pgbin="${PGBIN:-/usr/lib/postgresql/15/bin}"
tmp="$(mktemp -d /tmp/ardoq-dumps.XXXXXX)"
chmod 755 "$tmp"
mkdir -p "$out"

pg_pid="" maria_pid=""
cleanup() {
  if [ -n "$pg_pid" ]; then as_pg "$pgbin/pg_ctl" -D "$tmp/pg" -m fast stop >/dev/null 2>&1 || true; fi
  if [ -n "$maria_pid" ]; then kill "$maria_pid" 2>/dev/null || true; wait "$maria_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# ---------------------------------------------------------------- PostgreSQL
pg_dump_to() { # file, extra pg_dump options...
  local file="$1"; shift
  as_pg "$pgbin/pg_dump" -h "$tmp/pgsock" -p 54329 -d fixtures --no-owner --no-privileges "$@" >"$out/$file"
}
mkdir "$tmp/pg" "$tmp/pgsock"
if [ "$(id -u)" -eq 0 ]; then chown postgres "$tmp/pg" "$tmp/pgsock"; fi
as_pg "$pgbin/initdb" -D "$tmp/pg" -E UTF8 --locale=C.UTF-8 -U postgres >/dev/null
as_pg "$pgbin/pg_ctl" -D "$tmp/pg" -l "$tmp/pgsock/log" -o "-k $tmp/pgsock -p 54329 -c listen_addresses=''" -w start >/dev/null
pg_pid=1
as_pg "$pgbin/createdb" -h "$tmp/pgsock" -p 54329 -U postgres fixtures
as_pg "$pgbin/psql" -q -v ON_ERROR_STOP=1 -h "$tmp/pgsock" -p 54329 -U postgres -d fixtures <<'SQL'
CREATE TABLE apps (
    id bigint PRIMARY KEY,
    name varchar(100),
    note text,
    score double precision,
    active boolean,
    icon bytea
);
INSERT INTO apps VALUES
 (1, 'Billing', 'plain', 1.5, true, '\x01ff'),
 (2, 'O''Brien "quoted"', 'back\slash \\ two; semi, comma (paren)', -0.25, false, NULL),
 (3, 'Zürich ☃ 日本 😀', E'line1\nline2\ttab\r\nend', 1e300, NULL, ''),
 (4, NULL, NULL, NULL, NULL, NULL),
 (-9223372036854775808, 'min', '', 0, true, '\x00'),
 (9223372036854775807, 'max', '--not a comment /* nor this */', 3.141592653589793, false, NULL);
CREATE TABLE owners (id integer PRIMARY KEY, email text NOT NULL, app_id bigint REFERENCES apps(id));
INSERT INTO owners VALUES (10, 'ann@example.com', 1), (11, 'bob@example.com', 2);
CREATE TABLE "Team Members" ("Full Name" text, "role" text);
INSERT INTO "Team Members" VALUES ('Ann Lee', 'owner'), ('Bo "B" Ek', NULL);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN NEW.note := 'touched; really'; RETURN NEW; END; $$;
SQL
pg_dump_to pg_copy.sql
pg_dump_to pg_inserts.sql --inserts
pg_dump_to pg_column_inserts.sql --column-inserts --rows-per-insert=4
as_pg "$pgbin/pg_ctl" -D "$tmp/pg" -m fast stop >/dev/null
pg_pid=""

# ---------------------------------------------------------------- MariaDB
mkdir "$tmp/maria"
mariadb-install-db --no-defaults --datadir="$tmp/maria" --user="$(id -un)" \
  --auth-root-authentication-method=socket --skip-test-db >/dev/null 2>&1
mariadbd --no-defaults --datadir="$tmp/maria" --socket="$tmp/maria.sock" --skip-networking \
  --user="$(id -un)" --pid-file="$tmp/maria.pid" --log-error="$tmp/maria.err" &
maria_pid=$!
for _ in $(seq 1 100); do
  mariadb --no-defaults -S "$tmp/maria.sock" -u root -e 'SELECT 1' >/dev/null 2>&1 && break
  sleep 0.2
done
mariadb --no-defaults --default-character-set=utf8mb4 -S "$tmp/maria.sock" -u root <<'SQL'
CREATE DATABASE fixtures CHARACTER SET utf8mb4;
USE fixtures;
SET sql_mode = 'NO_BACKSLASH_ESCAPES';
CREATE TABLE apps (
    id bigint PRIMARY KEY,
    name varchar(100),
    note text,
    score double,
    active boolean,
    icon varbinary(16)
) DEFAULT CHARSET=utf8mb4;
INSERT INTO apps VALUES
 (1, 'Billing', 'plain', 1.5, true, x'01ff'),
 (2, 'O''Brien "quoted"', 'back\slash \\ two; semi, comma (paren)', -0.25, false, NULL),
 (3, 'Zürich ☃ 日本 😀', CONCAT('line1', CHAR(10), 'line2', CHAR(9), 'tab', CHAR(13), CHAR(10), 'end'), 1e300, NULL, ''),
 (4, NULL, NULL, NULL, NULL, NULL),
 (-9223372036854775808, 'min', '', 0, true, x'00'),
 (9223372036854775807, 'max', '--not a comment /* nor this */', 3.141592653589793, false, NULL);
CREATE TABLE owners (id int PRIMARY KEY, email varchar(100) NOT NULL, app_id bigint);
INSERT INTO owners VALUES (10, 'ann@example.com', 1), (11, 'bob@example.com', 2);
CREATE TABLE `Team Members` (`Full Name` text, `role` text) DEFAULT CHARSET=utf8mb4;
INSERT INTO `Team Members` VALUES ('Ann Lee', 'owner'), ('Bo "B" Ek', NULL);
SQL
mariadb-dump --no-defaults -S "$tmp/maria.sock" -u root --skip-dump-date fixtures >"$out/mariadb.sql"
mariadb-dump --no-defaults -S "$tmp/maria.sock" -u root --skip-dump-date \
  --complete-insert --hex-blob --skip-extended-insert fixtures >"$out/mariadb_complete.sql"
kill "$maria_pid"
wait "$maria_pid" 2>/dev/null || true
maria_pid=""

# ---------------------------------------------------------------- SQLite
sqlite3 "$tmp/fixtures.db" <<'SQL'
CREATE TABLE apps (id INTEGER PRIMARY KEY, name TEXT, note TEXT, score REAL, active INTEGER, icon BLOB);
INSERT INTO apps VALUES
 (1, 'Billing', 'plain', 1.5, 1, x'01ff'),
 (2, 'O''Brien "quoted"', 'back\slash \\ two; semi, comma (paren)', -0.25, 0, NULL),
 (3, 'Zürich ☃ 日本 😀', 'line1' || char(10) || 'line2' || char(9) || 'tab' || char(13) || char(10) || 'end', 1e300, NULL, x''),
 (4, NULL, NULL, NULL, NULL, NULL),
 (-9223372036854775808, 'min', '', 0.0, 1, x'00'),
 (9223372036854775807, 'max', '--not a comment /* nor this */', 3.141592653589793, 0, NULL);
CREATE TABLE owners (id INTEGER PRIMARY KEY, email TEXT NOT NULL, app_id INTEGER REFERENCES apps(id));
INSERT INTO owners VALUES (10, 'ann@example.com', 1), (11, 'bob@example.com', 2);
CREATE TABLE "Team Members" ("Full Name" TEXT, role TEXT);
INSERT INTO "Team Members" VALUES ('Ann Lee', 'owner'), ('Bo "B" Ek', NULL);
SQL
sqlite3 "$tmp/fixtures.db" .dump >"$out/sqlite.sql"

echo "regenerated: $(cd "$out" && ls)"
