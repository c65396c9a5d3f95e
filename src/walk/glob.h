/*
 * glob.h - shell/gitignore-style glob matching on '/'-separated paths.
 *
 * Syntax: '*' any run of non-'/' characters, '?' one non-'/' character,
 * '[...]' a class ('!' or '^' negates, ranges a-z), '\x' a literal x,
 * a '**' path segment matches zero or more whole segments (so "a/ ** /b"
 * without the spaces matches "a/b" and "a/x/y/b"), '{a,b}' alternatives
 * (only with RC_GLOB_BRACES).
 */
#ifndef RC_WALK_GLOB_H
#define RC_WALK_GLOB_H

#include "../core/common.h"

enum rc_glob_flags {
	RC_GLOB_CASEFOLD = 1 << 0, /* ASCII case-insensitive */
	RC_GLOB_BRACES = 1 << 1,   /* expand {a,b} alternatives */
};

/* True when path matches pattern entirely. */
bool rc_glob_match(const char *pattern, const char *path, unsigned flags);

#endif
