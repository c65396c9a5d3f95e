#include "common.h"
#include "buf.h"
#include "alloc.h"
#include "utf8.h"

#include <stdio.h>

char rc_buf_empty[1];

void rc_buf_init(struct rc_buf *b, size_t max)
{
	b->ptr = rc_buf_empty;
	b->len = 0;
	b->cap = 0;
	b->max = max;
	b->err = 0;
}

void rc_buf_release(struct rc_buf *b)
{
	if (b->cap)
		rc_free(b->ptr);
	rc_buf_init(b, b->max);
}

void rc_buf_reset(struct rc_buf *b)
{
	b->len = 0;
	b->err = 0;
	if (b->cap)
		b->ptr[0] = '\0';
}

char *rc_buf_detach(struct rc_buf *b, size_t *len)
{
	char *p;

	if (len)
		*len = b->len;
	if (b->cap) {
		p = b->ptr;
	} else {
		p = rc_malloc(1);
		if (p)
			p[0] = '\0';
	}
	rc_buf_init(b, b->max);
	return p;
}

int rc_buf_grow(struct rc_buf *b, size_t n)
{
	size_t need, ncap;
	char *p;

	if (b->err)
		return b->err;
	if (rc_add_overflow(b->len, n, &need) || need > b->max) {
		b->err = RC_ETOOBIG;
		return b->err;
	}
	if (need + 1 <= b->cap)
		return 0;
	ncap = b->cap ? b->cap : 64;
	while (ncap < need + 1) {
		if (rc_mul_overflow(ncap, 2, &ncap)) {
			ncap = need + 1;
			break;
		}
	}
	p = rc_realloc(b->cap ? b->ptr : NULL, ncap);
	if (!p) {
		b->err = RC_ENOMEM;
		return b->err;
	}
	if (!b->cap)
		p[0] = '\0';
	b->ptr = p;
	b->cap = ncap;
	return 0;
}

void rc_buf_truncate(struct rc_buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->ptr[len] = '\0';
	}
}

int rc_buf_add(struct rc_buf *b, const void *p, size_t n)
{
	if (rc_buf_grow(b, n))
		return b->err;
	if (n)
		memcpy(b->ptr + b->len, p, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return 0;
}

int rc_buf_adds(struct rc_buf *b, const char *s)
{
	return rc_buf_add(b, s, strlen(s));
}

int rc_buf_addc(struct rc_buf *b, char c)
{
	return rc_buf_add(b, &c, 1);
}

int rc_buf_addch_n(struct rc_buf *b, char c, size_t n)
{
	if (rc_buf_grow(b, n))
		return b->err;
	memset(b->ptr + b->len, c, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return 0;
}

int rc_buf_vaddf(struct rc_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (b->err)
		return b->err;
	va_copy(cp, ap);
	n = vsnprintf(b->ptr + b->len, b->cap ? b->cap - b->len : 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->err = RC_ENOMEM;
		return b->err;
	}
	if (!b->cap || (size_t)n >= b->cap - b->len) {
		if (rc_buf_grow(b, (size_t)n))
			return b->err;
		vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
	return 0;
}

int rc_buf_addf(struct rc_buf *b, const char *fmt, ...)
{
	va_list ap;
	int e;

	va_start(ap, fmt);
	e = rc_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return e;
}

int rc_buf_add_json_str(struct rc_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;

	rc_buf_addc(b, '"');
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t clen;

		if (c >= 0x80) {
			clen = rc_utf8_valid_len(s + i, n - i);
			if (clen)
				rc_buf_add(b, s + i, clen);
			else
				rc_buf_adds(b, "\\ufffd");
			i += clen ? clen : 1;
			continue;
		}
		switch (c) {
		case '"':
			rc_buf_adds(b, "\\\"");
			break;
		case '\\':
			rc_buf_adds(b, "\\\\");
			break;
		case '\n':
			rc_buf_adds(b, "\\n");
			break;
		case '\r':
			rc_buf_adds(b, "\\r");
			break;
		case '\t':
			rc_buf_adds(b, "\\t");
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				char esc[6] = {
					'\\', 'u',	   '0',
					'0',  hex[c >> 4], hex[c & 15]
				};
				rc_buf_add(b, esc, 6);
			} else {
				rc_buf_addc(b, (char)c);
			}
		}
		i++;
	}
	return rc_buf_addc(b, '"');
}

int rc_buf_add_utf8(struct rc_buf *b, uint32_t cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return rc_buf_add(b, u, n);
}
