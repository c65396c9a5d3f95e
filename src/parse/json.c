/*
 * json.c - a strict RFC 8259 JSON reader of our own.
 *
 * jansson is linked for other uses, but it records no positions for the
 * values it parses, and collectors need a line for every dependency they
 * report; so this is a small recursive-descent parser over struct
 * rc_cursor (see docs/internals/parse.md). Strict means no comments, no
 * trailing commas, no single quotes, no NaN/Infinity, no leading zeros or
 * '+', no raw control characters in strings, and strings must be valid
 * UTF-8 with well-formed \u escapes (surrogate pairs combined, lone
 * surrogates rejected). A UTF-8 byte order mark before the value is
 * skipped. Recursion is bounded by MAX_DEPTH.
 */
#include "../core/common.h"
#include "json.h"
#include "../core/buf.h"
#include "../core/utf8.h"
#include "cursor.h"

#include <stdio.h>

#define MAX_DEPTH  256
#define MAX_STRING ((size_t)256 << 20)

struct jctx {
	struct rc_cursor cur;
	struct rc_doc *doc;
	struct rc_buf scratch; /* decoded strings and number text */
};

static int nomem(struct jctx *j)
{
	return rc_err_set(j->cur.err, RC_ENOMEM, j->cur.path, 0, 0,
			  "out of memory");
}

static int unexpected(struct jctx *j, const char *expected)
{
	char what[32];

	if (rc_cursor_eof(&j->cur) && expected)
		return rc_cursor_error(&j->cur,
				       "unexpected end of input, expected %s",
				       expected);
	if (expected)
		return rc_cursor_error(&j->cur, "expected %s", expected);
	return rc_cursor_error(&j->cur, "unexpected %s",
			       rc_cursor_what(&j->cur, what, sizeof(what)));
}

static void skip_ws(struct rc_cursor *c)
{
	for (;;) {
		int ch = rc_cursor_peek(c);

		if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
			return;
		rc_cursor_next(c);
	}
}

/* \uXXXX after the backslash and 'u' were seen; handles surrogate pairs. */
static int unicode_escape(struct jctx *j, unsigned line, unsigned col)
{
	struct rc_cursor *c = &j->cur;
	uint32_t cp, lo;

	if (rc_cursor_hex(c, 4, &cp))
		return rc_cursor_error_at(c, line, col,
					  "invalid \\u escape (want 4 hex "
					  "digits)");
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return rc_cursor_error_at(c, line, col,
					  "lone low surrogate '\\u%04X'", cp);
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (rc_cursor_peek(c) != '\\' || rc_cursor_peek_at(c, 1) != 'u')
			return rc_cursor_error_at(c, line, col,
						  "lone high surrogate "
						  "'\\u%04X'",
						  cp);
		rc_cursor_skip(c, 2);
		if (rc_cursor_hex(c, 4, &lo) || lo < 0xDC00 || lo > 0xDFFF)
			return rc_cursor_error_at(c, line, col,
						  "lone high surrogate "
						  "'\\u%04X'",
						  cp);
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	}
	rc_buf_add_utf8(&j->scratch, cp);
	return 0;
}

/*
 * A string at the cursor (on its opening quote), decoded into j->scratch.
 */
static int parse_string(struct jctx *j)
{
	struct rc_cursor *c = &j->cur;
	unsigned line = c->line, col = c->col;
	const char *run;
	int ch;

	rc_buf_reset(&j->scratch);
	rc_cursor_next(c); /* '"' */
	for (;;) {
		/* copy runs of plain ASCII in one go */
		run = c->pos;
		while (c->pos < c->end) {
			ch = (unsigned char)*c->pos;
			if (ch == '"' || ch == '\\' || ch < 0x20 || ch >= 0x80)
				break;
			c->pos++;
			c->col++;
		}
		rc_buf_add(&j->scratch, run, (size_t)(c->pos - run));
		ch = rc_cursor_peek(c);
		if (ch < 0)
			return rc_cursor_error_at(c, line, col,
						  "unterminated string");
		if (ch == '"') {
			rc_cursor_next(c);
			break;
		}
		if (ch < 0x20)
			return rc_cursor_error(c,
					       "control character 0x%02x in "
					       "string (escape it)",
					       (unsigned)ch);
		if (ch >= 0x80) {
			size_t n =
				rc_utf8_valid_len(c->pos, rc_cursor_remain(c));

			if (!n)
				return rc_cursor_error(c, "invalid UTF-8 in "
							  "string");
			rc_buf_add(&j->scratch, c->pos, n);
			rc_cursor_skip(c, n);
			continue;
		}
		/* backslash */
		{
			unsigned el = c->line, ec = c->col;
			char e;

			rc_cursor_next(c);
			ch = rc_cursor_peek(c);
			switch (ch) {
			case '"':
			case '\\':
			case '/':
				e = (char)ch;
				break;
			case 'b':
				e = '\b';
				break;
			case 'f':
				e = '\f';
				break;
			case 'n':
				e = '\n';
				break;
			case 'r':
				e = '\r';
				break;
			case 't':
				e = '\t';
				break;
			case 'u': {
				int err;

				rc_cursor_next(c);
				if ((err = unicode_escape(j, el, ec)))
					return err;
				continue;
			}
			case -1:
				return rc_cursor_error_at(c, line, col,
							  "unterminated "
							  "string");
			default:
				if (ch > 0x20 && ch < 0x7f)
					return rc_cursor_error_at(
						c, el, ec,
						"invalid escape '\\%c'", ch);
				return rc_cursor_error_at(c, el, ec,
							  "invalid escape");
			}
			rc_cursor_next(c);
			rc_buf_addc(&j->scratch, e);
		}
		if (j->scratch.len > MAX_STRING)
			break;
	}
	if (rc_buf_err(&j->scratch) == RC_ETOOBIG ||
	    j->scratch.len > MAX_STRING)
		return rc_cursor_error_at(c, line, col, "string too long");
	if (rc_buf_err(&j->scratch))
		return nomem(j);
	return 0;
}

static int parse_number(struct jctx *j, struct rc_node **out)
{
	struct rc_cursor *c = &j->cur;
	unsigned line = c->line, col = c->col;
	const char *start = c->pos;
	bool integral = true, neg = false;
	struct rc_node *n;
	uint64_t v = 0;
	bool overflow = false;
	int ch;

	if (rc_cursor_peek(c) == '-') {
		neg = true;
		rc_cursor_next(c);
	}
	ch = rc_cursor_peek(c);
	if (ch == '0') {
		rc_cursor_next(c);
		ch = rc_cursor_peek(c);
		if (ch >= '0' && ch <= '9')
			return rc_cursor_error(c, "leading zeros are not "
						  "allowed");
	} else if (ch >= '1' && ch <= '9') {
		while ((ch = rc_cursor_peek(c)) >= '0' && ch <= '9') {
			unsigned d = (unsigned)(ch - '0');

			if (v > (UINT64_MAX - d) / 10)
				overflow = true;
			else
				v = v * 10 + d;
			rc_cursor_next(c);
		}
	} else {
		return unexpected(j, "a digit");
	}
	if (rc_cursor_peek(c) == '.') {
		integral = false;
		rc_cursor_next(c);
		ch = rc_cursor_peek(c);
		if (ch < '0' || ch > '9')
			return unexpected(j, "a digit after '.'");
		while ((ch = rc_cursor_peek(c)) >= '0' && ch <= '9')
			rc_cursor_next(c);
	}
	ch = rc_cursor_peek(c);
	if (ch == 'e' || ch == 'E') {
		integral = false;
		rc_cursor_next(c);
		ch = rc_cursor_peek(c);
		if (ch == '+' || ch == '-')
			rc_cursor_next(c);
		ch = rc_cursor_peek(c);
		if (ch < '0' || ch > '9')
			return unexpected(j, "a digit in the exponent");
		while ((ch = rc_cursor_peek(c)) >= '0' && ch <= '9')
			rc_cursor_next(c);
	}

	if (integral && !overflow &&
	    v <= (neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX)) {
		n = rc_doc_node(j->doc, RC_NODE_INT, line, col);
		if (!n)
			return nomem(j);
		n->u.i = neg ? (int64_t)(0 - v) : (int64_t)v;
	} else {
		n = rc_doc_node(j->doc, RC_NODE_FLOAT, line, col);
		if (!n)
			return nomem(j);
		rc_buf_reset(&j->scratch);
		if (rc_buf_add(&j->scratch, start, (size_t)(c->pos - start)))
			return rc_buf_err(&j->scratch) == RC_ETOOBIG
				       ? rc_cursor_error_at(c, line, col,
							    "number too long")
				       : nomem(j);
		n->u.f = strtod(j->scratch.ptr, NULL);
	}
	*out = n;
	return 0;
}

static int parse_value(struct jctx *j, unsigned depth, struct rc_node **out);

static int parse_array(struct jctx *j, unsigned depth, struct rc_node **out)
{
	struct rc_cursor *c = &j->cur;
	struct rc_node *arr, *kid;
	int e;

	arr = rc_doc_node(j->doc, RC_NODE_ARRAY, c->line, c->col);
	if (!arr)
		return nomem(j);
	rc_cursor_next(c); /* '[' */
	skip_ws(c);
	if (rc_cursor_peek(c) == ']') {
		rc_cursor_next(c);
		*out = arr;
		return 0;
	}
	for (;;) {
		if ((e = parse_value(j, depth + 1, &kid)))
			return e;
		if (rc_node_append(j->doc, arr, NULL, kid))
			return nomem(j);
		skip_ws(c);
		if (rc_cursor_peek(c) == ',') {
			rc_cursor_next(c);
			skip_ws(c);
			if (rc_cursor_peek(c) == ']')
				return rc_cursor_error(c, "trailing comma "
							  "before ']'");
			continue;
		}
		if (rc_cursor_peek(c) == ']') {
			rc_cursor_next(c);
			break;
		}
		return unexpected(j, "',' or ']'");
	}
	*out = arr;
	return 0;
}

static int parse_object(struct jctx *j, unsigned depth, struct rc_node **out)
{
	struct rc_cursor *c = &j->cur;
	struct rc_node *obj, *kid;
	const char *key;
	size_t klen;
	int e;

	obj = rc_doc_node(j->doc, RC_NODE_TABLE, c->line, c->col);
	if (!obj)
		return nomem(j);
	rc_cursor_next(c); /* '{' */
	skip_ws(c);
	if (rc_cursor_peek(c) == '}') {
		rc_cursor_next(c);
		*out = obj;
		return 0;
	}
	for (;;) {
		if (rc_cursor_peek(c) != '"')
			return unexpected(j, "a string key");
		if ((e = parse_string(j)))
			return e;
		klen = j->scratch.len;
		key = rc_arena_strndup(&j->doc->arena, j->scratch.ptr, klen);
		if (!key)
			return nomem(j);
		skip_ws(c);
		if (rc_cursor_peek(c) != ':')
			return unexpected(j, "':'");
		rc_cursor_next(c);
		if ((e = parse_value(j, depth + 1, &kid)))
			return e;
		if (rc_node_appendn(j->doc, obj, key, klen, kid))
			return nomem(j);
		skip_ws(c);
		if (rc_cursor_peek(c) == ',') {
			rc_cursor_next(c);
			skip_ws(c);
			if (rc_cursor_peek(c) == '}')
				return rc_cursor_error(c, "trailing comma "
							  "before '}'");
			continue;
		}
		if (rc_cursor_peek(c) == '}') {
			rc_cursor_next(c);
			break;
		}
		return unexpected(j, "',' or '}'");
	}
	*out = obj;
	return 0;
}

static bool is_word(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_';
}

/* true, false, null; any other word ("True", "NaN", "nullx") is an error. */
static int parse_literal(struct jctx *j, struct rc_node **out)
{
	struct rc_cursor *c = &j->cur;
	unsigned line = c->line, col = c->col;
	const char *w = c->pos;
	size_t n;

	while (is_word(rc_cursor_peek(c)))
		rc_cursor_next(c);
	n = (size_t)(c->pos - w);
	if (n == 4 && !memcmp(w, "true", 4)) {
		*out = rc_doc_node(j->doc, RC_NODE_BOOL, line, col);
		if (*out)
			(*out)->u.b = true;
	} else if (n == 5 && !memcmp(w, "false", 5)) {
		*out = rc_doc_node(j->doc, RC_NODE_BOOL, line, col);
	} else if (n == 4 && !memcmp(w, "null", 4)) {
		*out = rc_doc_node(j->doc, RC_NODE_NULL, line, col);
	} else {
		return rc_cursor_error_at(c, line, col,
					  "invalid literal '%.*s'",
					  (int)(n > 32 ? 32 : n), w);
	}
	return *out ? 0 : nomem(j);
}

static int parse_value(struct jctx *j, unsigned depth, struct rc_node **out)
{
	struct rc_cursor *c = &j->cur;
	unsigned line, col;
	int ch, e;

	skip_ws(c);
	if (depth > MAX_DEPTH)
		return rc_cursor_error(c, "nesting too deep (over %d levels)",
				       MAX_DEPTH);
	line = c->line;
	col = c->col;
	ch = rc_cursor_peek(c);
	switch (ch) {
	case '{':
		return parse_object(j, depth, out);
	case '[':
		return parse_array(j, depth, out);
	case '"':
		if ((e = parse_string(j)))
			return e;
		*out = rc_doc_string(j->doc, j->scratch.ptr, j->scratch.len,
				     line, col);
		return *out ? 0 : nomem(j);
	case '-':
	case '0':
	case '1':
	case '2':
	case '3':
	case '4':
	case '5':
	case '6':
	case '7':
	case '8':
	case '9':
		return parse_number(j, out);
	default:
		if (ch >= 0 && is_word(ch))
			return parse_literal(j, out);
		return unexpected(j, NULL);
	}
}

int rc_json_parse(struct rc_doc **out, const char *buf, size_t len,
		  const char *path, struct rc_err *err)
{
	struct jctx j;
	struct rc_node *root = NULL;
	int e;

	*out = NULL;
	memset(&j, 0, sizeof(j));
	rc_cursor_init(&j.cur, len ? buf : "", len, path, err);
	rc_buf_init(&j.scratch, MAX_STRING + 8);
	if (rc_doc_new(&j.doc, path))
		return nomem(&j);
	rc_cursor_accept(&j.cur, "\xEF\xBB\xBF");
	/* the BOM is not a column */
	j.cur.col = 1;
	if ((e = parse_value(&j, 1, &root)))
		goto out;
	skip_ws(&j.cur);
	if (!rc_cursor_eof(&j.cur)) {
		char what[32];

		e = rc_cursor_error(&j.cur, "unexpected %s after the value",
				    rc_cursor_what(&j.cur, what, sizeof(what)));
		goto out;
	}
	j.doc->root = root;
	*out = j.doc;
	j.doc = NULL;
out:
	rc_buf_release(&j.scratch);
	rc_doc_free(j.doc);
	return e;
}
