/*
 * match.h - many regular expressions, one pass over a buffer.
 *
 * The only module that knows Vectorscan. A matcher is compiled once from a
 * list of patterns (PCRE syntax as Vectorscan accepts it); rc_match_scan()
 * reports each pattern's first match in a buffer (start and end offsets).
 * Patterns Vectorscan cannot compile fall back to PCRE2, scanned separately
 * and reported the same way, with a note in diags naming the pattern.
 *
 * A matcher is immutable and shared between threads; each thread scans with
 * its own scratch.
 */
#ifndef RC_MATCH_MATCH_H
#define RC_MATCH_MATCH_H

#include "../core/common.h"
#include "../core/diag.h"
#include "../core/err.h"

enum rc_pattern_flags {
	RC_PAT_CASELESS = 1 << 0,
	RC_PAT_ALL = 1 << 1, /* report every match, not only the first */
};

struct rc_pattern {
	const char *regex;
	unsigned flags;
};

struct rc_matcher;
struct rc_match_scratch;

/* Called per match; return non-zero to stop the scan. */
typedef int (*rc_match_fn)(unsigned id, size_t from, size_t to, void *payload);

/*
 * Compile n patterns (ids are their indexes). A pattern neither engine can
 * compile is an RC_EPARSE error naming it (index in err->line).
 *
 * Compiling a few hundred patterns takes Vectorscan a quarter of a second,
 * far more than scanning a typical repository, so when cache_dir is not
 * NULL the compiled database is kept there (hs-<hash>.db, keyed by the
 * patterns, their flags and the Vectorscan version; written atomically) and
 * later runs load it in well under a millisecond. A missing, stale or
 * corrupt cache file is ignored, and a cache that cannot be written only
 * costs the time: the result never depends on it.
 */
int rc_matcher_new(struct rc_matcher **out, const struct rc_pattern *pats,
		   size_t n, const char *cache_dir, struct rc_diags *diags,
		   struct rc_err *err);
void rc_matcher_free(struct rc_matcher *m);
size_t rc_matcher_count(const struct rc_matcher *m);

int rc_match_scratch_new(struct rc_match_scratch **out,
			 const struct rc_matcher *m);
/*
 * Make *s (created when NULL) good for scanning with m as well as with
 * every matcher it was fitted to before: one scratch per thread serves
 * several matchers. 0 or RC_ENOMEM (*s stays usable for the earlier ones).
 */
int rc_match_scratch_fit(struct rc_match_scratch **s,
			 const struct rc_matcher *m);
void rc_match_scratch_free(struct rc_match_scratch *s);

/* Scan buf; 0, RC_ENOMEM or RC_EINTERNAL. */
int rc_match_scan(const struct rc_matcher *m, struct rc_match_scratch *s,
		  const char *buf, size_t len, rc_match_fn cb, void *payload);

#endif
