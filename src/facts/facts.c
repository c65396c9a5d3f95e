#include "../core/common.h"
#include "facts.h"
#include "../core/alloc.h"
#include "../core/arena.h"
#include "../core/vec.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>

#define NONE	     SIZE_MAX
#define MAX_PATTERNS (1u << 20)
#define SNIPPET_MAX  200

/*
 * Layout. Every string lives in the arena. Strings given to the adders
 * (names, values, paths, notes) are interned through `strs`, an open
 * addressing table, so equal strings share one pointer and comparisons in
 * the indexes are pointer comparisons. Each distinct fact name has an entry
 * in `names` with the increasing list of the indexes of its facts; its
 * intern slot points at that entry. `pairs` maps (name, string value) to the
 * first fact with them, for rc_facts_find() and rc_facts_add_str_once().
 * Facts, file entries and per-pattern hit lists are allocated one by one in
 * the arena and indexed by vectors of pointers, so pointers handed out stay
 * valid while the store grows (and while the file list is sorted).
 */

struct istr {
	const char *s; /* NULL: free slot */
	size_t len;
	uint64_t hash;
	size_t name; /* index into names + 1; 0 when never used as a name */
};

struct name_ix {
	const char *s;
	uint64_t hash;
	RC_VEC(size_t) idx; /* facts with this name, increasing */
};

struct rec {
	struct rc_fact fact; /* first: rc_facts_at() hands out &rec->fact */
	size_t name;	     /* index into names */
	uint64_t pair_hash;  /* of (name, str), for RC_FACT_STR */
	bool once;	     /* added by rc_facts_add_str_once() */
};

struct pat {
	struct rc_hit hits[RC_FACTS_MAX_HITS];
	size_t n;
	uint64_t total;
	/* arena-allocated list, its tail, and the group used last */
	struct rc_hit_group *groups, *tail, *last;
};

struct rc_facts {
	struct rc_arena arena;
	uint64_t seed;

	struct istr *strs; /* intern table, strs_cap a power of 2 or 0 */
	size_t strs_cap, strs_n;

	RC_VEC(struct name_ix) names;
	RC_VEC(struct rec *) recs;

	size_t *pairs; /* fact index + 1, 0: free slot */
	size_t pairs_cap, pairs_n;

	RC_VEC(struct rc_file_entry *) files;
	bool files_sorted;

	RC_VEC(struct pat *) pats; /* by pattern id; NULL: no hit yet */
};

/* ---- hashing ---------------------------------------------------------- */

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

/* FNV-1a over the bytes, started from a per-store seed, then mixed. */
static uint64_t hash_bytes(uint64_t seed, const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ seed;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return mix64(h);
}

static uint64_t hash_pair(uint64_t name_hash, uint64_t value_hash)
{
	return mix64(name_hash * 0x9e3779b97f4a7c15ULL ^ value_hash);
}

/*
 * The seed only spreads hostile strings (file names, dependency names) over
 * the tables; no output depends on it, since every listing follows insertion
 * or path order.
 */
static uint64_t make_seed(const struct rc_facts *f)
{
	static const char anchor;

	return mix64((uint64_t)(uintptr_t)f ^
		     ((uint64_t)(uintptr_t)&anchor << 17));
}

/* ---- intern table ----------------------------------------------------- */

/* The slot holding s, or the free slot where it would go (cap must be > 0). */
static struct istr *str_slot(struct istr *tab, size_t cap, const char *s,
			     size_t len, uint64_t h)
{
	size_t mask = cap - 1, i = (size_t)h & mask;

	while (tab[i].s) {
		if (tab[i].hash == h && tab[i].len == len &&
		    !memcmp(tab[i].s, s, len))
			return &tab[i];
		i = (i + 1) & mask;
	}
	return &tab[i];
}

static const struct istr *str_lookup(const struct rc_facts *f, const char *s)
{
	size_t len = strlen(s);
	struct istr *e;

	if (!f->strs_cap)
		return NULL;
	e = str_slot(f->strs, f->strs_cap, s, len, hash_bytes(f->seed, s, len));
	return e->s ? e : NULL;
}

static int strs_grow(struct rc_facts *f)
{
	size_t ncap = f->strs_cap ? f->strs_cap * 2 : 64, i;
	struct istr *tab, *e;

	if (ncap < f->strs_cap)
		return RC_ENOMEM;
	tab = rc_calloc(ncap, sizeof(*tab));
	if (!tab)
		return RC_ENOMEM;
	for (i = 0; i < f->strs_cap; i++) {
		if (!f->strs[i].s)
			continue;
		e = str_slot(tab, ncap, f->strs[i].s, f->strs[i].len,
			     f->strs[i].hash);
		*e = f->strs[i];
	}
	rc_free(f->strs);
	f->strs = tab;
	f->strs_cap = ncap;
	return 0;
}

/*
 * Intern n bytes at s. *out is the slot, valid until the next intern call.
 */
static int intern(struct rc_facts *f, const char *s, size_t len,
		  struct istr **out)
{
	uint64_t h = hash_bytes(f->seed, s, len);
	struct istr *e;
	char *copy;

	if ((f->strs_n + 1) * 2 > f->strs_cap && strs_grow(f))
		return RC_ENOMEM;
	e = str_slot(f->strs, f->strs_cap, s, len, h);
	if (!e->s) {
		copy = rc_arena_strndup(&f->arena, s, len);
		if (!copy)
			return RC_ENOMEM;
		e->s = copy;
		e->len = len;
		e->hash = h;
		e->name = 0;
		f->strs_n++;
	}
	*out = e;
	return 0;
}

static int intern_str(struct rc_facts *f, const char *s, const char **out,
		      uint64_t *hash)
{
	struct istr *e;

	if (intern(f, s, strlen(s), &e))
		return RC_ENOMEM;
	*out = e->s;
	if (hash)
		*hash = e->hash;
	return 0;
}

/* The index of name in f->names, adding it when new. */
static int name_id(struct rc_facts *f, const char *name, size_t *out)
{
	struct name_ix ix;
	struct istr *e;

	if (intern(f, name, strlen(name), &e))
		return RC_ENOMEM;
	if (!e->name) {
		memset(&ix, 0, sizeof(ix));
		ix.s = e->s;
		ix.hash = e->hash;
		if (rc_vec_push(&f->names, ix))
			return RC_ENOMEM;
		e->name = f->names.n;
	}
	*out = e->name - 1;
	return 0;
}

/* ---- (name, value) table ---------------------------------------------- */

static size_t pair_find(const struct rc_facts *f, size_t name, const char *str,
			uint64_t h)
{
	size_t mask, i, k;
	const struct rec *r;

	if (!f->pairs_cap)
		return NONE;
	mask = f->pairs_cap - 1;
	for (i = (size_t)h & mask; (k = f->pairs[i]) != 0; i = (i + 1) & mask) {
		r = f->recs.v[k - 1];
		if (r->pair_hash == h && r->name == name && r->fact.str == str)
			return k - 1;
	}
	return NONE;
}

static void pair_put(size_t *tab, size_t cap, uint64_t h, size_t index)
{
	size_t mask = cap - 1, i = (size_t)h & mask;

	while (tab[i])
		i = (i + 1) & mask;
	tab[i] = index + 1;
}

static int pairs_reserve(struct rc_facts *f)
{
	size_t ncap, i, k;
	size_t *tab;

	if ((f->pairs_n + 1) * 2 <= f->pairs_cap)
		return 0;
	ncap = f->pairs_cap ? f->pairs_cap * 2 : 64;
	if (ncap < f->pairs_cap)
		return RC_ENOMEM;
	tab = rc_calloc(ncap, sizeof(*tab));
	if (!tab)
		return RC_ENOMEM;
	for (i = 0; i < f->pairs_cap; i++) {
		k = f->pairs[i];
		if (k)
			pair_put(tab, ncap, f->recs.v[k - 1]->pair_hash, k - 1);
	}
	rc_free(f->pairs);
	f->pairs = tab;
	f->pairs_cap = ncap;
	return 0;
}

/* ---- lifecycle -------------------------------------------------------- */

static void facts_init(struct rc_facts *f)
{
	memset(f, 0, sizeof(*f));
	rc_arena_init(&f->arena);
	f->seed = make_seed(f);
	f->files_sorted = true;
}

static void facts_release(struct rc_facts *f)
{
	size_t i;

	for (i = 0; i < f->names.n; i++)
		rc_vec_free(&f->names.v[i].idx);
	rc_vec_free(&f->names);
	rc_vec_free(&f->recs);
	rc_vec_free(&f->files);
	rc_vec_free(&f->pats);
	rc_free(f->strs);
	rc_free(f->pairs);
	rc_arena_release(&f->arena);
}

int rc_facts_new(struct rc_facts **out)
{
	struct rc_facts *f = rc_malloc(sizeof(*f));

	*out = NULL;
	if (!f)
		return RC_ENOMEM;
	facts_init(f);
	*out = f;
	return 0;
}

void rc_facts_free(struct rc_facts *f)
{
	if (!f)
		return;
	facts_release(f);
	rc_free(f);
}

/* ---- facts ------------------------------------------------------------ */

struct fact_in {
	const char *name;
	enum rc_fact_type type;
	bool b;
	double num;
	const char *str;
	const char *path;
	unsigned line;
	const char *note;
	bool once;
};

static int add_fact(struct rc_facts *f, const struct fact_in *in)
{
	const char *str = "", *path = "", *note = NULL;
	uint64_t vhash = 0, ph = 0;
	struct name_ix *ix;
	struct rec *r;
	size_t nid;

	if (name_id(f, in->name ? in->name : "", &nid))
		return RC_ENOMEM;
	if (in->type == RC_FACT_STR) {
		if (intern_str(f, in->str ? in->str : "", &str, &vhash))
			return RC_ENOMEM;
		ph = hash_pair(f->names.v[nid].hash, vhash);
		if (in->once && pair_find(f, nid, str, ph) != NONE)
			return 0;
	}
	if (in->path && intern_str(f, in->path, &path, NULL))
		return RC_ENOMEM;
	if (in->note && intern_str(f, in->note, &note, NULL))
		return RC_ENOMEM;

	/* Reserve everything first: past this point nothing fails. */
	ix = &f->names.v[nid];
	if (rc_vec_reserve(&f->recs, f->recs.n + 1) ||
	    rc_vec_reserve(&ix->idx, ix->idx.n + 1) ||
	    (in->type == RC_FACT_STR && pairs_reserve(f)))
		return RC_ENOMEM;
	r = rc_arena_alloc(&f->arena, sizeof(*r));
	if (!r)
		return RC_ENOMEM;
	r->fact.name = ix->s;
	r->fact.type = in->type;
	r->fact.b = in->type == RC_FACT_BOOL && in->b;
	r->fact.num = in->type == RC_FACT_NUM ? in->num : 0;
	r->fact.str = str;
	r->fact.path = path;
	r->fact.line = in->line;
	r->fact.note = note;
	r->name = nid;
	r->pair_hash = ph;
	r->once = in->once;

	ix->idx.v[ix->idx.n++] = f->recs.n;
	if (in->type == RC_FACT_STR && pair_find(f, nid, str, ph) == NONE) {
		pair_put(f->pairs, f->pairs_cap, ph, f->recs.n);
		f->pairs_n++;
	}
	f->recs.v[f->recs.n++] = r;
	return 0;
}

int rc_facts_add_str(struct rc_facts *f, const char *name, const char *value,
		     const char *path, unsigned line)
{
	struct fact_in in = { .name = name,
			      .type = RC_FACT_STR,
			      .str = value,
			      .path = path,
			      .line = line };

	return add_fact(f, &in);
}

int rc_facts_add_num(struct rc_facts *f, const char *name, double value,
		     const char *path, unsigned line)
{
	struct fact_in in = { .name = name,
			      .type = RC_FACT_NUM,
			      .num = value,
			      .path = path,
			      .line = line };

	return add_fact(f, &in);
}

int rc_facts_add_bool(struct rc_facts *f, const char *name, bool value,
		      const char *path, unsigned line)
{
	struct fact_in in = { .name = name,
			      .type = RC_FACT_BOOL,
			      .b = value,
			      .path = path,
			      .line = line };

	return add_fact(f, &in);
}

int rc_facts_add_note(struct rc_facts *f, const char *name, const char *value,
		      const char *path, unsigned line, const char *note)
{
	struct fact_in in = { .name = name,
			      .type = RC_FACT_STR,
			      .str = value,
			      .path = path,
			      .line = line,
			      .note = note };

	return add_fact(f, &in);
}

int rc_facts_add_num_note(struct rc_facts *f, const char *name, double value,
			  const char *path, unsigned line, const char *note)
{
	struct fact_in in = { .name = name,
			      .type = RC_FACT_NUM,
			      .num = value,
			      .path = path,
			      .line = line,
			      .note = note };

	return add_fact(f, &in);
}

int rc_facts_add_str_once(struct rc_facts *f, const char *name,
			  const char *value, const char *path, unsigned line)
{
	struct fact_in in = { .name = name,
			      .type = RC_FACT_STR,
			      .str = value,
			      .path = path,
			      .line = line,
			      .once = true };

	return add_fact(f, &in);
}

size_t rc_facts_count(const struct rc_facts *f)
{
	return f->recs.n;
}

const struct rc_fact *rc_facts_at(const struct rc_facts *f, size_t i)
{
	return i < f->recs.n ? &f->recs.v[i]->fact : NULL;
}

/* First position in the increasing list idx whose value is >= from. */
static size_t lower_bound(const size_t *idx, size_t n, size_t from)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (idx[mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Index of the first fact of names[nid] at or after from, or NONE. */
static size_t name_next(const struct rc_facts *f, size_t nid, size_t from)
{
	const struct name_ix *ix = &f->names.v[nid];
	size_t k = lower_bound(ix->idx.v, ix->idx.n, from);

	return k < ix->idx.n ? ix->idx.v[k] : NONE;
}

const struct rc_fact *rc_facts_next(const struct rc_facts *f, const char *name,
				    size_t *iter)
{
	size_t len = strlen(name), best = NONE, i, j;
	const struct istr *e;

	if (len >= 2 && name[len - 2] == '.' && name[len - 1] == '*') {
		/* prefix query: the nearest next fact over matching names */
		for (i = 0; i < f->names.n; i++) {
			if (strncmp(f->names.v[i].s, name, len - 1))
				continue;
			j = name_next(f, i, *iter);
			if (j < best)
				best = j;
		}
	} else {
		e = str_lookup(f, name);
		if (e && e->name)
			best = name_next(f, e->name - 1, *iter);
	}
	if (best == NONE)
		return NULL;
	*iter = best + 1;
	return &f->recs.v[best]->fact;
}

const struct rc_fact *rc_facts_get(const struct rc_facts *f, const char *name)
{
	const struct istr *e = str_lookup(f, name);
	const struct name_ix *ix;

	if (!e || !e->name)
		return NULL;
	/* a failed add may leave a name without facts */
	ix = &f->names.v[e->name - 1];
	return ix->idx.n ? &f->recs.v[ix->idx.v[0]]->fact : NULL;
}

const struct rc_fact *rc_facts_find(const struct rc_facts *f, const char *name,
				    const char *value)
{
	const struct istr *n = str_lookup(f, name), *v;
	size_t nid, k;

	if (!n || !n->name)
		return NULL;
	nid = n->name - 1;
	v = str_lookup(f, value);
	if (!v)
		return NULL;
	k = pair_find(f, nid, v->s, hash_pair(f->names.v[nid].hash, v->hash));
	return k == NONE ? NULL : &f->recs.v[k]->fact;
}

/* ---- file list -------------------------------------------------------- */

int rc_facts_add_file(struct rc_facts *f, const char *path, uint64_t size,
		      unsigned flags, uint64_t lines)
{
	struct rc_file_entry *e;
	size_t n = f->files.n;

	if (!path)
		path = "";
	if (rc_vec_reserve(&f->files, n + 1))
		return RC_ENOMEM;
	e = rc_arena_alloc(&f->arena, sizeof(*e));
	if (!e)
		return RC_ENOMEM;
	e->path = rc_arena_strdup(&f->arena, path);
	if (!e->path)
		return RC_ENOMEM;
	e->size = size;
	e->flags = flags;
	e->lines = lines;
	if (n && strcmp(f->files.v[n - 1]->path, path) > 0)
		f->files_sorted = false;
	f->files.v[f->files.n++] = e;
	return 0;
}

size_t rc_facts_file_count(const struct rc_facts *f)
{
	return f->files.n;
}

const struct rc_file_entry *rc_facts_file_at(const struct rc_facts *f, size_t i)
{
	return i < f->files.n ? f->files.v[i] : NULL;
}

const struct rc_file_entry *rc_facts_file(const struct rc_facts *f,
					  const char *path)
{
	size_t lo = 0, hi = f->files.n, mid, i;

	if (!f->files_sorted) {
		for (i = 0; i < f->files.n; i++)
			if (!strcmp(f->files.v[i]->path, path))
				return f->files.v[i];
		return NULL;
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(f->files.v[mid]->path, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < f->files.n && !strcmp(f->files.v[lo]->path, path))
		return f->files.v[lo];
	return NULL;
}

static int cmp_u64(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

static int cmp_file(const void *pa, const void *pb)
{
	const struct rc_file_entry *a =
		*(const struct rc_file_entry *const *)pa;
	const struct rc_file_entry *b =
		*(const struct rc_file_entry *const *)pb;
	int c = strcmp(a->path, b->path);

	/* equal paths should not happen; order the rest for determinism */
	if (!c)
		c = cmp_u64(a->size, b->size);
	if (!c)
		c = cmp_u64(a->flags, b->flags);
	if (!c)
		c = cmp_u64(a->lines, b->lines);
	return c;
}

void rc_facts_sort_files(struct rc_facts *f)
{
	if (!f->files_sorted && f->files.n > 1)
		qsort(f->files.v, f->files.n, sizeof(*f->files.v), cmp_file);
	f->files_sorted = true;
}

/* ---- content hits ----------------------------------------------------- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	       c == '\v';
}

/* Trim blanks and cut to SNIPPET_MAX bytes without splitting a character. */
static size_t trim_snippet(const char **s, size_t n)
{
	const char *p = *s;

	while (n && is_blank(p[0])) {
		p++;
		n--;
	}
	while (n && is_blank(p[n - 1]))
		n--;
	if (n > SNIPPET_MAX) {
		n = SNIPPET_MAX;
		/* back off over continuation bytes of a cut sequence */
		while (n > SNIPPET_MAX - 3 &&
		       ((unsigned char)p[n] & 0xc0) == 0x80)
			n--;
	}
	*s = p;
	return n;
}

/* The hit list of pattern, created when missing. */
static int pat_get(struct rc_facts *f, unsigned pattern, struct pat **out)
{
	size_t old = f->pats.n;

	if (pattern >= MAX_PATTERNS)
		return RC_ETOOBIG;
	if (pattern >= old) {
		if (rc_vec_reserve(&f->pats, (size_t)pattern + 1))
			return RC_ENOMEM;
		memset(f->pats.v + old, 0,
		       ((size_t)pattern + 1 - old) * sizeof(*f->pats.v));
		f->pats.n = (size_t)pattern + 1;
	}
	if (!f->pats.v[pattern]) {
		f->pats.v[pattern] =
			rc_arena_alloc(&f->arena, sizeof(struct pat));
		if (!f->pats.v[pattern])
			return RC_ENOMEM;
	}
	*out = f->pats.v[pattern];
	return 0;
}

/* Keep a hit in hits[*n] (the list has room); snippet already trimmed. */
static int keep_hit(struct rc_facts *f, struct rc_hit *hits, size_t *n,
		    const char *path, unsigned line, const char *snippet,
		    size_t len)
{
	struct rc_hit *h = &hits[*n];
	const char *ipath;
	char *copy;

	if (intern_str(f, path ? path : "", &ipath, NULL))
		return RC_ENOMEM;
	copy = rc_arena_strndup(&f->arena, snippet, len);
	if (!copy)
		return RC_ENOMEM;
	h->path = ipath;
	h->line = line;
	h->snippet = copy;
	(*n)++;
	return 0;
}

static int pat_keep(struct rc_facts *f, struct pat *p, const char *path,
		    unsigned line, const char *snippet, size_t n)
{
	return keep_hit(f, p->hits, &p->n, path, line, snippet, n);
}

/* The group (scope, flags) of p, created at the end when missing. */
static int group_get(struct rc_facts *f, struct pat *p, const char *scope,
		     unsigned flags, struct rc_hit_group **out)
{
	struct rc_hit_group *g = p->last;
	const char *iscope;

	if (!scope)
		scope = "";
	if (!(g && g->flags == flags && !strcmp(g->scope, scope)))
		for (g = p->groups; g; g = g->next)
			if (g->flags == flags && !strcmp(g->scope, scope))
				break;
	if (!g) {
		if (intern_str(f, scope, &iscope, NULL))
			return RC_ENOMEM;
		g = rc_arena_alloc(&f->arena, sizeof(*g));
		if (!g)
			return RC_ENOMEM;
		memset(g, 0, sizeof(*g));
		g->scope = iscope;
		g->flags = flags;
		if (p->tail)
			p->tail->next = g;
		else
			p->groups = g;
		p->tail = g;
	}
	p->last = g;
	*out = g;
	return 0;
}

static int add_hit(struct rc_facts *f, unsigned pattern, bool grouped,
		   const char *scope, unsigned flags, const char *path,
		   unsigned line, const char *snippet, size_t snippet_len)
{
	struct rc_hit_group *g = NULL;
	struct pat *p;
	int err;

	err = pat_get(f, pattern, &p);
	if (err)
		return err;
	if (grouped && (err = group_get(f, p, scope, flags, &g)))
		return err;
	if (!snippet)
		snippet_len = 0;
	snippet_len = trim_snippet(&snippet, snippet_len);
	if (!snippet)
		snippet = "";
	if (!(flags & RC_HIT_RELONLY)) {
		if (p->n < RC_FACTS_MAX_HITS &&
		    (err = pat_keep(f, p, path, line, snippet, snippet_len)))
			return err;
		p->total++;
	}
	if (g) {
		if (g->n < RC_FACTS_MAX_HITS &&
		    (err = keep_hit(f, g->hits, &g->n, path, line, snippet,
				    snippet_len)))
			return err;
		g->total++;
	}
	return 0;
}

int rc_facts_add_hit(struct rc_facts *f, unsigned pattern, const char *path,
		     unsigned line, const char *snippet, size_t snippet_len)
{
	return add_hit(f, pattern, false, NULL, 0, path, line, snippet,
		       snippet_len);
}

int rc_facts_add_hit_in(struct rc_facts *f, unsigned pattern, const char *scope,
			unsigned flags, const char *path, unsigned line,
			const char *snippet, size_t snippet_len)
{
	return add_hit(f, pattern, true, scope, flags, path, line, snippet,
		       snippet_len);
}

const struct rc_hit_group *rc_facts_hit_groups(const struct rc_facts *f,
					       unsigned pattern)
{
	const struct pat *p = pattern < f->pats.n ? f->pats.v[pattern] : NULL;

	return p ? p->groups : NULL;
}

size_t rc_facts_hits(const struct rc_facts *f, unsigned pattern,
		     const struct rc_hit **out, uint64_t *total)
{
	const struct pat *p = pattern < f->pats.n ? f->pats.v[pattern] : NULL;

	*out = p && p->n ? p->hits : NULL;
	if (total)
		*total = p ? p->total : 0;
	return p ? p->n : 0;
}

/* ---- merge ------------------------------------------------------------ */

int rc_facts_merge(struct rc_facts *dst, struct rc_facts *src)
{
	struct fact_in in = { 0 };
	const struct rc_fact *x;
	const struct rc_file_entry *e;
	struct pat *sp, *dp;
	struct rc_hit_group *sg, *dg;
	size_t i, k;
	int err;

	if (dst == src)
		return 0;
	for (i = 0; i < src->recs.n; i++) {
		x = &src->recs.v[i]->fact;
		in.name = x->name;
		in.type = x->type;
		in.b = x->b;
		in.num = x->num;
		in.str = x->str;
		in.path = x->path;
		in.line = x->line;
		in.note = x->note;
		in.once = src->recs.v[i]->once;
		if (add_fact(dst, &in))
			return RC_ENOMEM;
	}
	if (rc_vec_reserve(&dst->files, dst->files.n + src->files.n))
		return RC_ENOMEM;
	for (i = 0; i < src->files.n; i++) {
		e = src->files.v[i];
		if (rc_facts_add_file(dst, e->path, e->size, e->flags,
				      e->lines))
			return RC_ENOMEM;
	}
	for (i = 0; i < src->pats.n; i++) {
		sp = src->pats.v[i];
		if (!sp)
			continue;
		err = pat_get(dst, (unsigned)i, &dp);
		if (err)
			return err;
		for (k = 0; k < sp->n && dp->n < RC_FACTS_MAX_HITS; k++)
			if (pat_keep(dst, dp, sp->hits[k].path,
				     sp->hits[k].line, sp->hits[k].snippet,
				     strlen(sp->hits[k].snippet)))
				return RC_ENOMEM;
		dp->total += sp->total;
		for (sg = sp->groups; sg; sg = sg->next) {
			if ((err = group_get(dst, dp, sg->scope, sg->flags,
					     &dg)))
				return err;
			for (k = 0; k < sg->n && dg->n < RC_FACTS_MAX_HITS; k++)
				if (keep_hit(dst, dg->hits, &dg->n,
					     sg->hits[k].path, sg->hits[k].line,
					     sg->hits[k].snippet,
					     strlen(sg->hits[k].snippet)))
					return RC_ENOMEM;
			dg->total += sg->total;
		}
	}
	facts_release(src);
	facts_init(src);
	return 0;
}

/* ---- JSON ------------------------------------------------------------- */

static void json_num(struct rc_buf *out, double v)
{
	char tmp[64];

	if (!isfinite(v)) {
		rc_buf_adds(out, "null");
		return;
	}
	if (v == trunc(v) && fabs(v) < 9007199254740992.0) {
		rc_buf_addf(out, "%.0f", v == 0 ? 0.0 : v);
		return;
	}
	/* shortest of %.15g and %.17g that reads back as the same number */
	snprintf(tmp, sizeof(tmp), "%.15g", v);
	if (strtod(tmp, NULL) != v)
		snprintf(tmp, sizeof(tmp), "%.17g", v);
	rc_buf_adds(out, tmp);
}

static void json_key_str(struct rc_buf *out, const char *key, const char *s)
{
	rc_buf_addf(out, "\"%s\":", key);
	rc_buf_add_json_str(out, s, strlen(s));
}

static const char *type_name(enum rc_fact_type t)
{
	switch (t) {
	case RC_FACT_BOOL:
		return "bool";
	case RC_FACT_NUM:
		return "num";
	case RC_FACT_STR:
		break;
	}
	return "str";
}

static void json_fact(struct rc_buf *out, const struct rc_fact *x)
{
	rc_buf_addc(out, '{');
	json_key_str(out, "name", x->name);
	rc_buf_addf(out, ",\"type\":\"%s\",\"value\":", type_name(x->type));
	switch (x->type) {
	case RC_FACT_BOOL:
		rc_buf_adds(out, x->b ? "true" : "false");
		break;
	case RC_FACT_NUM:
		json_num(out, x->num);
		break;
	case RC_FACT_STR:
		rc_buf_add_json_str(out, x->str, strlen(x->str));
		break;
	}
	rc_buf_addc(out, ',');
	json_key_str(out, "path", x->path);
	rc_buf_addf(out, ",\"line\":%u", x->line);
	if (x->note) {
		rc_buf_addc(out, ',');
		json_key_str(out, "note", x->note);
	}
	rc_buf_addc(out, '}');
}

static void json_files(struct rc_buf *out, const struct rc_facts *f)
{
	uint64_t bytes = 0, binary = 0, skipped = 0;
	const struct rc_file_entry *e;
	size_t i;

	for (i = 0; i < f->files.n; i++) {
		e = f->files.v[i];
		if (e->flags & RC_FILE_BINARY)
			binary++;
		if (e->flags & RC_FILE_SKIPPED)
			skipped++;
		if (!(e->flags &
		      (RC_FILE_BINARY | RC_FILE_SKIPPED | RC_FILE_SYMLINK)))
			bytes += e->size;
	}
	rc_buf_addf(out,
		    "\"files\":{\"count\":%zu,\"bytes\":%" PRIu64
		    ",\"binary\":%" PRIu64 ",\"skipped\":%" PRIu64 "}",
		    f->files.n, bytes, binary, skipped);
}

static void json_pattern(struct rc_buf *out, size_t id, const struct pat *p)
{
	size_t k;

	rc_buf_addf(out, "{\"id\":%zu,\"hits\":[", id);
	for (k = 0; k < p->n; k++) {
		rc_buf_adds(out, k ? ",{" : "{");
		json_key_str(out, "path", p->hits[k].path);
		rc_buf_addf(out, ",\"line\":%u,", p->hits[k].line);
		json_key_str(out, "snippet", p->hits[k].snippet);
		rc_buf_addc(out, '}');
	}
	rc_buf_addf(out, "],\"total\":%" PRIu64 "}", p->total);
}

int rc_facts_to_json(const struct rc_facts *f, struct rc_buf *out)
{
	bool first = true;
	size_t i;

	rc_buf_adds(out, "{\"schema\":\"readycheck/facts/v1\",\n\"facts\":[");
	for (i = 0; i < f->recs.n && !rc_buf_err(out); i++) {
		rc_buf_adds(out, i ? ",\n" : "\n");
		json_fact(out, &f->recs.v[i]->fact);
	}
	rc_buf_adds(out, "],\n");
	json_files(out, f);
	rc_buf_adds(out, ",\n\"patterns\":[");
	for (i = 0; i < f->pats.n && !rc_buf_err(out); i++) {
		if (!f->pats.v[i] || !f->pats.v[i]->total)
			continue;
		rc_buf_adds(out, first ? "\n" : ",\n");
		first = false;
		json_pattern(out, i, f->pats.v[i]);
	}
	rc_buf_adds(out, "]}\n");
	return rc_buf_err(out);
}
