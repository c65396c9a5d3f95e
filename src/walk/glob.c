/*
 * glob.c - wildmatch-compatible globbing without exponential backtracking.
 *
 * git's wildmatch() recurses at every '*'; we get the same answers in
 * polynomial time by matching at two levels, each with the classic greedy
 * algorithm that keeps a single backtracking point:
 *
 *  - the path level: pattern and path are cut into '/'-separated segments
 *    (a '/' inside a class does not cut the pattern; "\/" does). A segment
 *    made only of stars is a "**" that matches zero or more whole path
 *    segments (one or more when it is last, or followed by "\/", because
 *    wildmatch then needs at least one byte or the '/' after it);
 *  - the segment level: one pattern segment against one path segment,
 *    where '*' matches any run of bytes (there is no '/' left).
 *
 * With a single backtracking point the greedy algorithm is exact when every
 * non-star element consumes exactly one unit (a byte, a segment), which is
 * the case at both levels, because no wildcard other than "**" crosses a
 * '/'. Braces are expanded lazily, one alternative at a time, within a
 * budget (see glob.h).
 */
#include "../core/common.h"
#include "glob.h"
#include "../core/alloc.h"

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static unsigned char upper(unsigned char c)
{
	return c >= 'a' && c <= 'z' ? (unsigned char)(c - 32) : c;
}

static bool same(unsigned char a, unsigned char b, unsigned flags)
{
	if (a == b)
		return true;
	return (flags & RC_GLOB_CASEFOLD) && lower(a) == lower(b);
}

static bool in_range(unsigned char c, unsigned char lo, unsigned char hi,
		     unsigned flags)
{
	if (c >= lo && c <= hi)
		return true;
	if (!(flags & RC_GLOB_CASEFOLD))
		return false;
	return (lower(c) >= lo && lower(c) <= hi) ||
	       (upper(c) >= lo && upper(c) <= hi);
}

static bool is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(unsigned char c)
{
	return is_upper(c) || is_lower(c);
}

static bool is_print(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}

/* [:name:] with the name in [s, s + n): 1 member, 0 not, -1 unknown name. */
static int named_class(const char *s, size_t n, unsigned char c, unsigned flags)
{
	static const char *const names[] = {
		"alnum", "alpha", "blank", "cntrl", "digit", "graph",
		"lower", "print", "punct", "space", "upper", "xdigit",
	};
	bool fold = flags & RC_GLOB_CASEFOLD;
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(names); i++)
		if (strlen(names[i]) == n && !memcmp(names[i], s, n))
			break;
	switch (i) {
	case 0:
		return is_alpha(c) || is_digit(c);
	case 1:
		return is_alpha(c);
	case 2:
		return c == ' ' || c == '\t';
	case 3:
		return c < 0x20 || c == 0x7f;
	case 4:
		return is_digit(c);
	case 5:
		return is_print(c) && c != ' ';
	case 6:
		return is_lower(c) || (fold && is_upper(c));
	case 7:
		return is_print(c);
	case 8:
		return is_print(c) && c != ' ' && !is_alpha(c) && !is_digit(c);
	case 9:
		return c == ' ' || (c >= '\t' && c <= '\r');
	case 10:
		return is_upper(c) || (fold && is_lower(c));
	case 11:
		return is_digit(c) || (lower(c) >= 'a' && lower(c) <= 'f');
	}
	return -1;
}

/*
 * The "[:name:]" starting at p (p[0] == '[', p[1] == ':'): the position
 * after it, with *hit set when c belongs to it; or p itself with *literal
 * set when there is no ":]" (wildmatch then takes the '[' as an ordinary
 * member); or NULL when malformed (no ']' at all, unknown name).
 */
static const char *named_part(const char *p, const char *end, unsigned char c,
			      unsigned flags, bool *hit, bool *literal)
{
	const char *s = p + 2, *q = s;
	int r;

	*literal = false;
	while (q < end && *q != ']')
		q++;
	if (q >= end)
		return NULL;
	if (q == s || q[-1] != ':') {
		*literal = true;
		return p;
	}
	r = named_class(s, (size_t)(q - s - 1), c, flags);
	if (r < 0)
		return NULL;
	*hit |= r > 0;
	return q + 1;
}

/*
 * Parse the class whose '[' is just before p, deciding whether byte c is a
 * member. Returns the position after the closing ']', or NULL when the class
 * is malformed (unterminated, unknown name, dangling '\'), which makes the
 * whole pattern match nothing. Follows wildmatch's parse exactly, so that
 * where a class ends never depends on the path.
 */
static const char *parse_class(const char *p, const char *end, unsigned char c,
			       unsigned flags, bool *member)
{
	bool neg = false, hit = false, first = true, have_prev = false, lit;
	unsigned char prev = 0, x, hi;

	if (p < end && (*p == '!' || *p == '^')) {
		neg = true;
		p++;
	}
	for (;; first = false) {
		if (p >= end)
			return NULL;
		x = (unsigned char)*p++;
		if (x == ']' && !first)
			break;
		if (x == '-' && have_prev && p < end && *p != ']') {
			hi = (unsigned char)*p++;
			if (hi == '\\') {
				if (p >= end)
					return NULL;
				hi = (unsigned char)*p++;
			}
			hit |= in_range(c, prev, hi, flags);
			have_prev = false;
			continue;
		}
		if (x == '[' && p < end && *p == ':') {
			p = named_part(p - 1, end, c, flags, &hit, &lit);
			if (!p)
				return NULL;
			if (!lit) {
				have_prev = false;
				continue;
			}
			p++; /* an ordinary '[' */
		} else if (x == '\\') {
			if (p >= end)
				return NULL;
			x = (unsigned char)*p++;
		}
		hit |= same(c, x, flags);
		prev = x;
		have_prev = true;
	}
	*member = hit != neg;
	return p;
}

/* A pattern that can match something: classes closed, no dangling '\'. */
static bool valid(const char *p, const char *end)
{
	bool m;

	while (p < end) {
		if (*p == '\\') {
			if (p + 1 >= end)
				return false;
			p += 2;
		} else if (*p == '[') {
			p = parse_class(p + 1, end, 0, 0, &m);
			if (!p)
				return false;
		} else {
			p++;
		}
	}
	return true;
}

/*
 * End of the pattern segment starting at p: the position of its separator
 * ("/" or "\/", length in *sep) or end (*sep = 0). The pattern is valid.
 */
static const char *seg_end(const char *p, const char *end, size_t *sep)
{
	bool m;

	while (p < end) {
		if (*p == '/') {
			*sep = 1;
			return p;
		}
		if (*p == '\\') {
			if (p[1] == '/') {
				*sep = 2;
				return p;
			}
			p += 2;
		} else if (*p == '[') {
			p = parse_class(p + 1, end, 0, 0, &m);
		} else {
			p++;
		}
	}
	*sep = 0;
	return end;
}

static bool is_starstar(const char *p, const char *e)
{
	if (e - p < 2)
		return false;
	for (; p < e; p++)
		if (*p != '*')
			return false;
	return true;
}

/* One pattern segment against one path segment (neither holds a '/'). */
static bool match_seg(const char *p, const char *pe, const char *t,
		      const char *te, unsigned flags)
{
	const char *sp = NULL, *st = NULL, *q;
	bool m;

	while (t < te) {
		if (p < pe) {
			switch (*p) {
			case '*':
				while (p < pe && *p == '*')
					p++;
				sp = p;
				st = t;
				continue;
			case '?':
				p++;
				t++;
				continue;
			case '[':
				q = parse_class(p + 1, pe, (unsigned char)*t,
						flags, &m);
				if (q && m) {
					p = q;
					t++;
					continue;
				}
				break;
			case '\\':
				if (p + 1 < pe &&
				    same((unsigned char)p[1], (unsigned char)*t,
					 flags)) {
					p += 2;
					t++;
					continue;
				}
				break;
			default:
				if (same((unsigned char)*p, (unsigned char)*t,
					 flags)) {
					p++;
					t++;
					continue;
				}
				break;
			}
		}
		if (!sp)
			return false;
		p = sp;
		t = ++st;
	}
	while (p < pe && *p == '*')
		p++;
	return p == pe;
}

/* Cursor over the '/'-separated segments of a path. */
struct tcur {
	const char *s, *e; /* current segment */
	bool done;	   /* no segment left */
};

static void tcur_set(struct tcur *c, const char *s, const char *end)
{
	const char *slash = memchr(s, '/', (size_t)(end - s));

	c->s = s;
	c->e = slash ? slash : end;
	c->done = false;
}

static void tcur_next(struct tcur *c, const char *end)
{
	if (c->e == end)
		c->done = true;
	else
		tcur_set(c, c->e + 1, end);
}

/* A valid pattern without braces against a path. */
static bool match_path(const char *pat, const char *pend, const char *txt,
		       const char *tend, unsigned flags)
{
	const char *p = pat, *pe, *bp = NULL;
	struct tcur t, bt = { NULL, NULL, true };
	size_t sep;
	bool pdone = false;

	tcur_set(&t, txt, tend);
	while (!t.done) {
		if (!pdone) {
			pe = seg_end(p, pend, &sep);
			if (is_starstar(p, pe)) {
				if (!sep)
					return true; /* trailing: the rest */
				if (sep == 2)
					tcur_next(&t, tend); /* needs one */
				p = bp = pe + sep;
				bt = t;
				continue;
			}
			if (match_seg(p, pe, t.s, t.e, flags)) {
				p = pe + sep;
				pdone = !sep;
				tcur_next(&t, tend);
				continue;
			}
		}
		/* mismatch: the last "**" takes one more segment */
		if (!bp || bt.done)
			return false;
		tcur_next(&bt, tend);
		t = bt;
		p = bp;
		pdone = false;
	}
	/* path used up: what is left must be "**" that may match nothing */
	while (!pdone) {
		pe = seg_end(p, pend, &sep);
		if (sep != 1 || !is_starstar(p, pe))
			return false;
		p = pe + sep;
	}
	return true;
}

static bool match_plain(const char *pat, size_t plen, const char *txt,
			size_t tlen, unsigned flags)
{
	if (!valid(pat, pat + plen))
		return false;
	return match_path(pat, pat + plen, txt, txt + tlen, flags);
}

/* Skip a '\' escape or a class starting at p; the next position. */
static const char *skip_token(const char *p, const char *end)
{
	const char *q;
	bool m;

	if (*p == '\\')
		return p + 2 <= end ? p + 2 : end;
	if (*p == '[') {
		q = parse_class(p + 1, end, 0, 0, &m);
		return q ? q : p + 1;
	}
	return p + 1;
}

/*
 * Find the first brace group at or after from: *open is its '{', *close its
 * '}'. Groups without a ',' at their own level, and a '{' without its '}',
 * are literals. One pass with a stack of the open braces: 1 when found, 0
 * when there is none, -1 when more than BRACE_STACK braces are open at once.
 */
#define BRACE_STACK 64

static int find_group(const char *end, const char *from, const char **open,
		      const char **close)
{
	const char *stack[BRACE_STACK];
	bool comma[BRACE_STACK];
	const char *p;
	size_t n = 0;

	*open = NULL;
	for (p = from; p < end; p = skip_token(p, end)) {
		if (*p == '{') {
			if (n == BRACE_STACK)
				return -1;
			comma[n] = false;
			stack[n++] = p;
		} else if (*p == ',' && n) {
			comma[n - 1] = true;
		} else if (*p == '}' && n) {
			n--;
			if (comma[n] && (!*open || stack[n] < *open)) {
				*open = stack[n];
				*close = p;
			}
			if (!n && *open)
				return 1;
		}
	}
	return *open != NULL;
}

struct brace_ctx {
	const char *txt;
	size_t tlen;
	unsigned flags;
	unsigned leaves;
	bool abort;
	bool nomem; /* the abort was an allocation failure */
	/* at each brace-free alternative: match it (NULL) or collect it */
	bool (*leaf)(struct brace_ctx *c, const char *s, size_t n);
	void *payload;
};

static bool expand(struct brace_ctx *c, const char *s, size_t n, size_t from,
		   unsigned depth)
{
	const char *end = s + n, *open, *close, *a, *q;
	char *buf;
	bool hit = false;
	unsigned level = 0;
	int found;

	found = find_group(end, s + from, &open, &close);
	if (found < 0) {
		c->abort = true;
		return false;
	}
	if (!found) {
		if (++c->leaves > RC_GLOB_MAX_ALTERNATIVES) {
			c->abort = true;
			return false;
		}
		if (c->leaf)
			return c->leaf(c, s, n);
		return match_plain(s, n, c->txt, c->tlen, c->flags);
	}
	if (depth >= RC_GLOB_MAX_BRACE_DEPTH) {
		c->abort = true;
		return false;
	}
	buf = rc_malloc(n ? n : 1);
	if (!buf) {
		c->abort = c->nomem = true;
		return false;
	}
	memcpy(buf, s, (size_t)(open - s));
	for (a = q = open + 1; !hit && !c->abort && q <= close;) {
		if (q == close || (*q == ',' && !level)) {
			size_t pre = (size_t)(open - s), alen = (size_t)(q - a);
			size_t post = (size_t)(end - close - 1);

			memcpy(buf + pre, a, alen);
			memcpy(buf + pre + alen, close + 1, post);
			hit = expand(c, buf, pre + alen + post, pre, depth + 1);
			a = ++q;
			continue;
		}
		if (*q == '{')
			level++;
		else if (*q == '}')
			level--;
		q = skip_token(q, close);
	}
	rc_free(buf);
	return hit;
}

bool rc_glob_match_n(const char *pattern, size_t plen, const char *path,
		     size_t len, unsigned flags)
{
	struct brace_ctx c = { .txt = path, .tlen = len, .flags = flags };

	if (!(flags & RC_GLOB_BRACES) || !memchr(pattern, '{', plen))
		return match_plain(pattern, plen, path, len, flags);
	return expand(&c, pattern, plen, 0, 0);
}

bool rc_glob_match(const char *pattern, const char *path, unsigned flags)
{
	return rc_glob_match_n(pattern, strlen(pattern), path, strlen(path),
			       flags);
}

/* ---- compiled sets ---- */

struct alt {
	char *pat; /* brace-free, valid */
	size_t len;
	const char *suffix; /* literal tail every match ends with */
	size_t slen;
	size_t plen; /* literal head every match starts with: pat[0..plen) */
	const char *part; /* longest literal run inside, every match has it */
	size_t partlen;
	uint64_t psig; /* pair_sig() of part */
	size_t glob;   /* index of the glob it was expanded from */
};

#define TAIL2	 256  /* first bucket by the last two bytes of the tail */
#define HEADS	 512  /* first bucket by literal head */
#define PARTS	 768  /* first bucket by the first two bytes of the part */
#define REST	 1024 /* alternatives with no literal head, tail or part */
#define NBUCKETS 1025

struct rc_globset {
	struct alt *alts;
	size_t n, cap;
	unsigned flags;
	bool nomem;
	/* the bytes a path matched by an alternative with a literal tail
	 * can end with (case-folded with RC_GLOB_CASEFOLD): one lookup
	 * skips every such alternative for most paths */
	uint64_t last[4];
	/* alternatives bucketed by their (folded) literal tail: its last
	 * byte when it has one (0-255), a hash of its last two (256-511);
	 * without a tail, by the first byte of their literal head (512-767);
	 * with neither, by a hash of the first two bytes of their literal part
	 * (768-1023); with none of those, bucket 1024. order[first[k]] up to
	 * order[first[k + 1]] are the alternatives of bucket k */
	size_t *order;
	size_t first[NBUCKETS + 1];
	size_t nglobs;
	size_t cur; /* while building: the glob being expanded */
};

static unsigned bucket_of(const struct rc_globset *set, unsigned char c)
{
	return (set->flags & RC_GLOB_CASEFOLD) ? lower(c) : c;
}

/* A hash of two bytes, case-folded whatever the flags: a path holding a
 * literal holds its folded pairs, so a bucket by folded pair is a superset
 * for case-sensitive sets too (tails and parts). */
static unsigned fold_pair(unsigned char b1, unsigned char b2)
{
	return (lower(b1) * 31u + lower(b2)) & 255;
}

static unsigned alt_bucket(const struct rc_globset *set, const struct alt *a)
{
	if (a->slen >= 2)
		return TAIL2 + fold_pair((unsigned char)a->suffix[a->slen - 2],
					 (unsigned char)a->suffix[a->slen - 1]);
	if (a->slen)
		return bucket_of(set, (unsigned char)a->suffix[a->slen - 1]);
	if (a->plen)
		return HEADS + bucket_of(set, (unsigned char)a->pat[0]);
	if (a->part && a->partlen >= 2)
		return PARTS + fold_pair((unsigned char)a->part[0],
					 (unsigned char)a->part[1]);
	return REST;
}

/* Counting sort of the alternatives into their buckets. */
static int build_buckets(struct rc_globset *set)
{
	size_t count[NBUCKETS] = { 0 }, i, k;

	set->order = rc_calloc(set->n + 1, sizeof(*set->order));
	if (!set->order)
		return RC_ENOMEM;
	for (i = 0; i < set->n; i++)
		count[alt_bucket(set, &set->alts[i])]++;
	set->first[0] = 0;
	for (k = 0; k < NBUCKETS; k++)
		set->first[k + 1] = set->first[k] + count[k];
	memset(count, 0, sizeof(count));
	for (i = 0; i < set->n; i++) {
		k = alt_bucket(set, &set->alts[i]);
		set->order[set->first[k] + count[k]++] = i;
	}
	return 0;
}

static void last_add(struct rc_globset *set, unsigned char c)
{
	set->last[c >> 6] |= (uint64_t)1 << (c & 63);
	if (set->flags & RC_GLOB_CASEFOLD) {
		c = lower(c);
		set->last[c >> 6] |= (uint64_t)1 << (c & 63);
		c = upper(c);
		set->last[c >> 6] |= (uint64_t)1 << (c & 63);
	}
}

/*
 * A 64-bit summary of the (case-folded) byte pairs in s: a path holding a
 * part holds all its pairs, so a part whose bits are not all in the path's
 * is not in it. Rejects almost every path for the alternatives that have
 * neither a literal head nor tail (a "migrations" between two "**") with
 * one AND.
 */
static uint64_t pair_sig(const char *s, size_t n)
{
	uint64_t sig = 0;
	size_t i;

	for (i = 0; i + 1 < n; i++)
		sig |= (uint64_t)1 << ((lower((unsigned char)s[i]) * 31u +
					lower((unsigned char)s[i + 1])) &
				       63);
	return sig;
}

/* The literal tail of a brace-free pattern: what every match ends with. */
static void set_suffix(struct alt *a)
{
	size_t i = a->len;

	while (i > 0 && !strchr("*?[]\\", a->pat[i - 1]))
		i--;
	/* "**" + "/x" also matches "x" at the top: '/' is not required */
	if (i < a->len && a->pat[i] == '/' && i >= 2 && a->pat[i - 1] == '*' &&
	    a->pat[i - 2] == '*')
		i++;
	a->suffix = a->pat + i;
	a->slen = a->len - i;
	/* the head up to the first special, and the longest literal run */
	a->plen = strcspn(a->pat, "*?[]\\");
	if (a->plen == a->len)
		a->plen = 0; /* no wildcard: the tail already says it all */
	a->part = NULL;
	a->partlen = 0;
	for (i = 0; i < a->len;) {
		size_t n = strcspn(a->pat + i, "*?[]\\");

		if (n > a->partlen && n >= 3) {
			a->part = a->pat + i;
			a->partlen = n;
		}
		i += n;
		if (i < a->len && a->pat[i] == '[') {
			/* a class is no literal; it ends where the matcher
			 * says ("[]a]" and "[[:alpha:]]" hold a ']') */
			bool m;
			const char *q = parse_class(a->pat + i + 1,
						    a->pat + a->len, 0, 0, &m);

			i = q ? (size_t)(q - a->pat) : a->len;
			continue;
		}
		if (i < a->len && a->pat[i] == '\\')
			i++; /* nor is an escape (kept simple: skip it) */
		i++;
	}
	/* a "**" + "/x/" run may match at the top, without its '/' */
	if (a->part && a->part[0] == '/' && a->part > a->pat + 1 &&
	    a->part[-1] == '*' && a->part[-2] == '*') {
		a->part++;
		a->partlen--;
	}
	a->psig = a->part ? pair_sig(a->part, a->partlen) : 0;
}

static bool has_part(const char *path, size_t len, const char *part, size_t n,
		     unsigned flags)
{
	size_t i, k;

	for (i = 0; i + n <= len; i++) {
		for (k = 0; k < n; k++)
			if (!same((unsigned char)path[i + k],
				  (unsigned char)part[k], flags))
				break;
		if (k == n)
			return true;
	}
	return false;
}

static bool collect_leaf(struct brace_ctx *c, const char *s, size_t n)
{
	struct rc_globset *set = c->payload;
	struct alt *a;

	if (!valid(s, s + n))
		return false; /* matches nothing, as rc_glob_match says */
	if (set->n == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 8;
		struct alt *v = rc_reallocarray(set->alts, cap, sizeof(*v));

		if (!v) {
			set->nomem = c->abort = true;
			return false;
		}
		set->alts = v;
		set->cap = cap;
	}
	a = &set->alts[set->n];
	a->pat = rc_malloc(n + 1);
	if (!a->pat) {
		set->nomem = c->abort = true;
		return false;
	}
	memcpy(a->pat, s, n);
	a->pat[n] = '\0';
	a->len = n;
	a->glob = set->cur;
	set_suffix(a);
	set->n++;
	return false; /* keep expanding */
}

int rc_globset_new(struct rc_globset **out, const char *const *globs, size_t n,
		   unsigned flags)
{
	struct rc_globset *set = rc_calloc(1, sizeof(*set));
	size_t i;

	*out = NULL;
	if (!set)
		return RC_ENOMEM;
	set->flags = flags & ~(unsigned)RC_GLOB_BRACES;
	set->nglobs = n;
	for (i = 0; i < n; i++) {
		struct brace_ctx c = { .flags = flags,
				       .leaf = collect_leaf,
				       .payload = set };
		size_t len = strlen(globs[i]);

		set->cur = i;
		if ((flags & RC_GLOB_BRACES) && memchr(globs[i], '{', len)) {
			/* past the limits, the alternatives before them stay:
			 * they are the ones rc_glob_match tries */
			expand(&c, globs[i], len, 0, 0);
			if (c.nomem)
				set->nomem = true;
		} else {
			collect_leaf(&c, globs[i], len);
		}
		if (set->nomem) {
			rc_globset_free(set);
			return RC_ENOMEM;
		}
	}
	for (i = 0; i < set->n; i++) {
		const struct alt *a = &set->alts[i];

		if (a->slen)
			last_add(set, (unsigned char)a->suffix[a->slen - 1]);
	}
	if (build_buckets(set)) {
		rc_globset_free(set);
		return RC_ENOMEM;
	}
	*out = set;
	return 0;
}

void rc_globset_free(struct rc_globset *set)
{
	size_t i;

	if (!set)
		return;
	for (i = 0; i < set->n; i++)
		rc_free(set->alts[i].pat);
	rc_free(set->alts);
	rc_free(set->order);
	rc_free(set);
}

size_t rc_globset_count(const struct rc_globset *set)
{
	return set->n;
}

/* Does the path end with a's literal tail? */
static bool tail_match(const struct rc_globset *set, const struct alt *a,
		       const char *path, size_t len)
{
	size_t k;

	if (a->slen > len)
		return false;
	for (k = 0; k < a->slen; k++)
		if (!same((unsigned char)path[len - a->slen + k],
			  (unsigned char)a->suffix[k], set->flags))
			return false;
	return true;
}

/* Does alternative a match the path (len bytes)? Cheap rejections first. */
static bool alt_match(const struct rc_globset *set, const struct alt *a,
		      const char *path, size_t len, uint64_t sig)
{
	size_t k;

	if (a->plen > len || !tail_match(set, a, path, len))
		return false;
	for (k = 0; k < a->plen; k++)
		if (!same((unsigned char)path[k], (unsigned char)a->pat[k],
			  set->flags))
			return false;
	if (a->part && ((a->psig & ~sig) ||
			!has_part(path, len, a->part, a->partlen, set->flags)))
		return false;
	return match_path(a->pat, a->pat + a->len, path, path + len,
			  set->flags);
}

/*
 * Try the alternatives of bucket b. With out NULL: true at the first that
 * matches. Otherwise mark in out the glob of every one that matches (and
 * skip those whose glob is marked already); false. sig: pair_sig() of the
 * path, or all ones when not worked out.
 */
static bool try_bucket(const struct rc_globset *set, unsigned b,
		       const char *path, size_t len, uint64_t sig,
		       uint64_t *out)
{
	size_t i;

	for (i = set->first[b]; i < set->first[b + 1]; i++) {
		const struct alt *a = &set->alts[set->order[i]];
		uint64_t bit = (uint64_t)1 << (a->glob % 64);

		if (!out) {
			if (alt_match(set, a, path, len, sig))
				return true;
		} else if (!(out[a->glob / 64] & bit) &&
			   alt_match(set, a, path, len, sig)) {
			out[a->glob / 64] |= bit;
		}
	}
	return false;
}

static bool empty(const struct rc_globset *set, unsigned b, unsigned n)
{
	return set->first[b + n] == set->first[b];
}

/* The alternatives whose tail ends like the path, those whose head starts
 * like it, those whose part starts like one of its byte pairs, then those
 * with none of these; as try_bucket() says. */
static bool search(const struct rc_globset *set, const char *path, size_t len,
		   uint64_t *out)
{
	unsigned char end = len ? (unsigned char)path[len - 1] : 0;
	uint64_t sig = 0, seen[4] = { 0 };
	size_t i;

	if (!len)
		return try_bucket(set, REST, path, len, sig, out);
	if (set->last[end >> 6] & ((uint64_t)1 << (end & 63))) {
		if (len >= 2 &&
		    try_bucket(set,
			       TAIL2 + fold_pair((unsigned char)path[len - 2],
						 end),
			       path, len, ~0ull, out))
			return true;
		if (try_bucket(set, bucket_of(set, end), path, len, ~0ull, out))
			return true;
	}
	if (try_bucket(set, HEADS + bucket_of(set, (unsigned char)path[0]),
		       path, len, ~0ull, out))
		return true;
	if (empty(set, PARTS, 256) && empty(set, REST, 1))
		return false;
	sig = pair_sig(path, len);
	if (!empty(set, PARTS, 256))
		for (i = 0; i + 1 < len; i++) {
			unsigned h = fold_pair((unsigned char)path[i],
					       (unsigned char)path[i + 1]);

			if (seen[h / 64] & ((uint64_t)1 << (h % 64)))
				continue;
			seen[h / 64] |= (uint64_t)1 << (h % 64);
			if (try_bucket(set, PARTS + h, path, len, sig, out))
				return true;
		}
	return try_bucket(set, REST, path, len, sig, out);
}

bool rc_globset_match(const struct rc_globset *set, const char *path,
		      size_t len)
{
	return search(set, path, len, NULL);
}

void rc_globset_match_all(const struct rc_globset *set, const char *path,
			  size_t len, uint64_t *out)
{
	search(set, path, len, out);
}

struct rc_globlists {
	struct rc_globset *set; /* the distinct globs */
	size_t lwords, gwords;	/* words of a list bitmap, a glob bitmap */
	uint64_t *masks;	/* per distinct glob: the lists holding it */
};

struct glob_ref {
	const char *glob;
	size_t list;
};

static int cmp_ref(const void *a, const void *b)
{
	return strcmp(((const struct glob_ref *)a)->glob,
		      ((const struct glob_ref *)b)->glob);
}

int rc_globlists_new(struct rc_globlists **out, const char *const *const *lists,
		     const size_t *counts, size_t nlists, unsigned flags)
{
	struct rc_globlists *g = rc_calloc(1, sizeof(*g));
	struct glob_ref *refs = NULL;
	const char **globs = NULL;
	size_t n = 0, ng = 0, i, j, k;
	int e = RC_ENOMEM;

	*out = NULL;
	if (!g)
		return RC_ENOMEM;
	for (i = 0; i < nlists; i++)
		n += counts[i];
	refs = rc_calloc(n + 1, sizeof(*refs));
	globs = rc_calloc(n + 1, sizeof(*globs));
	if (!refs || !globs)
		goto out;
	for (i = 0, k = 0; i < nlists; i++)
		for (j = 0; j < counts[i]; j++) {
			refs[k].glob = lists[i][j];
			refs[k++].list = i;
		}
	/* sorted by text, equal globs are neighbours: one id each */
	qsort(refs, n, sizeof(*refs), cmp_ref);
	for (k = 0; k < n; k++)
		if (!ng || strcmp(globs[ng - 1], refs[k].glob))
			globs[ng++] = refs[k].glob;
	g->lwords = nlists / 64 + 1;
	g->gwords = ng / 64 + 1;
	if (!(g->masks = rc_calloc(ng * g->lwords + 1, sizeof(*g->masks))))
		goto out;
	for (k = 0, i = 0; k < n; k++) {
		if (k && strcmp(refs[k - 1].glob, refs[k].glob))
			i++;
		g->masks[i * g->lwords + refs[k].list / 64] |=
			(uint64_t)1 << (refs[k].list % 64);
	}
	if ((e = rc_globset_new(&g->set, globs, ng, flags)))
		goto out;
	*out = g;
	g = NULL;
out:
	rc_free(refs);
	rc_free(globs);
	rc_globlists_free(g);
	return e;
}

void rc_globlists_free(struct rc_globlists *g)
{
	if (!g)
		return;
	rc_globset_free(g->set);
	rc_free(g->masks);
	rc_free(g);
}

size_t rc_globlists_words(const struct rc_globlists *g)
{
	return g->lwords;
}

size_t rc_globlists_scratch(const struct rc_globlists *g)
{
	return g->gwords;
}

void rc_globlists_match(const struct rc_globlists *g, const char *path,
			size_t len, uint64_t *scratch, uint64_t *out)
{
	size_t w, k;

	memset(scratch, 0, g->gwords * sizeof(*scratch));
	rc_globset_match_all(g->set, path, len, scratch);
	for (w = 0; w < g->gwords; w++)
		for (uint64_t b = scratch[w]; b; b &= b - 1) {
			const uint64_t *m =
				g->masks +
				(w * 64 + (size_t)__builtin_ctzll(b)) *
					g->lwords;

			for (k = 0; k < g->lwords; k++)
				out[k] |= m[k];
		}
}
