/*
 * manifest_python.c - pyproject.toml, requirements*.txt, setup.py,
 * setup.cfg.
 *
 * Requirement strings follow PEP 508: the name comes first and ends at the
 * first character that cannot be part of it (extras '[', version operators,
 * ';' markers, '@' URLs, blanks). Names are normalised as PEP 503 does.
 */
#include "../core/common.h"
#include "manifest.h"
#include "manifest_util.h"
#include "../parse/toml.h"

#include <stdio.h>

static bool name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

static bool alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/*
 * The PEP 508 name at the start of s[0..n) (after blanks) into *name and *len;
 * false when s does not start with one. Trailing '-', '_', '.' are not part
 * of a name.
 */
static bool pep508_name(const char *s, size_t n, const char **name, size_t *len)
{
	size_t i = 0, k;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= n || !alnum(s[i]))
		return false;
	k = i;
	while (k < n && name_char(s[k]))
		k++;
	while (k > i && !alnum(s[k - 1]))
		k--;
	*name = s + i;
	*len = k - i;
	return true;
}

/* Add a Python dependency with its name normalised (PEP 503). */
static int py_dep(struct rc_facts *f, bool dev, const char *s, size_t n,
		  const char *path, unsigned line, const char *note)
{
	char norm[RC_MANIFEST_NAME_MAX + 1];
	size_t i, k = 0;

	if (n > RC_MANIFEST_NAME_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '-' || c == '_' || c == '.') {
			if (k && norm[k - 1] != '-')
				norm[k++] = '-';
			continue;
		}
		norm[k++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	while (k && norm[k - 1] == '-')
		k--;
	return rc_manifest_dep(f, dev, "python", norm, k, path, line, note);
}

/* Extras groups that are for development rather than for users. */
static bool dev_group(const char *g)
{
	static const char *const exact[] = { "ci",     "qa",	 "all-dev",
					     "check",  "checks", "style",
					     "format", "fmt",	 "coverage",
					     "cov",    "mypy",	 "types" };
	static const char *const prefix[] = { "dev",	"test",	 "doc", "lint",
					      "typing", "bench", "perf" };
	char low[64];
	size_t i;

	for (i = 0; g[i] && i + 1 < sizeof(low); i++)
		low[i] = g[i] >= 'A' && g[i] <= 'Z' ? (char)(g[i] - 'A' + 'a')
						    : g[i];
	low[i] = '\0';
	for (i = 0; i < RC_ARRAY_SIZE(exact); i++)
		if (!strcmp(low, exact[i]))
			return true;
	for (i = 0; i < RC_ARRAY_SIZE(prefix); i++)
		if (!strncmp(low, prefix[i], strlen(prefix[i])))
			return true;
	return false;
}

/* pyproject.toml */

static int str_fact(struct rc_facts *f, const char *name,
		    const struct rc_node *n, const char *path)
{
	const char *s = rc_node_str(n);

	if (!s)
		return 0;
	return rc_manifest_strn(f, name, s, strlen(s), path, n->line);
}

/* An array of PEP 508 strings. */
static int req_array(struct rc_facts *f, struct rc_diags *d, const char *path,
		     const struct rc_node *a, const char *key, bool dev,
		     const char *note)
{
	size_t i;
	int e;

	if (!a)
		return 0;
	if (!rc_node_is(a, RC_NODE_ARRAY))
		return rc_manifest_type_error(d, path, a, key, "an array");
	for (i = 0; i < rc_node_count(a); i++) {
		const struct rc_node *x = rc_node_at(a, i);
		const char *s = rc_node_str(x), *name;
		size_t n;

		if (!s) /* {include-group = "..."} in [dependency-groups] */
			continue;
		if (!pep508_name(s, strlen(s), &name, &n)) {
			e = rc_diags_add(d, RC_DIAG_ERROR, path, x->line,
					 x->col,
					 "expected a requirement in '%s', "
					 "found '%.60s'",
					 key, s);
			if (e)
				return e;
			continue;
		}
		if ((e = py_dep(f, dev, name, n, path, x->line, note)))
			return e;
	}
	return 0;
}

/* A table of group -> array of requirements. */
static int req_groups(struct rc_facts *f, struct rc_diags *d, const char *path,
		      const struct rc_node *t, const char *section,
		      bool all_dev)
{
	size_t i;
	int e;

	if (!t)
		return 0;
	if (!rc_node_is(t, RC_NODE_TABLE))
		return rc_manifest_type_error(d, path, t, section, "a table");
	for (i = 0; i < rc_node_count(t); i++) {
		const struct rc_node *g = rc_node_at(t, i);
		char note[160];

		if (!g->key)
			continue;
		snprintf(note, sizeof(note), "[%s] %.100s", section, g->key);
		if ((e = req_array(f, d, path, g, g->key,
				   all_dev || dev_group(g->key), note)))
			return e;
	}
	return 0;
}

/* Poetry: a table of name -> constraint. */
static int poetry_deps(struct rc_facts *f, struct rc_diags *d, const char *path,
		       const struct rc_node *t, const char *key, bool dev,
		       const char *note)
{
	size_t i;
	int e;

	if (!t)
		return 0;
	if (!rc_node_is(t, RC_NODE_TABLE))
		return rc_manifest_type_error(d, path, t, key, "a table");
	for (i = 0; i < rc_node_count(t); i++) {
		const struct rc_node *x = rc_node_at(t, i);

		if (!x->key || !strcmp(x->key, "python"))
			continue;
		if ((e = py_dep(f, dev, x->key, strlen(x->key), path, x->line,
				note)))
			return e;
	}
	return 0;
}

/* Keys of a table as manifest.bin ([project.scripts], poetry scripts). */
static int scripts(struct rc_facts *f, const char *path,
		   const struct rc_node *t)
{
	size_t i;
	int e;

	if (!rc_node_is(t, RC_NODE_TABLE))
		return 0;
	for (i = 0; i < rc_node_count(t); i++) {
		const struct rc_node *x = rc_node_at(t, i);

		if (x->key &&
		    (e = rc_manifest_strn(f, "manifest.bin", x->key,
					  strlen(x->key), path, x->line)))
			return e;
	}
	return 0;
}

static int license(struct rc_facts *f, const char *path,
		   const struct rc_node *n)
{
	if (rc_node_is(n, RC_NODE_TABLE))
		n = rc_node_get(n, "text");
	return str_fact(f, "manifest.license", n, path);
}

static int project(struct rc_facts *f, struct rc_diags *d, const char *path,
		   const struct rc_node *p)
{
	int e;

	if (!rc_node_is(p, RC_NODE_TABLE))
		return rc_manifest_type_error(d, path, p, "project", "a table");
	if ((e = str_fact(f, "manifest.name", rc_node_get(p, "name"), path)) ||
	    (e = str_fact(f, "manifest.version", rc_node_get(p, "version"),
			  path)) ||
	    (e = license(f, path, rc_node_get(p, "license"))) ||
	    (e = req_array(f, d, path, rc_node_get(p, "dependencies"),
			   "dependencies", false, "[project] dependencies")) ||
	    (e = req_groups(f, d, path, rc_node_get(p, "optional-dependencies"),
			    "project.optional-dependencies", false)) ||
	    (e = scripts(f, path, rc_node_get(p, "scripts"))))
		return e;
	return scripts(f, path, rc_node_get(p, "gui-scripts"));
}

static int poetry(struct rc_facts *f, struct rc_diags *d, const char *path,
		  const struct rc_node *p, bool meta)
{
	const struct rc_node *groups = rc_node_get(p, "group");
	size_t i;
	int e;

	if (!rc_node_is(p, RC_NODE_TABLE))
		return 0;
	if (meta &&
	    ((e = str_fact(f, "manifest.name", rc_node_get(p, "name"), path)) ||
	     (e = str_fact(f, "manifest.version", rc_node_get(p, "version"),
			   path)) ||
	     (e = str_fact(f, "manifest.license", rc_node_get(p, "license"),
			   path))))
		return e;
	if ((e = poetry_deps(f, d, path, rc_node_get(p, "dependencies"),
			     "dependencies", false,
			     "[tool.poetry.dependencies]")) ||
	    (e = poetry_deps(f, d, path, rc_node_get(p, "dev-dependencies"),
			     "dev-dependencies", true,
			     "[tool.poetry.dev-dependencies]")))
		return e;
	for (i = 0;
	     i < rc_node_count(groups) && rc_node_is(groups, RC_NODE_TABLE);
	     i++) {
		const struct rc_node *g = rc_node_at(groups, i);
		char note[160];

		if (!g->key)
			continue;
		snprintf(note, sizeof(note),
			 "[tool.poetry.group.%.100s.dependencies]", g->key);
		if ((e = poetry_deps(f, d, path, rc_node_get(g, "dependencies"),
				     "dependencies", strcmp(g->key, "main"),
				     note)))
			return e;
	}
	return scripts(f, path, rc_node_get(p, "scripts"));
}

int rc_collect_pyproject(struct rc_facts *f, struct rc_diags *d,
			 const char *path, const char *buf, size_t len)
{
	struct rc_err err = RC_ERR_INIT;
	struct rc_doc *doc = NULL;
	const struct rc_node *root, *p;
	int e;

	if ((e = rc_manifest_begin(f, path)))
		return e;
	e = rc_toml_parse(&doc, buf, len, path, &err);
	if (e) {
		rc_doc_free(doc);
		return rc_manifest_parse_error(d, path, e, &err);
	}
	root = doc->root;
	p = rc_node_get(root, "project");
	if ((p && (e = project(f, d, path, p))) ||
	    (e = poetry(f, d, path, rc_node_path(root, "tool.poetry"), !p)) ||
	    (e = req_groups(f, d, path, rc_node_get(root, "dependency-groups"),
			    "dependency-groups", true)))
		goto out;
	e = req_array(f, d, path, rc_node_path(root, "build-system.requires"),
		      "requires", true, "[build-system] requires");
out:
	rc_doc_free(doc);
	return e;
}

/* requirements*.txt */

/* A directory of path (not the file name) for docs, tests or CI. */
static bool dev_dir(const char *path)
{
	static const char *const dirs[] = { "doc",     "docs",	       "test",
					    "tests",   "ci",	       ".ci",
					    ".github", ".devcontainer" };
	const char *p = path, *slash;
	size_t i;

	while ((slash = strchr(p, '/'))) {
		for (i = 0; i < RC_ARRAY_SIZE(dirs); i++)
			if (rc_manifest_eq(p, (size_t)(slash - p), dirs[i]))
				return true;
		p = slash + 1;
	}
	return false;
}

/* Is a requirements file for development (by its name or directory)? */
static bool dev_file(const char *path)
{
	static const char *const words[] = { "dev", "test",  "lint", "doc",
					     "ci",  "bench", "typ" };
	const char *base = strrchr(path, '/');
	char low[128];
	size_t i;

	if (dev_dir(path))
		return true;
	base = base ? base + 1 : path;
	/* requirements/<name>.txt: the directory "requirements" says
	 * nothing, the file name does */
	for (i = 0; base[i] && i + 1 < sizeof(low); i++)
		low[i] = base[i] >= 'A' && base[i] <= 'Z'
				 ? (char)(base[i] - 'A' + 'a')
				 : base[i];
	low[i] = '\0';
	for (i = 0; i < RC_ARRAY_SIZE(words); i++) {
		const char *hit = low;

		while ((hit = strstr(hit, words[i]))) {
			/* a word of the name: after a separator or at the
			 * start ("ci" must not match "specific") */
			if (hit == low || !alnum(hit[-1]))
				return true;
			hit++;
		}
	}
	return false;
}

/* A local archive given by file name ("pkg-1.0-py3-none-any.whl"). */
static bool archive(const char *s, size_t n)
{
	static const char *const ext[] = { ".whl", ".tar.gz", ".zip",
					   ".tar.bz2", ".tgz" };
	size_t i, k;

	for (i = 0; i < n && s[i] != ' ' && s[i] != '\t' && s[i] != ';'; i++)
		;
	for (k = 0; k < RC_ARRAY_SIZE(ext); k++) {
		size_t m = strlen(ext[k]);

		if (i >= m && !memcmp(s + i - m, ext[k], m))
			return true;
	}
	return false;
}

static bool after_name_ok(char c)
{
	return c && strchr("[(<>=!~;@,#\\-", c) != NULL;
}

static int requirement_line(struct rc_facts *f, struct rc_diags *d,
			    const char *path, const char *s, size_t n,
			    unsigned line, bool dev)
{
	const char *start = s, *name;
	size_t i, nlen;

	/* comments: '#' at the start or after a blank */
	for (i = 0; i < n; i++)
		if (s[i] == '#' &&
		    (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
			n = i;
			break;
		}
	rc_manifest_trim(&s, &n);
	if (!n || s[0] == '-') /* options: -r, -c, -e, --hash, -i ... */
		return 0;
	if (archive(s, n))
		return 0;
	if (!pep508_name(s, n, &name, &nlen)) {
		/* paths and URLs are allowed; anything else is not */
		if (s[0] == '.' || s[0] == '/' || s[0] == '~' || s[0] == '$')
			return 0;
		return rc_diags_add(d, RC_DIAG_ERROR, path, line,
				    (unsigned)(s - start) + 1,
				    "expected a package name");
	}
	i = (size_t)(name - s) + nlen;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < n && !after_name_ok(s[i])) {
		/* a URL or a local file path without a name */
		if (memchr(s, '/', n) || memchr(s, '\\', n))
			return 0;
		return rc_diags_add(d, RC_DIAG_ERROR, path, line,
				    (unsigned)(s + i - start) + 1,
				    "unexpected '%c' after package name "
				    "'%.*s'",
				    s[i], (int)nlen, name);
	}
	return py_dep(f, dev, name, nlen, path, line, NULL);
}

int rc_collect_requirements(struct rc_facts *f, struct rc_diags *d,
			    const char *path, const char *buf, size_t len)
{
	struct rc_manifest_lines it;
	bool dev = dev_file(path), cont = false;
	const char *s;
	size_t n;
	int e;

	if ((e = rc_manifest_begin(f, path)))
		return e;
	rc_manifest_lines_init(&it, buf, len);
	while (rc_manifest_lines_next(&it, &s, &n)) {
		bool was_cont = cont;

		cont = n && s[n - 1] == '\\';
		if (was_cont) /* continuation: options of the line above */
			continue;
		if (cont)
			n--;
		if ((e = requirement_line(f, d, path, s, n, it.line, dev)))
			return e;
	}
	return 0;
}

/* setup.py */

struct setup_scan {
	struct rc_facts *f;
	struct rc_diags *d;
	const char *path;
	struct rc_lex lx;
	struct rc_tok tok;
	bool stop; /* an unterminated string or absurd nesting: give up */
	bool have_name, have_version, have_license;
};

static void setup_next(struct setup_scan *s)
{
	rc_lex_next(&s->lx, &s->tok);
}

static bool is_punct(const struct rc_tok *t, char c)
{
	return t->type == RC_TOK_PUNCT && t->s[0] == c;
}

static bool is_open(const struct rc_tok *t)
{
	return is_punct(t, '(') || is_punct(t, '[') || is_punct(t, '{');
}

static bool is_close(const struct rc_tok *t)
{
	return is_punct(t, ')') || is_punct(t, ']') || is_punct(t, '}');
}

static bool is_ident(const struct rc_tok *t, const char *w)
{
	return t->type == RC_TOK_IDENT && rc_manifest_eq(t->s, t->n, w);
}

/* Report the current token, an unterminated string, and stop. */
static int unterminated(struct setup_scan *s)
{
	s->stop = true;
	return rc_diags_add(s->d, RC_DIAG_ERROR, s->path, s->tok.line,
			    s->tok.col, "unterminated string");
}

/* "name = module:func" of a console_scripts entry. */
static int entry_point(struct rc_facts *f, const char *path, const char *s,
		       size_t n, unsigned line)
{
	const char *eq = memchr(s, '=', n);

	if (!eq)
		return 0;
	n = (size_t)(eq - s);
	rc_manifest_trim(&s, &n);
	return rc_manifest_strn(f, "manifest.bin", s, n, path, line);
}

/*
 * At '[' or '(' (the current token): collect the strings of the list up to
 * the matching close, as requirements (note != NULL) or console scripts
 * (note == NULL), and leave the token after the close current. Strings of
 * nested lists are used too.
 */
static int setup_list(struct setup_scan *s, bool dev, const char *note)
{
	unsigned depth = 1;
	int e = 0;

	for (setup_next(s); s->tok.type != RC_TOK_EOF; setup_next(s)) {
		const char *name;
		size_t n;

		if (is_open(&s->tok)) {
			if (++depth > 64) {
				s->stop = true;
				return 0;
			}
		} else if (is_close(&s->tok)) {
			if (--depth == 0) {
				setup_next(s);
				return 0;
			}
		} else if (s->tok.type == RC_TOK_STRING) {
			if (s->tok.unterminated)
				return unterminated(s);
			if (!note)
				e = entry_point(s->f, s->path, s->tok.s,
						s->tok.n, s->tok.line);
			else if (pep508_name(s->tok.s, s->tok.n, &name, &n))
				e = py_dep(s->f, dev, name, n, s->path,
					   s->tok.line, note);
			if (e)
				return e;
		}
	}
	return 0;
}

/* entry_points given as an INI string: "[console_scripts]\nfoo = x:y". */
static int ini_entry_points(struct setup_scan *s)
{
	struct rc_manifest_lines it;
	bool in = false;
	const char *l;
	size_t n;
	int e;

	rc_manifest_lines_init(&it, s->tok.s, s->tok.n);
	while (rc_manifest_lines_next(&it, &l, &n)) {
		rc_manifest_trim(&l, &n);
		if (n && l[0] == '[') {
			in = rc_manifest_eq(l, n, "[console_scripts]");
			continue;
		}
		if (in && n &&
		    (e = entry_point(s->f, s->path, l, n,
				     s->tok.line + it.line - 1)))
			return e;
	}
	return 0;
}

/* After `key =` in setup(): the string value as fact, once. */
static int setup_meta(struct setup_scan *s, const char *fact, bool *have)
{
	if (s->tok.type != RC_TOK_STRING || *have)
		return 0;
	*have = true;
	return rc_manifest_strn(s->f, fact, s->tok.s, s->tok.n, s->path,
				s->tok.line);
}

/* t was followed by '=' or ':' (the current token). */
static int setup_keyword(struct setup_scan *s, const struct rc_tok *t,
			 bool in_setup)
{
	setup_next(s);
	if (s->tok.type == RC_TOK_STRING && s->tok.unterminated)
		return unterminated(s);
	if (t->type == RC_TOK_STRING &&
	    rc_manifest_eq(t->s, t->n, "console_scripts"))
		return is_punct(&s->tok, '[') ? setup_list(s, false, NULL) : 0;
	if (is_ident(t, "install_requires") || is_ident(t, "tests_require") ||
	    is_ident(t, "setup_requires")) {
		char note[32];

		snprintf(note, sizeof(note), "%.*s", (int)t->n, t->s);
		if (!is_punct(&s->tok, '[') && !is_punct(&s->tok, '('))
			return 0;
		return setup_list(s, !is_ident(t, "install_requires"), note);
	}
	if (!in_setup)
		return 0;
	if (is_ident(t, "name"))
		return setup_meta(s, "manifest.name", &s->have_name);
	if (is_ident(t, "version"))
		return setup_meta(s, "manifest.version", &s->have_version);
	if (is_ident(t, "license"))
		return setup_meta(s, "manifest.license", &s->have_license);
	if (is_ident(t, "entry_points") && s->tok.type == RC_TOK_STRING)
		return ini_entry_points(s);
	return 0;
}

int rc_collect_setup_py(struct rc_facts *f, struct rc_diags *d,
			const char *path, const char *buf, size_t len)
{
	struct setup_scan s = { .f = f, .d = d, .path = path };
	unsigned depth = 0, setup_depth = 0;
	int e;

	if ((e = rc_manifest_begin(f, path)))
		return e;
	rc_lex_init(&s.lx, buf, len, RC_LEX_HASH);
	setup_next(&s);
	while (s.tok.type != RC_TOK_EOF && !s.stop) {
		struct rc_tok t = s.tok;

		if (t.type == RC_TOK_STRING && t.unterminated)
			return unterminated(&s);
		if (is_open(&t)) {
			depth++;
		} else if (is_close(&t) && depth) {
			if (depth-- == setup_depth)
				setup_depth = 0;
		}
		setup_next(&s);
		if (is_ident(&t, "setup") && is_punct(&s.tok, '(')) {
			if (!setup_depth)
				setup_depth = depth + 1;
		} else if (is_punct(&s.tok, '=') || is_punct(&s.tok, ':')) {
			/* keyword argument, dict entry or assignment; the
			 * token after it is current on return */
			e = setup_keyword(&s, &t,
					  setup_depth && depth == setup_depth);
			if (e)
				return e;
		}
	}
	return 0;
}

/* setup.cfg */

struct cfg_value {
	char section[64];
	char key[64];
	unsigned line; /* of the key */
};

static void copy_word(char *out, size_t size, const char *s, size_t n)
{
	size_t i;

	if (n >= size)
		n = size - 1;
	for (i = 0; i < n; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a')
						    : s[i];
	out[n] = '\0';
}

/* One line of a value (the first, after '=', or a continuation line). */
static int cfg_item(struct rc_facts *f, struct rc_diags *d, const char *path,
		    const struct cfg_value *v, const char *s, size_t n,
		    unsigned line)
{
	const char *name;
	size_t nlen;
	char note[160];

	(void)d;
	rc_manifest_trim(&s, &n);
	if (!n || s[0] == '#' || s[0] == ';')
		return 0;
	if (!strcmp(v->section, "metadata") && line == v->line) {
		if (!strcmp(v->key, "name"))
			return rc_manifest_strn(f, "manifest.name", s, n, path,
						line);
		/* "attr: pkg.__version__" and "file: VERSION" are read at
		 * build time: no version is written here */
		if (!strcmp(v->key, "version") &&
		    !(n >= 5 &&
		      (!strncmp(s, "attr:", 5) || !strncmp(s, "file:", 5))))
			return rc_manifest_strn(f, "manifest.version", s, n,
						path, line);
		if (!strcmp(v->key, "license"))
			return rc_manifest_strn(f, "manifest.license", s, n,
						path, line);
		return 0;
	}
	if (!strcmp(v->section, "options") &&
	    (!strcmp(v->key, "install_requires") ||
	     !strcmp(v->key, "tests_require") ||
	     !strcmp(v->key, "setup_requires"))) {
		snprintf(note, sizeof(note), "[options] %s", v->key);
		if (!pep508_name(s, n, &name, &nlen))
			return 0;
		return py_dep(f, strcmp(v->key, "install_requires") != 0, name,
			      nlen, path, line, note);
	}
	if (!strcmp(v->section, "options.extras_require")) {
		snprintf(note, sizeof(note), "[options.extras_require] %s",
			 v->key);
		if (!pep508_name(s, n, &name, &nlen))
			return 0;
		return py_dep(f, dev_group(v->key), name, nlen, path, line,
			      note);
	}
	if (!strcmp(v->section, "options.entry_points") &&
	    !strcmp(v->key, "console_scripts"))
		return entry_point(f, path, s, n, line);
	return 0;
}

int rc_collect_setup_cfg(struct rc_facts *f, struct rc_diags *d,
			 const char *path, const char *buf, size_t len)
{
	struct rc_manifest_lines it;
	struct cfg_value v = { "", "", 0 };
	bool in_value = false;
	const char *s;
	size_t n;
	int e;

	if ((e = rc_manifest_begin(f, path)))
		return e;
	rc_manifest_lines_init(&it, buf, len);
	while (rc_manifest_lines_next(&it, &s, &n)) {
		const char *t = s, *sep;
		size_t tn = n, k;

		rc_manifest_trim(&t, &tn);
		if (!tn || t[0] == '#' || t[0] == ';')
			continue;
		if (s[0] == ' ' || s[0] == '\t') { /* continuation */
			if (in_value &&
			    (e = cfg_item(f, d, path, &v, t, tn, it.line)))
				return e;
			continue;
		}
		in_value = false;
		if (t[0] == '[') {
			const char *close = memchr(t, ']', tn);

			if (!close) {
				e = rc_diags_add(d, RC_DIAG_ERROR, path,
						 it.line, (unsigned)tn + 1,
						 "expected ']'");
				if (e)
					return e;
				v.section[0] = '\0';
				continue;
			}
			copy_word(v.section, sizeof(v.section), t + 1,
				  (size_t)(close - t - 1));
			continue;
		}
		sep = NULL;
		for (k = 0; k < tn && !sep; k++)
			if (t[k] == '=' || t[k] == ':')
				sep = t + k;
		if (!sep) {
			e = rc_diags_add(d, RC_DIAG_ERROR, path, it.line,
					 (unsigned)(t - s) + 1,
					 "expected '=' after '%.*s'",
					 (int)(tn > 60 ? 60 : tn), t);
			if (e)
				return e;
			continue;
		}
		k = (size_t)(sep - t);
		{
			const char *key = t;

			rc_manifest_trim(&key, &k);
			copy_word(v.key, sizeof(v.key), key, k);
		}
		v.line = it.line;
		in_value = true;
		if ((e = cfg_item(f, d, path, &v, sep + 1,
				  tn - (size_t)(sep + 1 - t), it.line)))
			return e;
	}
	return 0;
}
