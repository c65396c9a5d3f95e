#include "../core/common.h"
#include "cursor.h"

#include <stdarg.h>
#include <stdio.h>

void rc_cursor_init(struct rc_cursor *c, const char *buf, size_t len,
		    const char *path, struct rc_err *err)
{
	c->buf = buf;
	c->pos = buf;
	c->end = buf + len;
	c->line = 1;
	c->col = 1;
	c->path = path;
	c->err = err;
}

bool rc_cursor_accept(struct rc_cursor *c, const char *lit)
{
	size_t n = strlen(lit);

	if (rc_cursor_remain(c) < n || memcmp(c->pos, lit, n))
		return false;
	rc_cursor_skip(c, n);
	return true;
}

static int verror(const struct rc_cursor *c, unsigned line, unsigned col,
		  const char *fmt, va_list ap) RC_PRINTF(4, 0);

static int verror(const struct rc_cursor *c, unsigned line, unsigned col,
		  const char *fmt, va_list ap)
{
	char msg[sizeof(c->err->msg)];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	return rc_err_set(c->err, RC_EPARSE, c->path, line, col, "%s", msg);
}

int rc_cursor_error(const struct rc_cursor *c, const char *fmt, ...)
{
	va_list ap;
	int e;

	va_start(ap, fmt);
	e = verror(c, c->line, c->col, fmt, ap);
	va_end(ap);
	return e;
}

int rc_cursor_error_at(const struct rc_cursor *c, unsigned line, unsigned col,
		       const char *fmt, ...)
{
	va_list ap;
	int e;

	va_start(ap, fmt);
	e = verror(c, line, col, fmt, ap);
	va_end(ap);
	return e;
}

const char *rc_cursor_what(const struct rc_cursor *c, char *buf, size_t n)
{
	int ch = rc_cursor_peek(c);

	if (ch < 0)
		snprintf(buf, n, "end of input");
	else if (ch == '\'')
		snprintf(buf, n, "\"'\"");
	else if (ch > 0x20 && ch < 0x7f)
		snprintf(buf, n, "'%c'", ch);
	else if (ch == ' ')
		snprintf(buf, n, "space");
	else if (ch == '\n')
		snprintf(buf, n, "newline");
	else
		snprintf(buf, n, "byte 0x%02x", (unsigned)ch);
	return buf;
}

int rc_cursor_hex(struct rc_cursor *c, int n, uint32_t *out)
{
	uint32_t v = 0;
	int i, ch;

	for (i = 0; i < n; i++) {
		ch = rc_cursor_peek_at(c, (size_t)i);
		v <<= 4;
		if (ch >= '0' && ch <= '9')
			v |= (uint32_t)(ch - '0');
		else if (ch >= 'a' && ch <= 'f')
			v |= (uint32_t)(ch - 'a' + 10);
		else if (ch >= 'A' && ch <= 'F')
			v |= (uint32_t)(ch - 'A' + 10);
		else
			return -1;
	}
	rc_cursor_skip(c, (size_t)n);
	*out = v;
	return 0;
}
