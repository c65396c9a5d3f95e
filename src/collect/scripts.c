#include "../core/common.h"
#include "scripts.h"
#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/str.h"

#include <stdio.h>

#define MAX_LINES      4000 /* command lines kept per file */
#define MAX_LINE       2048 /* bytes of one logical line */
#define MAX_EXPANSIONS 512  /* targets and scripts followed per scan */

bool rc_collect_is_makefile(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	return !strcmp(base, "Makefile") || !strcmp(base, "makefile") ||
	       !strcmp(base, "GNUmakefile") || rc_str_ends_with(base, ".mk");
}

/* Extension-less files in these directories may be scripts (.ci/run). */
static bool script_dir(const char *path)
{
	static const char *const dirs[] = {
		".ci/",	 "ci/",	   "scripts/",	      "bin/",
		"hack/", "tools/", ".github/scripts/"
	};
	const char *base = strrchr(path, '/');
	size_t i;

	if (!base || strchr(base, '.'))
		return false;
	for (i = 0; i < RC_ARRAY_SIZE(dirs); i++)
		if (rc_str_starts_with(path, dirs[i]))
			return true;
	return false;
}

bool rc_collect_is_script(const char *path, const char *buf, size_t len)
{
	const char *nl;
	size_t n;

	if (rc_str_ends_with(path, ".sh") || rc_str_ends_with(path, ".bash"))
		return true;
	if (!buf)
		return script_dir(path); /* a candidate: the shebang decides */
	if (len < 4 || buf[0] != '#' || buf[1] != '!')
		return false;
	nl = memchr(buf, '\n', len < 128 ? len : 128);
	n = nl ? (size_t)(nl - buf) : (len < 128 ? len : 128);
	return rc_str_icase_find(buf, n, "sh") &&
	       (rc_str_icase_find(buf, n, "/sh") ||
		rc_str_icase_find(buf, n, "bash") ||
		rc_str_icase_find(buf, n, "dash") ||
		rc_str_icase_find(buf, n, "zsh"));
}

/* Next logical line (backslash-newline joined) into out; its first line
 * number in *line. False at the end. */
struct lines {
	const char *p, *end;
	unsigned next;
};

static bool next_line(struct lines *it, struct rc_buf *out, unsigned *line)
{
	bool first = true;

	rc_buf_reset(out);
	if (it->p >= it->end)
		return false;
	*line = it->next;
	while (it->p < it->end) {
		const char *nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
		const char *b = it->p, *e = nl ? nl : it->end;
		bool cont;

		if (e > b && e[-1] == '\r')
			e--;
		cont = e > b && e[-1] == '\\';
		if (cont)
			e--;
		if (!first) /* continuation: one space for the line break */
			while (b < e && (*b == ' ' || *b == '\t'))
				b++;
		while (cont && e > b && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (out->len + (size_t)(e - b) < MAX_LINE)
			rc_buf_add(out, b, (size_t)(e - b));
		it->p = nl ? nl + 1 : it->end;
		it->next++;
		if (!cont)
			break;
		rc_buf_addc(out, ' ');
		first = false;
	}
	return true;
}

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* A rule line "a b: c d" (not an assignment); targets end at *colon. */
static const char *rule_colon(const char *s)
{
	const char *c = s;

	for (; *c; c++) {
		if (*c == '=' || *c == '#')
			return NULL;
		if (*c == ':') {
			if (c[1] == '=' || (c[1] == ':' && c[2] == '='))
				return NULL;
			return c;
		}
	}
	return NULL;
}

/* The next blank-separated word of [*cur, end) into word (NUL-terminated);
 * false at the end. Words too long for word are skipped. */
static bool next_word(const char **cur, const char *end, char *word,
		      size_t size)
{
	const char *w = *cur;
	size_t n;

	for (;;) {
		while (w < end && (*w == ' ' || *w == '\t'))
			w++;
		if (w >= end) {
			*cur = w;
			return false;
		}
		for (n = 0; w + n < end && w[n] != ' ' && w[n] != '\t'; n++)
			;
		if (n < size) {
			memcpy(word, w, n);
			word[n] = '\0';
			*cur = w + n;
			return true;
		}
		w += n;
	}
}

/* Pattern rules and variables are not names we can follow. */
static bool plain_name(const char *w)
{
	return !strchr(w, '%') && !strchr(w, '$');
}

#define MAX_TARGETS 32

/* The plain targets of the rule being read (not .PHONY and co). */
struct rule {
	char name[MAX_TARGETS][256];
	size_t n;
	unsigned line;
};

static int add_rule(struct rc_facts *f, struct rule *r, const char *s,
		    const char *colon, const char *path, unsigned line)
{
	const char *cur = s, *pre, *end;
	char word[256];
	size_t t;
	int e;

	r->n = 0;
	r->line = line;
	while (r->n < MAX_TARGETS &&
	       next_word(&cur, colon, r->name[r->n], sizeof(r->name[0])))
		if (r->name[r->n][0] != '.' && plain_name(r->name[r->n]))
			r->n++;
	for (t = 0; t < r->n; t++)
		if ((e = rc_facts_add_note(f, "make.rule", r->name[t], path,
					   line, NULL)))
			return e;
	pre = colon + (colon[1] == ':' ? 2 : 1);
	end = pre + strcspn(pre, ";#");
	for (t = 0; t < r->n; t++) {
		cur = pre;
		while (next_word(&cur, end, word, sizeof(word)))
			if (plain_name(word) &&
			    (e = rc_facts_add_note(f, "make.prereq", word, path,
						   line, r->name[t])))
				return e;
	}
	return 0;
}

static bool installs(const char *s);

int rc_collect_makefile(struct rc_facts *f, struct rc_diags *d,
			const char *path, const char *buf, size_t len)
{
	struct lines it = { buf, buf + len, 1 };
	struct rc_buf l = RC_BUF_INIT;
	struct rule rule = { .n = 0 };
	unsigned line = 0, kept = 0;
	size_t t;
	int e = 0;

	(void)d;
	while (!e && kept < MAX_LINES && next_line(&it, &l, &line)) {
		const char *s = l.ptr, *colon;

		if (s[0] == '\t' && rule.n) {
			const char *cmd = skip_ws(s);

			while (*cmd == '@' || *cmd == '-' || *cmd == '+')
				cmd++;
			if (!*cmd || *cmd == '#' || installs(cmd))
				continue;
			/* one recipe fact per target of the rule */
			for (t = 0; t < rule.n && !e; t++)
				e = rc_facts_add_note(f, "make.recipe", cmd,
						      path, line, rule.name[t]);
			kept++;
			continue;
		}
		s = skip_ws(s);
		if (!*s || *s == '#')
			continue;
		rule.n = 0;
		colon = rule_colon(s);
		if (colon)
			e = add_rule(f, &rule, s, colon, path, line);
	}
	rc_buf_release(&l);
	return e;
}

/*
 * Lines that name tools without running them: installing a package is not
 * running it ("apt-get install cppcheck" is no static analysis), nor is a
 * word in a shell array of package names.
 */
static bool installs(const char *s)
{
	static const char *const cmds[] = {
		"apt-get install", "apt install",   "apt-get -y install",
		"yum install",	   "dnf install",   "apk add",
		"brew install",	   "pip install",   "pip3 install",
		"pipx install",	   "npm install",   "npm i ",
		"yarn add",	   "pnpm add",	    "cargo install",
		"go install",	   "gem install",   "choco install",
		"snap install",	   "conda install", "cargo binstall",
	};
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(cmds); i++)
		if (strstr(s, cmds[i]))
			return true;
	return false;
}

/* "name=(" opens a shell array; true when s starts one. */
static bool array_start(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
	      *s == '_'))
		return false;
	while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
	       (*s >= '0' && *s <= '9') || *s == '_')
		s++;
	if (*s == '+')
		s++;
	return s[0] == '=' && s[1] == '(';
}

int rc_collect_script(struct rc_facts *f, struct rc_diags *d, const char *path,
		      const char *buf, size_t len)
{
	struct lines it = { buf, buf + len, 1 };
	struct rc_buf l = RC_BUF_INIT;
	unsigned line = 0, kept = 0;
	bool in_array = false;
	int e = 0;

	(void)d;
	if (!rc_collect_is_script(path, buf, len))
		return 0;
	while (!e && kept < MAX_LINES && next_line(&it, &l, &line)) {
		const char *s = skip_ws(l.ptr);

		if (!*s || *s == '#')
			continue;
		if (in_array || array_start(s)) {
			/* data, not commands, until the closing ')' */
			in_array = !strchr(s, ')');
			continue;
		}
		if (installs(s))
			continue;
		e = rc_facts_add_str(f, "script.line", s, path, line);
		kept++;
	}
	rc_buf_release(&l);
	return e;
}

/* ---- expansion ---- */

struct expand {
	struct rc_facts *f;
	char *seen[MAX_EXPANSIONS]; /* "makefile\ttarget" or a script path */
	size_t nseen;
	struct rc_buf key;
};

/* Mark key as followed: *done is true when it already was (or when the
 * expansion budget is spent). 0 or RC_ENOMEM. */
static int mark(struct expand *x, const char *key, bool *done)
{
	size_t i;

	*done = true;
	for (i = 0; i < x->nseen; i++)
		if (!strcmp(x->seen[i], key))
			return 0;
	if (x->nseen == MAX_EXPANSIONS)
		return 0;
	if (!(x->seen[x->nseen] = rc_strdup(key)))
		return RC_ENOMEM;
	x->nseen++;
	*done = false;
	return 0;
}

static int add_run(struct expand *x, const struct rc_fact *src, const char *via)
{
	return rc_facts_add_note(x->f, "ci.run", src->str, src->path, src->line,
				 via);
}

static int follow_target(struct expand *x, const char *makefile,
			 const char *target, int depth);

static int follow_target(struct expand *x, const char *makefile,
			 const char *target, int depth)
{
	const struct rc_fact *r;
	size_t it = 0;
	char via[300];
	bool done;
	int e;

	if (depth > 16)
		return 0;
	rc_buf_reset(&x->key);
	rc_buf_addf(&x->key, "%s\t%s", makefile, target);
	if (rc_buf_err(&x->key))
		return RC_ENOMEM;
	if ((e = mark(x, x->key.ptr, &done)) || done)
		return e;
	snprintf(via, sizeof(via), "via make %.280s", target);
	while ((r = rc_facts_next(x->f, "make.prereq", &it)))
		if (!strcmp(r->path, makefile) && r->note &&
		    !strcmp(r->note, target) &&
		    (e = follow_target(x, makefile, r->str, depth + 1)))
			return e;
	it = 0;
	while ((r = rc_facts_next(x->f, "make.recipe", &it)))
		if (!strcmp(r->path, makefile) && r->note &&
		    !strcmp(r->note, target) && (e = add_run(x, r, via)))
			return e;
	return 0;
}

static const char *default_target(struct rc_facts *f, const char *makefile)
{
	const struct rc_fact *r;
	size_t it = 0;

	while ((r = rc_facts_next(f, "make.rule", &it)))
		if (!strcmp(r->path, makefile))
			return r->str;
	return NULL;
}

static bool is_sep(const char *w)
{
	return !strcmp(w, "&&") || !strcmp(w, "||") || !strcmp(w, ";") ||
	       !strcmp(w, "|");
}

/* Split a command text into words (quotes dropped, separators as words). */
static size_t words(const char *s, char out[][256], size_t max)
{
	size_t n = 0;

	while (*s && n < max) {
		size_t k = 0;
		char q = 0;

		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (!*s)
			break;
		if (*s == ';' || *s == '|' || *s == '&') {
			out[n][k++] = *s;
			if ((s[0] == '&' || s[0] == '|') && s[1] == s[0])
				out[n][k++] = *++s;
			s++;
			out[n++][k] = '\0';
			continue;
		}
		while (*s && (q || (*s != ' ' && *s != '\t' && *s != '\n' &&
				    *s != ';' && *s != '|' && *s != '&'))) {
			if (!q && (*s == '"' || *s == '\'')) {
				q = *s++;
				continue;
			}
			if (q && *s == q) {
				q = 0;
				s++;
				continue;
			}
			if (k < 255)
				out[n][k++] = *s;
			s++;
		}
		out[n++][k] = '\0';
	}
	return n;
}

static bool is_make(const char *w)
{
	const char *base = strrchr(w, '/');

	base = base ? base + 1 : w;
	return !strcmp(base, "make") || !strcmp(base, "gmake") ||
	       !strcmp(w, "$(MAKE)") || !strcmp(w, "${MAKE}");
}

static int follow_make(struct expand *x, char w[][256], size_t n, size_t i,
		       int depth)
{
	char makefile[512] = "Makefile";
	const char *dir = NULL;
	bool any = false;
	int e;

	for (i++; i < n && !is_sep(w[i]); i++) {
		if (!strcmp(w[i], "-C") && i + 1 < n) {
			dir = w[++i];
		} else if (!strcmp(w[i], "-f") && i + 1 < n) {
			snprintf(makefile, sizeof(makefile), "%s", w[++i]);
		} else if ((!strcmp(w[i], "-j") || !strcmp(w[i], "-l")) &&
			   i + 1 < n && w[i + 1][0] >= '0' &&
			   w[i + 1][0] <= '9') {
			i++;
		} else if (w[i][0] == '-' || strchr(w[i], '=')) {
			continue;
		} else {
			char path[800];

			snprintf(path, sizeof(path), "%s%s%s", dir ? dir : "",
				 dir ? "/" : "", makefile);
			if ((e = follow_target(x, path, w[i], depth)))
				return e;
			any = true;
		}
	}
	if (!any) {
		char path[800];
		const char *t;

		snprintf(path, sizeof(path), "%s%s%s", dir ? dir : "",
			 dir ? "/" : "", makefile);
		t = default_target(x->f, path);
		if (t)
			return follow_target(x, path, t, depth);
	}
	return 0;
}

static int follow_script(struct expand *x, const char *word)
{
	const struct rc_fact *r;
	const char *p = word;
	size_t it = 0;
	char via[300];
	bool done;
	int e;

	while (p[0] == '.' && p[1] == '/')
		p += 2;
	if (!*p || !rc_facts_file(x->f, p))
		return 0;
	if ((e = mark(x, p, &done)) || done)
		return e;
	snprintf(via, sizeof(via), "via %.280s", p);
	while ((r = rc_facts_next(x->f, "script.line", &it)))
		if (!strcmp(r->path, p) && (e = add_run(x, r, via)))
			return e;
	return 0;
}

int rc_collect_ci_expand(struct rc_facts *f)
{
	char w[64][256];
	struct expand x = { 0 };
	const struct rc_fact *run;
	size_t it = 0, n, i;
	int e = 0;

	x.f = f;
	rc_buf_init(&x.key, 4096);
	/* facts added while iterating are visited too: a worklist */
	while (!e && (run = rc_facts_next(f, "ci.run", &it))) {
		char text[4096];

		snprintf(text, sizeof(text), "%s", run->str);
		n = words(text, w, RC_ARRAY_SIZE(w));
		for (i = 0; i < n && !e; i++) {
			if (is_make(w[i]))
				e = follow_make(&x, w, n, i, 0);
			else if (strchr(w[i], '/') ||
				 rc_str_ends_with(w[i], ".sh"))
				e = follow_script(&x, w[i]);
		}
	}
	rc_buf_release(&x.key);
	for (i = 0; i < x.nseen; i++)
		rc_free(x.seen[i]);
	return e;
}
