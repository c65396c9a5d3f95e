#include "common.h"
#include "str.h"

#include <ctype.h>

bool rc_str_eq(struct rc_str a, const char *s)
{
	size_t n = strlen(s);
	return a.len == n && !memcmp(a.ptr, s, n);
}

bool rc_str_starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

const char *rc_str_find(const char *buf, size_t len, const char *needle,
			size_t nlen)
{
	const char *p = buf, *end = buf + len;

	while (nlen && (size_t)(end - p) >= nlen &&
	       (p = memchr(p, needle[0], (size_t)(end - p) - nlen + 1))) {
		if (!memcmp(p, needle, nlen))
			return p;
		p++;
	}
	return NULL;
}

bool rc_str_ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && !memcmp(s + a - b, suffix, b);
}

bool rc_str_ieq(const char *a, const char *b)
{
	while (*a && *b) {
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
		a++;
		b++;
	}
	return *a == *b;
}

const char *rc_str_icase_find(const char *hay, size_t n, const char *needle)
{
	size_t m = strlen(needle), i, j;

	if (!m)
		return hay;
	for (i = 0; i + m <= n; i++) {
		for (j = 0; j < m; j++)
			if (tolower((unsigned char)hay[i + j]) !=
			    tolower((unsigned char)needle[j]))
				break;
		if (j == m)
			return hay + i;
	}
	return NULL;
}

int rc_parse_u64(const char **cur, const char *end, uint64_t max, uint64_t *out)
{
	const char *p = *cur;
	uint64_t v = 0;

	if (p >= end || *p < '0' || *p > '9')
		return RC_EPARSE;
	while (p < end && *p >= '0' && *p <= '9') {
		unsigned d = (unsigned)(*p - '0');
		if (v > (max - d) / 10)
			return RC_ETOOBIG;
		v = v * 10 + d;
		p++;
	}
	*cur = p;
	*out = v;
	return 0;
}

unsigned rc_str_distance(const char *a, const char *b)
{
	/* optimal string alignment: insertions, deletions, substitutions and
	 * transpositions of neighbours each cost 1 ("scna" -> "scan" is 1) */
	size_t la = strlen(a), lb = strlen(b), i, j;
	unsigned d[3][64], *prev2 = d[0], *prev = d[1], *cur = d[2], *t;

	if (la > 63 || lb > 63)
		return 255;
	for (j = 0; j <= lb; j++)
		prev[j] = (unsigned)j;
	for (i = 1; i <= la; i++) {
		cur[0] = (unsigned)i;
		for (j = 1; j <= lb; j++) {
			unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
			unsigned best = prev[j - 1] + cost;

			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb] > 255 ? 255 : prev[lb];
}

const char *rc_str_suggest(const char *word, const char *const *candidates,
			   size_t n)
{
	unsigned best = 255, limit = (unsigned)strlen(word) / 3;
	const char *pick = NULL;
	size_t i;

	if (limit < 1)
		limit = 1;
	if (limit > 3)
		limit = 3;
	for (i = 0; i < n; i++) {
		unsigned d = rc_str_distance(word, candidates[i]);
		if (d < best) {
			best = d;
			pick = candidates[i];
		}
	}
	return best <= limit ? pick : NULL;
}
