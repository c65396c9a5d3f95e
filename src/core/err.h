/*
 * err.h - an error with its message and location.
 *
 * A caller owns a struct rc_err (usually on its stack, RC_ERR_INIT) and passes
 * it down; the function that detects a failure fills it with rc_err_set() and
 * returns the code. Callers propagate code and message unchanged. Messages
 * follow git's style: lower-case, no full stop, what went wrong first, the
 * subject in single quotes. The "readycheck: " prefix is added by cli/ only.
 *
 * The struct holds fixed-size text so that filling it never allocates
 * (it must work when allocation is what failed). Longer text is truncated.
 */
#ifndef RC_CORE_ERR_H
#define RC_CORE_ERR_H

#include "common.h"

struct rc_err {
	int code;	/* 0 or an RC_E* code */
	char path[512]; /* file the error is about, or "" */
	unsigned line;	/* 1-based, 0 when unknown */
	unsigned col;	/* 1-based, 0 when unknown */
	char msg[512];	/* what went wrong */
	char hint[128]; /* nearest valid word for "did you mean", or "" */
};

#define RC_ERR_INIT \
	{           \
		0   \
	}

/* Reset to the no-error state. */
void rc_err_clear(struct rc_err *err);

/*
 * Record an error and return code. path may be NULL; line/col may be 0.
 * err may be NULL (the error is then only returned).
 */
int rc_err_set(struct rc_err *err, int code, const char *path, unsigned line,
	       unsigned col, const char *fmt, ...) RC_PRINTF(6, 7);

/* Record the nearest valid word, shown as "(did you mean 'hint'?)". */
void rc_err_hint(struct rc_err *err, const char *hint);

/*
 * Format as "path:line:col: msg (did you mean 'hint'?)" into out (size n,
 * always NUL-terminated). Returns out.
 */
const char *rc_err_format(const struct rc_err *err, char *out, size_t n);

/* Thread-safe message for errnum, through strerror_r. Returns buf. */
const char *rc_strerror(int errnum, char *buf, size_t n);

/* Bugs: abort in debug builds, record RC_EINTERNAL and return in release. */
#ifdef NDEBUG
#define RC_ASSERT(expr, err)                                               \
	do {                                                               \
		if (!(expr))                                               \
			return rc_err_set((err), RC_EINTERNAL, __FILE__,   \
					  __LINE__, 0,                     \
					  "assertion '%s' failed", #expr); \
	} while (0)
#else
#include <assert.h>
#define RC_ASSERT(expr, err) assert(expr)
#endif

#endif
