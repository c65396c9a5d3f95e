#include "../core/common.h"
#include "dockerfile.h"
#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/str.h"
#include "../core/vec.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <strings.h>

/* Known instructions, upper-case, sorted. */
static const char *const keywords[] = {
	"ADD",	  "ARG",   "CMD",	  "COPY",  "ENTRYPOINT", "ENV",
	"EXPOSE", "FROM",  "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD",
	"RUN",	  "SHELL", "STOPSIGNAL",  "USER",  "VOLUME",	 "WORKDIR",
};

/* Longest keyword, and how much of an unknown one goes into a message. */
#define KEYWORD_MAX 16
#define SHOW_MAX    40

/* A physical line, without its line end. */
struct line {
	const char *p;
	size_t n;
	unsigned num;
};

/* Where a piece of the joined logical line came from. */
struct seg {
	size_t off; /* offset in the joined text */
	unsigned line, col;
};

struct heredoc {
	const char *name; /* arena */
	bool strip_tabs;  /* <<- */
	size_t off;	  /* offset of "<<" in the joined text */
};

struct parser {
	const char *cur, *end; /* next physical line */
	const char *bol;       /* start of the text after a BOM */
	unsigned lineno;       /* number of the next physical line */
	const char *path;
	struct rc_err *err;
	struct rc_dockerfile *df;
	RC_VEC(struct rc_dockerfile_instr) instrs;
	RC_VEC(struct seg) segs;
	RC_VEC(struct heredoc) docs;
	RC_VEC(const char *) words;
	RC_VEC(struct rc_dockerfile_flag) flags;
	struct rc_buf text; /* the logical line being read */
	struct rc_buf tmp;  /* decoded words */
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool next_line(struct parser *ps, struct line *l)
{
	const char *nl;

	if (ps->cur >= ps->end)
		return false;
	nl = memchr(ps->cur, '\n', (size_t)(ps->end - ps->cur));
	l->p = ps->cur;
	l->n = (size_t)((nl ? nl : ps->end) - ps->cur);
	if (l->n && l->p[l->n - 1] == '\r')
		l->n--;
	l->num = ps->lineno++;
	ps->cur = nl ? nl + 1 : ps->end;
	return true;
}

static size_t skip_blanks(const char *p, size_t i, size_t n)
{
	while (i < n && is_blank(p[i]))
		i++;
	return i;
}

static int fail(struct parser *ps, unsigned line, unsigned col, const char *fmt,
		...) RC_PRINTF(4, 5);

static int fail(struct parser *ps, unsigned line, unsigned col, const char *fmt,
		...)
{
	char msg[sizeof(ps->err->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return rc_err_set(ps->err, RC_EPARSE, ps->path, line, col, "%s", msg);
}

static int nomem(struct parser *ps)
{
	return rc_err_set(ps->err, RC_ENOMEM, ps->path, 0, 0, "out of memory");
}

/* Position in the file of an offset into the joined text. */
static void position(const struct parser *ps, size_t off, unsigned *line,
		     unsigned *col)
{
	size_t i;

	*line = 0;
	*col = 0;
	for (i = 0; i < ps->segs.n && ps->segs.v[i].off <= off; i++) {
		*line = ps->segs.v[i].line;
		*col = ps->segs.v[i].col + (unsigned)(off - ps->segs.v[i].off);
	}
}

/* ---- parser directives ------------------------------------------------ */

/*
 * Read `# name = value` directives at the top. Stops (without consuming) at
 * the first line that is not a known directive.
 */
static int read_directives(struct parser *ps)
{
	bool seen[3] = { false, false, false };
	static const char *const names[] = { "syntax", "escape", "check" };

	for (;;) {
		const char *save = ps->cur;
		unsigned save_no = ps->lineno;
		struct line l;
		size_t i, ns, ne, vs, ve;
		int which = -1;
		unsigned k;

		if (!next_line(ps, &l))
			return 0;
		i = skip_blanks(l.p, 0, l.n);
		if (i >= l.n || l.p[i] != '#')
			goto stop;
		i = skip_blanks(l.p, i + 1, l.n);
		ns = i;
		while (i < l.n && (isalnum((unsigned char)l.p[i]) ||
				   l.p[i] == '_' || l.p[i] == '-'))
			i++;
		ne = i;
		i = skip_blanks(l.p, i, l.n);
		if (ne == ns || i >= l.n || l.p[i] != '=')
			goto stop;
		for (k = 0; k < RC_ARRAY_SIZE(names); k++)
			if (ne - ns == strlen(names[k]) &&
			    !strncasecmp(l.p + ns, names[k], ne - ns))
				which = (int)k;
		if (which < 0)
			goto stop;
		vs = skip_blanks(l.p, i + 1, l.n);
		ve = l.n;
		while (ve > vs && is_blank(l.p[ve - 1]))
			ve--;
		if (seen[which])
			return fail(
				ps, l.num, (unsigned)ns + 1,
				"only one '%s' parser directive can be used",
				names[which]);
		seen[which] = true;
		if (which == 1) {
			if (ve - vs != 1 || (l.p[vs] != '\\' && l.p[vs] != '`'))
				return fail(ps, l.num, (unsigned)vs + 1,
					    "invalid escape token '%.*s' does "
					    "not match ` or \\",
					    (int)(ve - vs > SHOW_MAX ? SHOW_MAX
								     : ve - vs),
					    l.p + vs);
			ps->df->escape = l.p[vs];
		} else if (which == 0) {
			ps->df->syntax = rc_arena_strndup(&ps->df->arena,
							  l.p + vs, ve - vs);
			if (!ps->df->syntax)
				return nomem(ps);
		}
		continue;
	stop:
		ps->cur = save;
		ps->lineno = save_no;
		return 0;
	}
}

/* ---- logical lines ---------------------------------------------------- */

/*
 * Append the part of a physical line from column index `from` to the joined
 * text; returns true (in *cont) when the line ends in the escape character.
 */
static int add_piece(struct parser *ps, const struct line *l, size_t from,
		     bool *cont)
{
	size_t e = l->n;
	struct seg s = { ps->text.len, l->num, (unsigned)from + 1 };

	while (e > from && is_blank(l->p[e - 1]))
		e--;
	*cont = e > from && l->p[e - 1] == ps->df->escape;
	if (*cont)
		e--;
	else
		e = l->n;
	if (rc_vec_push(&ps->segs, s))
		return nomem(ps);
	if (rc_buf_add(&ps->text, l->p + from, e - from))
		return nomem(ps);
	return 0;
}

/* Read one instruction's text starting at line l (already known to be
 * neither blank nor a comment). Sets *last to the last line read. */
static int read_logical(struct parser *ps, const struct line *first,
			size_t from, unsigned *last)
{
	struct line l;
	bool cont;
	size_t i;
	int e;

	rc_buf_reset(&ps->text);
	ps->segs.n = 0;
	*last = first->num;
	e = add_piece(ps, first, from, &cont);
	while (!e && cont) {
		if (!next_line(ps, &l))
			break; /* a continuation at the end is accepted */
		*last = l.num;
		i = skip_blanks(l.p, 0, l.n);
		if (i >= l.n || l.p[i] == '#')
			continue; /* blank or comment inside a continuation */
		e = add_piece(ps, &l, 0, &cont);
	}
	return e;
}

/* ---- words -------------------------------------------------------------- */

static int push_word(struct parser *ps, const char *s, size_t n)
{
	char *w = rc_arena_strndup(&ps->df->arena, s, n);

	if (!w || rc_vec_push(&ps->words, (const char *)w))
		return nomem(ps);
	return 0;
}

/* Split shell-form text into blank-separated words, removing quotes. */
static int split_words(struct parser *ps, const char *s, size_t n)
{
	char esc = ps->df->escape;
	size_t i = 0;

	for (;;) {
		bool any = false;
		char q = 0;

		i = skip_blanks(s, i, n);
		if (i >= n)
			return 0;
		rc_buf_reset(&ps->tmp);
		while (i < n && (q || !is_blank(s[i]))) {
			char c = s[i++];

			any = true;
			if (q) {
				if (c == q) {
					q = 0;
					continue;
				}
				if (q == '"' && c == esc && i < n &&
				    (s[i] == '"' || s[i] == esc || s[i] == '$'))
					c = s[i++];
			} else if (c == '"' || c == '\'') {
				q = c;
				continue;
			} else if (c == esc && i < n) {
				c = s[i++];
			}
			rc_buf_addc(&ps->tmp, c);
		}
		if (rc_buf_err(&ps->tmp))
			return nomem(ps);
		if (any && push_word(ps, ps->tmp.ptr, ps->tmp.len))
			return RC_ENOMEM;
	}
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool read_hex4(const char *s, size_t n, size_t i, unsigned *out)
{
	unsigned v = 0;
	size_t k;

	if (i + 4 > n)
		return false;
	for (k = 0; k < 4; k++) {
		int h = hexval(s[i + k]);
		if (h < 0)
			return false;
		v = v * 16 + (unsigned)h;
	}
	*out = v;
	return true;
}

static void add_utf8(struct rc_buf *b, unsigned cp)
{
	if (cp < 0x80) {
		rc_buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		rc_buf_addc(b, (char)(0xc0 | (cp >> 6)));
		rc_buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		rc_buf_addc(b, (char)(0xe0 | (cp >> 12)));
		rc_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		rc_buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		rc_buf_addc(b, (char)(0xf0 | (cp >> 18)));
		rc_buf_addc(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
		rc_buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		rc_buf_addc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/*
 * Decode one JSON string starting at s[*i] == '"' into ps->tmp. Returns 1 on
 * success, 0 when it is not a valid JSON string (or holds U+0000).
 */
static int json_string(struct parser *ps, const char *s, size_t n, size_t *i)
{
	size_t k = *i + 1;

	rc_buf_reset(&ps->tmp);
	for (;;) {
		unsigned char c;
		unsigned cp, lo;

		if (k >= n)
			return 0;
		c = (unsigned char)s[k++];
		if (c == '"')
			break;
		if (c < 0x20)
			return 0;
		if (c != '\\') {
			rc_buf_addc(&ps->tmp, (char)c);
			continue;
		}
		if (k >= n)
			return 0;
		c = (unsigned char)s[k++];
		switch (c) {
		case '"':
		case '\\':
		case '/':
			rc_buf_addc(&ps->tmp, (char)c);
			break;
		case 'b':
			rc_buf_addc(&ps->tmp, '\b');
			break;
		case 'f':
			rc_buf_addc(&ps->tmp, '\f');
			break;
		case 'n':
			rc_buf_addc(&ps->tmp, '\n');
			break;
		case 'r':
			rc_buf_addc(&ps->tmp, '\r');
			break;
		case 't':
			rc_buf_addc(&ps->tmp, '\t');
			break;
		case 'u':
			if (!read_hex4(s, n, k, &cp) || cp == 0)
				return 0;
			k += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && k + 1 < n &&
			    s[k] == '\\' && s[k + 1] == 'u' &&
			    read_hex4(s, n, k + 2, &lo) && lo >= 0xdc00 &&
			    lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) +
				     (lo - 0xdc00);
				k += 6;
			} else if (cp >= 0xd800 && cp < 0xe000) {
				cp = 0xfffd; /* lone surrogate */
			}
			add_utf8(&ps->tmp, cp);
			break;
		default:
			return 0;
		}
	}
	*i = k;
	return 1;
}

/*
 * Exec form: s is a JSON array of strings. Returns 1 and pushes the items as
 * words, 0 when it is not (nothing pushed), or RC_ENOMEM.
 */
static int json_words(struct parser *ps, const char *s, size_t n)
{
	size_t i = skip_blanks(s, 0, n), base = ps->words.n;

	if (i >= n || s[i] != '[')
		return 0;
	i = skip_blanks(s, i + 1, n);
	if (i < n && s[i] == ']')
		goto close;
	for (;;) {
		if (i >= n || s[i] != '"' || !json_string(ps, s, n, &i))
			goto nope;
		if (rc_buf_err(&ps->tmp))
			return nomem(ps);
		if (push_word(ps, ps->tmp.ptr, ps->tmp.len))
			return RC_ENOMEM;
		i = skip_blanks(s, i, n);
		if (i < n && s[i] == ',') {
			i = skip_blanks(s, i + 1, n);
			continue;
		}
		if (i < n && s[i] == ']')
			break;
		goto nope;
	}
close:
	i = skip_blanks(s, i + 1, n);
	if (i == n)
		return 1;
nope:
	ps->words.n = base;
	return 0;
}

/* ---- instructions ----------------------------------------------------- */

static bool takes_flags(const char *cmd)
{
	return !strcmp(cmd, "FROM") || !strcmp(cmd, "RUN") ||
	       !strcmp(cmd, "COPY") || !strcmp(cmd, "ADD") ||
	       !strcmp(cmd, "HEALTHCHECK");
}

static bool takes_heredocs(const char *cmd)
{
	return !strcmp(cmd, "RUN") || !strcmp(cmd, "COPY") ||
	       !strcmp(cmd, "ADD");
}

static bool exec_form(const char *cmd)
{
	return !strcmp(cmd, "RUN") || !strcmp(cmd, "CMD") ||
	       !strcmp(cmd, "ENTRYPOINT") || !strcmp(cmd, "SHELL") ||
	       !strcmp(cmd, "COPY") || !strcmp(cmd, "ADD") ||
	       !strcmp(cmd, "VOLUME");
}

/* Leading `--name[=value]` words; returns the index after them. */
static int read_flags(struct parser *ps, const char *s, size_t n, size_t *pos)
{
	size_t i = skip_blanks(s, 0, n);

	while (i + 2 < n && s[i] == '-' && s[i + 1] == '-' &&
	       !is_blank(s[i + 2])) {
		size_t ws = i + 2, we = ws, eq;
		struct rc_dockerfile_flag fl = { NULL, NULL };

		while (we < n && !is_blank(s[we]))
			we++;
		eq = ws;
		while (eq < we && s[eq] != '=')
			eq++;
		fl.name = rc_arena_strndup(&ps->df->arena, s + ws, eq - ws);
		if (!fl.name)
			return nomem(ps);
		if (eq < we) {
			fl.value = rc_arena_strndup(&ps->df->arena, s + eq + 1,
						    we - eq - 1);
			if (!fl.value)
				return nomem(ps);
		}
		if (rc_vec_push(&ps->flags, fl))
			return nomem(ps);
		i = skip_blanks(s, we, n);
	}
	*pos = i;
	return 0;
}

/* Heredoc markers `<<EOF`, `<<-EOF`, `<<'EOF'`, `<<"EOF"` outside quotes. */
static int find_heredocs(struct parser *ps, const char *s, size_t n,
			 size_t base)
{
	char q = 0;
	size_t i;

	ps->docs.n = 0;
	for (i = 0; i < n; i++) {
		struct heredoc h = { NULL, false, base + i };
		size_t k, ns, ne;

		if (q) {
			if (s[i] == q)
				q = 0;
			else if (q == '"' && s[i] == ps->df->escape)
				i++;
			continue;
		}
		if (s[i] == '\'' || s[i] == '"') {
			q = s[i];
			continue;
		}
		if (s[i] == ps->df->escape) {
			i++;
			continue;
		}
		if (s[i] != '<' || i + 2 >= n || s[i + 1] != '<' ||
		    (i > 0 && s[i - 1] == '<') || s[i + 2] == '<')
			continue;
		k = i + 2;
		if (s[k] == '-') {
			h.strip_tabs = true;
			k++;
		}
		if (k < n && (s[k] == '"' || s[k] == '\'')) {
			char c = s[k];
			ns = k + 1;
			ne = ns;
			while (ne < n && s[ne] != c)
				ne++;
			if (ne >= n)
				continue;
			k = ne + 1;
		} else {
			ns = k;
			while (k < n && !is_blank(s[k]) &&
			       !strchr("<>|&;()'\"", s[k]))
				k++;
			ne = k;
		}
		if (ne == ns)
			continue;
		h.name = rc_arena_strndup(&ps->df->arena, s + ns, ne - ns);
		if (!h.name || rc_vec_push(&ps->docs, h))
			return nomem(ps);
		i = k - 1;
	}
	return 0;
}

/* Skip the bodies of the heredocs found on the instruction's line. */
static int skip_heredocs(struct parser *ps, unsigned *last)
{
	size_t d;

	for (d = 0; d < ps->docs.n; d++) {
		const struct heredoc *h = &ps->docs.v[d];
		size_t hn = strlen(h->name);
		struct line l;
		bool done = false;

		while (!done && next_line(ps, &l)) {
			size_t i = 0;

			*last = l.num;
			if (h->strip_tabs)
				while (i < l.n && l.p[i] == '\t')
					i++;
			done = l.n - i == hn && !memcmp(l.p + i, h->name, hn);
		}
		if (!done) {
			unsigned line, col;
			position(ps, h->off, &line, &col);
			return fail(ps, line, col, "unterminated heredoc '%s'",
				    h->name);
		}
	}
	return 0;
}

static int copy_out(struct parser *ps, struct rc_dockerfile_instr *in)
{
	struct rc_arena *a = &ps->df->arena;
	size_t k;

	if (ps->words.n) {
		in->words = rc_arena_alloc(a, ps->words.n * sizeof(*in->words));
		if (!in->words)
			return nomem(ps);
		for (k = 0; k < ps->words.n; k++)
			in->words[k] = ps->words.v[k];
		in->nwords = ps->words.n;
	}
	if (ps->flags.n) {
		in->flags = rc_arena_alloc(a, ps->flags.n * sizeof(*in->flags));
		if (!in->flags)
			return nomem(ps);
		for (k = 0; k < ps->flags.n; k++)
			in->flags[k] = ps->flags.v[k];
		in->nflags = ps->flags.n;
	}
	if (rc_vec_push(&ps->instrs, *in))
		return nomem(ps);
	return 0;
}

/* The keyword nearest to an unknown one (typos such as FORM, HEALTHCHEK). */
static const char *suggest(const char *kw)
{
	size_t n = strlen(kw), k;
	unsigned best = 255, limit = n <= 3 ? 1 : n <= 8 ? 2 : 3;
	const char *pick = NULL;

	for (k = 0; k < RC_ARRAY_SIZE(keywords); k++) {
		unsigned dist = rc_str_distance(kw, keywords[k]);
		if (dist < best) {
			best = dist;
			pick = keywords[k];
		}
	}
	return best <= limit ? pick : NULL;
}

static const char *known_keyword(const char *kw)
{
	size_t k;

	for (k = 0; k < RC_ARRAY_SIZE(keywords); k++)
		if (!strcmp(kw, keywords[k]))
			return keywords[k];
	return NULL;
}

static int instruction(struct parser *ps, const struct line *l, size_t from)
{
	struct rc_dockerfile_instr in;
	char kw[KEYWORD_MAX + 1];
	const char *t, *args;
	size_t n, k, a, ae, rest;
	unsigned last;
	int e;

	memset(&in, 0, sizeof(in));
	in.line = l->num;
	in.col = (unsigned)from + 1;
	e = read_logical(ps, l, from, &last);
	if (e)
		return e;
	t = ps->text.ptr;
	n = ps->text.len;
	for (k = 0; k < n && !is_blank(t[k]); k++)
		;
	if (k <= KEYWORD_MAX) {
		size_t j;
		for (j = 0; j < k; j++)
			kw[j] = (char)toupper((unsigned char)t[j]);
		kw[k] = '\0';
		in.cmd = known_keyword(kw);
	}
	if (!in.cmd) {
		const char *hint;

		fail(ps, in.line, in.col, "unknown instruction '%.*s'",
		     (int)(k > SHOW_MAX ? SHOW_MAX : k), t);
		if (k <= KEYWORD_MAX && (hint = suggest(kw)))
			rc_err_hint(ps->err, hint);
		return RC_EPARSE;
	}
	a = skip_blanks(t, k, n);
	ae = n;
	while (ae > a && is_blank(t[ae - 1]))
		ae--;
	if (ae == a)
		return fail(ps, in.line, in.col,
			    "'%s' requires at least one argument", in.cmd);
	args = rc_arena_strndup(&ps->df->arena, t + a, ae - a);
	if (!args)
		return nomem(ps);
	in.args = args;
	n = ae - a;

	ps->words.n = 0;
	ps->flags.n = 0;
	rest = 0;
	if (takes_flags(in.cmd) && (e = read_flags(ps, args, n, &rest)))
		return e;
	if (!strcmp(in.cmd, "HEALTHCHECK")) {
		/* HEALTHCHECK [flags] CMD <exec or shell form> | NONE */
		size_t w = rest;
		while (w < n && !is_blank(args[w]))
			w++;
		if (w > rest && push_word(ps, args + rest, w - rest))
			return RC_ENOMEM;
		rest = skip_blanks(args, w, n);
		if (rest < n && (e = json_words(ps, args + rest, n - rest)) < 0)
			return e;
		in.json = e == 1;
	} else if (exec_form(in.cmd)) {
		if ((e = json_words(ps, args + rest, n - rest)) < 0)
			return e;
		in.json = e == 1;
	}
	if (!in.json && (e = split_words(ps, args + rest, n - rest)))
		return e;

	ps->docs.n = 0;
	if (!in.json && takes_heredocs(in.cmd)) {
		if ((e = find_heredocs(ps, args, n, a)))
			return e;
		if ((e = skip_heredocs(ps, &last)))
			return e;
		in.nheredocs = ps->docs.n;
	}
	in.end_line = last;
	return copy_out(ps, &in);
}

static int parse_body(struct parser *ps)
{
	struct line l;
	int e;

	if ((e = read_directives(ps)))
		return e;
	while (next_line(ps, &l)) {
		size_t i = skip_blanks(l.p, 0, l.n);

		if (i >= l.n || l.p[i] == '#')
			continue;
		if ((e = instruction(ps, &l, i)))
			return e;
	}
	return 0;
}

static int check_nul(struct parser *ps, const char *buf, size_t len)
{
	const char *z = memchr(buf, '\0', len), *p, *bol = buf;
	unsigned line = 1;

	if (!z)
		return 0;
	for (p = buf; p < z; p++)
		if (*p == '\n') {
			line++;
			bol = p + 1;
		}
	return fail(ps, line, (unsigned)(z - bol) + 1, "unexpected NUL byte");
}

int rc_dockerfile_parse(struct rc_dockerfile **out, const char *buf, size_t len,
			const char *path, struct rc_err *err)
{
	struct parser ps;
	struct rc_dockerfile *df;
	int e;

	*out = NULL;
	memset(&ps, 0, sizeof(ps));
	ps.path = path;
	ps.err = err;
	ps.lineno = 1;
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3)) {
		buf += 3;
		len -= 3;
	}
	ps.cur = buf;
	ps.end = buf + len;
	if ((e = check_nul(&ps, buf, len)))
		return e;
	df = rc_calloc(1, sizeof(*df));
	if (!df)
		return nomem(&ps);
	rc_arena_init(&df->arena);
	df->escape = '\\';
	ps.df = df;
	rc_buf_init(&ps.text, RC_BUF_MAX_DEFAULT);
	rc_buf_init(&ps.tmp, RC_BUF_MAX_DEFAULT);

	e = parse_body(&ps);
	if (!e && ps.instrs.n) {
		df->instrs = rc_arena_alloc(&df->arena,
					    ps.instrs.n * sizeof(*df->instrs));
		if (!df->instrs)
			e = nomem(&ps);
		else
			memcpy(df->instrs, ps.instrs.v,
			       ps.instrs.n * sizeof(*df->instrs));
		df->n = ps.instrs.n;
	}
	rc_vec_free(&ps.instrs);
	rc_vec_free(&ps.segs);
	rc_vec_free(&ps.docs);
	rc_vec_free(&ps.words);
	rc_vec_free(&ps.flags);
	rc_buf_release(&ps.text);
	rc_buf_release(&ps.tmp);
	if (e) {
		rc_dockerfile_free(df);
		return e;
	}
	*out = df;
	return 0;
}

void rc_dockerfile_free(struct rc_dockerfile *df)
{
	if (!df)
		return;
	rc_arena_release(&df->arena);
	rc_free(df);
}

const char *rc_dockerfile_flag(const struct rc_dockerfile_instr *in,
			       const char *name)
{
	size_t k;

	for (k = 0; k < in->nflags; k++)
		if (!strcmp(in->flags[k].name, name))
			return in->flags[k].value;
	return NULL;
}
