/*
 * buf.h - growable byte buffer with a ceiling and a sticky error.
 *
 * Invariants (git strbuf):
 *  - ptr is never NULL: an empty buffer points at a shared "" byte;
 *  - ptr[len] == '\0' always, so ptr can be used as a C string (the buffer
 *    may also hold NUL bytes of its own);
 *  - len <= max: the ceiling is set at init (curl dynbuf); input comes from
 *    untrusted repositories, so a buffer never grows without bound.
 *
 * Errors are sticky (libgit2 git_str): when an adder fails, err latches
 * RC_ENOMEM or RC_ETOOBIG, later adders do nothing, and the caller checks
 * once with rc_buf_err(). The contents stay valid (possibly truncated).
 *
 * Ownership: the buffer owns ptr. rc_buf_release() frees it and re-inits;
 * rc_buf_detach() hands it to the caller, who frees it with rc_free().
 */
#ifndef RC_CORE_BUF_H
#define RC_CORE_BUF_H

#include "common.h"

#include <stdarg.h>

struct rc_buf {
	char *ptr;
	size_t len;
	size_t cap; /* 0 while ptr points at the shared empty string */
	size_t max; /* ceiling on len */
	int err;    /* 0, RC_ENOMEM or RC_ETOOBIG; sticky */
};

extern char rc_buf_empty[];
#define RC_BUF_MAX_DEFAULT ((size_t)1 << 30)
#define RC_BUF_INIT                                       \
	{                                                 \
		rc_buf_empty, 0, 0, RC_BUF_MAX_DEFAULT, 0 \
	}

/* Set up an empty buffer whose length may never exceed max. */
void rc_buf_init(struct rc_buf *b, size_t max);
/* Free the contents and re-init with the same ceiling. */
void rc_buf_release(struct rc_buf *b);
/* Set len to 0 keeping the allocation (and clear a sticky error). */
void rc_buf_reset(struct rc_buf *b);
/* Hand over the contents (NUL-terminated, caller frees with rc_free). */
char *rc_buf_detach(struct rc_buf *b, size_t *len);
/* Make room for n more bytes. 0 or the sticky error. */
int rc_buf_grow(struct rc_buf *b, size_t n);
/* Shorten to len (no-op when len >= b->len). */
void rc_buf_truncate(struct rc_buf *b, size_t len);

/* Adders: on failure they latch the sticky error and return it. */
int rc_buf_add(struct rc_buf *b, const void *p, size_t n);
int rc_buf_adds(struct rc_buf *b, const char *s);
int rc_buf_addc(struct rc_buf *b, char c);
int rc_buf_addf(struct rc_buf *b, const char *fmt, ...) RC_PRINTF(2, 3);
int rc_buf_vaddf(struct rc_buf *b, const char *fmt, va_list ap) RC_PRINTF(2, 0);
/* Append n copies of c. */
int rc_buf_addch_n(struct rc_buf *b, char c, size_t n);
/* Append s as a JSON string literal, quotes included; invalid UTF-8 bytes
 * become U+FFFD. */
int rc_buf_add_json_str(struct rc_buf *b, const char *s, size_t n);

/* Append code point cp (at most 0x10FFFF, not a surrogate) as UTF-8. */
int rc_buf_add_utf8(struct rc_buf *b, uint32_t cp);

/* The sticky error: 0, RC_ENOMEM or RC_ETOOBIG. */
static inline int rc_buf_err(const struct rc_buf *b)
{
	return b->err;
}

#endif
