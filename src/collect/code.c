/*
 * code.c - source code by path, and the test-to-source line ratio (code.h).
 */
#include "../core/common.h"
#include "code.h"
#include "../core/lang.h"
#include "manifest_util.h"
#include "../core/buf.h"
#include "../core/str.h"

#include <stdio.h>

bool rc_code_wants_rust(const char *path)
{
	return rc_str_ends_with(path, ".rs") && !rc_code_is_test(path);
}

bool rc_code_wants_python(const char *path)
{
	return rc_str_ends_with(path, ".py") && !rc_code_is_test(path);
}

/* Next line of buf from *p: its text without leading blanks in *s and *n. */
static bool next_line(const char **p, const char *end, const char **s,
		      size_t *n)
{
	const char *nl, *eol;

	if (*p >= end)
		return false;
	nl = memchr(*p, '\n', (size_t)(end - *p));
	eol = nl ? nl : end;
	*s = *p;
	while (*s < eol && (**s == ' ' || **s == '\t'))
		(*s)++;
	*n = (size_t)(eol - *s);
	while (*n && ((*s)[*n - 1] == '\r' || (*s)[*n - 1] == ' '))
		(*n)--;
	*p = nl ? nl + 1 : end;
	return true;
}

static bool starts(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && !memcmp(s, prefix, k);
}

static const char *find(const char *buf, size_t len, const char *needle)
{
	return rc_str_find(buf, len, needle, strlen(needle));
}

unsigned rc_code_endless_loop(const char *buf, size_t len,
			      const char *const *loops,
			      const char *const *waits, const char **loop,
			      const char **wait)
{
	const char *p = buf, *end = buf + len, *s;
	unsigned line = 0, at = 0;
	size_t n, i;

	*loop = *wait = NULL;
	for (i = 0; waits[i] && !*wait; i++)
		if (find(buf, len, waits[i]))
			*wait = waits[i];
	if (!*wait)
		return 0;
	while (!at && next_line(&p, end, &s, &n)) {
		line++;
		for (i = 0; loops[i]; i++)
			if (starts(s, n, loops[i]) &&
			    (n == strlen(loops[i]) ||
			     s[strlen(loops[i])] == ' ' ||
			     s[strlen(loops[i])] == '#' ||
			     s[strlen(loops[i]) - 1] == '{')) {
				*loop = loops[i];
				at = line;
				break;
			}
	}
	if (!at)
		*wait = NULL;
	return at;
}

static int add_loop(struct rc_facts *f, const char *path, unsigned line,
		    const char *loop, const char *wait)
{
	char note[96];

	snprintf(note, sizeof(note), "with %s", wait);
	return rc_facts_add_note(f, "code.loop", loop, path, line, note);
}

/* Rust binaries: src/main.rs, src/bin/NAME.rs (of any crate). */
static bool rust_binary(const char *path)
{
	const char *src;

	for (src = path; (src = strstr(src, "src/")); src++)
		if ((src == path || src[-1] == '/') &&
		    (!strcmp(src, "src/main.rs") ||
		     (!strncmp(src, "src/bin/", 8) && !strchr(src + 8, '/'))))
			return true;
	return false;
}

int rc_collect_rust_source(struct rc_facts *f, struct rc_diags *d,
			   const char *path, const char *buf, size_t len)
{
	static const char mark[] = "#[cfg(test)]";
	const char *at = NULL, *p = buf, *end = buf + len;
	size_t lines = 0;

	(void)d;
	if (rust_binary(path)) {
		static const char *const loops[] = { "loop {", NULL };
		static const char *const waits[] = {
			"sleep(",	 "interval(",	  ".tick()", ".recv()",
			".recv().await", ".next().await", "poll(",   NULL
		};
		const char *lp, *wt;
		unsigned ln =
			rc_code_endless_loop(buf, len, loops, waits, &lp, &wt);
		int e;

		if (ln && (e = add_loop(f, path, ln, lp, wt)))
			return e;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		const char *s = p;

		while (s < eol && (*s == ' ' || *s == '\t'))
			s++;
		if (!at && (size_t)(eol - s) >= sizeof(mark) - 1 &&
		    !memcmp(s, mark, sizeof(mark) - 1))
			at = p;
		if (at)
			lines++;
		p = nl ? nl + 1 : end;
	}
	if (!at)
		return 0;
	return rc_facts_add_num(f, "code.rust.test_lines", (double)lines, path,
				0);
}

/* A Python module that a program starts from: __main__.py, or a module with
 * a main() or a __main__ guard. */
static bool python_entry(const char *path, const char *buf, size_t len)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	return !strcmp(base, "__main__.py") || find(buf, len, "def main(") ||
	       find(buf, len, "__name__ == \"__main__\"") ||
	       find(buf, len, "__name__ == '__main__'");
}

/* The standard library's servers: http.server, socketserver, wsgiref. */
static const char *python_server(const char *buf, size_t len, unsigned *line)
{
	static const char *const servers[] = {
		"ThreadingHTTPServer(", "HTTPServer(",	"ThreadingTCPServer(",
		"ForkingTCPServer(",	"TCPServer(",	"ThreadingUDPServer(",
		"UDPServer(",		"make_server(", NULL
	};
	const char *p = buf, *end = buf + len, *s;
	size_t n, i;
	unsigned l = 0;

	if (!find(buf, len, "serve_forever("))
		return NULL;
	if (!find(buf, len, "http.server") && !find(buf, len, "socketserver") &&
	    !find(buf, len, "wsgiref"))
		return NULL;
	while (next_line(&p, end, &s, &n)) {
		l++;
		if (!n || s[0] == '#')
			continue;
		for (i = 0; servers[i]; i++) {
			const char *hit = rc_str_find(s, n, servers[i],
						      strlen(servers[i]));

			/* a call, not "class X(HTTPServer):" nor an import */
			if (hit && !starts(s, n, "class ") &&
			    !starts(s, n, "from ") &&
			    !starts(s, n, "import ")) {
				*line = l;
				return servers[i];
			}
		}
	}
	return NULL;
}

/* The standard library's SQLite: db.client "sqlite3" at the first
 * sqlite3.connect( line. */
static int python_sqlite(struct rc_facts *f, const char *path, const char *buf,
			 size_t len)
{
	const char *p = buf, *end = buf + len, *s;
	size_t n;
	unsigned l = 0;

	if (!find(buf, len, "sqlite3.connect("))
		return 0;
	while (next_line(&p, end, &s, &n)) {
		l++;
		if (n && s[0] != '#' &&
		    rc_str_find(s, n, "sqlite3.connect(", 16))
			return rc_facts_add_note(f, "db.client", "sqlite3",
						 path, l, "sqlite");
	}
	return 0;
}

int rc_collect_python_source(struct rc_facts *f, struct rc_diags *d,
			     const char *path, const char *buf, size_t len)
{
	static const char *const loops[] = { "while True:",
					     "while 1:",
					     "while running:",
					     "while self.running:",
					     "while not stop",
					     "while not shutdown",
					     "while not self._stop",
					     "while not self.stop",
					     NULL };
	static const char *const waits[] = { "time.sleep(",
					     "asyncio.sleep(",
					     "sleep(",
					     ".poll(",
					     ".consume(",
					     ".basic_consume(",
					     "schedule.run_pending(",
					     ".wait(",
					     NULL };
	const char *srv, *lp, *wt;
	unsigned line = 0;
	int e;

	(void)d;
	if ((e = python_sqlite(f, path, buf, len)))
		return e;
	if ((srv = python_server(buf, len, &line))) {
		char v[64];

		snprintf(v, sizeof(v), "%.*s", (int)strlen(srv) - 1, srv);
		if ((e = rc_facts_add_note(f, "python.listen", v, path, line,
					   "serve_forever")))
			return e;
	}
	if (!python_entry(path, buf, len))
		return 0;
	line = rc_code_endless_loop(buf, len, loops, waits, &lp, &wt);
	return line ? add_loop(f, path, line, lp, wt) : 0;
}

int rc_collect_code_stats(struct rc_facts *f)
{
	const struct rc_fact *x;
	char note[128];
	double src = 0, test = 0, inline_tests = 0;
	size_t i, n = rc_facts_file_count(f), it = 0;
	int e;

	for (i = 0; i < n; i++) {
		const struct rc_file_entry *fe = rc_facts_file_at(f, i);

		if (!fe ||
		    (fe->flags &
		     (RC_FILE_BINARY | RC_FILE_SKIPPED | RC_FILE_SYMLINK)) ||
		    !rc_code_language(fe->path) ||
		    rc_manifest_foreign(fe->path))
			continue;
		if (rc_code_is_test(fe->path))
			test += (double)fe->lines;
		else
			src += (double)fe->lines;
	}
	while ((x = rc_facts_next(f, "code.rust.test_lines", &it)))
		if (x->type == RC_FACT_NUM && !rc_manifest_foreign(x->path))
			inline_tests += x->num;
	if (inline_tests > src)
		inline_tests = src;
	src -= inline_tests;
	test += inline_tests;
	if ((e = rc_facts_add_num(f, "code.lines.source", src, NULL, 0)) ||
	    (e = rc_facts_add_num(f, "code.lines.test", test, NULL, 0)))
		return e;
	if (src <= 0)
		return 0;
	snprintf(note, sizeof(note), "%.0f test lines / %.0f source lines",
		 test, src);
	return rc_facts_add_num_note(f, "code.test_ratio", test / src, NULL, 0,
				     note);
}
