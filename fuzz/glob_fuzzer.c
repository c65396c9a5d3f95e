/*
 * glob_fuzzer.c - rc_glob_match.
 *
 * Input: one byte of flags (RC_GLOB_CASEFOLD, RC_GLOB_BRACES), the pattern,
 * a NUL byte, the path. Besides crashes and hangs (the matcher must stay
 * polynomial), checks invariants: the NUL-terminated and explicit-length
 * entry points agree; the flag RC_GLOB_BRACES changes nothing for a pattern
 * without '{'; a pattern without special bytes matches only itself; the
 * path with every byte escaped matches the path. The pattern is also read
 * as a list of globs split at newlines: a compiled set of them must agree
 * with rc_glob_match, glob by glob (rc_globset_match_all) and as a whole
 * (rc_globset_match).
 */
#include "core/common.h"
#include "core/alloc.h"
#include "walk/glob.h"

#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "invariant broken: %s\n", what);
		abort();
	}
}

/* The globs of list (newline-separated) as a set, against each alone. */
static void check_set(char *list, const char *path, unsigned flags)
{
	const char *globs[64];
	uint64_t all[2] = { 0, 0 };
	struct rc_globset *set = NULL;
	size_t n = 0, i;
	bool any = false;
	char *p = list, *nl;

	while (n < 64) {
		globs[n++] = p;
		if (!(nl = strchr(p, '\n')))
			break;
		*nl = '\0';
		p = nl + 1;
	}
	if (rc_globset_new(&set, globs, n, flags))
		return; /* out of memory */
	rc_globset_match_all(set, path, strlen(path), all);
	for (i = 0; i < n; i++) {
		bool one = rc_glob_match(globs[i], path, flags);

		check(one == (bool)((all[i / 64] >> (i % 64)) & 1),
		      "match_all agrees with each glob");
		any |= one;
	}
	check(any == rc_globset_match(set, path, strlen(path)),
	      "set agrees with its globs");
	rc_globset_free(set);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *pat, *path, *sep;
	char *esc, *pat0, *path0;
	size_t plen, tlen, elen, i;
	unsigned flags;
	bool m;

	if (size < 1 || size > 8192)
		return 0;
	flags = data[0] & (RC_GLOB_CASEFOLD | RC_GLOB_BRACES);
	pat = (const char *)data + 1;
	sep = memchr(pat, '\0', size - 1);
	plen = sep ? (size_t)(sep - pat) : size - 1;
	path = sep ? sep + 1 : "";
	tlen = sep ? strnlen(path, size - 1 - plen - 1) : 0;

	pat0 = rc_strndup(pat, plen);
	path0 = rc_strndup(path, tlen);
	esc = rc_malloc(2 * tlen + 1);
	if (!pat0 || !path0 || !esc)
		goto out;
	m = rc_glob_match_n(pat, plen, path, tlen, flags);
	check(m == rc_glob_match(pat0, path0, flags), "_n agrees");
	if (!memchr(pat, '{', plen))
		check(m == rc_glob_match_n(pat, plen, path, tlen,
					   flags ^ RC_GLOB_BRACES),
		      "braces flag neutral without '{'");
	if (!(flags & RC_GLOB_CASEFOLD) && !strpbrk(pat0, "*?[\\{"))
		check(m == (plen == tlen && !memcmp(pat, path, plen)),
		      "literal pattern");
	for (i = 0, elen = 0; i < tlen; i++) {
		if (path[i] != '/' || i % 2) /* "\/" is a separator too */
			esc[elen++] = '\\';
		esc[elen++] = path[i];
	}
	check(rc_glob_match_n(esc, elen, path, tlen, flags),
	      "escaped path matches itself");
	(void)rc_glob_match_n(path, tlen, pat, plen, flags);
	check_set(pat0, path0, flags);
out:
	rc_free(esc);
	rc_free(pat0);
	rc_free(path0);
	return 0;
}
