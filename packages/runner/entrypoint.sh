#!/bin/sh
# The runner's contract: ttyd on 7681, writable, with the session's credential, in front of one
# tmux session that every connection reattaches to. Arguments are the session's command.
set -eu

if [ -z "${TTYD_CREDENTIAL:-}" ]; then
  echo "entrypoint: TTYD_CREDENTIAL is empty; refusing to start a terminal without a credential" >&2
  exit 64
fi
# The shell must not inherit the secret (ttyd keeps it in its own arguments only).
credential="$TTYD_CREDENTIAL"
unset TTYD_CREDENTIAL

# A read-only root file system without a home volume still needs a writable HOME for tmux/bash.
if [ ! -w "${HOME:-/nonexistent}" ]; then
  HOME="$(mktemp -d)"
  export HOME
fi

# Login shells (bash -l) take PATH from /etc/profile: keep ~/bin (the CLI bundle) on it.
if [ ! -e "$HOME/.profile" ] && [ ! -e "$HOME/.bash_profile" ] && [ ! -e "$HOME/.bash_login" ]; then
  printf '%s\n' \
    'case ":$PATH:" in *":$HOME/bin:"*) ;; *) PATH="$HOME/bin:$PATH" ;; esac' \
    'export PATH' \
    'if [ -n "$BASH_VERSION" ] && [ -f "$HOME/.bashrc" ]; then . "$HOME/.bashrc"; fi' \
    >"$HOME/.profile"
fi

[ "$#" -gt 0 ] || set -- bash
exec ttyd -W -p 7681 -c "$credential" -- tmux new -A -s main "$@"
