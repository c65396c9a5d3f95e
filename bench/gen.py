#!/usr/bin/env python3
"""Generate a synthetic, repository-shaped tree for benchmarks.

Deterministic: the same options (and seed) give the same tree, byte for byte.

    bench/gen.py --out bench/work/big                    # ~50,000 files, ~500 MB
    bench/gen.py --typical --out bench/work/typical      # 2,000 files, ~20 MB
    bench/gen.py --files 5000 --mb 40 --out /tmp/t

The tree mixes Rust, Python, JavaScript, Go, C, Java, Markdown, YAML and
JSON files of source-like text (some very long lines), in directories 1 to 8
levels deep, with a Cargo.toml, package.json, README and CI workflow at the
root, a few binary files, and nested .gitignore files (some with negated
patterns) that exclude about 10% of the files.

Which files are ignored is decided by construction (ignored directories such
as target/ or node_modules/, and ignored names such as *.log, with negations
such as !keep.log), so the expected counts are known without a gitignore
implementation. They are written to the summary (--summary FILE, JSON) and
printed: files, bytes, ignored files and bytes, binary files.

MB here means 10^6 bytes.
"""

import argparse
import json
import os
import random
import shutil
import sys

WORDS = (
    "account user order invoice payment session token cache queue worker "
    "job task event message stream buffer record entry index shard node "
    "cluster config option setting profile report metric counter gauge "
    "span trace logger handler router request response client server "
    "store table column schema row batch chunk page block file path "
    "manifest package module plugin adapter driver engine parser lexer "
    "token scanner matcher filter policy rule check score level limit "
    "window retry backoff timeout deadline lease lock mutex channel "
    "socket frame packet header payload digest signature key secret "
    "tenant region zone bucket object blob image layer volume mount"
).split()
VERBS = (
    "get set load save parse render build fetch send recv open close "
    "read write flush sync merge split apply check validate encode decode "
    "compute update delete insert create destroy start stop run handle "
    "resolve register lookup scan emit collect reduce sort filter spawn"
).split()
TYPES = [w.capitalize() for w in WORDS]

# Extensions and their share of the files.
LANGS = [
    ("rs", 16), ("py", 16), ("js", 14), ("go", 12), ("c", 10),
    ("java", 10), ("md", 8), ("yml", 7), ("json", 7),
]
TOP_DIRS = [
    "src", "lib", "pkg", "internal", "services", "cmd", "tools", "web",
    "app", "core", "api", "docs", "tests", "scripts", "config", "deploy",
    "examples", "benches", "crates", "packages",
]
# Ignored by the root .gitignore wherever they appear.
IGNORED_DIRS = ["target", "node_modules", "dist", "__pycache__", ".cache"]


class Gen:
    """Source-like text, one language at a time."""

    def __init__(self, rng):
        self.r = rng

    def w(self):
        return self.r.choice(WORDS)

    def v(self):
        return self.r.choice(VERBS)

    def t(self):
        return self.r.choice(TYPES)

    def n(self):
        return self.r.randint(0, 4096)

    def long_line(self, prefix, suffix, size):
        """One line of about `size` bytes (a data table, minified code)."""
        parts = []
        total = len(prefix) + len(suffix)
        r = self.r
        while total < size:
            p = "%s_%d" % (r.choice(WORDS), r.randint(0, 99999))
            parts.append(p)
            total += len(p) + 3
        return prefix + '", "'.join(parts) + suffix + "\n"

    # -- one block (a function, a class, a section) per language ----------

    def rs(self):
        v, w, t, n = self.v(), self.w(), self.t(), self.n()
        k = self.r.randrange(4)
        if k == 0:
            return (
                f"/// {v.capitalize()}s the {w} for the given id.\n"
                f"pub fn {v}_{w}(ctx: &Context, id: u64) -> Result<{t}, Error> {{\n"
                f"    let {w} = ctx.{w}s.get(&id).ok_or(Error::NotFound(id))?;\n"
                f"    if {w}.len() > {n} {{\n"
                f"        tracing::warn!(id, \"{w} is larger than {n}: {{}}\", {w}.len());\n"
                f"    }}\n"
                f"    // TODO: cache the {w} between calls\n"
                f"    Ok({t}::from({w}.clone()))\n"
                f"}}\n\n"
            )
        if k == 1:
            return (
                f"#[derive(Debug, Clone, Serialize, Deserialize)]\n"
                f"pub struct {t} {{\n"
                f"    pub id: u64,\n"
                f"    pub {w}: String,\n"
                f"    pub {self.w()}_count: usize,\n"
                f"    pub created_at: DateTime<Utc>,\n"
                f"}}\n\n"
                f"impl {t} {{\n"
                f"    pub fn new(id: u64, {w}: impl Into<String>) -> Self {{\n"
                f"        Self {{ id, {w}: {w}.into(), {self.w()}_count: 0, created_at: Utc::now() }}\n"
                f"    }}\n"
                f"}}\n\n"
            )
        if k == 2:
            return (
                f"#[cfg(test)]\n"
                f"mod {w}_tests {{\n"
                f"    use super::*;\n\n"
                f"    #[test]\n"
                f"    fn {v}_{w}_rejects_empty() {{\n"
                f"        let ctx = Context::default();\n"
                f"        assert!({v}_{w}(&ctx, {n}).is_err());\n"
                f"    }}\n"
                f"}}\n\n"
            )
        return (
            f"impl {t} {{\n"
            f"    async fn {v}(&self, req: Request<Body>) -> Result<Response<Body>, Error> {{\n"
            f"        let timeout = Duration::from_millis({n});\n"
            f"        let res = tokio::time::timeout(timeout, self.inner.{v}(req)).await??;\n"
            f"        metrics::counter!(\"{w}_{v}_total\").increment(1);\n"
            f"        Ok(res)\n"
            f"    }}\n"
            f"}}\n\n"
        )

    def py(self):
        v, w, t, n = self.v(), self.w(), self.t(), self.n()
        k = self.r.randrange(4)
        if k == 0:
            return (
                f"def {v}_{w}(ctx, {w}_id: int, *, timeout: float = {n / 100:.2f}):\n"
                f'    """{v.capitalize()} one {w} by id."""\n'
                f"    {w} = ctx.{w}s.get({w}_id)\n"
                f"    if {w} is None:\n"
                f'        raise KeyError(f"unknown {w} {{{w}_id}}")\n'
                f'    logger.info("%s %s", "{v}", {w}_id)\n'
                f"    return {w}\n\n\n"
            )
        if k == 1:
            return (
                f"class {t}({self.t()}):\n"
                f'    """A {w} as stored in the {self.w()} table."""\n\n'
                f"    def __init__(self, {w}, limit={n}):\n"
                f"        super().__init__()\n"
                f"        self.{w} = {w}\n"
                f"        self.limit = limit\n\n"
                f"    def {v}(self, value):\n"
                f"        # TODO: validate value against self.limit\n"
                f"        return [x for x in self.{w} if x.{self.w()} == value]\n\n\n"
            )
        if k == 2:
            return (
                f"def test_{v}_{w}_handles_missing(tmp_path):\n"
                f'    store = Store(tmp_path / "{w}.db")\n'
                f"    with pytest.raises(KeyError):\n"
                f"        {v}_{w}(store, {n})\n\n\n"
            )
        return (
            f"@app.route(\"/api/{w}s/<int:{w}_id>\", methods=[\"GET\"])\n"
            f"def {v}_{w}_view({w}_id):\n"
            f"    try:\n"
            f"        return jsonify({v}_{w}(current_app.ctx, {w}_id))\n"
            f"    except KeyError:\n"
            f"        abort(404)\n\n\n"
        )

    def js(self):
        v, w, t, n = self.v(), self.w(), self.t(), self.n()
        k = self.r.randrange(5)
        if k == 0:
            return (
                f"async function {v}{t}(client, id) {{\n"
                f"  const res = await client.get(`/api/{w}s/${{id}}`, {{ timeout: {n} }});\n"
                f"  if (!res.ok) {{\n"
                f"    throw new Error(`{v} {w} failed: ${{res.status}}`);\n"
                f"  }}\n"
                f"  return res.json();\n"
                f"}}\n\n"
            )
        if k == 1:
            return (
                f"export class {t}Store {{\n"
                f"  constructor(db) {{\n"
                f"    this.db = db;\n"
                f"    this.cache = new Map();\n"
                f"  }}\n\n"
                f"  {v}(id) {{\n"
                f"    // TODO: expire entries after {n} ms\n"
                f"    if (this.cache.has(id)) return this.cache.get(id);\n"
                f"    const row = this.db.prepare('SELECT * FROM {w} WHERE id = ?').get(id);\n"
                f"    this.cache.set(id, row);\n"
                f"    return row;\n"
                f"  }}\n"
                f"}}\n\n"
            )
        if k == 2:
            return (
                f"describe('{v} {w}', () => {{\n"
                f"  it('returns {n} items', async () => {{\n"
                f"    const items = await {v}{t}(mockClient, {n});\n"
                f"    expect(items).toHaveLength({n});\n"
                f"  }});\n"
                f"}});\n\n"
            )
        if k == 3:
            return (
                f"router.get('/{w}s/:id', async (req, res, next) => {{\n"
                f"  try {{\n"
                f"    res.json(await {v}{t}(req.app.locals.client, req.params.id));\n"
                f"  }} catch (err) {{\n"
                f"    console.error('{w}', err);\n"
                f"    next(err);\n"
                f"  }}\n"
                f"}});\n\n"
            )
        return f"const {w}{t} = require('./{w}/{self.w()}');\n"

    def go(self):
        v, w, t, n = self.v(), self.w(), self.t(), self.n()
        k = self.r.randrange(3)
        if k == 0:
            return (
                f"// {t}{v.capitalize()} {v}s the {w} named name.\n"
                f"func (s *Server) {t}{v.capitalize()}(ctx context.Context, name string) (*{t}, error) {{\n"
                f"\tctx, cancel := context.WithTimeout(ctx, {n}*time.Millisecond)\n"
                f"\tdefer cancel()\n"
                f"\t{w}, err := s.store.{t}(ctx, name)\n"
                f"\tif err != nil {{\n"
                f"\t\treturn nil, fmt.Errorf(\"{v} {w} %q: %w\", name, err)\n"
                f"\t}}\n"
                f"\tslog.Info(\"{w} loaded\", \"name\", name)\n"
                f"\treturn {w}, nil\n"
                f"}}\n\n"
            )
        if k == 1:
            return (
                f"type {t} struct {{\n"
                f"\tID        int64     `json:\"id\"`\n"
                f"\t{w.capitalize()}  string    `json:\"{w}\"`\n"
                f"\tCreatedAt time.Time `json:\"created_at\"`\n"
                f"\tmu        sync.Mutex\n"
                f"}}\n\n"
            )
        return (
            f"func Test{t}{v.capitalize()}(t *testing.T) {{\n"
            f"\ts := newTestServer(t)\n"
            f"\tif _, err := s.{t}{v.capitalize()}(context.Background(), \"{w}-{n}\"); err == nil {{\n"
            f"\t\tt.Fatal(\"expected an error for a missing {w}\")\n"
            f"\t}}\n"
            f"}}\n\n"
        )

    def c(self):
        v, w, t, n = self.v(), self.w(), self.t(), self.n()
        k = self.r.randrange(3)
        if k == 0:
            return (
                f"/* {v} the {w}s of b; returns 0 or -1 with errno set */\n"
                f"static int {v}_{w}(struct {w} *b, const char *buf, size_t n)\n"
                f"{{\n"
                f"\tsize_t i;\n\n"
                f"\tif (n > {n}u) {{\n"
                f"\t\terrno = E2BIG;\n"
                f"\t\treturn -1;\n"
                f"\t}}\n"
                f"\tfor (i = 0; i < n; i++)\n"
                f"\t\tb->sum = b->sum * 31 + (unsigned char)buf[i];\n"
                f"\treturn 0;\n"
                f"}}\n\n"
            )
        if k == 1:
            return (
                f"struct {w} {{\n"
                f"\tstruct {w} *next;\n"
                f"\tchar name[{n % 200 + 8}];\n"
                f"\tuint64_t sum;\n"
                f"\tunsigned flags;\n"
                f"}};\n\n"
            )
        return (
            f"struct {w} *{w}_new(const char *name)\n"
            f"{{\n"
            f"\tstruct {w} *p = calloc(1, sizeof(*p));\n\n"
            f"\tif (!p)\n"
            f"\t\treturn NULL;\n"
            f"\tsnprintf(p->name, sizeof(p->name), \"%s\", name);\n"
            f"\treturn p;\n"
            f"}}\n\n"
        )

    def java(self):
        v, w, t, n = self.v(), self.w(), self.t(), self.n()
        k = self.r.randrange(2)
        if k == 0:
            return (
                f"    /**\n"
                f"     * {v.capitalize()}s the {w} with the given id.\n"
                f"     */\n"
                f"    public Optional<{t}> {v}{t}(long id) {{\n"
                f"        log.debug(\"{v} {w} {{}}\", id);\n"
                f"        if (id > {n}L) {{\n"
                f"            throw new IllegalArgumentException(\"{w} id out of range: \" + id);\n"
                f"        }}\n"
                f"        return repository.findById(id).map({t}::new);\n"
                f"    }}\n\n"
            )
        return (
            f"    @Test\n"
            f"    void {v}{t}ReturnsEmpty() {{\n"
            f"        assertTrue(service.{v}{t}({n}L).isEmpty());\n"
            f"    }}\n\n"
        )

    def md(self):
        w, v, n = self.w(), self.v(), self.n()
        k = self.r.randrange(3)
        if k == 0:
            return (
                f"## {w.capitalize()} {v}\n\n"
                f"The {w} service {v}s every {self.w()} it receives and keeps at most\n"
                f"{n} of them in memory. See [the {self.w()} guide](docs/{w}.md) for the\n"
                f"configuration options and the `{w}.{self.w()}` setting.\n\n"
            )
        if k == 1:
            return (
                f"- `{v}_{w}`: {v}s the {w} ({n} ms timeout)\n"
                f"- `{self.v()}_{w}`: the same for a {self.w()}\n"
                f"- TODO: document `{self.w()}`\n\n"
            )
        return (
            f"```sh\n"
            f"curl -s http://localhost:{8000 + n % 1000}/api/{w}s | jq .\n"
            f"```\n\n"
        )

    def yml(self):
        w, v, n = self.w(), self.v(), self.n()
        return (
            f"{w}_{n}:\n"
            f"  enabled: {str(n % 2 == 0).lower()}\n"
            f"  {v}_interval: {n % 600}s\n"
            f"  image: registry.example.com/{w}:{n % 10}.{n % 7}.{n % 13}\n"
            f"  resources:\n"
            f"    limits: {{ cpu: {n % 4 + 1}, memory: {n % 2048 + 128}Mi }}\n"
            f"  env:\n"
            f"    - name: {w.upper()}_{self.w().upper()}\n"
            f"      value: \"{self.w()}-{n}\"\n"
        )

    def json(self):
        w, n = self.w(), self.n()
        return (
            f'  "{w}_{n}": {{ "id": {n}, "{self.w()}": "{self.w()}-{n}", '
            f'"enabled": {str(n % 3 == 0).lower()}, "tags": ["{self.w()}", '
            f'"{self.w()}"] }},\n'
        )


HEADERS = {
    "rs": "use std::collections::HashMap;\nuse std::time::Duration;\n"
          "use serde::{Deserialize, Serialize};\n\n",
    "py": "import logging\nimport os\n\nlogger = logging.getLogger(__name__)\n\n\n",
    "js": "'use strict';\n\nconst path = require('path');\n\n",
    "go": "package %s\n\nimport (\n\t\"context\"\n\t\"fmt\"\n\t\"log/slog\"\n"
          "\t\"time\"\n)\n\n",
    "c": "#include <errno.h>\n#include <stdint.h>\n#include <stdio.h>\n"
         "#include <stdlib.h>\n\n",
    "java": "package com.example.%s;\n\nimport java.util.Optional;\n\n"
            "public class %s {\n\n",
    "md": "# %s\n\n",
    "yml": "# %s configuration\nversion: 2\n",
    "json": "{\n",
}
FOOTERS = {"java": "}\n", "json": '  "end": true\n}\n'}


def file_text(g, ext, size, dirname, stem):
    """About `size` bytes of text in language ext."""
    head = HEADERS[ext]
    if ext == "go":
        head = head % (os.path.basename(dirname) or "main").replace("-", "")
    elif ext == "java":
        head = head % (os.path.basename(dirname) or "app",
                       stem.capitalize().replace("-", "").replace(".", ""))
    elif ext in ("md", "yml"):
        head = head % stem
    parts = [head]
    total = len(head)
    block = getattr(g, ext)
    r = g.r
    long_every = 60  # about 1 block in 60 of a long-line file is long
    has_long = r.random() < 0.05
    while total < size:
        if has_long and r.randrange(long_every) == 0:
            n = r.randint(2000, 60000)
            if ext == "json":
                s = g.long_line('  "data": ["', '"],', n)
            elif ext in ("js", "java", "c", "go", "rs"):
                s = g.long_line('const DATA = ["', '"];', n)
            else:
                s = g.long_line('DATA = ["', '"]', n)
        else:
            s = block()
        parts.append(s)
        total += len(s)
    parts.append(FOOTERS.get(ext, ""))
    return "".join(parts)


def root_files(rng):
    """The files that make the tree look like a project (never ignored)."""
    deps = ["serde", "tokio", "actix-web", "tracing", "anyhow", "clap",
            "reqwest", "sqlx", "metrics"]
    cargo = (
        '[package]\nname = "benchmark-app"\nversion = "1.4.2"\n'
        'edition = "2021"\nlicense = "MIT OR Apache-2.0"\n'
        'description = "A synthetic repository for benchmarks"\n\n'
        "[dependencies]\n"
        + "".join('%s = "%d.%d"\n' % (d, rng.randint(0, 4), rng.randint(0, 40))
                  for d in deps)
        + '\n[dev-dependencies]\ncriterion = "0.5"\n\n[[bin]]\n'
        'name = "benchmark-app"\npath = "src/main.rs"\n'
    )
    package = json.dumps({
        "name": "benchmark-web",
        "version": "1.4.2",
        "license": "MIT",
        "scripts": {"build": "webpack", "test": "jest", "lint": "eslint ."},
        "dependencies": {"express": "^4.19.2", "pino": "^9.0.0",
                         "zod": "^3.23.0"},
        "devDependencies": {"jest": "^29.7.0", "eslint": "^9.0.0"},
    }, indent=2) + "\n"
    readme = (
        "# benchmark-app\n\nA synthetic repository generated by "
        "`bench/gen.py` to measure readycheck.\n\n## Build\n\n"
        "```sh\ncargo build --release\nnpm ci && npm run build\n```\n\n"
        "## Test\n\n```sh\ncargo test\nnpm test\n```\n\n"
        "## License\n\nMIT or Apache-2.0.\n"
    )
    ci = (
        "name: ci\non:\n  push:\n    branches: [main]\n  pull_request:\n\n"
        "permissions:\n  contents: read\n\njobs:\n  test:\n"
        "    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - uses: dtolnay/rust-toolchain@stable\n"
        "      - run: cargo test --all\n      - run: npm ci && npm test\n"
    )
    docker = (
        "FROM rust:1.79 AS build\nWORKDIR /src\nCOPY . .\n"
        "RUN cargo build --release\n\nFROM debian:12-slim\n"
        "COPY --from=build /src/target/release/benchmark-app /usr/local/bin/\n"
        "USER 10001\nEXPOSE 8080\n"
        'HEALTHCHECK CMD ["benchmark-app", "health"]\n'
        'ENTRYPOINT ["benchmark-app"]\n'
    )
    gitignore = (
        "# build output\n/build/\n"
        + "".join("%s/\n" % d for d in IGNORED_DIRS)
        + "*.log\n*.tmp\n# but keep these\n!keep.log\n!keep.tmp\n"
    )
    return {
        "Cargo.toml": cargo,
        "package.json": package,
        "README.md": readme,
        "LICENSE": "MIT License\n\nCopyright (c) 2024 Example\n\n"
                   "Permission is hereby granted, free of charge, ...\n",
        "CHANGELOG.md": "# Changelog\n\n## 1.4.2\n\n- Fix the thing.\n",
        "CONTRIBUTING.md": "# Contributing\n\nRun `cargo test`.\n",
        "SECURITY.md": "# Security\n\nReport to security@example.com.\n",
        "Dockerfile": docker,
        ".github/workflows/ci.yml": ci,
        ".gitignore": gitignore,
        ".editorconfig": "root = true\n\n[*]\nindent_style = space\n",
    }


def plan_dirs(rng, ndirs):
    """Directory paths (relative), depths 1..8, parents before children."""
    dirs = []
    depth = {}
    for top in TOP_DIRS:
        dirs.append(top)
        depth[top] = 1
    seen = dict.fromkeys(dirs)
    while len(dirs) < ndirs:
        # prefer shallow parents a little, but reach depth 8
        parent = dirs[rng.randrange(len(dirs))]
        if depth[parent] >= 8:
            continue
        name = "%s%s" % (rng.choice(WORDS),
                         "" if rng.random() < 0.5 else "_%d" % rng.randrange(100))
        path = parent + "/" + name
        if path in seen or name in IGNORED_DIRS:
            continue
        seen[path] = None
        dirs.append(path)
        depth[path] = depth[parent] + 1
    return dirs, depth


def sizes_for(rng, n, total):
    """n sizes (log-normal, 120 B to 2 MB) that add up to about total."""
    raw = [rng.lognormvariate(0, 1.1) for _ in range(n)]
    lo, hi = 120, 2_000_000
    scale = total / sum(raw)
    for _ in range(8):  # clamp and rescale until the total settles
        out = [min(hi, max(lo, int(x * scale))) for x in raw]
        s = sum(out)
        if abs(s - total) < total * 0.005:
            break
        scale *= total / s
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="directory to create")
    ap.add_argument("--files", type=int, help="number of files (50000)")
    ap.add_argument("--mb", type=float, help="total size in MB (500)")
    ap.add_argument("--typical", action="store_true",
                    help="a typical repository: 2,000 files, ~20 MB")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--summary", help="write the counts as JSON here")
    ap.add_argument("--force", action="store_true",
                    help="replace --out if it exists")
    a = ap.parse_args()
    nfiles = a.files or (2000 if a.typical else 50000)
    mb = a.mb or (20.0 if a.typical else 500.0)
    if nfiles < 100:
        ap.error("--files must be at least 100")

    if os.path.exists(a.out):
        if not a.force:
            ap.error("'%s' exists (use --force to replace it)" % a.out)
        shutil.rmtree(a.out)
    rng = random.Random(a.seed)
    g = Gen(rng)

    # Plan: root files, binaries, ignored files, then the source files.
    roots = root_files(rng)
    nbin = max(3, nfiles // 1000)
    nignored = nfiles // 10
    nsrc = nfiles - len(roots) - nbin - nignored
    ndirs = max(len(TOP_DIRS) + 1, nfiles // 10)
    dirs, depth = plan_dirs(rng, ndirs)
    total = int(mb * 1_000_000)
    sizes = sizes_for(rng, nsrc + nignored, total - sum(map(len, roots.values())))
    langs = [e for e, wgt in LANGS for _ in range(wgt)]

    files = []  # (path, kind, size, ignored)
    used = dict.fromkeys(roots)
    gitignores = {}  # dir -> text of its nested .gitignore

    def unique(path):
        base, dot, ext = path.rpartition(".")
        k = 1
        while path in used:
            path = "%s_%d.%s" % (base, k, ext)
            k += 1
        used[path] = None
        return path

    # Nested .gitignore files in about 1 directory in 40: they ignore
    # generated/ and *.snap there, re-include important.snap, and ignore an
    # anchored file name.
    nested = [d for d in dirs if rng.random() < 0.025 and depth[d] < 8]
    for d in nested:
        gitignores[d] = ("# local\ngenerated/\n*.snap\n!important.snap\n"
                         "/local_settings.py\n")

    si = 0
    for i in range(nsrc):
        d = dirs[rng.randrange(len(dirs))]
        ext = rng.choice(langs)
        stem = "%s_%s" % (rng.choice(VERBS), rng.choice(WORDS))
        files.append((unique("%s/%s.%s" % (d, stem, ext)), ext, sizes[si],
                      False))
        si += 1
    # Files that the negations keep (not ignored, count as sources).
    for k in range(min(len(nested), 40)):
        d = nested[k]
        files.append((unique(d + "/important.snap"), "md", 300, False))
    for k in range(20):
        path = dirs[rng.randrange(len(dirs))] + "/keep.log"
        if path not in used:  # keep_1.log would be ignored
            used[path] = None
            files.append((path, "md", 400, False))

    # Ignored files: in ignored directories, or with ignored names.
    for i in range(nignored):
        k = rng.randrange(10)
        ext = rng.choice(langs)
        stem = "%s_%s" % (rng.choice(VERBS), rng.choice(WORDS))
        if k < 5:  # target/, node_modules/, ... below some directory
            d = dirs[rng.randrange(len(dirs))]
            base = "%s/%s" % (d, rng.choice(IGNORED_DIRS))
            if rng.random() < 0.5:
                base += "/" + rng.choice(WORDS)
            path = "%s/%s.%s" % (base, stem, ext)
        elif k < 7:  # *.log, *.tmp anywhere
            d = dirs[rng.randrange(len(dirs))]
            path = "%s/%s.%s" % (d, stem, rng.choice(["log", "tmp"]))
        elif k < 8:  # /build/ at the root
            path = "build/%s/%s.%s" % (rng.choice(WORDS), stem, ext)
        elif nested:  # generated/, *.snap, /local_settings.py by a nested file
            d = nested[rng.randrange(len(nested))]
            j = rng.randrange(3)
            if j == 0:
                path = "%s/generated/%s.%s" % (d, stem, ext)
            elif j == 1:
                path = "%s/%s.snap" % (d, stem)
            else:
                path = "%s/local_settings.py" % d
                if path in used:  # only that exact name is ignored
                    path = "%s/generated/%s.%s" % (d, stem, ext)
        else:
            path = "build/%s.%s" % (stem, ext)
        if path in used:
            path = unique(path)
        used[path] = None
        files.append((path, ext, sizes[si], True))
        si += 1

    # Binary files (never ignored): a NUL in the first bytes.
    for i in range(nbin):
        d = dirs[rng.randrange(len(dirs))]
        ext = rng.choice(["png", "bin", "so", "wasm", "jar"])
        files.append((unique("%s/%s_%d.%s" % (d, rng.choice(WORDS), i, ext)),
                      "bin", rng.randint(1000, 400_000), False))

    # Write everything.
    os.makedirs(a.out)
    nbytes = ign_files = ign_bytes = 0
    for path, text in roots.items():
        write(a.out, path, text.encode())
        nbytes += len(text)
    for d, text in gitignores.items():
        write(a.out, d + "/.gitignore", text.encode())
        nbytes += len(text)
    for path, kind, size, ignored in files:
        if kind == "bin":
            data = b"\x89BIN\x00\x00\x01" + rng.randbytes(size - 7)
        else:
            stem = os.path.splitext(os.path.basename(path))[0]
            data = file_text(g, kind, size, os.path.dirname(path),
                             stem).encode()
        write(a.out, path, data)
        nbytes += len(data)
        if ignored:
            ign_files += 1
            ign_bytes += len(data)
    nall = len(roots) + len(gitignores) + len(files)
    summary = {
        "files": nall,
        "bytes": nbytes,
        "ignored_files": ign_files,
        "ignored_bytes": ign_bytes,
        "scanned_files": nall - ign_files,
        "scanned_bytes": nbytes - ign_bytes,
        "binary_files": nbin,
        "gitignore_files": 1 + len(gitignores),
        "dirs": len(dirs),
        "max_depth": max(depth.values()),
        "seed": a.seed,
    }
    if a.summary:
        with open(a.summary, "w") as f:
            json.dump(summary, f, indent=2, sort_keys=True)
            f.write("\n")
    print(json.dumps(summary, sort_keys=True))
    return 0


def write(root, rel, data):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    sys.exit(main())
