/*
 * str.h - non-owning string views and small string helpers.
 */
#ifndef RC_CORE_STR_H
#define RC_CORE_STR_H

#include "common.h"

struct rc_str {
	const char *ptr;
	size_t len;
};

#define RC_STR(lit) ((struct rc_str){ (lit), sizeof(lit) - 1 })

static inline struct rc_str rc_str_from(const char *s)
{
	struct rc_str v = { s, s ? strlen(s) : 0 };
	return v;
}

bool rc_str_eq(struct rc_str a, const char *s);
bool rc_str_starts_with(const char *s, const char *prefix);
bool rc_str_ends_with(const char *s, const char *suffix);
/* First needle (nlen bytes, nlen > 0) in buf[0..len), or NULL. */
const char *rc_str_find(const char *buf, size_t len, const char *needle,
			size_t nlen);
/* ASCII case-insensitive comparisons. */
bool rc_str_ieq(const char *a, const char *b);
/* Case-insensitive substring search; NULL when absent. */
const char *rc_str_icase_find(const char *hay, size_t n, const char *needle);

/*
 * Parse a decimal unsigned integer from [*cur, end) no larger than max;
 * advances *cur past the digits. Returns 0 or RC_EPARSE (no digits) or
 * RC_ETOOBIG (over max).
 */
int rc_parse_u64(const char **cur, const char *end, uint64_t max,
		 uint64_t *out);

/* Levenshtein distance, capped at 255. */
unsigned rc_str_distance(const char *a, const char *b);

/*
 * The candidate nearest to word (edit distance at most a third of its length,
 * at least 1 and at most 3), or NULL when none is close.
 */
const char *rc_str_suggest(const char *word, const char *const *candidates,
			   size_t n);

#endif
