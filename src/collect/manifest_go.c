/*
 * manifest_go.c - go.mod and Go sources.
 *
 * go.mod is line-oriented: a directive and its arguments, or a directive
 * followed by '(' and one entry per line up to ')'. Arguments are bare
 * words or "quoted"/`raw` strings; '//' starts a comment, and a require
 * whose comment says "indirect" is a dependency of a dependency (not
 * recorded). replace, exclude, retract, tool, godebug and ignore are
 * recognised and ignored.
 */
#include "../core/common.h"
#include "manifest.h"
#include "code.h"
#include "manifest_util.h"
#include "../core/str.h"

#include <stdio.h>

#define MAX_ARGS 8

struct gomod_line {
	const char *arg[MAX_ARGS];
	size_t len[MAX_ARGS];
	unsigned col[MAX_ARGS];
	size_t n;
	bool indirect;
	bool unterminated;
	unsigned bad_col; /* column of an unterminated string */
};

/* Split a line into words and the trailing comment. */
static void split(const char *s, size_t n, struct gomod_line *out)
{
	size_t i = 0;

	memset(out, 0, sizeof(*out));
	while (i < n) {
		size_t start;

		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
			i++;
			continue;
		}
		if (s[i] == '/' && i + 1 < n && s[i + 1] == '/') {
			const char *c = s + i + 2;
			size_t cn = n - i - 2;

			rc_manifest_trim(&c, &cn);
			out->indirect = cn >= 8 && !memcmp(c, "indirect", 8) &&
					(cn == 8 || c[8] == ';' || c[8] == ' ');
			return;
		}
		start = i;
		if (s[i] == '"' || s[i] == '`') {
			char q = s[i++];

			while (i < n && s[i] != q) {
				if (q == '"' && s[i] == '\\' && i + 1 < n)
					i++;
				i++;
			}
			if (i >= n) {
				out->unterminated = true;
				out->bad_col = (unsigned)start + 1;
				return;
			}
			if (out->n < MAX_ARGS) {
				out->arg[out->n] = s + start + 1;
				out->len[out->n] = i - start - 1;
				out->col[out->n] = (unsigned)start + 1;
			}
			i++;
		} else {
			while (i < n && s[i] != ' ' && s[i] != '\t' &&
			       !(s[i] == '/' && i + 1 < n && s[i + 1] == '/'))
				i++;
			if (out->n < MAX_ARGS) {
				out->arg[out->n] = s + start;
				out->len[out->n] = i - start;
				out->col[out->n] = (unsigned)start + 1;
			}
		}
		out->n++;
	}
}

static const char *const known[] = { "module",	"go",	   "toolchain",
				     "require", "replace", "exclude",
				     "retract", "tool",	   "godebug",
				     "ignore" };

static bool known_directive(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(known); i++)
		if (rc_manifest_eq(s, n, known[i]))
			return true;
	return false;
}

/* One entry of a directive: args[first..] of l. */
static int entry(struct rc_facts *f, struct rc_diags *d, const char *path,
		 unsigned line, const char *dir, size_t dirn,
		 const struct gomod_line *l, size_t first)
{
	size_t argc = l->n - first;
	unsigned col = first < l->n && first < MAX_ARGS ? l->col[first] : 1;

	if (rc_manifest_eq(dir, dirn, "module")) {
		if (argc != 1)
			return rc_diags_add(d, RC_DIAG_ERROR, path, line, col,
					    "expected a module path");
		return rc_manifest_strn(f, "manifest.name", l->arg[first],
					l->len[first], path, line);
	}
	if (rc_manifest_eq(dir, dirn, "go")) {
		if (argc != 1)
			return rc_diags_add(d, RC_DIAG_ERROR, path, line, col,
					    "expected a go version");
		return rc_manifest_strn(f, "go.version", l->arg[first],
					l->len[first], path, line);
	}
	if (rc_manifest_eq(dir, dirn, "require")) {
		if (argc != 2)
			return rc_diags_add(d, RC_DIAG_ERROR, path, line, col,
					    "expected a module path and a "
					    "version");
		if (l->indirect)
			return 0;
		return rc_manifest_dep(f, false, "go", l->arg[first],
				       l->len[first], path, line, "require");
	}
	return 0;
}

int rc_collect_gomod(struct rc_facts *f, struct rc_diags *d, const char *path,
		     const char *buf, size_t len)
{
	struct rc_manifest_lines it;
	struct gomod_line l;
	char block[16] = "";
	unsigned block_line = 0;
	const char *s;
	size_t n;
	int e;

	if ((e = rc_manifest_begin(f, path)))
		return e;
	rc_manifest_lines_init(&it, buf, len);
	while (rc_manifest_lines_next(&it, &s, &n)) {
		split(s, n, &l);
		if (l.unterminated) {
			if ((e = rc_diags_add(d, RC_DIAG_ERROR, path, it.line,
					      l.bad_col,
					      "unterminated string")))
				return e;
			continue;
		}
		if (!l.n)
			continue;
		if (block[0]) {
			if (rc_manifest_eq(l.arg[0], l.len[0], ")")) {
				block[0] = '\0';
				continue;
			}
			if ((e = entry(f, d, path, it.line, block,
				       strlen(block), &l, 0)))
				return e;
			continue;
		}
		if (!known_directive(l.arg[0], l.len[0])) {
			if ((e = rc_diags_add(
				     d, RC_DIAG_ERROR, path, it.line, l.col[0],
				     "unknown directive '%.*s'",
				     (int)(l.len[0] > 40 ? 40 : l.len[0]),
				     l.arg[0])))
				return e;
			continue;
		}
		if (l.n == 2 && rc_manifest_eq(l.arg[1], l.len[1], "(")) {
			memcpy(block, l.arg[0], l.len[0]);
			block[l.len[0]] = '\0';
			block_line = it.line;
			continue;
		}
		if ((e = entry(f, d, path, it.line, l.arg[0], l.len[0], &l, 1)))
			return e;
	}
	if (block[0])
		return rc_diags_add(d, RC_DIAG_ERROR, path,
				    it.line ? it.line : 1, 1,
				    "expected ')' to close the '%s' block "
				    "of line %u",
				    block, block_line);
	return 0;
}

/* Go sources */

static bool word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

static bool at(const char *s, size_t n, size_t i, const char *w)
{
	size_t m = strlen(w);

	return n - i >= m && !memcmp(s + i, w, m);
}

/*
 * A server start in line s[0..n): "ListenAndServe(" or
 * "ListenAndServeTLS(" with its receiver ("http.", "srv.", ...), or
 * "grpc.NewServer(". The call text into *call and *cn.
 */
static bool server_call(const char *s, size_t n, const char **call, size_t *cn)
{
	size_t i, b, m;

	for (i = 0; i < n; i++) {
		if (i && word_char(s[i - 1]))
			continue;
		if (at(s, n, i, "grpc.NewServer(")) {
			*call = s + i;
			*cn = strlen("grpc.NewServer");
			return true;
		}
		if (!at(s, n, i, "ListenAndServe"))
			continue;
		m = strlen("ListenAndServe");
		if (at(s, n, i + m, "TLS"))
			m += 3;
		if (!at(s, n, i + m, "("))
			continue;
		b = i;
		if (b && s[b - 1] == '.')
			while (b && (word_char(s[b - 1]) || s[b - 1] == '.'))
				b--;
		*call = s + b;
		*cn = i + m - b;
		return true;
	}
	return false;
}

/* database/sql: db.client "database/sql" at the first sql.Open( call. */
static int go_sql_open(struct rc_facts *f, const char *path, const char *buf,
		       size_t len)
{
	const char *hit = rc_str_find(buf, len, "sql.Open(", 9), *p;
	unsigned line = 1;

	if (!hit)
		return 0;
	for (p = buf; p < hit; p++)
		line += *p == '\n';
	return rc_facts_add_note(f, "db.client", "database/sql", path, line,
				 "sql");
}

/* A main package that loops forever over a sleep or a ticker: code.loop. */
static int go_loop(struct rc_facts *f, const char *path, const char *buf,
		   size_t len)
{
	static const char *const loops[] = { "for {", NULL };
	static const char *const waits[] = { "time.Sleep(",
					     "time.NewTicker(",
					     "time.Tick(",
					     ".FetchMessage(",
					     ".ReadMessage(",
					     ".PollFetches(",
					     NULL };
	const char *lp, *wt;
	unsigned line = rc_code_endless_loop(buf, len, loops, waits, &lp, &wt);
	char note[64];

	if (!line)
		return 0;
	snprintf(note, sizeof(note), "with %s", wt);
	return rc_facts_add_note(f, "code.loop", lp, path, line, note);
}

int rc_collect_go_source(struct rc_facts *f, struct rc_diags *d,
			 const char *path, const char *buf, size_t len)
{
	struct rc_manifest_lines it;
	bool in_comment = false, have_package = false, is_main = false;
	const char *s;
	size_t n;
	int e;

	(void)d;
	if ((e = go_sql_open(f, path, buf, len)))
		return e;
	rc_manifest_lines_init(&it, buf, len);
	while (rc_manifest_lines_next(&it, &s, &n)) {
		const char *call;
		size_t cn;

		rc_manifest_trim(&s, &n);
		if (in_comment) {
			const char *end = NULL;
			size_t i;

			for (i = 0; i + 1 < n && !end; i++)
				if (s[i] == '*' && s[i + 1] == '/')
					end = s + i + 2;
			if (!end)
				continue;
			in_comment = false;
			n -= (size_t)(end - s);
			s = end;
			rc_manifest_trim(&s, &n);
		}
		if (!n || (n >= 2 && s[0] == '/' && s[1] == '/'))
			continue;
		if (n >= 2 && s[0] == '/' && s[1] == '*') {
			size_t i;

			in_comment = true;
			for (i = 2; i + 1 < n; i++)
				if (s[i] == '*' && s[i + 1] == '/') {
					in_comment = false;
					break;
				}
			continue;
		}
		if (!have_package) {
			have_package = true;
			if (n >= 12 && !memcmp(s, "package", 7) &&
			    (s[7] == ' ' || s[7] == '\t')) {
				const char *p = s + 8;
				size_t pn = n - 8;

				rc_manifest_trim(&p, &pn);
				if (pn >= 4 && !memcmp(p, "main", 4) &&
				    (pn == 4 || !word_char(p[4]))) {
					is_main = true;
					if ((e = rc_facts_add_str(f, "go.main",
								  path, path,
								  it.line)))
						return e;
				}
			}
			continue;
		}
		if (server_call(s, n, &call, &cn))
			return rc_manifest_strn(f, "go.listen", call, cn, path,
						it.line);
	}
	return is_main ? go_loop(f, path, buf, len) : 0;
}
