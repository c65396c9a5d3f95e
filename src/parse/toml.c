/*
 * toml.c - a TOML 1.0 reader of our own (no C library is packaged).
 *
 * A single pass over struct rc_cursor builds the document tree directly.
 * The bookkeeping TOML needs to reject redefinitions (was this table made
 * by a [header], implicitly by a longer header, by dotted keys, or is it an
 * inline table that may not be extended?) lives in a hash table keyed by
 * (parent node, key), which is also how keys are looked up, so a table
 * with a million keys costs a million probes, not a million squared
 * comparisons. The document model itself stays free of reader state.
 *
 * Bounds: nesting (tables, arrays, inline tables together) at MAX_DEPTH;
 * strings at MAX_STRING bytes. Input must be valid UTF-8, which is checked
 * up front so that the scanners below can treat bytes >= 0x80 as text.
 */
#include "../core/common.h"
#include "toml.h"
#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/utf8.h"
#include "../core/vec.h"
#include "cursor.h"

#include <math.h>
#include <stdio.h>

#define MAX_DEPTH  256
#define MAX_STRING ((size_t)256 << 20)

/* How a keyed node came to be (slot flags). */
enum {
	F_EXPLICIT = 1 << 0, /* table from a [header] (or the root) */
	F_IMPLICIT = 1 << 1, /* table made by a longer [a.b.c] header */
	F_DOTTED = 1 << 2,   /* table made by a dotted key a.b = 1 */
	F_SEALED = 1 << 3,   /* inline table: closed for good */
	F_AOT = 1 << 4,	     /* array made by [[header]] */
	F_VALUE = 1 << 5,    /* scalar or static array */
};

struct slot {
	struct rc_node *parent, *child; /* child NULL: free slot */
	size_t klen;
	uint32_t hash;
	unsigned flags, depth;
};

/* A table we can add to, with its flags and depth. */
struct tref {
	struct rc_node *node;
	unsigned flags, depth;
};

struct keyseg {
	size_t off, len; /* in tctx.keys */
	unsigned line, col;
};

struct tctx {
	struct rc_cursor cur;
	struct rc_doc *doc;
	struct rc_buf str;  /* decoded string values */
	struct rc_buf keys; /* decoded key segments of the current key */
	RC_VEC(struct keyseg) segs;
	struct slot *slots;
	size_t nslots, used; /* nslots is a power of two */
	struct tref table;   /* where key/value pairs go */
};

static int nomem(struct tctx *t)
{
	return rc_err_set(t->cur.err, RC_ENOMEM, t->cur.path, 0, 0,
			  "out of memory");
}

/* ---- key hash ---------------------------------------------------------- */

static uint32_t key_hash(const struct rc_node *parent, const char *key,
			 size_t len)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)(uintptr_t)parent;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 1099511628211ull;
	}
	h ^= h >> 29;
	return (uint32_t)(h ^ (h >> 32));
}

static struct slot *slot_find(struct tctx *t, const struct rc_node *parent,
			      const char *key, size_t len)
{
	uint32_t h;
	size_t i, mask;

	if (!t->nslots)
		return NULL;
	h = key_hash(parent, key, len);
	mask = t->nslots - 1;
	for (i = h & mask;; i = (i + 1) & mask) {
		struct slot *s = &t->slots[i];

		if (!s->child)
			return NULL;
		if (s->hash == h && s->parent == parent && s->klen == len &&
		    !memcmp(s->child->key, key, len))
			return s;
	}
}

static struct slot *slot_put(struct slot *slots, size_t n, uint32_t h)
{
	size_t i, mask = n - 1;

	for (i = h & mask; slots[i].child; i = (i + 1) & mask)
		;
	return &slots[i];
}

static int slots_grow(struct tctx *t)
{
	size_t n = t->nslots ? t->nslots * 2 : 64, i;
	struct slot *s;

	if (n < t->nslots)
		return RC_ENOMEM;
	s = rc_calloc(n, sizeof(*s));
	if (!s)
		return RC_ENOMEM;
	for (i = 0; i < t->nslots; i++)
		if (t->slots[i].child)
			*slot_put(s, n, t->slots[i].hash) = t->slots[i];
	rc_free(t->slots);
	t->slots = s;
	t->nslots = n;
	return 0;
}

/* Append child under key to parent and record it. Returns its slot. */
static struct slot *add_keyed(struct tctx *t, struct rc_node *parent,
			      const char *key, size_t len,
			      struct rc_node *child, unsigned flags,
			      unsigned depth)
{
	struct slot *s;

	if ((t->used + 1) * 2 > t->nslots && slots_grow(t))
		return NULL;
	if (rc_node_appendn(t->doc, parent, key, len, child))
		return NULL;
	s = slot_put(t->slots, t->nslots, key_hash(parent, key, len));
	s->parent = parent;
	s->child = child;
	s->klen = len;
	s->hash = key_hash(parent, key, len);
	s->flags = flags;
	s->depth = depth;
	t->used++;
	return s;
}

/* ---- whitespace, comments, newlines ------------------------------------ */

static bool is_ctrl(int ch)
{
	return (ch >= 0 && ch < 0x20 && ch != '\t') || ch == 0x7f;
}

static void skip_ws(struct rc_cursor *c)
{
	int ch;

	while ((ch = rc_cursor_peek(c)) == ' ' || ch == '\t')
		rc_cursor_next(c);
}

/* At '#': step to the end of the line (not over the newline). */
static int skip_comment(struct rc_cursor *c)
{
	int ch;

	if (rc_cursor_peek(c) != '#')
		return 0;
	while ((ch = rc_cursor_peek(c)) >= 0 && ch != '\n') {
		if (ch == '\r' && rc_cursor_peek_at(c, 1) == '\n')
			return 0;
		if (is_ctrl(ch))
			return rc_cursor_error(c,
					       "control character 0x%02x "
					       "in comment",
					       (unsigned)ch);
		rc_cursor_next(c);
	}
	return 0;
}

/* Step over a newline ("\n" or "\r\n"); false when there is none. */
static bool accept_newline(struct rc_cursor *c)
{
	if (rc_cursor_peek(c) == '\n') {
		rc_cursor_next(c);
		return true;
	}
	if (rc_cursor_peek(c) == '\r' && rc_cursor_peek_at(c, 1) == '\n') {
		rc_cursor_skip(c, 2);
		return true;
	}
	return false;
}

/* Whitespace, comments and newlines (inside arrays). */
static int skip_ws_nl(struct rc_cursor *c)
{
	int e;

	for (;;) {
		skip_ws(c);
		if ((e = skip_comment(c)))
			return e;
		if (!accept_newline(c))
			return 0;
	}
}

static const char *what(struct rc_cursor *c, char *buf, size_t n)
{
	return rc_cursor_what(c, buf, n);
}

/* After a key/value pair or a header: only a comment may follow. */
static int expect_eol(struct tctx *t, const char *after)
{
	struct rc_cursor *c = &t->cur;
	char w[32];
	int e;

	skip_ws(c);
	if ((e = skip_comment(c)))
		return e;
	if (rc_cursor_eof(c) || accept_newline(c))
		return 0;
	return rc_cursor_error(c, "expected newline after %s, found %s", after,
			       what(c, w, sizeof(w)));
}

/* ---- strings ----------------------------------------------------------- */

/* At a backslash inside a basic string: decode one escape into out. */
static int escape(struct tctx *t, struct rc_buf *out, bool multi)
{
	struct rc_cursor *c = &t->cur;
	unsigned line = c->line, col = c->col;
	uint32_t cp;
	int ch, n;

	rc_cursor_next(c); /* '\\' */
	ch = rc_cursor_peek(c);
	switch (ch) {
	case 'b':
		rc_buf_addc(out, '\b');
		break;
	case 't':
		rc_buf_addc(out, '\t');
		break;
	case 'n':
		rc_buf_addc(out, '\n');
		break;
	case 'f':
		rc_buf_addc(out, '\f');
		break;
	case 'r':
		rc_buf_addc(out, '\r');
		break;
	case '"':
		rc_buf_addc(out, '"');
		break;
	case '\\':
		rc_buf_addc(out, '\\');
		break;
	case 'u':
	case 'U':
		n = ch == 'u' ? 4 : 8;
		rc_cursor_next(c);
		if (rc_cursor_hex(c, n, &cp))
			return rc_cursor_error_at(c, line, col,
						  "invalid escape '\\%c' (want "
						  "%d hex digits)",
						  ch, n);
		if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return rc_cursor_error_at(c, line, col,
						  "invalid escape '\\%c%0*X' "
						  "(not a Unicode scalar "
						  "value)",
						  ch, n, (unsigned)cp);
		rc_buf_add_utf8(out, cp);
		return 0;
	case ' ':
	case '\t':
	case '\n':
	case '\r':
		if (multi) {
			/* line-ending backslash: whitespace up to a newline */
			while ((ch = rc_cursor_peek(c)) == ' ' || ch == '\t')
				rc_cursor_next(c);
			if (!accept_newline(c))
				return rc_cursor_error_at(c, line, col,
							  "invalid escape "
							  "'\\ ' (only a "
							  "line-ending "
							  "backslash may be "
							  "followed by "
							  "space)");
			for (;;) {
				ch = rc_cursor_peek(c);
				if (ch == ' ' || ch == '\t')
					rc_cursor_next(c);
				else if (!accept_newline(c))
					break;
			}
			return 0;
		}
		return rc_cursor_error_at(c, line, col, "invalid escape '\\%s'",
					  ch == ' ' ? " " : "");
	default:
		if (ch > 0x20 && ch < 0x7f)
			return rc_cursor_error_at(c, line, col,
						  "invalid escape '\\%c'", ch);
		return rc_cursor_error_at(c, line, col, "invalid escape");
	}
	rc_cursor_next(c);
	return 0;
}

/*
 * A string at the cursor (on its first quote): basic or literal, single- or
 * multi-line, decoded into out. Keys pass allow_multi = false.
 */
static int parse_string(struct tctx *t, struct rc_buf *out, bool allow_multi)
{
	struct rc_cursor *c = &t->cur;
	unsigned line = c->line, col = c->col;
	int q = rc_cursor_peek(c), ch, e;
	bool multi = false;
	const char *run;

	rc_buf_reset(out);
	if (rc_cursor_peek_at(c, 1) == q && rc_cursor_peek_at(c, 2) == q) {
		if (!allow_multi)
			return rc_cursor_error(c, "multi-line string not "
						  "allowed as a key");
		multi = true;
		rc_cursor_skip(c, 3);
		accept_newline(c); /* a newline right after """ is dropped */
	} else {
		rc_cursor_next(c);
	}
	for (;;) {
		run = c->pos;
		while (c->pos < c->end) {
			ch = (unsigned char)*c->pos;
			if (ch == q || ch == '\\' || is_ctrl(ch))
				break;
			rc_cursor_next(c);
		}
		rc_buf_add(out, run, (size_t)(c->pos - run));
		if (out->len > MAX_STRING)
			return rc_cursor_error_at(c, line, col,
						  "string too long");
		ch = rc_cursor_peek(c);
		if (ch < 0)
			return rc_cursor_error_at(c, line, col,
						  "unterminated string");
		if (ch == q) {
			size_t n = 1;

			if (!multi) {
				rc_cursor_next(c);
				break;
			}
			while (rc_cursor_peek_at(c, n) == q)
				n++;
			if (n < 3) {
				rc_buf_add(out, c->pos, n);
				rc_cursor_skip(c, n);
				continue;
			}
			if (n > 5)
				return rc_cursor_error(c, "too many quotes in "
							  "a row");
			rc_buf_add(out, c->pos, n - 3);
			rc_cursor_skip(c, n);
			break;
		}
		if (ch == '\\' && q == '"') {
			if ((e = escape(t, out, multi)))
				return e;
			continue;
		}
		if (ch == '\\') { /* literal string */
			rc_buf_addc(out, '\\');
			rc_cursor_next(c);
			continue;
		}
		if (ch == '\n' ||
		    (ch == '\r' && rc_cursor_peek_at(c, 1) == '\n')) {
			if (!multi)
				return rc_cursor_error_at(c, line, col,
							  "unterminated "
							  "string");
			rc_buf_addc(out, '\n');
			accept_newline(c);
			continue;
		}
		return rc_cursor_error(c, "control character 0x%02x in string",
				       (unsigned)ch);
	}
	if (rc_buf_err(out))
		return rc_buf_err(out) == RC_ETOOBIG
			       ? rc_cursor_error_at(c, line, col,
						    "string too long")
			       : nomem(t);
	return 0;
}

/* ---- keys -------------------------------------------------------------- */

static bool is_bare(int ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	       (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
}

/* A dotted key into t->segs / t->keys. */
static int parse_key(struct tctx *t)
{
	struct rc_cursor *c = &t->cur;
	char w[32];
	int e;

	t->segs.n = 0;
	rc_buf_reset(&t->keys);
	for (;;) {
		struct keyseg k = { t->keys.len, 0, c->line, c->col };
		int ch = rc_cursor_peek(c);

		if (ch == '"' || ch == '\'') {
			if ((e = parse_string(t, &t->str, false)))
				return e;
			rc_buf_add(&t->keys, t->str.ptr, t->str.len);
		} else if (is_bare(ch)) {
			const char *s = c->pos;

			while (is_bare(rc_cursor_peek(c)))
				rc_cursor_next(c);
			rc_buf_add(&t->keys, s, (size_t)(c->pos - s));
		} else {
			return rc_cursor_error(c, "expected a key, found %s",
					       what(c, w, sizeof(w)));
		}
		if (rc_buf_err(&t->keys))
			return nomem(t);
		k.len = t->keys.len - k.off;
		if (t->segs.n >= MAX_DEPTH)
			return rc_cursor_error_at(c, k.line, k.col,
						  "nesting too deep (over %d "
						  "levels)",
						  MAX_DEPTH);
		if (rc_vec_push(&t->segs, k))
			return nomem(t);
		skip_ws(c);
		if (rc_cursor_peek(c) != '.')
			return 0;
		rc_cursor_next(c);
		skip_ws(c);
	}
}

static const char *seg_ptr(struct tctx *t, size_t i)
{
	return t->keys.ptr + t->segs.v[i].off;
}

/* Segments 0..upto joined with '.' for messages, into buf. */
static const char *key_name(struct tctx *t, size_t upto, char *buf, size_t n)
{
	size_t i, used = 0;
	int w;

	buf[0] = '\0';
	for (i = 0; i <= upto && i < t->segs.n && used < n; i++) {
		w = snprintf(buf + used, n - used, "%s%.*s", i ? "." : "",
			     (int)t->segs.v[i].len, seg_ptr(t, i));
		if (w < 0)
			break;
		used += (size_t)w;
	}
	return buf;
}

/* "<what> '<key up to segment i>'<tail>" at segment i's position. */
static int key_error(struct tctx *t, size_t i, const char *what,
		     const char *tail)
{
	char name[128];

	key_name(t, i, name, sizeof(name));
	return rc_cursor_error_at(&t->cur, t->segs.v[i].line, t->segs.v[i].col,
				  "%s '%s'%s", what, name, tail);
}

/* ---- numbers, booleans, dates ------------------------------------------ */

static bool is_digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

/*
 * Digits of base with single underscores between them: [s, e). Returns
 * false on an empty run or a misplaced underscore.
 */
static bool digits_ok(const char *s, const char *e, int base)
{
	bool prev_digit = false;

	if (s == e)
		return false;
	for (; s < e; s++) {
		int ch = (unsigned char)*s;
		bool d = base == 16
				 ? (is_digit(ch) || (ch >= 'a' && ch <= 'f') ||
				    (ch >= 'A' && ch <= 'F'))
			 : base == 8 ? ch >= '0' && ch <= '7'
			 : base == 2 ? ch == '0' || ch == '1'
				     : is_digit(ch);

		if (d)
			prev_digit = true;
		else if (ch == '_' && prev_digit && s + 1 < e)
			prev_digit = false;
		else
			return false;
	}
	return prev_digit;
}

static bool to_u64(const char *s, const char *e, int base, uint64_t limit,
		   uint64_t *out)
{
	uint64_t v = 0;

	for (; s < e; s++) {
		int ch = (unsigned char)*s;
		unsigned d;

		if (ch == '_')
			continue;
		d = is_digit(ch) ? (unsigned)(ch - '0')
		    : ch >= 'a'	 ? (unsigned)(ch - 'a' + 10)
				 : (unsigned)(ch - 'A' + 10);
		if (v > (limit - d) / (unsigned)base)
			return false;
		v = v * (unsigned)base + d;
	}
	*out = v;
	return true;
}

static bool num_char(int ch)
{
	return is_bare(ch) || ch == '.' || ch == '+';
}

static int parse_number(struct tctx *t, struct rc_node **out)
{
	struct rc_cursor *c = &t->cur;
	unsigned line = c->line, col = c->col;
	const char *s = c->pos, *e, *p, *ip, *ie;
	bool neg = false, isfloat = false;
	struct rc_node *n;
	uint64_t v;
	int base = 10;

	while (num_char(rc_cursor_peek(c)))
		rc_cursor_next(c);
	e = c->pos;
	p = s;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (e - p == 3 && (!memcmp(p, "inf", 3) || !memcmp(p, "nan", 3))) {
		n = rc_doc_node(t->doc, RC_NODE_FLOAT, line, col);
		if (!n)
			return nomem(t);
		n->u.f = p[0] == 'i' ? (neg ? -INFINITY : INFINITY)
				     : (neg ? -NAN : NAN);
		*out = n;
		return 0;
	}
	if (p == s && e - p > 2 && p[0] == '0' &&
	    (p[1] == 'x' || p[1] == 'o' || p[1] == 'b')) {
		base = p[1] == 'x' ? 16 : p[1] == 'o' ? 8 : 2;
		if (!digits_ok(p + 2, e, base))
			goto bad;
		if (!to_u64(p + 2, e, base, INT64_MAX, &v))
			goto range;
		n = rc_doc_node(t->doc, RC_NODE_INT, line, col);
		if (!n)
			return nomem(t);
		n->u.i = (int64_t)v;
		*out = n;
		return 0;
	}
	/* decimal: int part, then optional .frac and e[+-]exp */
	ip = p;
	while (p < e && (is_digit(*p) || *p == '_'))
		p++;
	ie = p;
	if (!digits_ok(ip, ie, 10))
		goto bad;
	if (ie - ip > 1 && ip[0] == '0')
		return rc_cursor_error_at(c, line, col,
					  "leading zeros are not allowed in "
					  "'%.*s'",
					  (int)(e - s > 64 ? 64 : e - s), s);
	if (p < e && *p == '.') {
		const char *fs = ++p;

		while (p < e && (is_digit(*p) || *p == '_'))
			p++;
		if (!digits_ok(fs, p, 10))
			goto bad;
		isfloat = true;
	}
	if (p < e && (*p == 'e' || *p == 'E')) {
		const char *xs;

		p++;
		if (p < e && (*p == '+' || *p == '-'))
			p++;
		xs = p;
		while (p < e && (is_digit(*p) || *p == '_'))
			p++;
		if (!digits_ok(xs, p, 10))
			goto bad;
		isfloat = true;
	}
	if (p != e)
		goto bad;
	if (!isfloat) {
		if (!to_u64(ip, ie, 10, (uint64_t)INT64_MAX + neg, &v))
			goto range;
		n = rc_doc_node(t->doc, RC_NODE_INT, line, col);
		if (!n)
			return nomem(t);
		n->u.i = neg ? (int64_t)(0 - v) : (int64_t)v;
		*out = n;
		return 0;
	}
	n = rc_doc_node(t->doc, RC_NODE_FLOAT, line, col);
	if (!n)
		return nomem(t);
	rc_buf_reset(&t->str);
	for (p = s; p < e; p++)
		if (*p != '_')
			rc_buf_addc(&t->str, *p);
	if (rc_buf_err(&t->str))
		return rc_buf_err(&t->str) == RC_ETOOBIG
			       ? rc_cursor_error_at(c, line, col,
						    "number too long")
			       : nomem(t);
	n->u.f = strtod(t->str.ptr, NULL);
	*out = n;
	return 0;
bad:
	return rc_cursor_error_at(c, line, col, "invalid number '%.*s'",
				  (int)(e - s > 64 ? 64 : e - s), s);
range:
	return rc_cursor_error_at(c, line, col,
				  "integer '%.*s' out of range (64-bit)",
				  (int)(e - s > 64 ? 64 : e - s), s);
}

/* n digits at p (p + n must be inside the input) as a number, or -1. */
static int dnum(const char *p, const char *end, int n)
{
	int v = 0, i;

	if (end - p < n)
		return -1;
	for (i = 0; i < n; i++) {
		if (!is_digit((unsigned char)p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}

static bool looks_like_date(const struct rc_cursor *c)
{
	return dnum(c->pos, c->end, 4) >= 0 && c->end - c->pos > 4 &&
	       c->pos[4] == '-';
}

static bool looks_like_time(const struct rc_cursor *c)
{
	return dnum(c->pos, c->end, 2) >= 0 && c->end - c->pos > 2 &&
	       c->pos[2] == ':';
}

/* HH:MM:SS(.frac)? at p; returns the end, or NULL. */
static const char *scan_time(const char *p, const char *end)
{
	int h = dnum(p, end, 2), m, s;

	if (h < 0 || end - p < 8 || p[2] != ':' || p[5] != ':')
		return NULL;
	m = dnum(p + 3, end, 2);
	s = dnum(p + 6, end, 2);
	if (h > 23 || m < 0 || m > 59 || s < 0 || s > 60)
		return NULL;
	p += 8;
	if (p < end && *p == '.') {
		p++;
		if (p >= end || !is_digit((unsigned char)*p))
			return NULL;
		while (p < end && is_digit((unsigned char)*p))
			p++;
	}
	return p;
}

static int parse_datetime(struct tctx *t, struct rc_node **out)
{
	struct rc_cursor *c = &t->cur;
	unsigned line = c->line, col = c->col;
	const char *s = c->pos, *end = c->end, *p = s;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31 };
	int y, mo, d;

	if (looks_like_time(c)) {
		p = scan_time(p, end);
		if (!p)
			goto bad;
		goto done;
	}
	y = dnum(p, end, 4);
	if (end - p < 10 || p[4] != '-' || p[7] != '-')
		goto bad;
	mo = dnum(p + 5, end, 2);
	d = dnum(p + 8, end, 2);
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		goto bad;
	if (mo == 2 && d == 29 &&
	    !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		goto bad;
	p += 10;
	/* a time part after 'T', 't' or a single space */
	if (p < end &&
	    (*p == 'T' || *p == 't' ||
	     (*p == ' ' && end - p > 3 && is_digit((unsigned char)p[1]) &&
	      is_digit((unsigned char)p[2]) && p[3] == ':'))) {
		p = scan_time(p + 1, end);
		if (!p)
			goto bad;
		if (p < end && (*p == 'Z' || *p == 'z')) {
			p++;
		} else if (p < end && (*p == '+' || *p == '-')) {
			int oh = dnum(p + 1, end, 2), om;

			if (oh < 0 || oh > 23 || end - p < 6 || p[3] != ':')
				goto bad;
			om = dnum(p + 4, end, 2);
			if (om < 0 || om > 59)
				goto bad;
			p += 6;
		}
	}
done:
	/* the value must end here */
	if (p < end &&
	    (is_bare((unsigned char)*p) || *p == ':' || *p == '.' || *p == '+'))
		goto bad;
	rc_cursor_skip(c, (size_t)(p - s));
	*out = rc_doc_string(t->doc, s, (size_t)(p - s), line, col);
	return *out ? 0 : nomem(t);
bad:
	while (c->pos < c->end &&
	       (num_char((unsigned char)*c->pos) || *c->pos == ':'))
		rc_cursor_next(c);
	return rc_cursor_error_at(c, line, col, "invalid date-time '%.*s'",
				  (int)(c->pos - s > 64 ? 64 : c->pos - s), s);
}

/* ---- values ------------------------------------------------------------ */

static int parse_value(struct tctx *t, unsigned depth, struct rc_node **out,
		       unsigned *flags);
static int put_value(struct tctx *t, struct tref *table, unsigned depth);

static int parse_array(struct tctx *t, unsigned depth, struct rc_node **out)
{
	struct rc_cursor *c = &t->cur;
	struct rc_node *arr, *kid;
	unsigned fl;
	char w[32];
	int e;

	arr = rc_doc_node(t->doc, RC_NODE_ARRAY, c->line, c->col);
	if (!arr)
		return nomem(t);
	rc_cursor_next(c); /* '[' */
	for (;;) {
		if ((e = skip_ws_nl(c)))
			return e;
		if (rc_cursor_peek(c) == ']')
			break;
		if ((e = parse_value(t, depth + 1, &kid, &fl)))
			return e;
		if (rc_node_append(t->doc, arr, NULL, kid))
			return nomem(t);
		if ((e = skip_ws_nl(c)))
			return e;
		if (rc_cursor_peek(c) == ',') {
			rc_cursor_next(c);
			continue;
		}
		if (rc_cursor_peek(c) == ']')
			break;
		if (rc_cursor_eof(c))
			return rc_cursor_error(c, "unterminated array, "
						  "expected ']'");
		return rc_cursor_error(c, "expected ',' or ']', found %s",
				       what(c, w, sizeof(w)));
	}
	rc_cursor_next(c); /* ']' */
	*out = arr;
	return 0;
}

static int parse_inline_table(struct tctx *t, unsigned depth,
			      struct rc_node **out)
{
	struct rc_cursor *c = &t->cur;
	struct tref it;
	char w[32];
	int e;

	it.node = rc_doc_node(t->doc, RC_NODE_TABLE, c->line, c->col);
	if (!it.node)
		return nomem(t);
	it.flags = F_EXPLICIT;
	it.depth = depth;
	rc_cursor_next(c); /* '{' */
	skip_ws(c);
	if (rc_cursor_peek(c) == '}') {
		rc_cursor_next(c);
		*out = it.node;
		return 0;
	}
	for (;;) {
		skip_ws(c);
		if (rc_cursor_peek(c) == '}')
			return rc_cursor_error(c, "trailing comma not allowed "
						  "in inline table");
		if ((e = parse_key(t)) || (e = put_value(t, &it, depth)))
			return e;
		skip_ws(c);
		if (rc_cursor_peek(c) == ',') {
			rc_cursor_next(c);
			continue;
		}
		if (rc_cursor_peek(c) == '}')
			break;
		if (rc_cursor_peek(c) == '\n' || rc_cursor_peek(c) == '\r')
			return rc_cursor_error(c, "newline not allowed in "
						  "inline table");
		if (rc_cursor_eof(c))
			return rc_cursor_error(c, "unterminated inline table, "
						  "expected '}'");
		return rc_cursor_error(c, "expected ',' or '}', found %s",
				       what(c, w, sizeof(w)));
	}
	rc_cursor_next(c); /* '}' */
	*out = it.node;
	return 0;
}

static bool word_is(const struct rc_cursor *c, const char *w)
{
	size_t n = strlen(w);

	return rc_cursor_remain(c) >= n && !memcmp(c->pos, w, n) &&
	       !is_bare(rc_cursor_peek_at(c, n));
}

/*
 * A value at the cursor. *flags says how to record it when keyed: F_VALUE,
 * or F_SEALED for an inline table.
 */
static int parse_value(struct tctx *t, unsigned depth, struct rc_node **out,
		       unsigned *flags)
{
	struct rc_cursor *c = &t->cur;
	unsigned line = c->line, col = c->col;
	int ch = rc_cursor_peek(c), e;
	char w[32];

	*flags = F_VALUE;
	if (depth > MAX_DEPTH)
		return rc_cursor_error(c, "nesting too deep (over %d levels)",
				       MAX_DEPTH);
	switch (ch) {
	case '"':
	case '\'':
		if ((e = parse_string(t, &t->str, true)))
			return e;
		*out = rc_doc_string(t->doc, t->str.ptr, t->str.len, line, col);
		return *out ? 0 : nomem(t);
	case '[':
		return parse_array(t, depth, out);
	case '{':
		*flags = F_SEALED;
		return parse_inline_table(t, depth, out);
	case 't':
	case 'f':
		if (word_is(c, "true") || word_is(c, "false")) {
			*out = rc_doc_node(t->doc, RC_NODE_BOOL, line, col);
			if (!*out)
				return nomem(t);
			(*out)->u.b = ch == 't';
			rc_cursor_skip(c, ch == 't' ? 4 : 5);
			return 0;
		}
		break;
	case 'i':
	case 'n':
		if (word_is(c, "inf") || word_is(c, "nan"))
			return parse_number(t, out);
		break;
	case '+':
	case '-':
		return parse_number(t, out);
	default:
		if (is_digit(ch)) {
			if (looks_like_date(c) || looks_like_time(c))
				return parse_datetime(t, out);
			return parse_number(t, out);
		}
		break;
	}
	if (is_bare(ch)) {
		const char *s = c->pos;
		size_t n = 0;

		while (is_bare(rc_cursor_peek_at(c, n)) && n < 64)
			n++;
		return rc_cursor_error(c,
				       "invalid value '%.*s' (strings "
				       "need quotes)",
				       (int)n, s);
	}
	if (ch < 0 || ch == '\n' || ch == '\r' || ch == '#')
		return rc_cursor_error(c, "expected a value");
	return rc_cursor_error(c, "expected a value, found %s",
			       what(c, w, sizeof(w)));
}

/* ---- tables and key/value pairs ---------------------------------------- */

static struct rc_node *new_table(struct tctx *t, unsigned line, unsigned col)
{
	return rc_doc_node(t->doc, RC_NODE_TABLE, line, col);
}

static int too_deep(struct tctx *t, size_t i)
{
	return rc_cursor_error_at(&t->cur, t->segs.v[i].line, t->segs.v[i].col,
				  "nesting too deep (over %d levels)",
				  MAX_DEPTH);
}

/*
 * key = value with the key already in t->segs: walk or create the dotted
 * tables under table, then parse the value and add it.
 */
static int put_value(struct tctx *t, struct tref *table, unsigned depth)
{
	struct rc_cursor *c = &t->cur;
	struct tref ref = *table;
	struct rc_node *val;
	struct slot *s;
	size_t i, last = t->segs.n - 1;
	unsigned fl;
	int e;

	for (i = 0; i < last; i++) {
		s = slot_find(t, ref.node, seg_ptr(t, i), t->segs.v[i].len);
		if (!s) {
			struct rc_node *n = new_table(t, t->segs.v[i].line,
						      t->segs.v[i].col);

			if (ref.depth + 1 > MAX_DEPTH)
				return too_deep(t, i);
			if (!n)
				return nomem(t);
			s = add_keyed(t, ref.node, seg_ptr(t, i),
				      t->segs.v[i].len, n, F_DOTTED,
				      ref.depth + 1);
			if (!s)
				return nomem(t);
		} else if (s->flags & F_SEALED) {
			return key_error(t, i, "inline table",
					 " cannot be extended");
		} else if (!(s->flags & F_DOTTED)) {
			return s->child->type == RC_NODE_TABLE
				       ? key_error(t, i, "table",
						   " defined twice (dotted "
						   "keys cannot add to a "
						   "[table])")
				       : key_error(t, i, "duplicate key", "");
		}
		ref.node = s->child;
		ref.flags = s->flags;
		ref.depth = s->depth;
	}
	if (slot_find(t, ref.node, seg_ptr(t, last), t->segs.v[last].len))
		return key_error(t, last, "duplicate key", "");
	skip_ws(c);
	if (rc_cursor_peek(c) != '=') {
		char name[128];

		return rc_cursor_error(c, "expected '=' after key '%s'",
				       key_name(t, last, name, sizeof(name)));
	}
	rc_cursor_next(c);
	skip_ws(c);
	/* parse_value reuses t->keys for inline tables: keep our key */
	{
		struct keyseg k = t->segs.v[last];
		char small[64], *key = small;

		if (k.len >= sizeof(small)) {
			key = rc_malloc(k.len);
			if (!key)
				return nomem(t);
		}
		memcpy(key, seg_ptr(t, last), k.len);
		if (ref.depth > depth)
			depth = ref.depth;
		e = parse_value(t, depth + 1, &val, &fl);
		if (!e &&
		    !add_keyed(t, ref.node, key, k.len, val, fl, depth + 1))
			e = nomem(t);
		if (key != small)
			rc_free(key);
	}
	return e;
}

/* [a.b.c] or [[a.b.c]] at the cursor. */
static int parse_header(struct tctx *t, struct tref *root)
{
	struct rc_cursor *c = &t->cur;
	unsigned line = c->line, col = c->col;
	bool aot = rc_cursor_peek_at(c, 1) == '[';
	struct tref ref = *root;
	struct slot *s = NULL;
	size_t i, last;
	char w[32];
	int e;

	rc_cursor_skip(c, aot ? 2 : 1);
	skip_ws(c);
	if ((e = parse_key(t)))
		return e;
	if (!rc_cursor_accept(c, aot ? "]]" : "]"))
		return rc_cursor_error(c,
				       "expected '%s' after table name, "
				       "found %s",
				       aot ? "]]" : "]", what(c, w, sizeof(w)));
	last = t->segs.n - 1;
	for (i = 0; i <= last; i++) {
		const char *k = seg_ptr(t, i);
		size_t klen = t->segs.v[i].len;

		s = slot_find(t, ref.node, k, klen);
		if (i == last)
			break;
		if (!s) {
			struct rc_node *n = new_table(t, line, col);

			if (ref.depth + 1 > MAX_DEPTH)
				return too_deep(t, i);
			if (!n)
				return nomem(t);
			s = add_keyed(t, ref.node, k, klen, n, F_IMPLICIT,
				      ref.depth + 1);
			if (!s)
				return nomem(t);
		} else if (s->flags & F_SEALED) {
			return key_error(t, i, "inline table",
					 " cannot be extended");
		} else if (s->flags & F_VALUE) {
			return key_error(t, i, "duplicate key", "");
		}
		if (s->flags & F_AOT) {
			/* [[a]] then [a.b]: b goes in the last element of a */
			ref.node =
				s->child->u.kids.items[s->child->u.kids.n - 1];
			ref.flags = F_EXPLICIT;
			ref.depth = s->depth + 1;
		} else {
			ref.node = s->child;
			ref.flags = s->flags;
			ref.depth = s->depth;
		}
	}
	if (ref.depth + 1 + aot > MAX_DEPTH)
		return too_deep(t, last);
	if (!aot) {
		if (!s) {
			struct rc_node *n = new_table(t, line, col);

			if (!n)
				return nomem(t);
			s = add_keyed(t, ref.node, seg_ptr(t, last),
				      t->segs.v[last].len, n, F_EXPLICIT,
				      ref.depth + 1);
			if (!s)
				return nomem(t);
		} else if (s->flags == F_IMPLICIT) {
			s->flags = F_EXPLICIT;
			s->child->line = line;
			s->child->col = col;
		} else if (s->flags & F_VALUE) {
			return key_error(t, last, "duplicate key", "");
		} else {
			return key_error(t, last, "table", " defined twice");
		}
		t->table.node = s->child;
		t->table.flags = s->flags;
		t->table.depth = s->depth;
	} else {
		struct rc_node *el;

		if (!s) {
			struct rc_node *arr =
				rc_doc_node(t->doc, RC_NODE_ARRAY, line, col);

			if (!arr)
				return nomem(t);
			s = add_keyed(t, ref.node, seg_ptr(t, last),
				      t->segs.v[last].len, arr, F_AOT,
				      ref.depth + 1);
			if (!s)
				return nomem(t);
		} else if (s->flags & F_VALUE) {
			return key_error(t, last, "duplicate key",
					 " (not an array of tables)");
		} else if (!(s->flags & F_AOT)) {
			return key_error(t, last, "table",
					 " defined twice (not an array of "
					 "tables)");
		}
		el = new_table(t, line, col);
		if (!el)
			return nomem(t);
		if (rc_node_append(t->doc, s->child, NULL, el))
			return nomem(t);
		t->table.node = el;
		t->table.flags = F_EXPLICIT;
		t->table.depth = s->depth + 1;
	}
	return expect_eol(t, "table header");
}

/* TOML is UTF-8 throughout: find the first bad byte, if any. */
static int check_utf8(struct tctx *t, const char *buf, size_t len)
{
	struct rc_cursor *c = &t->cur;
	size_t n;

	while (c->pos < c->end) {
		if ((unsigned char)*c->pos < 0x80) {
			rc_cursor_next(c);
			continue;
		}
		n = rc_utf8_valid_len(c->pos, rc_cursor_remain(c));
		if (!n)
			return rc_cursor_error(c, "invalid UTF-8");
		rc_cursor_skip(c, n);
	}
	rc_cursor_init(c, buf, len, c->path, c->err);
	return 0;
}

int rc_toml_parse(struct rc_doc **out, const char *buf, size_t len,
		  const char *path, struct rc_err *err)
{
	struct tctx t;
	struct tref root;
	struct rc_cursor *c = &t.cur;
	int e, ch;

	*out = NULL;
	memset(&t, 0, sizeof(t));
	if (!len)
		buf = "";
	rc_cursor_init(c, buf, len, path, err);
	rc_buf_init(&t.str, MAX_STRING + 8);
	rc_buf_init(&t.keys, MAX_STRING + 8);
	if ((e = check_utf8(&t, buf, len)))
		return e;
	if (rc_doc_new(&t.doc, path))
		return nomem(&t);
	t.doc->root = new_table(&t, 1, 1);
	if (!t.doc->root) {
		e = nomem(&t);
		goto out;
	}
	root.node = t.doc->root;
	root.flags = F_EXPLICIT;
	root.depth = 1; /* the root table is the first level */
	t.table = root;
	/* a byte order mark is not part of the document, nor a column */
	if (rc_cursor_accept(c, "\xEF\xBB\xBF"))
		c->col = 1;

	e = 0;
	while (!e && !rc_cursor_eof(c)) {
		skip_ws(c);
		ch = rc_cursor_peek(c);
		if (ch == '#')
			e = expect_eol(&t, "comment");
		else if (ch == '\n' || ch == '\r' || ch < 0)
			e = expect_eol(&t, "whitespace");
		else if (ch == '[')
			e = parse_header(&t, &root);
		else if (!(e = parse_key(&t)) &&
			 !(e = put_value(&t, &t.table, t.table.depth)))
			e = expect_eol(&t, "value");
	}
	if (e)
		goto out;
	*out = t.doc;
	t.doc = NULL;
out:
	rc_buf_release(&t.str);
	rc_buf_release(&t.keys);
	rc_vec_free(&t.segs);
	rc_free(t.slots);
	rc_doc_free(t.doc);
	return e;
}
