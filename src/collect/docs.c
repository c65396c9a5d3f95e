/*
 * docs.c - the headings of the project's documentation (docs.h).
 */
#include "../core/common.h"
#include "docs.h"
#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/str.h"
#include "../core/vec.h"

#include <strings.h>

#define MAX_HEADINGS 1000
#define MAX_TITLE    200

enum doc_format { DOC_NONE, DOC_MD, DOC_RST, DOC_ADOC };

static enum doc_format format_of(const char *base)
{
	const char *dot = strrchr(base, '.');

	if (!dot)
		return DOC_NONE;
	if (!strcasecmp(dot, ".md") || !strcasecmp(dot, ".markdown"))
		return DOC_MD;
	if (!strcasecmp(dot, ".rst"))
		return DOC_RST;
	if (!strcasecmp(dot, ".adoc"))
		return DOC_ADOC;
	return DOC_NONE;
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

bool rc_collect_is_plan(const char *path)
{
	static const char *const prefixes[] = { "todo", "fixme", "roadmap" };
	static const char *const words[] = { "roadmap", "readiness",
					     "checklist" };
	const char *base = base_of(path);
	size_t i, n = strlen(base);

	for (i = 0; i < RC_ARRAY_SIZE(prefixes); i++)
		if (!strncasecmp(base, prefixes[i], strlen(prefixes[i])))
			return true;
	for (i = 0; i < RC_ARRAY_SIZE(words); i++)
		if (rc_str_icase_find(base, n, words[i]))
			return true;
	return false;
}

/* A `docs` or `doc` directory among the components of path. */
static bool in_docs(const char *path)
{
	const char *p = path, *slash;

	while ((slash = strchr(p, '/'))) {
		size_t n = (size_t)(slash - p);

		if ((n == 4 && !strncasecmp(p, "docs", 4)) ||
		    (n == 3 && !strncasecmp(p, "doc", 3)))
			return true;
		p = slash + 1;
	}
	return false;
}

bool rc_collect_is_doc(const char *path)
{
	const char *base = base_of(path);

	if (format_of(base) == DOC_NONE)
		return false;
	/* .github/ holds templates; only the community files count */
	if (rc_str_starts_with(path, ".github/"))
		return !strchr(path + 8, '/') &&
		       (!strncasecmp(base, "CONTRIBUTING", 12) ||
			!strncasecmp(base, "SECURITY", 8) ||
			!strncasecmp(base, "SUPPORT", 7));
	return base == path || in_docs(path) || !strncasecmp(base, "README", 6);
}

/* What a line is. */
enum line_kind { L_BLANK, L_CONTENT, L_TASK, L_HEADING, L_UNDERLINE };

struct line {
	const char *s; /* without leading blanks */
	size_t n;      /* without trailing blanks */
	size_t indent;
	enum line_kind kind;
	unsigned level; /* L_HEADING */
};

static bool task_item(const char *s, size_t n)
{
	size_t i = 0;

	if (n && (s[0] == '-' || s[0] == '*' || s[0] == '+'))
		i = 1;
	else {
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (!i || i >= n || (s[i] != '.' && s[i] != ')'))
			return false;
		i++;
	}
	if (i >= n || (s[i] != ' ' && s[i] != '\t'))
		return false;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i + 2 < n && s[i] == '[' &&
	       (s[i + 1] == ' ' || s[i + 1] == 'x' || s[i + 1] == 'X') &&
	       s[i + 2] == ']';
}

/* A line made of one punctuation character repeated (rst adornment,
 * Markdown setext underline). */
static char adornment(const char *s, size_t n)
{
	static const char chars[] = "=-~^\"'`#*+:._";
	size_t i;

	if (n < 3 || !strchr(chars, s[0]))
		return 0;
	for (i = 1; i < n; i++)
		if (s[i] != s[0])
			return 0;
	return s[0];
}

struct doc {
	RC_VEC(struct line) lines;
	char rst_chars[8]; /* rst adornments in order of appearance */
	size_t nrst;
};

static int split(struct doc *d, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		struct line l;

		memset(&l, 0, sizeof(l));
		l.s = p;
		while (l.s < eol && (*l.s == ' ' || *l.s == '\t'))
			l.s++;
		l.indent = (size_t)(l.s - p);
		l.n = (size_t)(eol - l.s);
		while (l.n && (l.s[l.n - 1] == '\r' || l.s[l.n - 1] == ' ' ||
			       l.s[l.n - 1] == '\t'))
			l.n--;
		l.kind = l.n ? L_CONTENT : L_BLANK;
		if (rc_vec_push(&d->lines, l))
			return RC_ENOMEM;
		p = nl ? nl + 1 : end;
	}
	return 0;
}

static unsigned rst_level(struct doc *d, char c)
{
	size_t i;

	for (i = 0; i < d->nrst; i++)
		if (d->rst_chars[i] == c)
			return (unsigned)i + 1;
	if (d->nrst < sizeof(d->rst_chars))
		d->rst_chars[d->nrst++] = c;
	return (unsigned)d->nrst;
}

static void classify(struct doc *d, enum doc_format fmt)
{
	size_t i;
	bool fence = false;

	for (i = 0; i < d->lines.n; i++) {
		struct line *l = &d->lines.v[i];
		struct line *prev = i ? &d->lines.v[i - 1] : NULL;
		char adorn;

		if (l->kind == L_BLANK)
			continue;
		if (fmt == DOC_MD && l->indent < 4 && l->n >= 3 &&
		    (!memcmp(l->s, "```", 3) || !memcmp(l->s, "~~~", 3))) {
			fence = !fence;
			continue;
		}
		if (fence)
			continue;
		if (task_item(l->s, l->n)) {
			l->kind = L_TASK;
			continue;
		}
		adorn = adornment(l->s, l->n);
		if (adorn && prev && prev->kind == L_CONTENT &&
		    !strchr("-*+>|", prev->s[0]) &&
		    ((fmt == DOC_MD && (adorn == '=' || adorn == '-')) ||
		     fmt == DOC_RST)) {
			prev->kind = L_HEADING;
			prev->level = fmt == DOC_MD ? (adorn == '=' ? 1 : 2)
						    : rst_level(d, adorn);
			l->kind = L_UNDERLINE;
			continue;
		}
		if (adorn && fmt == DOC_RST) {
			l->kind = L_UNDERLINE; /* an overline */
			continue;
		}
		if ((fmt == DOC_MD && l->s[0] == '#' && l->indent < 4) ||
		    (fmt == DOC_ADOC && l->s[0] == '=')) {
			char c = l->s[0];
			size_t k = 0;

			while (k < l->n && l->s[k] == c)
				k++;
			if (k <= 6 &&
			    (k == l->n || l->s[k] == ' ' || l->s[k] == '\t')) {
				l->kind = L_HEADING;
				l->level = (unsigned)k;
			}
		}
	}
}

/* Does the section of heading i hold a line of text? */
static bool has_content(const struct doc *d, size_t i)
{
	unsigned level = d->lines.v[i].level;
	size_t j;

	for (j = i + 1; j < d->lines.n; j++) {
		const struct line *l = &d->lines.v[j];

		if (l->kind == L_HEADING && l->level <= level)
			return false;
		if (l->kind == L_CONTENT)
			return true;
	}
	return false;
}

static int emit(struct rc_facts *f, const char *path, const struct line *l,
		unsigned line, enum doc_format fmt)
{
	struct rc_buf b = RC_BUF_INIT;
	const char *t = l->s;
	size_t n = l->n;
	unsigned k;
	int e;

	if (l->s[0] == '#' || (fmt == DOC_ADOC && l->s[0] == '=')) {
		while (n && (*t == '#' || *t == '='))
			t++, n--;
	}
	while (n && (*t == ' ' || *t == '\t'))
		t++, n--;
	if (n > MAX_TITLE)
		n = MAX_TITLE;
	for (k = 0; k < l->level; k++)
		rc_buf_addc(&b, '#');
	rc_buf_addc(&b, ' ');
	rc_buf_add(&b, t, n);
	if (rc_buf_err(&b)) {
		rc_buf_release(&b);
		return RC_ENOMEM;
	}
	e = rc_facts_add_str(f, "doc.heading", b.ptr, path, line);
	rc_buf_release(&b);
	return e;
}

int rc_collect_doc(struct rc_facts *f, struct rc_diags *diags, const char *path,
		   const char *buf, size_t len)
{
	enum doc_format fmt = format_of(base_of(path));
	struct doc d;
	size_t i, kept = 0;
	int e = 0;

	(void)diags;
	if (fmt == DOC_NONE || rc_collect_is_plan(path))
		return 0;
	memset(&d, 0, sizeof(d));
	if ((e = split(&d, buf, len)))
		goto out;
	classify(&d, fmt);
	for (i = 0; i < d.lines.n && kept < MAX_HEADINGS && !e; i++) {
		if (d.lines.v[i].kind != L_HEADING || !has_content(&d, i))
			continue;
		e = emit(f, path, &d.lines.v[i], (unsigned)i + 1, fmt);
		kept++;
	}
out:
	rc_vec_free(&d.lines);
	return e;
}
