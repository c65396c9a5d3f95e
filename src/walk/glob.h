/*
 * glob.h - shell/gitignore-style glob matching on '/'-separated paths.
 *
 * Syntax (git's wildmatch with WM_PATHNAME):
 *  - '*' matches any run of non-'/' bytes, '?' one non-'/' byte;
 *  - '[...]' a class: '!' or '^' first negates, 'a-z' ranges, '\x' escapes,
 *    a ']' right after the opening bracket (or its '!') is a member,
 *    '[:alpha:]' and the other POSIX names (ASCII only); a class never
 *    matches '/';
 *  - '\x' a literal x;
 *  - a path segment made only of stars ("**", "***") matches whole
 *    segments (spaces added here, as the real sequences would end this
 *    comment): "** / x" matches x at any depth, "a / ** / b" matches "a/b"
 *    and "a/x/y/b", a trailing "/ **" matches everything below; anywhere
 *    else "**" is the same as '*' ("foo** / bar" matches "foo/bar" and
 *    "fooX/bar", never "foobar");
 *  - '{a,b}' alternatives, nestable, only with RC_GLOB_BRACES (a '{' with
 *    no ',' at its own level, or without its '}', is a literal).
 *
 * A pattern with an unterminated class, an unknown "[:name:]" or a trailing
 * lone '\' matches nothing (as in git). Matching is on bytes; names need not
 * be UTF-8.
 *
 * Cost: without braces, time is O(len(pattern) * len(path)) in the worst
 * case (greedy matching with one backtracking point per level, no
 * recursion), so patterns like "*a*a*a*a*b" are harmless. Braces are
 * expanded one alternative at a time, depth first and left to right; only
 * the first RC_GLOB_MAX_ALTERNATIVES expansions are tried, nesting deeper
 * than RC_GLOB_MAX_BRACE_DEPTH groups stops the expansion, and so does an
 * allocation failure: past those limits the answer is "no match" (still
 * deterministic: the same inputs always give the same answer).
 *
 * Thread-safe; no global state.
 */
#ifndef RC_WALK_GLOB_H
#define RC_WALK_GLOB_H

#include "../core/common.h"

enum rc_glob_flags {
	RC_GLOB_CASEFOLD = 1 << 0, /* ASCII case-insensitive */
	RC_GLOB_BRACES = 1 << 1,   /* expand {a,b} alternatives */
};

#define RC_GLOB_MAX_ALTERNATIVES 1024
#define RC_GLOB_MAX_BRACE_DEPTH	 32

/* True when path matches pattern entirely. */
bool rc_glob_match(const char *pattern, const char *path, unsigned flags);

/*
 * The same with explicit lengths: neither string needs a terminating NUL
 * (a NUL byte inside is an ordinary byte).
 */
bool rc_glob_match_n(const char *pattern, size_t plen, const char *path,
		     size_t len, unsigned flags);

/*
 * A compiled set of globs, for matching many paths against the same list:
 * braces are expanded once (within the limits above: of a glob past them,
 * the alternatives before the limit, those rc_glob_match tries), each
 * alternative is validated
 * once and keeps its literal tail to reject most paths with one compare.
 * rc_globset_match(set, path, len) is true when any glob matches, exactly
 * as rc_glob_match with the same flags. Immutable after creation: share it
 * between threads freely.
 */
struct rc_globset;

int rc_globset_new(struct rc_globset **out, const char *const *globs, size_t n,
		   unsigned flags);
void rc_globset_free(struct rc_globset *set);
bool rc_globset_match(const struct rc_globset *set, const char *path,
		      size_t len);
/*
 * Every glob of the set that matches: bit i of out (nglobs bits, that is
 * nglobs / 64 + 1 words, which the caller zeroes) is set when globs[i]
 * given to rc_globset_new() matches, as rc_glob_match would say. One
 * pass over the set: one big set of many lists' globs decides them all at
 * the cost of a few alternatives per path.
 */
void rc_globset_match_all(const struct rc_globset *set, const char *path,
			  size_t len, uint64_t *out);
/* Number of brace-free alternatives the set holds. */
size_t rc_globset_count(const struct rc_globset *set);

/*
 * Many glob lists decided at once: which lists hold a glob that matches a
 * path. The distinct globs of all the lists form one set, so a path costs
 * one rc_globset_match_all() however many lists share globs (the content
 * patterns' file lists, the `exists` predicates). Immutable after
 * creation, like a set.
 */
struct rc_globlists;

int rc_globlists_new(struct rc_globlists **out, const char *const *const *lists,
		     const size_t *counts, size_t nlists, unsigned flags);
void rc_globlists_free(struct rc_globlists *g);
/* uint64_t words of a bitmap of lists (nlists / 64 + 1). */
size_t rc_globlists_words(const struct rc_globlists *g);
/* uint64_t words of the scratch rc_globlists_match() needs. */
size_t rc_globlists_scratch(const struct rc_globlists *g);
/* Set in out (rc_globlists_words() words, not cleared) bit i of every list
 * i with a glob matching path; scratch is the caller's (one per thread). */
void rc_globlists_match(const struct rc_globlists *g, const char *path,
			size_t len, uint64_t *scratch, uint64_t *out);

#endif
