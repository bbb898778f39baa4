#!/usr/bin/env bash
# Runs the keyring integration tests (build tag "keyring") against a real,
# isolated, unlocked Secret Service (gnome-keyring) in a private D-Bus session.
# Needs: gnome-keyring dbus-x11 libsecret-tools. Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in dbus-run-session gnome-keyring-daemon; do
	command -v "$tool" >/dev/null || { echo "keyring-test: $tool not found (apt-get install gnome-keyring dbus-x11 libsecret-tools)" >&2; exit 2; }
done

# Go caches must stay where they are; only HOME (and the keyring files under it) is throwaway.
export GOCACHE="$(go env GOCACHE)" GOMODCACHE="$(go env GOMODCACHE)" GOPATH="$(go env GOPATH)"
tmp_home="$(mktemp -d)"
trap 'rm -rf "$tmp_home"' EXIT
export HOME="$tmp_home"
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_RUNTIME_DIR DBUS_SESSION_BUS_ADDRESS

dbus-run-session -- sh -c 'echo -n test-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null; go test -race -tags "keyring migrated_fynedo" -count=1 ./wallet/vault/... ./cli/...'
