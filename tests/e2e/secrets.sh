#!/usr/bin/env bash
# readycheck secrets, end to end: a repository the test builds with planted
# synthetic secrets (made here at run time, so no secret is committed in
# this script), look-alikes that must stay quiet, the exit codes, the JSON
# schema, redaction in every output, baseline, inline allow and config
# allowlists, `scan --fail-on secrets` and the secrets-none check, and the
# history mode (a secret added, then deleted, still found in its commit).
source "$(dirname "$0")/lib.sh"

repo="$RC_WORK/repo"
mkdir -p "$repo"
cd "$repo"

# Deterministic random values in the documented formats.
python3 - <<'EOF'
import os, random
r = random.Random(20261121)
alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
b64 = alnum + "+/"
def pick(chars, n): return "".join(r.choice(chars) for _ in range(n))
ghp = "ghp_" + pick(alnum, 36)
ghp2 = "ghp_" + pick(alnum, 36)
ghp3 = "ghp_" + pick(alnum, 36)
ghp4 = "ghp_" + pick(alnum, 36)
akia = "AKIA" + pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
aws_secret = pick(b64, 40)
pw = pick(alnum, 22)
dbpw = "dbK" + pick(alnum, 15)
body = "\n".join(pick(b64, 64) for _ in range(12))
os.makedirs("src", exist_ok=True); os.makedirs("deploy", exist_ok=True)
os.makedirs("tests", exist_ok=True)
files = {
  "src/config.py": f'import os\n\nGITHUB_TOKEN = "{ghp}"\nLOG_LEVEL = "info"\n',
  ".env": f"AWS_ACCESS_KEY_ID={akia}\nAWS_SECRET_ACCESS_KEY={aws_secret}\n",
  "deploy/server.key": f"-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n",
  # a line that a check's pattern also matches: its snippet is redacted
  "app.js": f'const opts = {{ rejectUnauthorized: false, auth: "{ghp4}" }};\n',
  "src/db.py": f'DATABASE_URL = "postgresql://app:{dbpw}@db.internal:5432/app"\n',
  "src/settings.py": f'# settings\nadmin_password = "{pw}"\n',
  # look-alikes: none of these is a finding
  "src/examples.py": 'AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"\n'
                     'token = "${GITHUB_TOKEN}"\napi_key = "<YOUR_API_KEY>"\n'
                     'password = os.environ["DB_PASSWORD"]\n'
                     'secret = "xxxxxxxxxxxxxxxxxxxxxxxx"\n',
  "src/allowed.py": f'FIXTURE_TOKEN = "{ghp2}"  # readycheck:allow\n',
  "tests/test_login.py": f'password = "{pick(alnum, 20)}"\n',
  "package-lock.json": '{"integrity": "sha512-' + pick(b64, 86) + '=="}\n',
}
for p, t in files.items():
    with open(p, "w") as f: f.write(t)
# a format detector still applies in test code
with open("tests/test_api.py", "w") as f: f.write(f'TOKEN = "{ghp3}"\n')
with open("../secrets.txt", "w") as f:
    f.write("\n".join([ghp, ghp2, ghp3, ghp4, akia, aws_secret, pw, dbpw] + body.split("\n")) + "\n")
EOF
planted="$RC_WORK/secrets.txt"

# Never the whole secret, in any output: FILE...
assert_redacted() {
	local what=$1
	shift
	if grep -F -q -f "$planted" "$@"; then
		not_ok "$what: an output holds a whole secret"
		grep -F -o -f "$planted" "$@" | head -3 | cut -c1-8
	else
		ok "$what: no output holds a whole secret"
	fi
}

# findings JSON -> "path:line rule" lines, sorted
summary() {
	python3 -c 'import json,sys
for f in json.load(open(sys.argv[1]))["findings"]:
    print("%s:%d %s" % (f["path"], f["line"], f["rule"]))' "$1" | sort
}

code=0
"$RC_BIN" secrets --format json -o "$RC_WORK/s.json" . || code=$?
expect_eq "secrets: exit 1 when a secret is found" 1 "$code"
if python3 "$RC_SRC/tests/e2e/schema_validate.py" "$RC_SRC/schema/secrets.schema.json" "$RC_WORK/s.json"; then
	ok "secrets: JSON valid against schema/secrets.schema.json"
else
	not_ok "secrets: JSON schema"
fi
summary "$RC_WORK/s.json" >"$RC_WORK/found.txt"
cut -d' ' -f1 "$RC_WORK/found.txt" | sort -u >"$RC_WORK/where.txt"
expect_eq "secrets: every planted secret found, nothing else" \
	".env:1
.env:2
app.js:1
deploy/server.key:2
src/config.py:3
src/db.py:1
src/settings.py:2
tests/test_api.py:1" "$(cat "$RC_WORK/where.txt")"
grep -q '^src/config.py:3 github' "$RC_WORK/found.txt" && ok "secrets: GitHub token named" ||
	not_ok "secrets: GitHub token rule: $(grep config.py "$RC_WORK/found.txt")"
grep -q '^deploy/server.key:2 .*private-key' "$RC_WORK/found.txt" && ok "secrets: private key named" ||
	not_ok "secrets: private key rule: $(grep server.key "$RC_WORK/found.txt")"
grep -q '^src/settings.py:2 generic-' "$RC_WORK/found.txt" && ok "secrets: generic rule on a random password" ||
	not_ok "secrets: generic rule: $(grep settings.py "$RC_WORK/found.txt")"
expect_eq "secrets: readycheck:allow counted" 1 \
	"$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["suppressed"]["inline"])' "$RC_WORK/s.json")"

"$RC_BIN" secrets . >"$RC_WORK/s.txt" || true
grep -q '^src/config.py:3:[0-9]*: critical github' "$RC_WORK/s.txt" &&
	grep -q 'ghp_… (40 chars) fp [0-9a-f]\{16\}' "$RC_WORK/s.txt" &&
	ok "secrets: text names path:line:col, severity, rule, prefix, length, fingerprint" ||
	not_ok "secrets: text output: $(head -2 "$RC_WORK/s.txt")"

# the review: secrets-none fails with redacted evidence; --fail-on gates
code=0
"$RC_BIN" scan --format json -o "$RC_WORK/r.json" --format md -o "$RC_WORK/r.md" \
	--format text . >"$RC_WORK/r.txt" || code=$?
expect_eq "scan: no gate without --fail-on" 0 "$code"
expect_eq "scan: secrets-none fails" fail "$(status_of "$RC_WORK/r.json" secrets-none)"
grep -q 'rejectUnauthorized: false, auth: "ghp_…" }' "$RC_WORK/r.md" &&
	ok "scan: another check's snippet on the same line is redacted" ||
	not_ok "scan: tls-verification snippet: $(grep -o 'app.js:1[^;]*' "$RC_WORK/r.md" | head -1)"
grep -q 'secret.found = .*ghp_…, 40 chars, fingerprint' "$RC_WORK/r.md" &&
	ok "scan: secrets-none evidence redacted, with fingerprint" ||
	not_ok "scan: secrets-none evidence: $(grep secrets-none "$RC_WORK/r.md" | head -1 | cut -c1-200)"
code=0
"$RC_BIN" scan --fail-on secrets --format json -o /dev/null . 2>"$RC_WORK/gate.err" || code=$?
expect_eq "scan --fail-on secrets: exit 1" 1 "$code"
"$RC_BIN" facts . >"$RC_WORK/facts.json" || true
assert_redacted "all outputs" "$RC_WORK"/s.json "$RC_WORK"/s.txt "$RC_WORK"/r.json \
	"$RC_WORK"/r.md "$RC_WORK"/r.txt "$RC_WORK"/facts.json

# baseline: accept everything, then nothing is new
"$RC_BIN" secrets --baseline-write . 2>"$RC_WORK/bw.err" && ok "baseline-write: exit 0" ||
	not_ok "baseline-write failed: $(cat "$RC_WORK/bw.err")"
assert_redacted "baseline file" .readycheck-secrets.json
code=0
"$RC_BIN" secrets --format json -o "$RC_WORK/b.json" . || code=$?
expect_eq "baseline: accepted secrets no longer fail" 0 "$code"
expect_eq "baseline: counted" 8 \
	"$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["suppressed"]["baseline"])' "$RC_WORK/b.json")"
"$RC_BIN" scan --format json -o "$RC_WORK/rb.json" . || true
expect_eq "baseline: secrets-none passes" pass "$(status_of "$RC_WORK/rb.json" secrets-none)"
code=0
"$RC_BIN" secrets --no-baseline --format json -o /dev/null . || code=$?
expect_eq "--no-baseline: reported again" 1 "$code"
# a new secret next to the accepted ones is new
printf 'SECOND_TOKEN = "%s"\n' "$(sed -n 1p "$planted" | sed 's/^ghp_./ghp_Z/')" >>src/config.py
code=0
"$RC_BIN" secrets . >"$RC_WORK/new.txt" || code=$?
expect_eq "baseline: a new secret fails" "1 1" "$code $(grep -c '^src/config.py:5' "$RC_WORK/new.txt")"
rm .readycheck-secrets.json

# config allowlists: paths and regexes
cat >.readycheck.yml <<'EOF'
version: 1
secrets:
  paths: ["deploy/**", "tests/**"]
  allow: ["^dbK"]
EOF
"$RC_BIN" secrets --format json -o "$RC_WORK/a.json" . || true
expect_eq "config: secrets.paths and secrets.allow" \
	".env:1
.env:2
app.js:1
src/config.py:3
src/config.py:5
src/settings.py:2" "$(summary "$RC_WORK/a.json" | cut -d' ' -f1 | sort -u)"
printf 'secrets:\n  allow: ["("]\n' >.readycheck.yml
code=0
"$RC_BIN" secrets . 2>"$RC_WORK/bad.err" >/dev/null || code=$?
expect_eq "config: a bad allow regex is a usage error" 2 "$code"
rm .readycheck.yml

# history: a secret committed, then deleted, is still found where it began
hist="$RC_WORK/hist"
mkdir -p "$hist"
(
	cd "$hist"
	export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com
	export GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
	git init -q -b main .
	echo "# app" >README.md
	git add -A && GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z git commit -qm "docs: readme"
	head -4 "$repo/src/config.py" >config.py
	git add -A && GIT_AUTHOR_DATE=2026-02-03T04:05:06Z GIT_COMMITTER_DATE=2026-02-03T04:05:06Z git commit -qm "feat: config"
	git rev-parse HEAD >"$RC_WORK/added.sha"
	sed -i 's/^GITHUB_TOKEN.*/GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]/' config.py
	git add -A && GIT_AUTHOR_DATE=2026-03-01T00:00:00Z GIT_COMMITTER_DATE=2026-03-01T00:00:00Z git commit -qm "fix: token from env"
	git checkout -q -b feature
	echo 'pw = "x"' >>README.md
	git commit -qam "docs: more" --date=2026-03-02T00:00:00Z
	git checkout -q main
) >/dev/null 2>&1
code=0
"$RC_BIN" secrets "$hist" >/dev/null || code=$?
expect_eq "history: the working tree is clean" 0 "$code"
code=0
"$RC_BIN" secrets --history --format json -o "$RC_WORK/h.json" "$hist" || code=$?
expect_eq "history: the deleted secret fails the scan" 1 "$code"
if python3 "$RC_SRC/tests/e2e/schema_validate.py" "$RC_SRC/schema/secrets.schema.json" "$RC_WORK/h.json"; then
	ok "history: JSON valid against the schema"
else
	not_ok "history: JSON schema"
fi
expect_eq "history: found once, with the commit, date and path where it appeared" \
	"config.py:3 $(cat "$RC_WORK/added.sha") 2026-02-03T04:05:06Z" \
	"$(python3 -c 'import json,sys
r=json.load(open(sys.argv[1]))
print("\n".join("%s:%d %s %s" % (f["path"], f["line"], f["commit"], f["date"]) for f in r["findings"]))' "$RC_WORK/h.json")"
expect_eq "history: every commit of every branch walked" 4 \
	"$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["commits"])' "$RC_WORK/h.json")"
printf 'version: 1\nignore: ["config.py"]\n' >"$RC_WORK/hist.yml"
code=0
"$RC_BIN" secrets --history --config "$RC_WORK/hist.yml" "$hist" >/dev/null || code=$?
expect_eq "history: the config's ignore list applies to every version" 0 "$code"
code=0
"$RC_BIN" secrets --history "$repo/src" 2>"$RC_WORK/nogit.err" >/dev/null || code=$?
expect_eq "history: not a repository is a usage error" 2 "$code"
assert_redacted "history outputs" "$RC_WORK/h.json"

finish
