#include "../core/common.h"
#include "xml_lite.h"
#include "../core/str.h"

#include <stdarg.h>
#include <stdio.h>

void rc_xml_init(struct rc_xml *x, const char *buf, size_t len)
{
	memset(x, 0, sizeof(*x));
	x->p = buf;
	x->bol = buf;
	x->end = buf + len;
	x->line = 1;
	x->state = RC_XML_OPEN; /* anything but END/ERROR: running */
}

static unsigned col_of(const struct rc_xml *x, const char *p)
{
	return (unsigned)(p - x->bol) + 1;
}

/* Advance to q, counting lines. */
static void advance(struct rc_xml *x, const char *q)
{
	while (x->p < q) {
		const char *nl = memchr(x->p, '\n', (size_t)(q - x->p));

		if (!nl) {
			x->p = q;
			return;
		}
		x->line++;
		x->p = nl + 1;
		x->bol = x->p;
	}
}

/* Names in messages are cut to 60 bytes. */
static int clamp(size_t n)
{
	return n > 60 ? 60 : (int)n;
}

static enum rc_xml_event fail(struct rc_xml *x, struct rc_xml_item *it,
			      unsigned line, unsigned col, const char *fmt, ...)
	RC_PRINTF(5, 6);

static enum rc_xml_event fail(struct rc_xml *x, struct rc_xml_item *it,
			      unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(x->msg, sizeof(x->msg), fmt, ap);
	va_end(ap);
	x->err_line = line;
	x->err_col = col;
	x->state = RC_XML_ERROR;
	it->type = RC_XML_ERROR;
	it->line = line;
	it->col = col;
	return RC_XML_ERROR;
}

/* First occurrence of the NUL-terminated needle in [p, end). */
static const char *find(const char *p, const char *end, const char *needle)
{
	return rc_str_find(p, (size_t)(end - p), needle, strlen(needle));
}

static bool name_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == ':' || (unsigned char)c >= 0x80;
}

static bool name_char(char c)
{
	return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skip <!-- -->, <? ?>, <!DOCTYPE ...>; 1 when skipped, 0 when not such
 * a construct, -1 on error. */
static int skip_markup(struct rc_xml *x, struct rc_xml_item *it)
{
	const char *p = x->p, *q;
	unsigned line = x->line, col = col_of(x, p);
	size_t left = (size_t)(x->end - p);

	if (left >= 4 && !memcmp(p, "<!--", 4)) {
		q = find(p + 4, x->end, "-->");
		if (!q)
			return fail(x, it, line, col, "unterminated comment"),
			       -1;
		advance(x, q + 3);
		return 1;
	}
	if (left >= 2 && !memcmp(p, "<?", 2)) {
		q = find(p + 2, x->end, "?>");
		if (!q)
			return fail(x, it, line, col,
				    "unterminated processing instruction"),
			       -1;
		advance(x, q + 2);
		return 1;
	}
	if (left >= 2 && !memcmp(p, "<!", 2) &&
	    !(left >= 9 && !memcmp(p, "<![CDATA[", 9))) {
		unsigned brackets = 0;

		for (q = p + 2; q < x->end; q++) {
			if (*q == '[')
				brackets++;
			else if (*q == ']' && brackets)
				brackets--;
			else if (*q == '>' && !brackets)
				break;
		}
		if (q >= x->end)
			return fail(x, it, line, col, "expected '>'"), -1;
		advance(x, q + 1);
		return 1;
	}
	return 0;
}

static enum rc_xml_event end_tag(struct rc_xml *x, struct rc_xml_item *it)
{
	const char *p = x->p + 2, *name = p;
	unsigned line = x->line, col = col_of(x, x->p);
	size_t n;

	while (p < x->end && name_char(*p))
		p++;
	n = (size_t)(p - name);
	while (p < x->end && blank(*p))
		p++;
	if (p >= x->end || *p != '>')
		return fail(x, it, line, col_of(x, p), "expected '>'");
	if (!x->depth)
		return fail(x, it, line, col, "unexpected '</%.*s>'", clamp(n),
			    name);
	if (x->stack[x->depth - 1].len != n ||
	    memcmp(x->stack[x->depth - 1].name, name, n))
		return fail(x, it, line, col, "expected '</%.*s>'",
			    clamp(x->stack[x->depth - 1].len),
			    x->stack[x->depth - 1].name);
	advance(x, p + 1);
	it->type = RC_XML_CLOSE;
	it->name = name;
	it->name_len = n;
	it->line = line;
	it->col = col;
	x->pop_next = true;
	return RC_XML_CLOSE;
}

static enum rc_xml_event start_tag(struct rc_xml *x, struct rc_xml_item *it)
{
	const char *p = x->p + 1, *name = p, *attrs;
	unsigned line = x->line, col = col_of(x, x->p);
	char quote = 0;

	if (p >= x->end || !name_start(*p))
		return fail(x, it, line, col + 1, "expected a tag name");
	while (p < x->end && name_char(*p))
		p++;
	it->name = name;
	it->name_len = (size_t)(p - name);
	attrs = p;
	for (; p < x->end; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '>' || *p == '<') {
			break;
		}
	}
	if (p >= x->end || *p != '>')
		return fail(x, it, line, col, "expected '>' to close '<%.*s'",
			    clamp(it->name_len), name);
	if (x->depth >= RC_XML_MAX_DEPTH)
		return fail(x, it, line, col,
			    "elements nested too deeply at '<%.*s>'",
			    clamp(it->name_len), name);
	it->type = RC_XML_OPEN;
	it->attrs = attrs;
	it->attrs_len = (size_t)(p - attrs);
	it->line = line;
	it->col = col;
	if (it->attrs_len && p[-1] == '/') {
		it->attrs_len--;
		x->pending_close = true;
	}
	x->stack[x->depth].name = name;
	x->stack[x->depth].len = it->name_len;
	x->depth++;
	advance(x, p + 1);
	return RC_XML_OPEN;
}

enum rc_xml_event rc_xml_next(struct rc_xml *x, struct rc_xml_item *it)
{
	memset(it, 0, sizeof(*it));
	if (x->state == RC_XML_ERROR || x->state == RC_XML_END) {
		it->type = x->state;
		it->line = x->err_line;
		it->col = x->err_col;
		return x->state;
	}
	if (x->pop_next) {
		x->pop_next = false;
		x->depth--;
	}
	if (x->pending_close) {
		x->pending_close = false;
		it->type = RC_XML_CLOSE;
		it->name = x->stack[x->depth - 1].name;
		it->name_len = x->stack[x->depth - 1].len;
		it->line = x->line;
		it->col = col_of(x, x->p);
		x->pop_next = true;
		return RC_XML_CLOSE;
	}
	for (;;) {
		const char *lt, *t;
		size_t tn;
		int k;

		if (x->p >= x->end) {
			if (x->depth)
				return fail(x, it, x->line, col_of(x, x->p),
					    "expected '</%.*s>' before the end "
					    "of the file",
					    clamp(x->stack[x->depth - 1].len),
					    x->stack[x->depth - 1].name);
			x->state = RC_XML_END;
			it->type = RC_XML_END;
			return RC_XML_END;
		}
		if (*x->p != '<') {
			/* text up to the next tag */
			lt = memchr(x->p, '<', (size_t)(x->end - x->p));
			if (!lt)
				lt = x->end;
			t = x->p;
			tn = (size_t)(lt - t);
			while (tn && blank(*t)) {
				t++;
				tn--;
			}
			while (tn && blank(t[tn - 1]))
				tn--;
			advance(x, t);
			it->line = x->line;
			it->col = col_of(x, t);
			advance(x, lt);
			if (!tn)
				continue;
			it->type = RC_XML_TEXT;
			it->text = t;
			it->text_len = tn;
			return RC_XML_TEXT;
		}
		k = skip_markup(x, it);
		if (k < 0)
			return RC_XML_ERROR;
		if (k)
			continue;
		if ((size_t)(x->end - x->p) >= 9 &&
		    !memcmp(x->p, "<![CDATA[", 9)) {
			const char *q = find(x->p + 9, x->end, "]]>");

			if (!q)
				return fail(x, it, x->line, col_of(x, x->p),
					    "unterminated CDATA section");
			it->type = RC_XML_TEXT;
			it->text = x->p + 9;
			it->text_len = (size_t)(q - it->text);
			it->line = x->line;
			it->col = col_of(x, x->p);
			advance(x, q + 3);
			if (!it->text_len)
				continue;
			return RC_XML_TEXT;
		}
		if (x->p + 1 < x->end && x->p[1] == '/')
			return end_tag(x, it);
		return start_tag(x, it);
	}
}

bool rc_xml_path_is(const struct rc_xml *x, const char *path)
{
	size_t i;

	for (i = 0; i < x->depth; i++) {
		size_t n = x->stack[i].len;

		if (strlen(path) < n || memcmp(path, x->stack[i].name, n))
			return false;
		path += n;
		if (i + 1 < x->depth) {
			if (*path != '/')
				return false;
			path++;
		}
	}
	return *path == '\0';
}

bool rc_xml_attr(const struct rc_xml_item *it, const char *name,
		 const char **value, size_t *len)
{
	const char *p = it->attrs, *end = it->attrs + it->attrs_len;
	size_t m = strlen(name);

	while (p < end) {
		const char *an;
		size_t anl;
		char q;

		while (p < end && blank(*p))
			p++;
		an = p;
		while (p < end && name_char(*p))
			p++;
		anl = (size_t)(p - an);
		if (!anl) {
			p++;
			continue;
		}
		while (p < end && blank(*p))
			p++;
		if (p >= end || *p != '=')
			continue;
		p++;
		while (p < end && blank(*p))
			p++;
		if (p >= end || (*p != '"' && *p != '\''))
			continue;
		q = *p++;
		{
			const char *v = p;

			while (p < end && *p != q)
				p++;
			if (anl == m && !memcmp(an, name, m)) {
				*value = v;
				*len = (size_t)(p - v);
				return true;
			}
		}
		p++;
	}
	return false;
}
