#include "../core/common.h"
#include "manifest_util.h"
#include "../core/alloc.h"
#include "../core/str.h"

#include <stdio.h>

static bool has_ctl(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return true;
	return false;
}

int rc_manifest_dep(struct rc_facts *f, bool dev, const char *eco,
		    const char *name, size_t n, const char *path, unsigned line,
		    const char *note)
{
	char fname[64], value[RC_MANIFEST_NAME_MAX + 1];

	if (!n || n > RC_MANIFEST_NAME_MAX || has_ctl(name, n))
		return 0;
	memcpy(value, name, n);
	value[n] = '\0';
	snprintf(fname, sizeof(fname), "%s.%s",
		 dev ? "dev_dependency" : "dependency", eco);
	if (note)
		return rc_facts_add_note(f, fname, value, path, line, note);
	return rc_facts_add_str(f, fname, value, path, line);
}

int rc_manifest_begin(struct rc_facts *f, const char *path)
{
	return rc_facts_add_str(f, "manifest", path, path, 0);
}

int rc_manifest_type_error(struct rc_diags *d, const char *path,
			   const struct rc_node *node, const char *key,
			   const char *want)
{
	return rc_diags_add(d, RC_DIAG_ERROR, path, node->line, node->col,
			    "expected %s for '%s', found %s", want, key,
			    rc_node_type_name(node->type));
}

int rc_manifest_strn(struct rc_facts *f, const char *name, const char *s,
		     size_t n, const char *path, unsigned line)
{
	char *v;
	size_t i;
	int e;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') ||
		    s[i] == 0x7f)
			break;
	n = i;
	if (!n)
		return 0;
	v = rc_malloc(n + 1);
	if (!v)
		return RC_ENOMEM;
	memcpy(v, s, n);
	v[n] = '\0';
	e = rc_facts_add_str(f, name, v, path, line);
	rc_free(v);
	return e;
}

int rc_manifest_parse_error(struct rc_diags *d, const char *path, int code,
			    const struct rc_err *err)
{
	if (code == RC_ENOMEM)
		return RC_ENOMEM;
	if (err->hint[0])
		return rc_diags_add(d, RC_DIAG_ERROR, path, err->line, err->col,
				    "%s (did you mean '%s'?)",
				    err->msg[0] ? err->msg : "malformed file",
				    err->hint);
	return rc_diags_add(d, RC_DIAG_ERROR, path, err->line, err->col, "%s",
			    err->msg[0] ? err->msg : "malformed file");
}

void rc_manifest_lines_init(struct rc_manifest_lines *it, const char *buf,
			    size_t len)
{
	it->p = buf;
	it->end = buf + len;
	it->line = 0;
}

bool rc_manifest_lines_next(struct rc_manifest_lines *it, const char **s,
			    size_t *n)
{
	const char *nl;

	if (it->p >= it->end)
		return false;
	nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
	*s = it->p;
	*n = (size_t)((nl ? nl : it->end) - it->p);
	it->p = nl ? nl + 1 : it->end;
	if (*n && (*s)[*n - 1] == '\r')
		(*n)--;
	it->line++;
	return true;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	       c == '\v';
}

void rc_manifest_trim(const char **s, size_t *n)
{
	while (*n && is_blank(**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_blank((*s)[*n - 1]))
		(*n)--;
}

bool rc_manifest_eq(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word);

	return n == w && !memcmp(s, word, n);
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

bool rc_manifest_ieq(const char *s, size_t n, const char *word)
{
	size_t i;

	if (strlen(word) != n)
		return false;
	for (i = 0; i < n; i++)
		if (lower(s[i]) != lower(word[i]))
			return false;
	return true;
}

/* Tokenizer. */

void rc_lex_init(struct rc_lex *lx, const char *buf, size_t len, unsigned flags)
{
	lx->p = buf;
	lx->bol = buf;
	lx->end = buf + len;
	lx->line = 1;
	lx->flags = flags;
}

static void newline(struct rc_lex *lx)
{
	/* lx->p points at a '\n' */
	lx->p++;
	lx->line++;
	lx->bol = lx->p;
}

static bool ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool ident_char(char c)
{
	return ident_start(c) || (c >= '0' && c <= '9');
}

/* Skip blanks and comments. */
static void skip_space(struct rc_lex *lx)
{
	while (lx->p < lx->end) {
		char c = *lx->p;

		if (c == '\n') {
			newline(lx);
		} else if (is_blank(c)) {
			lx->p++;
		} else if (c == '#' && (lx->flags & RC_LEX_HASH)) {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
		} else if (c == '/' && (lx->flags & RC_LEX_SLASH) &&
			   lx->p + 1 < lx->end && lx->p[1] == '/') {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
		} else if (c == '/' && (lx->flags & RC_LEX_SLASH) &&
			   lx->p + 1 < lx->end && lx->p[1] == '*') {
			lx->p += 2;
			while (lx->p < lx->end &&
			       !(*lx->p == '*' && lx->p + 1 < lx->end &&
				 lx->p[1] == '/')) {
				if (*lx->p == '\n')
					newline(lx);
				else
					lx->p++;
			}
			lx->p = lx->p + 2 <= lx->end ? lx->p + 2 : lx->end;
		} else {
			return;
		}
	}
}

static void lex_string(struct rc_lex *lx, struct rc_tok *t)
{
	char q = *lx->p;
	bool triple = lx->end - lx->p >= 3 && lx->p[1] == q && lx->p[2] == q;

	t->type = RC_TOK_STRING;
	lx->p += triple ? 3 : 1;
	t->s = lx->p;
	while (lx->p < lx->end) {
		char c = *lx->p;

		if (c == '\\' && lx->p + 1 < lx->end) {
			/* an escape, or a line continued inside the string */
			lx->p++;
			if (*lx->p == '\n')
				newline(lx);
			else
				lx->p++;
			continue;
		}
		if (c == '\n') {
			if (!triple) {
				t->n = (size_t)(lx->p - t->s);
				t->unterminated = true;
				return;
			}
			newline(lx);
			continue;
		}
		if (c == q && (!triple || (lx->end - lx->p >= 3 &&
					   lx->p[1] == q && lx->p[2] == q))) {
			t->n = (size_t)(lx->p - t->s);
			lx->p += triple ? 3 : 1;
			return;
		}
		lx->p++;
	}
	t->n = (size_t)(lx->p - t->s);
	t->unterminated = true;
}

void rc_lex_next(struct rc_lex *lx, struct rc_tok *t)
{
	char c;

	skip_space(lx);
	t->unterminated = false;
	t->line = lx->line;
	t->col = (unsigned)(lx->p - lx->bol) + 1;
	t->s = lx->p;
	t->n = 0;
	if (lx->p >= lx->end) {
		t->type = RC_TOK_EOF;
		return;
	}
	c = *lx->p;
	if (ident_start(c)) {
		while (lx->p < lx->end && ident_char(*lx->p))
			lx->p++;
		t->type = RC_TOK_IDENT;
		t->n = (size_t)(lx->p - t->s);
	} else if (c >= '0' && c <= '9') {
		while (lx->p < lx->end && (ident_char(*lx->p) || *lx->p == '.'))
			lx->p++;
		t->type = RC_TOK_NUMBER;
		t->n = (size_t)(lx->p - t->s);
	} else if (c == '"' || c == '\'') {
		lex_string(lx, t);
	} else {
		lx->p++;
		t->type = RC_TOK_PUNCT;
		t->n = 1;
	}
}

/* Manifest formats and foreign directories. */

static const struct {
	const char *name;
	enum rc_manifest_kind kind;
} manifest_names[] = {
	{ "Cargo.toml", RC_MF_CARGO },
	{ "pyproject.toml", RC_MF_PYPROJECT },
	{ "setup.py", RC_MF_SETUP_PY },
	{ "setup.cfg", RC_MF_SETUP_CFG },
	{ "package.json", RC_MF_PACKAGE_JSON },
	{ "go.mod", RC_MF_GOMOD },
	{ "pom.xml", RC_MF_POM },
	{ "build.gradle", RC_MF_GRADLE },
	{ "build.gradle.kts", RC_MF_GRADLE },
	{ "Gemfile", RC_MF_GEMFILE },
	{ "composer.json", RC_MF_COMPOSER },
	{ "CMakeLists.txt", RC_MF_CMAKE },
	{ "meson.build", RC_MF_MESON },
};

static bool requirements_file(const char *path, const char *base)
{
	char low[128];
	size_t i;

	if (!rc_str_ends_with(base, ".txt") && !rc_str_ends_with(base, ".in"))
		return false;
	for (i = 0; base[i] && i + 1 < sizeof(low); i++)
		low[i] = lower(base[i]);
	low[i] = '\0';
	if (strstr(low, "requirements"))
		return true;
	/* requirements/<x>.txt */
	if (base - path >= 13 && !memcmp(base - 13, "requirements/", 13) &&
	    (base - path == 13 || base[-14] == '/'))
		return true;
	return false;
}

bool rc_manifest_ruby_version_file(const char *path)
{
	const char *base = strrchr(path, '/'), *p;

	if (!base || strcmp(base + 1, "version.rb"))
		return false;
	for (p = path; p < base; p++)
		if ((p == path || p[-1] == '/') && !strncmp(p, "lib/", 4))
			return true;
	return false;
}

enum rc_manifest_kind rc_manifest_kind_of(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t i;

	base = base ? base + 1 : path;
	for (i = 0; i < RC_ARRAY_SIZE(manifest_names); i++)
		if (!strcmp(base, manifest_names[i].name))
			return manifest_names[i].kind;
	if (rc_str_ends_with(base, ".csproj") ||
	    rc_str_ends_with(base, ".fsproj") ||
	    rc_str_ends_with(base, ".vbproj"))
		return RC_MF_CSPROJ;
	if ((rc_str_ends_with(base, ".gemspec") && strlen(base) > 8) ||
	    rc_manifest_ruby_version_file(path))
		return RC_MF_GEMFILE;
	if (requirements_file(path, base))
		return RC_MF_REQUIREMENTS;
	return RC_MF_NONE;
}

const char *rc_manifest_ecosystem(enum rc_manifest_kind k)
{
	switch (k) {
	case RC_MF_NONE:
		return NULL;
	case RC_MF_CARGO:
		return "rust";
	case RC_MF_PYPROJECT:
	case RC_MF_REQUIREMENTS:
	case RC_MF_SETUP_PY:
	case RC_MF_SETUP_CFG:
		return "python";
	case RC_MF_PACKAGE_JSON:
		return "node";
	case RC_MF_GOMOD:
		return "go";
	case RC_MF_POM:
	case RC_MF_GRADLE:
		return "java";
	case RC_MF_GEMFILE:
		return "ruby";
	case RC_MF_COMPOSER:
		return "php";
	case RC_MF_CSPROJ:
		return "dotnet";
	case RC_MF_CMAKE:
	case RC_MF_MESON:
		return "c";
	}
	return NULL;
}

bool rc_manifest_foreign(const char *path)
{
	static const char *const dirs[] = {
		"node_modules", "bower_components", "vendor",
		"third_party",	"third-party",	    "thirdparty",
		"3rdparty",	"testdata",	    "fixtures",
		"__fixtures__", "test-fixtures",    "examples",
		"example",	"samples",	    ".venv",
		"venv",		"site-packages",    "corpus",
		"corpora",
	};
	const char *p = path, *slash;
	size_t i;

	while ((slash = strchr(p, '/'))) {
		size_t n = (size_t)(slash - p);

		for (i = 0; i < RC_ARRAY_SIZE(dirs); i++)
			if (rc_manifest_eq(p, n, dirs[i]))
				return true;
		p = slash + 1;
	}
	return false;
}
