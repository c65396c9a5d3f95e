/*
 * diag.h - diagnostics: per-file problems that must not stop a scan.
 *
 * An unreadable file, a malformed manifest, a file over the size limit: each
 * becomes a struct rc_diag with its location, collected in a struct
 * rc_diags and shown in every report ("reported, not silently").
 * A list is not thread-safe; workers keep their own and the engine merges
 * them in file order with rc_diags_take().
 */
#ifndef RC_CORE_DIAG_H
#define RC_CORE_DIAG_H

#include "common.h"
#include "vec.h"

enum rc_diag_level {
	RC_DIAG_NOTE,	 /* informational: skipped a big or binary file */
	RC_DIAG_WARNING, /* part of the input could not be used */
	RC_DIAG_ERROR,	 /* a configuration or manifest error */
};

struct rc_diag {
	enum rc_diag_level level;
	char *path; /* owned; "" when not about a file */
	unsigned line, col;
	char *msg; /* owned */
};

struct rc_diags {
	RC_VEC(struct rc_diag) list;
};

#define RC_DIAGS_INIT              \
	{                          \
		{                  \
			NULL, 0, 0 \
		}                  \
	}

/* Append a diagnostic; 0 or RC_ENOMEM. path may be NULL. */
int rc_diags_add(struct rc_diags *d, enum rc_diag_level level, const char *path,
		 unsigned line, unsigned col, const char *fmt, ...)
	RC_PRINTF(6, 7);
/* Move every entry of src to the end of dst (src is left empty). */
int rc_diags_take(struct rc_diags *dst, struct rc_diags *src);
/* Sort by path, line, column, message (stable output). */
void rc_diags_sort(struct rc_diags *d);
void rc_diags_release(struct rc_diags *d);
const char *rc_diag_level_name(enum rc_diag_level level);

#endif
