/*
 * cursor.h - a read position over a byte buffer that knows its line and
 * column, for the hand-written readers (json.c, toml.c).
 *
 * Modelled on libgit2's git_parse_ctx: the cursor owns no memory; it points
 * into the caller's buffer [buf, end) and never reads at or past end. Every
 * advance keeps line and col (1-based) in step with pos; columns count
 * characters, not bytes (UTF-8 continuation bytes do not move the column),
 * so "file:3:7" matches what an editor shows. A tab counts as one column.
 */
#ifndef RC_PARSE_CURSOR_H
#define RC_PARSE_CURSOR_H

#include "../core/common.h"
#include "../core/err.h"

struct rc_cursor {
	const char *buf; /* start of input */
	const char *pos; /* next byte to read */
	const char *end; /* one past the last byte */
	unsigned line;	 /* of pos, 1-based */
	unsigned col;	 /* of pos, 1-based, in characters */
	const char *path;
	struct rc_err *err;
};

void rc_cursor_init(struct rc_cursor *c, const char *buf, size_t len,
		    const char *path, struct rc_err *err);

static inline bool rc_cursor_eof(const struct rc_cursor *c)
{
	return c->pos >= c->end;
}

/* The next byte as 0-255, or -1 at end of input. */
static inline int rc_cursor_peek(const struct rc_cursor *c)
{
	return c->pos < c->end ? (unsigned char)*c->pos : -1;
}

/* The byte i places ahead of pos, or -1 past the end. */
static inline int rc_cursor_peek_at(const struct rc_cursor *c, size_t i)
{
	return (size_t)(c->end - c->pos) > i ? (unsigned char)c->pos[i] : -1;
}

/* Bytes left. */
static inline size_t rc_cursor_remain(const struct rc_cursor *c)
{
	return (size_t)(c->end - c->pos);
}

/* Step over one byte, keeping line and column (no-op at end of input). */
static inline void rc_cursor_next(struct rc_cursor *c)
{
	unsigned char ch;

	if (c->pos >= c->end)
		return;
	ch = (unsigned char)*c->pos++;
	if (ch == '\n') {
		c->line++;
		c->col = 1;
	} else if ((ch & 0xC0) != 0x80) {
		c->col++;
	}
}

/* Step over n bytes (stops at end of input). */
static inline void rc_cursor_skip(struct rc_cursor *c, size_t n)
{
	while (n-- && c->pos < c->end)
		rc_cursor_next(c);
}

/* True (and steps over it) when the input at pos starts with the literal. */
bool rc_cursor_accept(struct rc_cursor *c, const char *lit);

/*
 * Record RC_EPARSE at the cursor's position (or at line/col for the _at
 * form) with a printf-style message, and return RC_EPARSE.
 */
int rc_cursor_error(const struct rc_cursor *c, const char *fmt, ...)
	RC_PRINTF(2, 3);
int rc_cursor_error_at(const struct rc_cursor *c, unsigned line, unsigned col,
		       const char *fmt, ...) RC_PRINTF(4, 5);

/*
 * Read exactly n (at most 8) hex digits at pos into *out and step over
 * them; -1 without moving when one of them is not a hex digit.
 */
int rc_cursor_hex(struct rc_cursor *c, int n, uint32_t *out);

/*
 * Describe the byte at pos for an error message: "'x'" for printable ASCII,
 * "end of input" at the end, "byte 0xNN" otherwise. Returns buf (n >= 16).
 */
const char *rc_cursor_what(const struct rc_cursor *c, char *buf, size_t n);

#endif
