The command line: exit codes (0 ok, 1 gate, 2 usage or configuration,
3 runtime), messages and suggestions. Run by CTest with RC_BIN set.

  $ export NO_COLOR=1 READYCHECK_CACHE_DIR=
  $ rc() { "$RC_BIN" "$@"; }
  $ rc version
  readycheck 0.1.0
  $ rc --version
  readycheck 0.1.0

Mistyped commands and options get the nearest valid one:

  $ rc scna
  readycheck: unknown command 'scna' (did you mean 'scan'?)
  [2]
  $ rc scan --formt json
  readycheck: unknown option '--formt' (did you mean '--format'?)
  [2]
  $ rc scan --format yaml
  readycheck: unknown format 'yaml' (formats: text, md, json)
  [2]
  $ rc scan --color sometimes
  readycheck: option '--color' does not accept 'sometimes'
  [2]
  $ rc scan --jobs 0
  readycheck: option '--jobs' expects a number from 1 to 256, not '0'
  [2]
  $ rc scan --format json --format md
  readycheck: format 'json' has no '-o FILE'; only the last format may go to standard output
  [2]
  $ rc checks --explain security-polcy
  readycheck: unknown check 'security-polcy' (did you mean 'security-policy'?)
  [2]
  $ rc help nosuch
  readycheck: no help for unknown command 'nosuch'
  [2]
  $ rc scan /nonexistent/repo
  readycheck: /nonexistent/repo: not a directory
  [2]

A small repository: the default command is scan, PATH alone works.

  $ mkdir repo && printf '# demo\n\n## Install\n\nmake\n\n## Usage\n\ndemo\n' > repo/README.md
  $ rc repo --format json -o report.json && python3 -c 'import json; r=json.load(open("report.json")); print(r["schema"], r["root"], r["score"]["total"] > 0)'
  readycheck/report/v1 repo True
  $ rc scan -q --fail-under 100 repo > /dev/null
  readycheck: score * is under the required 100 (glob)
  [1]
  $ rc scan -q --fail-under 1 repo > /dev/null

--timings says on stderr where the time went, phase by phase:

  $ rc scan -q --timings repo 2>&1 >/dev/null | sed 's/[0-9][0-9.]*/N/g'
  readycheck: load N ms (cpu N), walk N ms (cpu N), read+match N ms (cpu N), collect N ms (cpu N), evaluate N ms (cpu N), total N ms
  $ rc secrets --timings repo 2>&1 >/dev/null | sed 's/[0-9][0-9.]*/N/g'
  readycheck: load N ms (cpu N), walk N ms (cpu N), read+match N ms (cpu N), collect N ms (cpu N), evaluate N ms (cpu N), total N ms

Several formats in one run, each to its file:

  $ rc scan --format json -o a.json --format md -o a.md repo && head -1 a.md && python3 -m json.tool a.json > /dev/null
  # Production readiness: repo

Configuration errors name file, line and column:

  $ printf 'version: 1\nwieghts: { docs: 3 }\n' > repo/.readycheck.yml
  $ rc scan repo
  readycheck: repo/.readycheck.yml:2:1: unknown key 'wieghts' (did you mean 'weights'?)
  [2]
  $ printf 'version: 1\ndisable: [citaton]\n' > repo/.readycheck.yml
  $ rc scan repo
  readycheck: repo/.readycheck.yml:2:11: unknown check 'citaton' in 'disable' (did you mean 'citation'?)
  [2]
  $ rc scan --config missing.yml repo
  readycheck: missing.yml: cannot open: No such file or directory
  [2]
  $ rm repo/.readycheck.yml

An expired waiver is a failed gate:

  $ printf 'version: 1\nwaivers:\n  - check: security-policy\n    reason: internal tool\n    expires: 2020-01-01\n' > repo/.readycheck.yml
  $ rc scan -q repo > /dev/null
  readycheck: 1 expired waiver or attestation (see the report); renew or remove them
  [1]
  $ rm repo/.readycheck.yml

Runtime errors (an output that cannot be written) exit 3:

  $ rc scan -o /nonexistent/dir/report.txt repo
  readycheck: cannot open '/nonexistent/dir/report.txt': No such file or directory
  [3]

Help is the same from both ends:

  $ rc help scan | head -1
  usage: readycheck scan [options] [PATH]
  $ rc scan --help | head -1
  usage: readycheck scan [options] [PATH]
  $ rc facts repo | head -1
  {"schema":"readycheck/facts/v1",
