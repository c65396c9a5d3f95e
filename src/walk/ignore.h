/*
 * ignore.h - gitignore rules.
 *
 * An rc_ignore holds the patterns of one source (a .gitignore file, the
 * repository's info/exclude, the config's `ignore` list), with the directory
 * they are relative to. Semantics are git's (gitignore(5)):
 *  - lines are split at '\n' (a '\r' before it is dropped), a UTF-8 BOM at
 *    the start of a file is skipped, a NUL byte ends its line;
 *  - blank lines and lines starting with '#' are skipped ("\#" is a
 *    pattern starting with '#');
 *  - trailing spaces are trimmed unless escaped with '\' ("a\ " keeps one);
 *  - a leading '!' negates ("\!" is a pattern starting with '!');
 *  - a trailing '/' matches directories only (and is not part of the
 *    pattern);
 *  - a pattern without any other '/' matches the last component of a path
 *    at any depth below the base directory; one with a '/' at the start or
 *    in the middle is anchored to the base directory;
 *  - wildcards are those of glob.h ('*', '?', classes, '\' escapes, "**"
 *    segments), without braces and case-sensitive;
 *  - the last matching pattern of a set decides.
 *
 * Sets are immutable once built; matching is thread-safe.
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
/*
 * Add one pattern line (as from a config list) to an existing set. The line
 * is read like a line of a .gitignore file: "" and "# ..." add nothing.
 * 0 or RC_ENOMEM.
 */
int rc_ignore_add(struct rc_ignore *ig, const char *pattern);
void rc_ignore_free(struct rc_ignore *ig);

/* Number of patterns in the set (skipped lines not counted). */
size_t rc_ignore_count(const struct rc_ignore *ig);

/*
 * Match a path relative to the root ('/'-separated, no leading '/').
 * Paths outside the base directory never match (nor does the base
 * directory itself). Only this path is looked at: whether one of its parent
 * directories is excluded is the caller's business (see
 * rc_ignore_is_excluded).
 */
enum rc_ignore_verdict rc_ignore_match(const struct rc_ignore *ig,
				       const char *path, bool is_dir);
/* The same with an explicit length (path need not be NUL-terminated). */
enum rc_ignore_verdict rc_ignore_match_n(const struct rc_ignore *ig,
					 const char *path, size_t len,
					 bool is_dir);

/*
 * git's answer for a whole path: is it ignored?
 *
 * sets are the sources in decreasing precedence; git's order is: patterns
 * given by the caller (the config), then the .gitignore files from the
 * deepest directory up to the root, then info/exclude. For each path the
 * first set that has a matching pattern decides (a set whose base does not
 * contain the path has none). Every leading directory of path is checked
 * first, as a directory: a path below an excluded directory is excluded
 * whatever the patterns say about it, because git never looks inside an
 * excluded directory. The walker applies the same rules incrementally.
 */
bool rc_ignore_is_excluded(const struct rc_ignore *const *sets, size_t n,
			   const char *path, bool is_dir);

#endif
