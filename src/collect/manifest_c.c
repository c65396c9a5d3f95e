/*
 * manifest_c.c - CMakeLists.txt and meson.build.
 *
 * CMake is read with its own small lexer: command invocations
 * `name(arg...)` with quoted, bracket ([[...]], [=[...]=]) and unquoted
 * arguments, '#' line comments and #[[...]] bracket comments. Only the
 * commands that say what is built and what is needed are used; variables
 * are not expanded except ${PROJECT_NAME} and ${CMAKE_PROJECT_NAME}.
 */
#include "../core/common.h"
#include "manifest.h"
#include "manifest_util.h"

#include <stdio.h>

#define CMAKE_MAX_ARGS	 32
#define CMAKE_MAX_PARENS 64

struct cmake_arg {
	const char *s;
	size_t n;
	unsigned line;
};

struct cmake {
	struct rc_facts *f;
	struct rc_diags *d;
	const char *path;
	const char *p, *end, *bol;
	unsigned line;
	bool test_dir; /* the file is under a test directory */
	bool stopped;  /* an error was reported: the scan is over */
	char project[RC_MANIFEST_NAME_MAX + 1];
	/* the current command */
	const char *cmd;
	size_t cmd_len;
	unsigned cmd_line;
	struct cmake_arg args[CMAKE_MAX_ARGS];
	size_t nargs;
};

static unsigned ccol(const struct cmake *c, const char *p)
{
	return (unsigned)(p - c->bol) + 1;
}

static void cadvance(struct cmake *c, const char *q)
{
	while (c->p < q) {
		if (*c->p == '\n') {
			c->line++;
			c->bol = c->p + 1;
		}
		c->p++;
	}
}

static int cerror(struct cmake *c, unsigned line, unsigned col, const char *msg)
{
	int e = rc_diags_add(c->d, RC_DIAG_ERROR, c->path, line, col, "%s",
			     msg);

	c->p = c->end;
	c->stopped = true;
	return e;
}

/* At '[': the length of "[=*[" or 0 when this is not a bracket opening. */
static size_t bracket_open(const struct cmake *c, const char *p, size_t *equals)
{
	const char *q = p + 1;

	while (q < c->end && *q == '=')
		q++;
	if (q >= c->end || *q != '[')
		return 0;
	*equals = (size_t)(q - p - 1);
	return (size_t)(q - p) + 1;
}

/* After the opening: find "]=*]"; NULL when unterminated. */
static const char *bracket_close(const struct cmake *c, const char *p,
				 size_t equals)
{
	for (; p < c->end; p++) {
		const char *q;

		if (*p != ']')
			continue;
		for (q = p + 1; q < c->end && *q == '='; q++)
			;
		if (q < c->end && *q == ']' && (size_t)(q - p - 1) == equals)
			return p;
	}
	return NULL;
}

/* Skip blanks, newlines and comments. 0, or the error of an unterminated
 * bracket comment (the scan then stops). */
static int cskip(struct cmake *c)
{
	while (c->p < c->end) {
		char ch = *c->p;

		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
			cadvance(c, c->p + 1);
		} else if (ch == '#') {
			size_t eq,
				open = c->p + 1 < c->end && c->p[1] == '['
					       ? bracket_open(c, c->p + 1, &eq)
					       : 0;

			if (open) {
				const char *close =
					bracket_close(c, c->p + 1 + open, eq);

				if (!close)
					return cerror(c, c->line, ccol(c, c->p),
						      "unterminated bracket "
						      "comment");
				cadvance(c, close + eq + 2);
				continue;
			}
			while (c->p < c->end && *c->p != '\n')
				c->p++;
		} else {
			return 0;
		}
	}
	return 0;
}

static void add_arg(struct cmake *c, const char *s, size_t n, unsigned line)
{
	if (c->nargs < CMAKE_MAX_ARGS) {
		c->args[c->nargs].s = s;
		c->args[c->nargs].n = n;
		c->args[c->nargs].line = line;
	}
	c->nargs++;
}

/* Is ch one of the characters of set? (Unlike strchr(), never for NUL.) */
static bool one_of(const char *set, char ch)
{
	return ch && strchr(set, ch);
}

/* Read the arguments after '('; true when the command was complete. */
static bool cargs(struct cmake *c, int *e)
{
	unsigned depth = 1, open_line = c->line, open_col = ccol(c, c->p);

	cadvance(c, c->p + 1); /* '(' */
	c->nargs = 0;
	for (;;) {
		const char *start;
		unsigned line;
		size_t eq, open;

		if ((*e = cskip(c)) || c->p >= c->end) {
			if (!c->stopped)
				*e = cerror(c, open_line, open_col,
					    "expected ')'");
			return false;
		}
		start = c->p;
		line = c->line;
		if (*c->p == '(') {
			if (++depth > CMAKE_MAX_PARENS) {
				*e = cerror(c, line, ccol(c, start),
					    "parentheses nested too deeply");
				return false;
			}
			cadvance(c, c->p + 1);
		} else if (*c->p == ')') {
			cadvance(c, c->p + 1);
			if (--depth == 0)
				return true;
		} else if (*c->p == '"') {
			const char *q = c->p + 1;

			while (q < c->end && *q != '"')
				q += *q == '\\' && q + 1 < c->end ? 2 : 1;
			if (q >= c->end) {
				*e = cerror(c, line, ccol(c, start),
					    "unterminated string");
				return false;
			}
			add_arg(c, start + 1, (size_t)(q - start - 1), line);
			cadvance(c, q + 1);
		} else if (*c->p == '[' &&
			   (open = bracket_open(c, c->p, &eq))) {
			const char *close = bracket_close(c, c->p + open, eq);

			if (!close) {
				*e = cerror(c, line, ccol(c, start),
					    "unterminated bracket argument");
				return false;
			}
			add_arg(c, start + open, (size_t)(close - start - open),
				line);
			cadvance(c, close + eq + 2);
		} else {
			const char *q = c->p;

			while (q < c->end && !one_of(" \t\r\n()#\"", *q))
				q += *q == '\\' && q + 1 < c->end ? 2 : 1;
			if (q > c->end)
				q = c->end;
			add_arg(c, start, (size_t)(q - start), line);
			cadvance(c, q);
		}
	}
}

static bool cmd_is(const struct cmake *c, const char *name)
{
	return rc_manifest_ieq(c->cmd, c->cmd_len, name);
}

static bool arg_is(const struct cmake_arg *a, const char *w)
{
	return rc_manifest_eq(a->s, a->n, w);
}

/* Expand ${PROJECT_NAME} in a target name into out. */
static void expand(const struct cmake *c, const struct cmake_arg *a, char *out,
		   size_t size)
{
	static const char *const vars[] = { "${PROJECT_NAME}",
					    "${CMAKE_PROJECT_NAME}" };
	size_t i = 0, k = 0, v;

	while (i < a->n && k + 1 < size) {
		bool done = false;

		for (v = 0; v < RC_ARRAY_SIZE(vars) && c->project[0]; v++) {
			size_t m = strlen(vars[v]);

			if (a->n - i >= m && !memcmp(a->s + i, vars[v], m)) {
				k += (size_t)snprintf(out + k, size - k, "%s",
						      c->project);
				if (k >= size)
					k = size - 1;
				i += m;
				done = true;
				break;
			}
		}
		if (!done)
			out[k++] = a->s[i++];
	}
	out[k] = '\0';
}

static int target(struct cmake *c, const char *kind)
{
	char name[RC_MANIFEST_NAME_MAX + 1], v[RC_MANIFEST_NAME_MAX + 16];
	size_t i;

	if (!c->nargs)
		return 0;
	for (i = 1; i < c->nargs && i < CMAKE_MAX_ARGS; i++)
		if (arg_is(&c->args[i], "IMPORTED") ||
		    arg_is(&c->args[i], "ALIAS"))
			return 0;
	expand(c, &c->args[0], name, sizeof(name));
	snprintf(v, sizeof(v), "%s:%s", kind, name);
	return rc_manifest_strn(c->f, "c.target", v, strlen(v), c->path,
				c->cmd_line);
}

/* install(TARGETS a b ... [EXPORT x] [DESTINATION y]): c.install per name */
static int installed(struct cmake *c)
{
	char name[RC_MANIFEST_NAME_MAX + 1];
	size_t i;
	int e;

	if (!c->nargs || !arg_is(&c->args[0], "TARGETS"))
		return 0;
	for (i = 1; i < c->nargs && i < CMAKE_MAX_ARGS; i++) {
		const struct cmake_arg *a = &c->args[i];

		if (a->n && a->s[0] >= 'A' && a->s[0] <= 'Z' &&
		    strspn(a->s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == a->n)
			break; /* EXPORT, DESTINATION, RUNTIME, ... */
		expand(c, a, name, sizeof(name));
		e = rc_manifest_strn(c->f, "c.install", name, strlen(name),
				     c->path, c->cmd_line);
		if (e)
			return e;
	}
	return 0;
}

/* Test frameworks are development dependencies wherever they are found. */
static bool test_framework(const char *s, size_t n)
{
	static const char *const names[] = {
		"GTest",   "gtest",	"GMock",    "Catch2",
		"cmocka",  "Check",	"check",    "Unity",
		"doctest", "benchmark", "CppUTest", "Boost.Test"
	};
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(names); i++)
		if (rc_manifest_eq(s, n, names[i]))
			return true;
	return false;
}

static int cdep(struct cmake *c, const struct cmake_arg *a, size_t n,
		const char *note)
{
	return rc_manifest_dep(c->f, c->test_dir || test_framework(a->s, n),
			       "c", a->s, n, c->path, a->line, note);
}

static int pkg_modules(struct cmake *c, const char *note)
{
	static const char *const options[] = {
		"REQUIRED",	   "QUIET",
		"NO_CMAKE_PATH",   "NO_CMAKE_ENVIRONMENT_PATH",
		"IMPORTED_TARGET", "GLOBAL"
	};
	size_t i, k, n = c->nargs < CMAKE_MAX_ARGS ? c->nargs : CMAKE_MAX_ARGS;
	int e;

	for (i = 1; i < n; i++) {
		const struct cmake_arg *a = &c->args[i];
		size_t len = 0;

		for (k = 0; k < RC_ARRAY_SIZE(options); k++)
			if (arg_is(a, options[k]))
				break;
		if (k < RC_ARRAY_SIZE(options) || !a->n)
			continue;
		/* "mod >= 1.0" as three arguments: skip the operator and
		 * the version */
		if (one_of("<>=", a->s[0])) {
			i++;
			continue;
		}
		while (len < a->n && !one_of("<>=", a->s[len]))
			len++;
		if ((e = cdep(c, a, len, note)))
			return e;
	}
	return 0;
}

static int command(struct cmake *c)
{
	size_t i;
	int e;

	if (cmd_is(c, "project") && c->nargs) {
		const struct cmake_arg *a = &c->args[0];

		if (a->n <= RC_MANIFEST_NAME_MAX && !c->project[0]) {
			memcpy(c->project, a->s, a->n);
			c->project[a->n] = '\0';
		}
		if ((e = rc_manifest_strn(c->f, "manifest.name", a->s, a->n,
					  c->path, a->line)))
			return e;
		for (i = 1; i + 1 < c->nargs && i + 1 < CMAKE_MAX_ARGS; i++)
			if (arg_is(&c->args[i], "VERSION") &&
			    !memchr(c->args[i + 1].s, '$', c->args[i + 1].n))
				/* ${X}.${Y}: computed, not a version */
				return rc_manifest_strn(
					c->f, "manifest.version",
					c->args[i + 1].s, c->args[i + 1].n,
					c->path, c->args[i + 1].line);
		return 0;
	}
	if (cmd_is(c, "add_executable"))
		return target(c, "executable");
	if (cmd_is(c, "add_library"))
		return target(c, "library");
	if (cmd_is(c, "install"))
		return installed(c);
	/* find_package(PkgConfig) only loads pkg_check_modules() */
	if (cmd_is(c, "find_package") && c->nargs &&
	    !arg_is(&c->args[0], "PkgConfig"))
		return cdep(c, &c->args[0], c->args[0].n, "find_package");
	if (cmd_is(c, "pkg_check_modules"))
		return pkg_modules(c, "pkg_check_modules");
	if (cmd_is(c, "pkg_search_module"))
		return pkg_modules(c, "pkg_search_module");
	return 0;
}

static bool ident_start(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       ch == '_';
}

static bool ident_char(char ch)
{
	return ident_start(ch) || (ch >= '0' && ch <= '9');
}

/* Is a directory of path (not the file name) a test directory? */
static bool in_test_dir(const char *path)
{
	const char *p = path, *slash;

	while ((slash = strchr(p, '/'))) {
		size_t n = (size_t)(slash - p);

		if (rc_manifest_ieq(p, n, "test") ||
		    rc_manifest_ieq(p, n, "tests") ||
		    rc_manifest_ieq(p, n, "testing") ||
		    rc_manifest_ieq(p, n, "unittest") ||
		    rc_manifest_ieq(p, n, "unittests"))
			return true;
		p = slash + 1;
	}
	return false;
}

int rc_collect_cmake(struct rc_facts *f, struct rc_diags *d, const char *path,
		     const char *buf, size_t len)
{
	struct cmake c;
	int e;

	if ((e = rc_manifest_begin(f, path)))
		return e;
	memset(&c, 0, sizeof(c));
	c.f = f;
	c.d = d;
	c.path = path;
	c.p = c.bol = buf;
	c.end = buf + len;
	c.line = 1;
	c.test_dir = in_test_dir(path);
	for (;;) {
		const char *start;

		if ((e = cskip(&c)) || c.p >= c.end)
			return e;
		start = c.p;
		if (!ident_start(*c.p))
			return cerror(&c, c.line, ccol(&c, start),
				      "expected a command name");
		while (c.p < c.end && ident_char(*c.p))
			c.p++;
		c.cmd = start;
		c.cmd_len = (size_t)(c.p - start);
		c.cmd_line = c.line;
		while (c.p < c.end && (*c.p == ' ' || *c.p == '\t'))
			c.p++;
		if (c.p >= c.end || *c.p != '(')
			return cerror(&c, c.line, ccol(&c, c.p),
				      "expected '(' after the command name");
		if (!cargs(&c, &e))
			return e;
		if ((e = command(&c)))
			return e;
	}
}

/* meson.build */

static bool mpunct(const struct rc_tok *t, char ch)
{
	return t->type == RC_TOK_PUNCT && t->s[0] == ch;
}

static bool mident(const struct rc_tok *t, const char *w)
{
	return t->type == RC_TOK_IDENT && rc_manifest_eq(t->s, t->n, w);
}

static const char *meson_target(const struct rc_tok *t)
{
	static const char *const libs[] = { "library", "shared_library",
					    "static_library",
					    "both_libraries" };
	size_t i;

	if (mident(t, "executable"))
		return "executable";
	for (i = 0; i < RC_ARRAY_SIZE(libs); i++)
		if (mident(t, libs[i]))
			return "library";
	return NULL;
}

/* Inside project(...) after the name: version: and license: keywords. */
static int meson_project(struct rc_facts *f, const char *path,
			 struct rc_lex *lx, struct rc_tok *t)
{
	unsigned depth = 1;
	int e;

	while (depth && t->type != RC_TOK_EOF && !t->unterminated) {
		struct rc_tok key = *t;

		rc_lex_next(lx, t);
		if (mpunct(&key, '(') || mpunct(&key, '['))
			depth++;
		else if (mpunct(&key, ')') || mpunct(&key, ']'))
			depth--;
		if (depth != 1 || key.type != RC_TOK_IDENT || !mpunct(t, ':'))
			continue;
		rc_lex_next(lx, t);
		if (mpunct(t, '[')) {
			/* a list: its first string */
			depth++;
			rc_lex_next(lx, t);
		}
		if (t->type != RC_TOK_STRING || t->unterminated)
			continue;
		if (mident(&key, "version"))
			e = rc_manifest_strn(f, "manifest.version", t->s, t->n,
					     path, t->line);
		else if (mident(&key, "license"))
			e = rc_manifest_strn(f, "manifest.license", t->s, t->n,
					     path, t->line);
		else
			e = 0;
		if (e)
			return e;
	}
	return 0;
}

int rc_collect_meson(struct rc_facts *f, struct rc_diags *d, const char *path,
		     const char *buf, size_t len)
{
	struct rc_lex lx;
	struct rc_tok t;
	bool test_dir = in_test_dir(path);
	int e;

	if ((e = rc_manifest_begin(f, path)))
		return e;
	rc_lex_init(&lx, buf, len, RC_LEX_HASH);
	rc_lex_next(&lx, &t);
	while (t.type != RC_TOK_EOF && !t.unterminated) {
		struct rc_tok fn = t;
		const char *kind = meson_target(&fn);
		bool proj = mident(&fn, "project"),
		     dep = mident(&fn, "dependency");

		rc_lex_next(&lx, &t);
		if (!(kind || proj || dep) || !mpunct(&t, '('))
			continue;
		rc_lex_next(&lx, &t);
		if (t.type != RC_TOK_STRING || t.unterminated)
			continue;
		if (kind) {
			char v[RC_MANIFEST_NAME_MAX + 16];

			snprintf(v, sizeof(v), "%s:%.*s", kind,
				 (int)(t.n > RC_MANIFEST_NAME_MAX
					       ? RC_MANIFEST_NAME_MAX
					       : t.n),
				 t.s);
			e = rc_manifest_strn(f, "c.target", v, strlen(v), path,
					     fn.line);
		} else if (dep) {
			e = rc_manifest_dep(
				f, test_dir || test_framework(t.s, t.n), "c",
				t.s, t.n, path, t.line, "dependency()");
		} else {
			e = rc_manifest_strn(f, "manifest.name", t.s, t.n, path,
					     t.line);
			if (!e) {
				rc_lex_next(&lx, &t);
				e = meson_project(f, path, &lx, &t);
			}
		}
		if (e)
			return e;
		if (t.type == RC_TOK_STRING && !t.unterminated)
			rc_lex_next(&lx, &t);
	}
	if (t.unterminated)
		return rc_diags_add(d, RC_DIAG_ERROR, path, t.line, t.col,
				    "unterminated string");
	return 0;
}
