#!/usr/bin/env bash
# Starts a throw-away Dovecot on 127.0.0.1 for trying the IMAP poller by hand, from the same
# template as the tests (dovecot.conf.template), and prints the matching IMAP_URL on stdout
# (everything else goes to stderr):
#
#   export "$(tools/dovecot/start.sh)" && npm run dev      # polls imap://mairie:…@127.0.0.1:PORT/INBOX
#   tools/dovecot/stop.sh [PORT]                           # stops it (all started ones without PORT)
#
# Needs Debian's dovecot-imapd (`sudo apt-get install dovecot-imapd`). State per server under
# .cache/dovecot/<port>/: dovecot.conf, passwd, Maildir, log, pid.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
dovecot="${DOVECOT_PATH:-/usr/sbin/dovecot}"
[ -x "$dovecot" ] || { echo "dovecot: $dovecot missing; install it with: sudo apt-get install dovecot-imapd" >&2; exit 1; }

port="${1:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
state="$root/.cache/dovecot/$port"
if [ -f "$state/pid" ] && kill -0 "$(cat "$state/pid")" 2>/dev/null; then
  echo "dovecot: already running on port $port; stop it with tools/dovecot/stop.sh $port" >&2
  exit 1
fi
rm -rf "$state"
mkdir -p "$state/home/mairie"
password="imap-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"

if [ "$(id -u)" = 0 ]; then
  # Dovecot will not run its login and mail processes as root: use the package's accounts.
  login_user=dovenull internal_user=dovecot internal_group=dovecot
  mail_uid=$(id -u dovecot) mail_gid=$(id -g dovecot)
  chmod 755 "$root/.cache/dovecot" "$state"
  chown -R dovecot:dovecot "$state/home"
else
  login_user=$(id -un) internal_user=$(id -un) internal_group=$(id -gn)
  mail_uid=$(id -u) mail_gid=$(id -g)
fi

sed -e "s#@DIR@#$state#g" -e "s#@PORT@#$port#g" -e "s#@LOGIN_USER@#$login_user#g" \
  -e "s#@INTERNAL_USER@#$internal_user#g" -e "s#@INTERNAL_GROUP@#$internal_group#g" \
  "$root/tools/dovecot/dovecot.conf.template" >"$state/dovecot.conf"
echo "mairie:{PLAIN}$password:$mail_uid:$mail_gid::$state/home/mairie" >"$state/passwd"

"$dovecot" -F -c "$state/dovecot.conf" >>"$state/dovecot.log" 2>&1 &
echo $! >"$state/pid"
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "dovecot: listening on 127.0.0.1:$port (user mairie), log in $state/dovecot.log" >&2
    echo "IMAP_URL=imap://mairie:$password@127.0.0.1:$port/INBOX"
    exit 0
  fi
  sleep 0.1
done
echo "dovecot: no answer on port $port within 10 s; see $state/dovecot.log" >&2
exit 1
