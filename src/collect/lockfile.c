/*
 * lockfile.c - the lockfile collectors (see lockfile.h and
 * docs/internals/lockfiles.md).
 *
 * TOML, JSON and YAML lockfiles go through the document readers; yarn.lock,
 * go.sum, Gemfile.lock and gradle.lockfile are read line by line here.
 * Every package goes through emit(), which builds "name@version", drops
 * repeats with a small hash set of the values already added (the strings
 * live in the fact store) and stops at RC_LOCKFILE_MAX_PACKAGES.
 */
#include "../core/common.h"
#include "lockfile.h"
#include "manifest_util.h"
#include "../core/alloc.h"
#include "../parse/json.h"
#include "../parse/toml.h"
#include "../parse/yaml.h"

#include <stdarg.h>
#include <stdio.h>

#define NAME_MAX_LEN	255
#define VERSION_MAX_LEN 128
#define NPM_MAX_DEPTH	64

struct lk {
	struct rc_facts *f;
	struct rc_diags *d;
	const char *path;
	char fact[32];	  /* "locked.<eco>" */
	bool python;	  /* normalise names as PEP 503 does */
	bool bad;	  /* the file's error diagnostic was added */
	bool capped;	  /* RC_LOCKFILE_MAX_PACKAGES reached */
	size_t count;	  /* facts added */
	const char **set; /* open addressing, values added so far */
	size_t set_cap;
	/* forward-only line cursor over the raw text (YAML key lines) */
	const char *buf, *end, *lp;
	unsigned lno;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The slot holding s, or the empty slot where it belongs. */
static const char **slot(const char **set, size_t cap, const char *s)
{
	size_t i = (size_t)hash(s) & (cap - 1);

	while (set[i] && strcmp(set[i], s))
		i = (i + 1) & (cap - 1);
	return &set[i];
}

static int set_grow(struct lk *lk)
{
	size_t cap = lk->set_cap ? lk->set_cap * 2 : 64, i;
	const char **set = rc_calloc(cap, sizeof(*set));

	if (!set)
		return RC_ENOMEM;
	for (i = 0; i < lk->set_cap; i++)
		if (lk->set[i])
			*slot(set, cap, lk->set[i]) = lk->set[i];
	rc_free(lk->set);
	lk->set = set;
	lk->set_cap = cap;
	return 0;
}

static bool has_ctl(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return true;
	return false;
}

static bool py_sep(char c)
{
	return c == '-' || c == '_' || c == '.';
}

/* Copy name into out, lower-cased with runs of "-_." made one '-'. */
static size_t py_normalise(char *out, const char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (py_sep(c)) {
			if (!o || out[o - 1] != '-')
				out[o++] = '-';
			continue;
		}
		out[o++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	return o;
}

/*
 * Add the package name[0..n)@ver[0..vn) at line. Empty, overlong or
 * control-character names and versions are skipped, and so are repeats.
 */
static int emit(struct lk *lk, const char *name, size_t n, const char *ver,
		size_t vn, unsigned line, bool dev)
{
	char v[NAME_MAX_LEN + VERSION_MAX_LEN + 2];
	const struct rc_fact *x;
	const char **s;
	size_t o;
	int e;

	if (lk->capped || !n || n > NAME_MAX_LEN || !vn ||
	    vn > VERSION_MAX_LEN || has_ctl(name, n) || has_ctl(ver, vn))
		return 0;
	if (lk->python) {
		o = py_normalise(v, name, n);
	} else {
		memcpy(v, name, n);
		o = n;
	}
	v[o++] = '@';
	memcpy(v + o, ver, vn);
	v[o + vn] = '\0';
	if (lk->set_cap && *slot(lk->set, lk->set_cap, v))
		return 0;
	if (lk->count >= RC_LOCKFILE_MAX_PACKAGES) {
		lk->capped = true;
		return rc_diags_add(
			lk->d, RC_DIAG_NOTE, lk->path, 0, 0,
			"too many locked packages, kept the first %d",
			RC_LOCKFILE_MAX_PACKAGES);
	}
	if ((lk->count + 1) * 2 > lk->set_cap && (e = set_grow(lk)))
		return e;
	if ((e = rc_facts_add_note(lk->f, lk->fact, v, lk->path, line,
				   dev ? "dev" : NULL)))
		return e;
	x = rc_facts_at(lk->f, rc_facts_count(lk->f) - 1);
	s = slot(lk->set, lk->set_cap, v);
	*s = x->str;
	lk->count++;
	return 0;
}

static int emits(struct lk *lk, const char *name, const char *ver,
		 unsigned line, bool dev)
{
	if (!name || !ver)
		return 0;
	return emit(lk, name, strlen(name), ver, strlen(ver), line, dev);
}

/* The file's one error diagnostic for a malformed line (later ones are
 * dropped). */
RC_PRINTF(4, 5)
static int bad_line(struct lk *lk, unsigned line, unsigned col, const char *fmt,
		    ...)
{
	char msg[256];
	va_list ap;

	if (lk->bad)
		return 0;
	lk->bad = true;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return rc_diags_add(lk->d, RC_DIAG_ERROR, lk->path, line, col, "%s",
			    msg);
}

static int type_error(struct lk *lk, const struct rc_node *node,
		      const char *key, const char *want)
{
	if (lk->bad)
		return 0;
	lk->bad = true;
	return rc_manifest_type_error(lk->d, lk->path, node, key, want);
}

/* String value of a node with its length (NULL when not a string). */
static const char *str_n(const struct rc_node *node, size_t *n)
{
	if (!rc_node_is(node, RC_NODE_STRING))
		return NULL;
	*n = node->u.s.len;
	return node->u.s.ptr;
}

static bool is_true(const struct rc_node *node)
{
	return rc_node_is(node, RC_NODE_BOOL) && node->u.b;
}

typedef int (*parse_fn)(struct rc_doc **out, const char *buf, size_t len,
			const char *path, struct rc_err *err);

/* Parse the file; *out NULL (and a diagnostic) when it is malformed. */
static int parse(struct lk *lk, parse_fn fn, const char *buf, size_t len,
		 struct rc_doc **out)
{
	struct rc_err err = RC_ERR_INIT;
	int e;

	*out = NULL;
	e = fn(out, buf, len, lk->path, &err);
	if (!e)
		return 0;
	lk->bad = true;
	return rc_manifest_parse_error(lk->d, lk->path, e, &err);
}

/* poetry 2 "groups": dev-only when the list lacks "main". */
static bool dev_groups(const struct rc_node *groups)
{
	size_t i;

	if (!rc_node_is(groups, RC_NODE_ARRAY) || !rc_node_count(groups))
		return false;
	for (i = 0; i < rc_node_count(groups); i++) {
		const char *g = rc_node_str(rc_node_at(groups, i));

		if (!g || !strcmp(g, "main"))
			return false;
	}
	return true;
}

/*
 * Cargo.lock, poetry.lock, uv.lock: [[package]] name/version; poetry
 * says dev with `category = "dev"` (before 1.5) or a `groups` list without
 * "main" (poetry 2). Cargo
 * entries without `source` are workspace members and path dependencies,
 * uv entries with an editable or virtual source the project itself: the
 * project's own code, not locked packages.
 */
enum toml_kind { TK_CARGO, TK_POETRY, TK_UV };

static int toml_packages(struct lk *lk, const char *buf, size_t len,
			 enum toml_kind kind)
{
	struct rc_doc *doc;
	const struct rc_node *pk;
	size_t i;
	int e;

	if ((e = parse(lk, rc_toml_parse, buf, len, &doc)) || !doc)
		return e;
	pk = rc_node_get(doc->root, "package");
	if (pk && !rc_node_is(pk, RC_NODE_ARRAY))
		e = type_error(lk, pk, "package", "an array of tables");
	for (i = 0; !e && pk && i < rc_node_count(pk) && !lk->capped; i++) {
		const struct rc_node *t = rc_node_at(pk, i);
		const struct rc_node *src = rc_node_get(t, "source");
		const char *name = rc_node_str(rc_node_get(t, "name"));
		const char *ver = rc_node_str(rc_node_get(t, "version"));
		const char *cat = rc_node_str(rc_node_get(t, "category"));

		if (kind == TK_CARGO && !src)
			continue;
		if (kind == TK_UV && (rc_node_get(src, "editable") ||
				      rc_node_get(src, "virtual")))
			continue;
		e = emits(lk, name, ver, t->line,
			  kind == TK_POETRY &&
				  ((cat && !strcmp(cat, "dev")) ||
				   dev_groups(rc_node_get(t, "groups"))));
	}
	rc_doc_free(doc);
	return e;
}

static int collect_cargo(struct lk *lk, const char *buf, size_t len)
{
	return toml_packages(lk, buf, len, TK_CARGO);
}

static int collect_poetry(struct lk *lk, const char *buf, size_t len)
{
	return toml_packages(lk, buf, len, TK_POETRY);
}

static int collect_uv(struct lk *lk, const char *buf, size_t len)
{
	return toml_packages(lk, buf, len, TK_UV);
}

/* Last occurrence of "node_modules/" in key, or NULL. */
static const char *last_node_modules(const char *key)
{
	static const char nm[] = "node_modules/";
	const char *p = key, *last = NULL;

	while ((p = strstr(p, nm))) {
		last = p + sizeof(nm) - 1;
		p = last;
	}
	return last;
}

/* package-lock v1: the nested "dependencies" tree. */
static int npm_tree(struct lk *lk, const struct rc_node *deps, unsigned depth)
{
	size_t i;
	int e = 0;

	if (!rc_node_is(deps, RC_NODE_TABLE) || depth > NPM_MAX_DEPTH)
		return 0;
	for (i = 0; !e && i < rc_node_count(deps) && !lk->capped; i++) {
		const struct rc_node *x = rc_node_at(deps, i);
		const char *ver = rc_node_str(rc_node_get(x, "version"));

		e = emits(lk, x->key, ver, x->line,
			  is_true(rc_node_get(x, "dev")));
		if (!e)
			e = npm_tree(lk, rc_node_get(x, "dependencies"),
				     depth + 1);
	}
	return e;
}

/*
 * package-lock.json, npm-shrinkwrap.json. v2/v3 "packages": keys
 * "node_modules/a/node_modules/b"; "" (the root), workspace folders and
 * links are the project's own. v1: the "dependencies" tree.
 */
static int collect_npm(struct lk *lk, const char *buf, size_t len)
{
	struct rc_doc *doc;
	const struct rc_node *pk;
	size_t i;
	int e;

	if ((e = parse(lk, rc_json_parse, buf, len, &doc)) || !doc)
		return e;
	if (!rc_node_is(doc->root, RC_NODE_TABLE)) {
		e = type_error(lk, doc->root, "package-lock", "an object");
		goto out;
	}
	pk = rc_node_get(doc->root, "packages");
	if (!pk) {
		e = npm_tree(lk, rc_node_get(doc->root, "dependencies"), 0);
		goto out;
	}
	if (!rc_node_is(pk, RC_NODE_TABLE)) {
		e = type_error(lk, pk, "packages", "an object");
		goto out;
	}
	for (i = 0; !e && i < rc_node_count(pk) && !lk->capped; i++) {
		const struct rc_node *x = rc_node_at(pk, i);
		const char *name = rc_node_str(rc_node_get(x, "name"));
		const char *ver = rc_node_str(rc_node_get(x, "version"));
		const char *tail = last_node_modules(x->key);

		if (!tail || is_true(rc_node_get(x, "link")))
			continue;
		e = emits(lk, name ? name : tail, ver, x->line,
			  is_true(rc_node_get(x, "dev")));
	}
out:
	rc_doc_free(doc);
	return e;
}

/*
 * The line of a YAML mapping key whose value is node: a block mapping
 * value starts on the line after its key, so look at the line before.
 */
static const char *line_at(struct lk *lk, unsigned n, size_t *len)
{
	const char *nl;

	if (!n)
		return NULL;
	if (!lk->lp || n < lk->lno) {
		lk->lp = lk->buf;
		lk->lno = 1;
	}
	while (lk->lno < n) {
		nl = memchr(lk->lp, '\n', (size_t)(lk->end - lk->lp));
		if (!nl)
			return NULL;
		lk->lp = nl + 1;
		lk->lno++;
	}
	nl = memchr(lk->lp, '\n', (size_t)(lk->end - lk->lp));
	*len = (size_t)((nl ? nl : lk->end) - lk->lp);
	return lk->lp;
}

static unsigned key_line(struct lk *lk, const struct rc_node *x)
{
	const char *s;
	size_t n, k;

	if (!x->key || x->line < 2 || !rc_node_is(x, RC_NODE_TABLE))
		return x->line;
	if (!(s = line_at(lk, x->line - 1, &n)))
		return x->line;
	rc_manifest_trim(&s, &n);
	if (n && (*s == '"' || *s == '\'')) {
		s++;
		n--;
	}
	k = strlen(x->key);
	if (n > k && !memcmp(s, x->key, k) && memchr(s + k, ':', n - k))
		return x->line - 1;
	return x->line;
}

/* pnpm lockfileVersion 5.x keys are "/name/1.2.3_peer"; later ones
 * "/name@1.2.3(peer)" (v6) and "name@1.2.3(peer)" (v9). */
static bool pnpm_v5(const struct rc_node *root)
{
	const struct rc_node *v = rc_node_get(root, "lockfileVersion");
	const char *s = rc_node_str(v);

	if (rc_node_is(v, RC_NODE_FLOAT))
		return v->u.f < 6;
	if (rc_node_is(v, RC_NODE_INT))
		return v->u.i < 6;
	return s && s[0] == '5';
}

static int pnpm_key(struct lk *lk, const struct rc_node *x, bool v5,
		    unsigned line, bool dev)
{
	const char *k = x->key, *name, *ver, *sep = NULL, *p, *end;
	size_t n;

	if (!k)
		return 0;
	n = strlen(k);
	if (*k == '/') {
		k++;
		n--;
	}
	end = k + n;
	if (v5) {
		/* the separator is the first '/' after the name (its second
		 * one for a scoped name) */
		p = memchr(k, '/', n);
		if (p && *k == '@')
			p = memchr(p + 1, '/', (size_t)(end - p - 1));
		sep = p;
		if (sep && (p = memchr(sep, '_', (size_t)(end - sep))))
			end = p;
	} else {
		if ((p = memchr(k, '(', n)))
			end = p;
		for (p = k + 1; p < end; p++)
			if (*p == '@')
				sep = p;
	}
	if (!sep)
		return 0;
	name = k;
	ver = sep + 1;
	if (ver >= end || *ver < '0' || *ver > '9')
		return 0;
	return emit(lk, name, (size_t)(sep - name), ver, (size_t)(end - ver),
		    line, dev);
}

/* pnpm-lock.yaml: "packages" keys; entries' own name/version win. */
static int collect_pnpm(struct lk *lk, const char *buf, size_t len)
{
	struct rc_doc *doc;
	const struct rc_node *pk;
	size_t i;
	bool v5;
	int e;

	if ((e = parse(lk, rc_yaml_parse, buf, len, &doc)) || !doc)
		return e;
	v5 = pnpm_v5(doc->root);
	pk = rc_node_get(doc->root, "packages");
	if (pk && !rc_node_is(pk, RC_NODE_TABLE))
		e = type_error(lk, pk, "packages", "a mapping");
	for (i = 0; !e && pk && i < rc_node_count(pk) && !lk->capped; i++) {
		const struct rc_node *x = rc_node_at(pk, i);
		const char *name = rc_node_str(rc_node_get(x, "name"));
		const char *ver = rc_node_str(rc_node_get(x, "version"));
		bool dev = is_true(rc_node_get(x, "dev"));
		unsigned line = key_line(lk, x);

		if (name && ver)
			e = emits(lk, name, ver, line, dev);
		else
			e = pnpm_key(lk, x, v5, line, dev);
	}
	rc_doc_free(doc);
	return e;
}

/* Pipfile.lock: "default" and "develop" maps of name -> {"version":
 * "==1.2.3"}. Entries without a version (VCS, paths) are skipped. */
static int collect_pipenv(struct lk *lk, const char *buf, size_t len)
{
	static const char *const sections[] = { "default", "develop" };
	struct rc_doc *doc;
	size_t i, k;
	int e;

	if ((e = parse(lk, rc_json_parse, buf, len, &doc)) || !doc)
		return e;
	for (k = 0; !e && k < RC_ARRAY_SIZE(sections); k++) {
		const struct rc_node *t = rc_node_get(doc->root, sections[k]);

		if (t && !rc_node_is(t, RC_NODE_TABLE)) {
			e = type_error(lk, t, sections[k], "an object");
			break;
		}
		for (i = 0; !e && i < rc_node_count(t) && !lk->capped; i++) {
			const struct rc_node *x = rc_node_at(t, i);
			size_t vn = 0;
			const char *ver = str_n(rc_node_get(x, "version"), &vn);

			if (!ver || !x->key)
				continue;
			while (vn && *ver == '=') {
				ver++;
				vn--;
			}
			e = emit(lk, x->key, strlen(x->key), ver, vn, x->line,
				 k == 1);
		}
	}
	rc_doc_free(doc);
	return e;
}

/* composer.lock: "packages" and "packages-dev" arrays of {name, version}. */
static int collect_composer(struct lk *lk, const char *buf, size_t len)
{
	static const char *const sections[] = { "packages", "packages-dev" };
	struct rc_doc *doc;
	size_t i, k;
	int e;

	if ((e = parse(lk, rc_json_parse, buf, len, &doc)) || !doc)
		return e;
	for (k = 0; !e && k < RC_ARRAY_SIZE(sections); k++) {
		const struct rc_node *t = rc_node_get(doc->root, sections[k]);

		if (t && !rc_node_is(t, RC_NODE_ARRAY)) {
			e = type_error(lk, t, sections[k], "an array");
			break;
		}
		for (i = 0; !e && i < rc_node_count(t) && !lk->capped; i++) {
			const struct rc_node *x = rc_node_at(t, i);

			e = emits(lk, rc_node_str(rc_node_get(x, "name")),
				  rc_node_str(rc_node_get(x, "version")),
				  x->line, k == 1);
		}
	}
	rc_doc_free(doc);
	return e;
}

/* packages.lock.json: dependencies -> framework -> name -> {resolved};
 * "type": "Project" entries are the solution's own projects. */
static int collect_nuget(struct lk *lk, const char *buf, size_t len)
{
	struct rc_doc *doc;
	const struct rc_node *deps;
	size_t i, k;
	int e;

	if ((e = parse(lk, rc_json_parse, buf, len, &doc)) || !doc)
		return e;
	deps = rc_node_get(doc->root, "dependencies");
	if (deps && !rc_node_is(deps, RC_NODE_TABLE))
		e = type_error(lk, deps, "dependencies", "an object");
	for (k = 0; !e && k < rc_node_count(deps) && !lk->capped; k++) {
		const struct rc_node *fw = rc_node_at(deps, k);

		if (!rc_node_is(fw, RC_NODE_TABLE))
			continue;
		for (i = 0; !e && i < rc_node_count(fw) && !lk->capped; i++) {
			const struct rc_node *x = rc_node_at(fw, i);
			const char *type = rc_node_str(rc_node_get(x, "type"));

			if (type && !strcmp(type, "Project"))
				continue;
			e = emits(lk, x->key,
				  rc_node_str(rc_node_get(x, "resolved")),
				  x->line, false);
		}
	}
	rc_doc_free(doc);
	return e;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* go.sum: "module version hash"; "version/go.mod" lines only vouch for a
 * go.mod file and are skipped. */
static int collect_gosum(struct lk *lk, const char *buf, size_t len)
{
	struct rc_manifest_lines it;
	const char *s;
	size_t n;
	int e = 0;

	rc_manifest_lines_init(&it, buf, len);
	while (!e && !lk->capped && rc_manifest_lines_next(&it, &s, &n)) {
		const char *fs[4];
		size_t fn[4], k = 0, i = 0;

		rc_manifest_trim(&s, &n);
		if (!n)
			continue;
		while (i < n && k < 4) {
			size_t st = i;

			while (i < n && !blank(s[i]))
				i++;
			fs[k] = s + st;
			fn[k++] = i - st;
			while (i < n && blank(s[i]))
				i++;
		}
		if (k != 3) {
			e = bad_line(lk, it.line, 1,
				     "expected 'module version hash'");
			continue;
		}
		if (fn[1] >= 7 && !memcmp(fs[1] + fn[1] - 7, "/go.mod", 7))
			continue;
		e = emit(lk, fs[0], fn[0], fs[1], fn[1], it.line, false);
	}
	return e;
}

/* gradle.lockfile configurations that only build or run tests. */
static bool gradle_dev(const char *s, size_t n)
{
	size_t i = 0, j;

	if (!n)
		return false;
	while (i < n) {
		size_t st = i;
		bool test = false;

		while (i < n && s[i] != ',')
			i++;
		if (i - st >= 4 && !memcmp(s + st, "test", 4))
			test = true;
		for (j = st; !test && j + 4 <= i; j++)
			if (!memcmp(s + j, "Test", 4))
				test = true;
		if (!test)
			return false;
		i++;
	}
	return true;
}

/* gradle.lockfile: "group:artifact:version=conf,conf"; "empty=..." lists
 * configurations without dependencies. */
static int collect_gradle(struct lk *lk, const char *buf, size_t len)
{
	struct rc_manifest_lines it;
	const char *s;
	size_t n;
	int e = 0;

	rc_manifest_lines_init(&it, buf, len);
	while (!e && !lk->capped && rc_manifest_lines_next(&it, &s, &n)) {
		const char *eq, *c = NULL, *p;

		rc_manifest_trim(&s, &n);
		if (!n || *s == '#')
			continue;
		eq = memchr(s, '=', n);
		if (eq && rc_manifest_eq(s, (size_t)(eq - s), "empty"))
			continue;
		for (p = s; eq && p < eq; p++)
			if (*p == ':')
				c = p;
		if (!eq || !c || !memchr(s, ':', (size_t)(c - s)) || c == s) {
			e = bad_line(lk, it.line, 1,
				     "expected "
				     "'group:artifact:version=configurations'");
			continue;
		}
		e = emit(lk, s, (size_t)(c - s), c + 1, (size_t)(eq - c - 1),
			 it.line, gradle_dev(eq + 1, (size_t)(s + n - eq - 1)));
	}
	return e;
}

static size_t indent(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/*
 * Gemfile.lock: the specs of the GEM and GIT sections, "    name (1.2.3)"
 * at four spaces (their dependencies sit at six). A "-platform" suffix of
 * the version is dropped. PATH specs are the project's own gems.
 */
static int collect_bundler(struct lk *lk, const char *buf, size_t len)
{
	struct rc_manifest_lines it;
	const char *s;
	size_t n;
	bool gem = false, specs = false;
	int e = 0;

	rc_manifest_lines_init(&it, buf, len);
	while (!e && !lk->capped && rc_manifest_lines_next(&it, &s, &n)) {
		size_t ind = indent(s, n);
		const char *name, *ver, *p;

		if (ind == n)
			continue;
		if (ind == 0) {
			gem = rc_manifest_eq(s, n, "GEM") ||
			      rc_manifest_eq(s, n, "GIT");
			specs = false;
			continue;
		}
		if (ind == 2) {
			specs = gem && rc_manifest_eq(s + 2, n - 2, "specs:");
			continue;
		}
		if (ind != 4 || !specs)
			continue;
		name = s + 4;
		p = memchr(name, ' ', n - 4);
		if (!p || p + 2 >= s + n || p[1] != '(' || s[n - 1] != ')') {
			e = bad_line(lk, it.line, 5,
				     "expected 'name (version)'");
			continue;
		}
		ver = p + 2;
		{
			const char *end = s + n - 1, *dash;

			if ((dash = memchr(ver, '-', (size_t)(end - ver))))
				end = dash;
			e = emit(lk, name, (size_t)(p - name), ver,
				 (size_t)(end - ver), it.line, false);
		}
	}
	return e;
}

/* yarn: the package name of a specifier "name@range" ("@scope/x@range"). */
static bool yarn_spec(const char *s, size_t n, size_t *name_len)
{
	const char *at = n > 1 ? memchr(s + 1, '@', n - 1) : NULL;
	const char *range;
	size_t rn;

	if (!at)
		return false;
	*name_len = (size_t)(at - s);
	range = at + 1;
	rn = (size_t)(s + n - range);
	/* the project's own workspaces and local links */
	return !(rn >= 10 && !memcmp(range, "workspace:", 10)) &&
	       !(rn >= 5 && !memcmp(range, "link:", 5)) &&
	       !(rn >= 7 && !memcmp(range, "portal:", 7));
}

struct yarn_entry {
	const char *name, *ver;
	size_t n, vn;
	unsigned line;
	bool ok;
};

static int yarn_flush(struct lk *lk, struct yarn_entry *y)
{
	int e = 0;

	if (y->ok && y->ver)
		e = emit(lk, y->name, y->n, y->ver, y->vn, y->line, false);
	memset(y, 0, sizeof(*y));
	return e;
}

/*
 * yarn.lock, classic (v1) and berry: unindented "spec, spec:" lines open
 * an entry, its "  version" line (two spaces) gives the version.
 */
static int collect_yarn(struct lk *lk, const char *buf, size_t len)
{
	struct rc_manifest_lines it;
	struct yarn_entry y = { 0 };
	bool open = false;
	const char *s;
	size_t n;
	int e = 0;

	rc_manifest_lines_init(&it, buf, len);
	while (!e && !lk->capped && rc_manifest_lines_next(&it, &s, &n)) {
		const char *t = s;
		size_t tn = n, ind = indent(s, n), i;

		rc_manifest_trim(&t, &tn);
		if (!tn || *t == '#')
			continue;
		if (ind == 0) {
			if ((e = yarn_flush(lk, &y)))
				break;
			if (t[tn - 1] != ':') {
				open = false;
				e = bad_line(lk, it.line, 1,
					     "expected 'pattern:' to start an "
					     "entry");
				continue;
			}
			open = true;
			tn--;
			if (tn && *t == '"') {
				t++;
				tn--;
			}
			for (i = 0; i < tn && t[i] != ',' && t[i] != '"'; i++)
				;
			y.line = it.line;
			y.name = t;
			y.ok = yarn_spec(t, i, &y.n);
			continue;
		}
		if (!open) {
			e = bad_line(lk, it.line, (unsigned)ind + 1,
				     "indented line outside an entry");
			continue;
		}
		if (ind != 2 || tn < 8 || memcmp(t, "version", 7) ||
		    (t[7] != ' ' && t[7] != ':'))
			continue;
		t += 8;
		tn -= 8;
		rc_manifest_trim(&t, &tn);
		if (tn >= 2 && (*t == '"' || *t == '\'') && t[tn - 1] == *t) {
			t++;
			tn -= 2;
		}
		y.ver = t;
		y.vn = tn;
	}
	if (!e)
		e = yarn_flush(lk, &y);
	return e;
}

typedef int (*collect_fn)(struct lk *lk, const char *buf, size_t len);

static const struct format {
	const char *file, *id, *eco;
	collect_fn fn;
} formats[] = {
	{ "Cargo.lock", "cargo", "rust", collect_cargo },
	{ "package-lock.json", "npm", "node", collect_npm },
	{ "npm-shrinkwrap.json", "npm", "node", collect_npm },
	{ "yarn.lock", "yarn", "node", collect_yarn },
	{ "pnpm-lock.yaml", "pnpm", "node", collect_pnpm },
	{ "poetry.lock", "poetry", "python", collect_poetry },
	{ "uv.lock", "uv", "python", collect_uv },
	{ "Pipfile.lock", "pipenv", "python", collect_pipenv },
	{ "go.sum", "gomod", "go", collect_gosum },
	{ "Gemfile.lock", "bundler", "ruby", collect_bundler },
	{ "composer.lock", "composer", "php", collect_composer },
	{ "packages.lock.json", "nuget", "dotnet", collect_nuget },
	{ "gradle.lockfile", "gradle", "java", collect_gradle },
};

static const struct format *format_of(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t i;

	base = base ? base + 1 : path;
	for (i = 0; i < RC_ARRAY_SIZE(formats); i++)
		if (!strcmp(base, formats[i].file))
			return &formats[i];
	return NULL;
}

bool rc_collect_is_lockfile(const char *path)
{
	return format_of(path) != NULL;
}

int rc_collect_lockfile(struct rc_facts *f, struct rc_diags *d,
			const char *path, const char *buf, size_t len)
{
	const struct format *fmt = format_of(path);
	struct lk lk = { 0 };
	int e;

	if (!fmt)
		return 0;
	if (!buf)
		buf = "", len = 0;
	lk.f = f;
	lk.d = d;
	lk.path = path;
	lk.python = !strcmp(fmt->eco, "python");
	lk.buf = buf;
	lk.end = buf + len;
	snprintf(lk.fact, sizeof(lk.fact), "locked.%s", fmt->eco);
	e = rc_facts_add_str(f, "lockfile", fmt->id, path, 0);
	if (!e)
		e = fmt->fn(&lk, buf, len);
	if (!e)
		e = rc_facts_add_num(f, "locked.count", (double)lk.count, path,
				     0);
	rc_free(lk.set);
	return e;
}
