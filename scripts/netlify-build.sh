#!/usr/bin/env bash
# Netlify's build command (see netlify.toml): Go's build and module caches live in .cache/ inside the
# repository, where netlify-plugin-cache saves them after a build and restores them before the next one, so
# that a deploy preview compiles only what changed instead of all of Hugo. Arguments go to `generator build`.
set -euo pipefail
cd "$(dirname "$0")/.."
export GOCACHE="$PWD/.cache/go-build" GOMODCACHE="$PWD/.cache/go-mod" GOFLAGS="-modcacherw" GOTOOLCHAIN=local
# A build refuses a shallow clone (its page dates and releases would be wrong): fetch the whole history and
# the tags when the platform cloned with --depth.
if [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ]; then
  git fetch --unshallow --tags --quiet
fi
exec go run ./generator build "$@"
