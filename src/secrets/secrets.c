/*
 * secrets.c - confirm secret candidates (secrets.h).
 */
#include "../core/common.h"
#include "secrets.h"
#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/lang.h"
#include "../core/sha256.h"
#include "../core/str.h"
#include "../match/match.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <strings.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

enum { HIDE_NOT, HIDE_ALLOW, HIDE_INLINE, HIDE_BASELINE };
enum { CODE_NEW, CODE_READY, CODE_BROKEN }; /* rc_secrets.jitted */

/* Backtracking budget of one confirmation: hostile input costs a bounded
 * amount of work and at worst loses that candidate. */
#define MATCH_LIMIT 200000

int rc_secrets_new(struct rc_secrets **out)
{
	struct rc_secrets *s = rc_calloc(1, sizeof(*s));

	*out = NULL;
	if (!s)
		return RC_ENOMEM;
	rc_arena_init(&s->arena);
	*out = s;
	return 0;
}

static void free_codes(void **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		pcre2_code_free(v[i]);
}

void rc_secrets_rule_release(struct rc_secret_rule *r)
{
	pcre2_code_free(r->re);
	free_codes(r->allow, r->nallow);
	free_codes(r->allow_match, r->nallow_match);
	r->re = NULL;
	r->nallow = r->nallow_match = 0;
}

void rc_secrets_free(struct rc_secrets *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n; i++)
		rc_secrets_rule_release(&s->rules[i]);
	free_codes(s->allow, s->nallow);
	rc_globset_free(s->allow_paths);
	rc_free(s->rules);
	rc_free(s->jitted);
	rc_free(s->allow);
	rc_arena_release(&s->arena);
	rc_free(s);
}

const struct rc_secret_rule *rc_secrets_find(const struct rc_secrets *s,
					     const char *id)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->rules[i].id, id))
			return &s->rules[i];
	return NULL;
}

int rc_secrets_add(struct rc_secrets *s, const struct rc_secret_rule *rule,
		   struct rc_err *err)
{
	struct rc_secret_rule *r;
	uint32_t groups = 0;
	int e = 0;

	if (!s->builtin && rc_secrets_find(s, rule->id))
		e = rc_err_set(err, RC_EUSAGE, NULL, 0, 0,
			       "duplicate secret detector id '%s'", rule->id);
	else if (rule->re && /* NULL: built in, checked by the build */
		 (pcre2_pattern_info(rule->re, PCRE2_INFO_CAPTURECOUNT,
				     &groups) ||
		  rule->group > groups))
		e = rc_err_set(err, RC_EUSAGE, NULL, 0, 0,
			       "secret detector '%s': group %u does not exist "
			       "(the regex has %u)",
			       rule->id, rule->group, (unsigned)groups);
	else if (rc_vec_reserve_((void **)&s->rules, &s->cap, s->n + 1,
				 sizeof(*s->rules)) ||
		 rc_vec_reserve_((void **)&s->jitted, &s->jitcap, s->n + 1,
				 sizeof(*s->jitted)))
		e = RC_ENOMEM;
	if (e) {
		struct rc_secret_rule dead = *rule;

		rc_secrets_rule_release(&dead);
		return e;
	}
	r = &s->rules[s->n++];
	*r = *rule;
	r->generic = rc_str_starts_with(rule->id, "generic-");
	atomic_init(&s->jitted[s->n - 1], CODE_NEW);
	return 0;
}

/*
 * Make rule ri's regex ready once, on the first thread that needs it: the
 * loader leaves the built-in ones uncompiled; all are JIT-compiled. The
 * others wait for it (pcre2_match must not run on a code being compiled).
 * Without a JIT (an unsupported CPU) PCRE2 interprets: same results.
 * RC_ENOMEM when the regex cannot be compiled (the build checked that it
 * compiles, so only memory can lack), now and on every later call.
 */
static int ready(const struct rc_secrets *s, unsigned ri)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	atomic_uchar *flag = &s->jitted[ri];
	struct rc_secret_rule *r = &s->rules[ri];
	unsigned char st = atomic_load_explicit(flag, memory_order_acquire);

	if (st != CODE_NEW)
		return st == CODE_READY ? 0 : RC_ENOMEM;
	pthread_mutex_lock(&lock);
	st = atomic_load_explicit(flag, memory_order_relaxed);
	if (st == CODE_NEW) {
		if (!r->re) {
			PCRE2_SIZE off;
			int ec;

			r->re = pcre2_compile(
				(PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED,
				PCRE2_MULTILINE |
					(r->caseless ? PCRE2_CASELESS : 0),
				&ec, &off, NULL);
		}
		if (r->re)
			pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE);
		st = r->re ? CODE_READY : CODE_BROKEN;
		atomic_store_explicit(flag, st, memory_order_release);
	}
	pthread_mutex_unlock(&lock);
	return st == CODE_READY ? 0 : RC_ENOMEM;
}

int rc_secrets_allow_regex(struct rc_secrets *s, void *re)
{
	if (rc_vec_reserve_((void **)&s->allow, &s->allowcap, s->nallow + 1,
			    sizeof(*s->allow))) {
		pcre2_code_free(re);
		return RC_ENOMEM;
	}
	s->allow[s->nallow++] = re;
	return 0;
}

int rc_secrets_allow_paths(struct rc_secrets *s, const char *const *globs,
			   size_t n)
{
	rc_globset_free(s->allow_paths);
	s->allow_paths = NULL;
	if (!n)
		return 0;
	return rc_globset_new(&s->allow_paths, globs, n,
			      RC_GLOB_CASEFOLD | RC_GLOB_BRACES);
}

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int sorted_copy(struct rc_secrets *s, const char *const *v, size_t n,
		       char ***out, size_t *nout)
{
	char **c = n ? rc_arena_alloc(&s->arena, n * sizeof(*c)) : NULL;
	size_t i;

	if (n && !c)
		return RC_ENOMEM;
	for (i = 0; i < n; i++)
		if (!(c[i] = rc_arena_strdup(&s->arena, v[i])))
			return RC_ENOMEM;
	if (n > 1)
		qsort(c, n, sizeof(*c), cmp_strp);
	*out = c;
	*nout = n;
	return 0;
}

int rc_secrets_allow_fingerprints(struct rc_secrets *s, const char *const *fps,
				  size_t n)
{
	return sorted_copy(s, fps, n, &s->allow_fps, &s->nallow_fps);
}

int rc_secrets_set_baseline(struct rc_secrets *s, const char *const *fps,
			    size_t n)
{
	return sorted_copy(s, fps, n, &s->baseline, &s->nbaseline);
}

static bool in_sorted(char *const *v, size_t n, const char *key)
{
	return n && bsearch(&key, v, n, sizeof(*v), cmp_strp);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static bool lockfile(const char *path)
{
	static const char *const names[] = {
		"package-lock.json",
		"npm-shrinkwrap.json",
		"pnpm-lock.yaml",
		"go.sum",
		"packages.lock.json",
		"gradle.lockfile",
		"uv.lock",
		"poetry.lock",
		"Pipfile.lock",
		"composer.lock",
		"Gemfile.lock",
		"yarn.lock",
		"Cargo.lock",
		"flake.lock",
		"bun.lockb",
	};
	const char *base = base_name(path);
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(names); i++)
		if (!strcmp(base, names[i]))
			return true;
	return rc_str_ends_with(base, ".lock");
}

bool rc_secrets_wants(const struct rc_secrets *s, const char *path)
{
	if (lockfile(path))
		return false;
	return !s->allow_paths ||
	       !rc_globset_match(s->allow_paths, path, strlen(path));
}

/* Test code and test data, where generic detectors stay quiet. */
static bool test_path(const char *path)
{
	static const char *const dirs[] = { "fixtures/",     "fixture/",
					    "__fixtures__/", "testdata/",
					    "test-data/",    "mocks/" };
	size_t i;

	if (rc_code_is_test(path))
		return true;
	for (i = 0; i < RC_ARRAY_SIZE(dirs); i++) {
		const char *p = strstr(path, dirs[i]);

		if (p && (p == path || p[-1] == '/'))
			return true;
	}
	return false;
}

static bool minified_name(const char *path)
{
	const char *base = base_name(path);

	return strstr(base, ".min.") || rc_str_ends_with(base, "-min.js");
}

double rc_secrets_entropy(const char *buf, size_t len)
{
	size_t count[256] = { 0 }, i;
	double h = 0;

	if (!len)
		return 0;
	for (i = 0; i < len; i++)
		count[(unsigned char)buf[i]]++;
	for (i = 0; i < 256; i++)
		if (count[i]) {
			double p = (double)count[i] / (double)len;

			h -= p * log2(p);
		}
	return h;
}

bool rc_secrets_placeholder(const char *secret, size_t len)
{
	static const char *const words[] = {
		"example",   "xxxx",	   "****",	 "${",
		"{{",	     "<",	   ">",		 "placeholder",
		"changeme",  "change_me",  "change-me",	 "your_",
		"your-",     "yourkey",	   "redacted",	 "dummy",
		"replaceme", "replace_me", "replace-me", "abcdefgh",
		"12345678",  "....",	   "____",
	};
	size_t i;

	for (i = 1; i < len && secret[i] == secret[0]; i++)
		;
	if (i >= len)
		return true; /* one character repeated */
	for (i = 0; i < RC_ARRAY_SIZE(words); i++)
		if (rc_str_icase_find(secret, len, words[i]))
			return true;
	return false;
}

void rc_secrets_fingerprint(const char *rule, const char *secret, size_t len,
			    const char *path, char *out)
{
	struct rc_sha256 h;
	unsigned char d[32];

	rc_sha256_init(&h);
	rc_sha256_update(&h, rule, strlen(rule) + 1);
	rc_sha256_update(&h, secret, len);
	rc_sha256_update(&h, "", 1);
	rc_sha256_update(&h, path, strlen(path));
	rc_sha256_final(&h, d);
	rc_sha256_hex(d, RC_SECRET_FP_LEN / 2, out);
}

size_t rc_secrets_shown(size_t len)
{
	return len >= 4 * RC_SECRET_PREFIX ? RC_SECRET_PREFIX : len / 4;
}

static int cmp_hit(const void *pa, const void *pb)
{
	const struct rc_secret_hit *a = pa, *b = pb;

	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	return a->off < b->off ? -1 : a->off > b->off;
}

static size_t line_start(const char *buf, size_t at)
{
	while (at > 0 && buf[at - 1] != '\n')
		at--;
	return at;
}

static size_t line_end(const char *buf, size_t len, size_t at)
{
	const char *nl = at < len ? memchr(buf + at, '\n', len - at) : NULL;

	return nl ? (size_t)(nl - buf) : len;
}

static bool has_inline_allow(const char *buf, size_t len, size_t at)
{
	size_t a = line_start(buf, at), b = line_end(buf, len, at);

	return rc_str_find(buf + a, b - a, "readycheck:allow", 16) != NULL;
}

static bool has_keyword(const struct rc_secret_rule *r, const char *buf,
			size_t len)
{
	size_t i;

	if (!r->nkeywords)
		return true;
	for (i = 0; i < r->nkeywords; i++)
		if (rc_str_icase_find(buf, len, r->keywords[i]))
			return true;
	return false;
}

static bool any_matches(void *const *codes, size_t n, const char *s, size_t len,
			pcre2_match_data *md)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (pcre2_match(codes[i], (PCRE2_SPTR)s, len, 0, 0, md, NULL) >=
		    0)
			return true;
	return false;
}

struct confirm {
	const struct rc_secrets *s;
	const char *path;
	const char *buf;
	size_t len;
	bool quiet_generic; /* test code or minified: no generic detectors */
	rc_secret_vec *out;
	struct rc_secret_counts *counts;
	pcre2_match_data *allow_md;
	pcre2_match_context *mc;
};

/* Keep or drop the secret buf[a, b) that rule ri's match [ma, mb) holds. */
static int judge(struct confirm *c, unsigned ri, size_t a, size_t b, size_t ma,
		 size_t mb)
{
	const struct rc_secret_rule *r = &c->s->rules[ri];
	const char *secret = c->buf + a;
	size_t n = b - a, shown, i;
	struct rc_secret_finding f = { 0 };

	if (!n)
		return 0;
	if (r->entropy > 0 && rc_secrets_entropy(secret, n) < r->entropy)
		return 0;
	if (rc_secrets_placeholder(secret, n)) {
		c->counts->placeholder++;
		return 0;
	}
	/* An accepted secret still hides a generic finding of the same
	 * value (settle()), so it is kept, marked, until then. */
	rc_secrets_fingerprint(r->id, secret, n, c->path, f.fingerprint);
	if (any_matches(r->allow, r->nallow, secret, n, c->allow_md) ||
	    any_matches(r->allow_match, r->nallow_match, c->buf + ma, mb - ma,
			c->allow_md) ||
	    any_matches(c->s->allow, c->s->nallow, secret, n, c->allow_md) ||
	    in_sorted(c->s->allow_fps, c->s->nallow_fps, f.fingerprint))
		f.hidden = HIDE_ALLOW;
	else if (has_inline_allow(c->buf, c->len, ma) ||
		 has_inline_allow(c->buf, c->len, mb ? mb - 1 : 0))
		f.hidden = HIDE_INLINE;
	else if (in_sorted(c->s->baseline, c->s->nbaseline, f.fingerprint))
		f.hidden = HIDE_BASELINE;
	f.rule = ri;
	f.off = a;
	f.len = f.length = n;
	shown = rc_secrets_shown(n);
	for (i = 0; i < shown; i++) {
		unsigned char ch = (unsigned char)secret[i];

		f.prefix[i] = ch < 0x20 || ch >= 0x7f ? '?' : (char)ch;
	}
	return rc_vec_push(c->out, f);
}

/* Every match of rule ri in buf[from, to) (subject ends at `to`). */
static int run_window(struct confirm *c, unsigned ri, pcre2_match_data *md,
		      size_t from, size_t to, size_t *next)
{
	const struct rc_secret_rule *r = &c->s->rules[ri];
	PCRE2_SIZE start = from, *ov;
	int rc, e;

	while (start < to) {
		rc = pcre2_match(r->re, (PCRE2_SPTR)c->buf, to, start, 0, md,
				 c->mc);
		if (rc == PCRE2_ERROR_NOMATCH || rc < 0)
			break;
		ov = pcre2_get_ovector_pointer(md);
		if (ov[1] > *next)
			*next = ov[1];
		if ((unsigned)rc > r->group &&
		    ov[2 * r->group] != PCRE2_UNSET &&
		    (e = judge(c, ri, ov[2 * r->group], ov[2 * r->group + 1],
			       ov[0], ov[1])))
			return e;
		start = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	return 0;
}

static int cmp_finding(const void *pa, const void *pb)
{
	const struct rc_secret_finding *a = pa, *b = pb;

	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	return a->rule < b->rule ? -1 : a->rule > b->rule;
}

/* Sort the file's findings, drop duplicates and generic findings that a
 * format detector covers, count and drop the accepted ones, and give each
 * its line and column. */
static void settle(const struct rc_secrets *s, const char *buf,
		   rc_secret_vec *out, size_t first,
		   struct rc_secret_counts *counts)
{
	struct rc_secret_finding *v = out->v + first;
	size_t n = out->n - first, i, j, k = 0, pos = 0, ls = 0;
	unsigned line = 1;

	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_finding);
	for (i = 0; i < n; i++) {
		bool drop = k && v[k - 1].off == v[i].off &&
			    v[k - 1].rule == v[i].rule;

		for (j = 0; j < n && !drop; j++)
			drop = j != i && s->rules[v[i].rule].generic &&
			       !s->rules[v[j].rule].generic &&
			       v[j].off < v[i].off + v[i].len &&
			       v[i].off < v[j].off + v[j].len;
		if (!drop)
			v[k++] = v[i];
	}
	for (i = j = 0; i < k; i++) {
		if (v[i].hidden == HIDE_ALLOW)
			counts->allow++;
		else if (v[i].hidden == HIDE_INLINE)
			counts->inline_allow++;
		else if (v[i].hidden == HIDE_BASELINE)
			counts->baseline++;
		else
			v[j++] = v[i];
	}
	k = j;
	out->n = first + k;
	for (i = 0; i < k; i++) {
		while (pos < v[i].off) {
			if (buf[pos] == '\n') {
				line++;
				ls = pos + 1;
			}
			pos++;
		}
		v[i].line = line;
		v[i].col = (unsigned)(v[i].off - ls + 1);
	}
}

int rc_secrets_confirm(const struct rc_secrets *s, const char *path,
		       const char *buf, size_t len,
		       const struct rc_secret_hit *hits, size_t nhits,
		       rc_secret_vec *out, struct rc_secret_counts *counts)
{
	struct rc_secret_hit *h;
	struct confirm c = {
		s, path, buf, len, false, out, counts, NULL, NULL
	};
	size_t i = 0, first = out->n;
	int e = 0;

	if (!nhits || !rc_secrets_wants(s, path))
		return 0;
	h = rc_malloc(nhits * sizeof(*h));
	if (!h)
		return RC_ENOMEM;
	memcpy(h, hits, nhits * sizeof(*h));
	qsort(h, nhits, sizeof(*h), cmp_hit);
	c.quiet_generic = test_path(path) || minified_name(path);
	c.allow_md = pcre2_match_data_create(1, NULL);
	c.mc = pcre2_match_context_create(NULL);
	if (!c.allow_md || !c.mc) {
		e = RC_ENOMEM;
		goto out;
	}
	pcre2_set_match_limit(c.mc, MATCH_LIMIT);
	while (i < nhits && !e) {
		unsigned ri = h[i].rule;
		const struct rc_secret_rule *r = &s->rules[ri];
		pcre2_match_data *md;
		size_t next = 0;

		if (ri >= s->n || (r->generic && c.quiet_generic) ||
		    !has_keyword(r, buf, len)) {
			while (i < nhits && h[i].rule == ri)
				i++;
			continue;
		}
		if ((e = ready(s, ri)))
			break;
		md = pcre2_match_data_create_from_pattern(r->re, NULL);
		if (!md) {
			e = RC_ENOMEM;
			break;
		}
		for (; i < nhits && h[i].rule == ri && !e; i++) {
			size_t at = h[i].off ? h[i].off - 1 : 0, from, to;

			if (at >= len || h[i].off <= next)
				continue;
			to = line_end(buf, len, at);
			from = line_start(buf, at);
			if (r->multiline)
				from = line_start(
					buf, at > RC_SECRETS_WINDOW
						     ? at - RC_SECRETS_WINDOW
						     : 0);
			else if (r->generic && to - from > RC_SECRETS_MINIFIED)
				continue;
			if (from < next)
				from = next;
			e = run_window(&c, ri, md, from, to, &next);
			if (next < to)
				next = to;
		}
		pcre2_match_data_free(md);
	}
	if (!e)
		settle(s, buf, out, first, counts);
out:
	pcre2_match_data_free(c.allow_md);
	pcre2_match_context_free(c.mc);
	rc_free(h);
	return e;
}

int rc_secrets_add_hit(rc_secret_hit_vec *v, unsigned rule, size_t off)
{
	struct rc_secret_hit h = { rule, off };

	if (v->n && v->v[v->n - 1].rule == rule &&
	    v->v[v->n - 1].off + 1 == off) {
		v->v[v->n - 1].off = off;
		return 0;
	}
	return rc_vec_push(v, h);
}

void rc_secrets_patterns(const struct rc_secrets *s, struct rc_pattern *out)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		out[i].regex = s->rules[i].pattern;
		out[i].flags = RC_PAT_ALL |
			       (s->rules[i].caseless ? RC_PAT_CASELESS : 0);
	}
}

struct rc_secrets_scanner {
	const struct rc_secrets *set;
	struct rc_matcher *m;
	struct rc_match_scratch *scratch;
	rc_secret_hit_vec hits;
	int err;
};

int rc_secrets_scanner_new(struct rc_secrets_scanner **out,
			   const struct rc_secrets *s, const char *cache_dir,
			   struct rc_diags *diags, struct rc_err *err)
{
	struct rc_secrets_scanner *sc = rc_calloc(1, sizeof(*sc));
	struct rc_pattern *pats = rc_calloc(s->n + 1, sizeof(*pats));
	int e = 0;

	*out = NULL;
	if (!sc || !pats) {
		e = rc_err_set(err, RC_ENOMEM, NULL, 0, 0, "out of memory");
		goto out;
	}
	sc->set = s;
	rc_secrets_patterns(s, pats);
	if ((e = rc_matcher_new(&sc->m, pats, s->n, cache_dir, diags, err)))
		goto out;
	if (rc_match_scratch_new(&sc->scratch, sc->m))
		e = rc_err_set(err, RC_ENOMEM, NULL, 0, 0, "out of memory");
out:
	rc_free(pats);
	if (e) {
		rc_secrets_scanner_free(sc);
		return e;
	}
	*out = sc;
	return 0;
}

void rc_secrets_scanner_free(struct rc_secrets_scanner *sc)
{
	if (!sc)
		return;
	rc_match_scratch_free(sc->scratch);
	rc_matcher_free(sc->m);
	rc_vec_free(&sc->hits);
	rc_free(sc);
}

static int on_candidate(unsigned id, size_t from, size_t to, void *payload)
{
	struct rc_secrets_scanner *sc = payload;

	(void)from;
	if (rc_secrets_add_hit(&sc->hits, id, to)) {
		sc->err = RC_ENOMEM;
		return 1;
	}
	return 0;
}

int rc_secrets_scan(struct rc_secrets_scanner *sc, const char *path,
		    const char *buf, size_t len, rc_secret_vec *out,
		    struct rc_secret_counts *counts)
{
	int e;

	sc->hits.n = 0;
	sc->err = 0;
	if (!rc_secrets_wants(sc->set, path))
		return 0;
	if ((e = rc_match_scan(sc->m, sc->scratch, buf, len, on_candidate, sc)))
		return e;
	if (sc->err)
		return sc->err;
	return rc_secrets_confirm(sc->set, path, buf, len, sc->hits.v,
				  sc->hits.n, out, counts);
}
