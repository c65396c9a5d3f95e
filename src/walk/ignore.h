/*
 * ignore.h - gitignore rules.
 *
 * An rc_ignore holds the patterns of one source (a .gitignore file, the
 * repository's info/exclude, the config's `ignore` list), with the directory
 * they are relative to. Semantics are git's (gitignore(5)): blank lines and
 * '#' comments skipped, trailing unescaped spaces trimmed, '\' escapes,
 * '!' negation, a '/' at the start or middle anchors to the base directory,
 * a trailing '/' matches directories only, '**' segments, last match wins.
 */
#ifndef RC_WALK_IGNORE_H
#define RC_WALK_IGNORE_H

#include "../core/common.h"
#include "../core/err.h"

struct rc_ignore;

enum rc_ignore_verdict {
	RC_IGNORE_NONE = 0,    /* no pattern matched */
	RC_IGNORE_EXCLUDE = 1, /* last matching pattern excludes */
	RC_IGNORE_INCLUDE = 2, /* last matching pattern is a negation */
};

/*
 * Parse gitignore text. base is the directory the file lives in, relative to
 * the root, without trailing '/' ("" for the root). 0 or RC_ENOMEM.
 */
int rc_ignore_parse(struct rc_ignore **out, const char *buf, size_t len,
		    const char *base);
/* Add one pattern line (as from a config list) to an existing set. */
int rc_ignore_add(struct rc_ignore *ig, const char *pattern);
void rc_ignore_free(struct rc_ignore *ig);

/*
 * Match a path relative to the root ('/'-separated, no leading '/').
 * Paths outside the base directory never match.
 */
enum rc_ignore_verdict rc_ignore_match(const struct rc_ignore *ig,
				       const char *path, bool is_dir);

#endif
