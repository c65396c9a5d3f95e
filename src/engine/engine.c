#include "../core/common.h"
#include "engine.h"
#include "../collect/code.h"
#include "../collect/collect.h"
#include "../collect/db.h"
#include "../collect/git_blobs.h"
#include "../collect/scripts.h"
#include "../core/alloc.h"
#include "../core/fs.h"
#include "../core/lang.h"
#include "../core/pool.h"
#include "../core/str.h"
#include "../core/utf8.h"
#include "../match/match.h"
#include "../parse/json.h"
#include "../secrets/secrets.h"
#include "../rules/eval.h"
#include "../score/score.h"
#include "../walk/glob.h"
#include "../walk/ignore.h"
#include "../walk/walk.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define WINDOW		 512  /* files in flight between two ordered drains */
#define BINARY_PROBE	 8192 /* bytes looked at for a NUL */
#define SNIPPET_MAX	 200  /* bytes of a matching line kept */
#define DEFAULT_MAX_SIZE (8u << 20)

struct hit {
	unsigned pattern;
	size_t off; /* end offset of the match */
};

/* What a worker learned about one file, merged in file order. */
struct slot {
	unsigned flags; /* RC_FILE_* */
	uint64_t lines;
	RC_VEC(struct hit) hits;
	RC_VEC(struct {
		unsigned pattern;
		unsigned line;
		unsigned flags; /* RC_HIT_* */
		char *snippet;
	})
	found;
	rc_secret_hit_vec shits; /* secret candidates */
	rc_secret_vec secrets;	 /* confirmed, this file */
	struct rc_secret_counts scounts;
	size_t scope;		/* index into run.cands + 1; 0: the root */
	struct rc_facts *facts; /* only for files a collector parses */
	struct rc_diags diags;
};

struct worker {
	struct rc_buf buf;
	struct rc_match_scratch *scratch;
};

/*
 * Files whose paths match the same glob sets concern the same check
 * patterns. Each such class is searched with a database of only those
 * patterns, a fraction of the catalog for most files (a .md file never runs
 * the Rust patterns, a test file not the service-code patterns).
 */
struct pclass {
	uint64_t *key;	       /* bit s: glob set s applies */
	unsigned *ids;	       /* matcher id -> catalog pattern id */
	size_t n;	       /* patterns */
	struct rc_matcher *m;  /* NULL when n == 0 */
	bool merged;	       /* small: its files went to another class */
	struct rc_diags diags; /* what compiling it noted */
	struct rc_err err;
	int e;
};

#define MAX_CLASSES 64 /* past it, files share one class with every pattern */
/* Classes of fewer bytes than this share one database (the union of their
 * patterns): loading or compiling a database costs more than searching a
 * few small files with a few patterns too many. */
#define SMALL_CLASS (512u << 10)

struct run {
	const struct rc_scan_opts *opts;
	int rootfd;
	const struct rc_walk_result *walk;
	const struct rc_catalog *catalog;
	struct pclass *classes;
	size_t nclasses, nwords; /* nwords: uint64_t per key */
	unsigned *file_class;	 /* walk index -> class */
	/* per file: the sets matching its path, then its path in its package
	 * (2 x nwords), and the candidate it belongs to (scope_of()) */
	uint64_t *keys;
	size_t *file_scope;
	struct rc_matcher *smatcher; /* the secret detectors, or NULL */
	struct rc_diags sdiags;
	struct rc_err serr;
	int se;
	struct worker *workers;
	struct slot *slots; /* WINDOW of them, indexed i % WINDOW */
	/* the files each content pattern is searched in: its glob list, one
	 * "set" per distinct list, shared by the patterns that use it */
	size_t nsets;
	size_t *pattern_set; /* pattern id -> set index, SIZE_MAX: any file */
	/* the sets' glob lists, all decided in one pass per path */
	struct rc_globlists *lists;
	size_t swords;	 /* words of rc_globlists_match() scratch */
	uint64_t *gbits; /* per worker: that scratch */
	/* directories that may hold a package (rc_collect_package_candidate),
	 * sorted: content matches are grouped by the innermost one */
	char **cands;
	size_t ncands;
	struct rc_facts *facts;
	struct rc_diags *diags;
	/* secret detectors, matcher ids = rule indexes (NULL: not searched) */
	const struct rc_secrets *secrets;
	size_t npatterns; /* check patterns searched (0: none) */
	struct rc_secrets_report *srep;
	struct rc_arena *sarena; /* where srep's strings go */
	struct rc_secret_counts scounts;
	uint64_t max_size;
	uint64_t bytes, skipped;
};

enum { MATCH_NO, MATCH_PATH, MATCH_REL };

/* Index + 1 of the innermost candidate directory holding path, 0: root. */
static size_t scope_of(const struct run *r, const char *path)
{
	size_t n = strlen(path);

	while (n > 0) {
		size_t lo = 0, hi = r->ncands;

		while (n > 0 && path[n - 1] != '/')
			n--;
		if (n == 0)
			break;
		n--; /* the directory path[0..n) */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = strncmp(r->cands[mid], path, n);

			if (!c && r->cands[mid][n])
				c = 1;
			if (!c)
				return mid + 1;
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	return 0;
}

/*
 * Does pattern p apply to file i? MATCH_PATH when its globs match the path,
 * MATCH_REL when they match only the path relative to the file's package
 * candidate (crates/api/src/main.rs as src/main.rs). Read from the file's
 * keys, worked out once by key_file().
 */
static int pattern_applies(const struct run *r, size_t i, unsigned p)
{
	size_t set = r->pattern_set[p];
	const uint64_t *key = r->keys + i * 2 * r->nwords;
	uint64_t bit;

	if (set == SIZE_MAX)
		return MATCH_PATH;
	bit = (uint64_t)1 << (set % 64);
	if (key[set / 64] & bit)
		return MATCH_PATH;
	if (key[r->nwords + set / 64] & bit)
		return MATCH_REL;
	return MATCH_NO;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted, distinct candidate directories of the walked files. */
static int build_cands(struct run *r)
{
	size_t i, n, k = 0;

	r->cands = rc_calloc(r->walk->n + 1, sizeof(*r->cands));
	if (!r->cands)
		return RC_ENOMEM;
	for (i = 0; i < r->walk->n; i++) {
		const char *path = r->walk->files[i].path;

		if (!rc_collect_package_candidate(path, &n) || n == 0)
			continue;
		if (!(r->cands[r->ncands] = rc_strndup(path, n)))
			return RC_ENOMEM;
		r->ncands++;
	}
	if (r->ncands > 1)
		qsort(r->cands, r->ncands, sizeof(*r->cands), cmp_str);
	for (i = 0; i < r->ncands; i++) {
		if (k && !strcmp(r->cands[k - 1], r->cands[i])) {
			rc_free(r->cands[i]);
			continue;
		}
		r->cands[k++] = r->cands[i];
	}
	r->ncands = k;
	return 0;
}

static bool same_globs(const struct rc_content_pattern *a,
		       const struct rc_content_pattern *b)
{
	size_t g;

	if (a->nglobs != b->nglobs)
		return false;
	for (g = 0; g < a->nglobs; g++)
		if (strcmp(a->globs[g], b->globs[g]))
			return false;
	return true;
}

/* Group the patterns by glob list (the sets) and compile the lists, so
 * that one pass per path says which sets match it. */
static int build_sets(struct run *r, unsigned jobs)
{
	const struct rc_catalog *c = r->catalog;
	const char *const **lists = NULL;
	size_t p, q, *counts = NULL;
	int e = RC_ENOMEM;

	r->pattern_set = rc_calloc(c->npatterns + 1, sizeof(*r->pattern_set));
	lists = rc_calloc(r->npatterns + 1, sizeof(*lists));
	counts = rc_calloc(r->npatterns + 1, sizeof(*counts));
	if (!r->pattern_set || !lists || !counts)
		goto out;
	for (p = 0; p < r->npatterns; p++) {
		r->pattern_set[p] = SIZE_MAX;
		if (!c->patterns[p].nglobs)
			continue;
		for (q = 0; q < p; q++)
			if (r->pattern_set[q] != SIZE_MAX &&
			    same_globs(&c->patterns[p], &c->patterns[q])) {
				r->pattern_set[p] = r->pattern_set[q];
				break;
			}
		if (r->pattern_set[p] != SIZE_MAX)
			continue;
		lists[r->nsets] = c->patterns[p].globs;
		counts[r->nsets] = c->patterns[p].nglobs;
		r->pattern_set[p] = r->nsets++;
	}
	r->nwords = r->nsets / 64 + 1;
	if ((e = rc_globlists_new(&r->lists, lists, counts, r->nsets,
				  RC_GLOB_CASEFOLD | RC_GLOB_BRACES)))
		goto out;
	r->swords = rc_globlists_scratch(r->lists);
	if (!(r->gbits = rc_calloc((size_t)jobs * r->swords, sizeof(uint64_t))))
		e = RC_ENOMEM;
out:
	rc_free(lists);
	rc_free(counts);
	return e;
}

struct scan_ctx {
	struct slot *slot;
	const unsigned *ids; /* class matcher id -> catalog pattern id */
	int err;
};

static int on_check(unsigned id, size_t from, size_t to, void *payload)
{
	struct scan_ctx *c = payload;
	struct hit h = { c->ids[id], to };

	(void)from;
	if (rc_vec_push(&c->slot->hits, h)) {
		c->err = RC_ENOMEM;
		return 1;
	}
	return 0;
}

static int on_secret(unsigned id, size_t from, size_t to, void *payload)
{
	struct scan_ctx *c = payload;

	(void)from;
	if (rc_secrets_add_hit(&c->slot->shits, id, to)) {
		c->err = RC_ENOMEM;
		return 1;
	}
	return 0;
}

static int cmp_hit(const void *pa, const void *pb)
{
	const struct hit *a = pa, *b = pb;

	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	return a->pattern < b->pattern ? -1 : a->pattern > b->pattern;
}

/*
 * A copy of buf[from, from + n) in which every confirmed secret of the file
 * is cut down to the characters that may be shown and "...": evidence
 * never carries a secret, whichever check's pattern found the line.
 */
static char *snippet_of(const struct slot *s, const char *buf, size_t from,
			size_t n)
{
	struct rc_buf b = RC_BUF_INIT;
	size_t i, at = from, end = from + n;

	for (i = 0; i < s->secrets.n; i++) {
		const struct rc_secret_finding *f = &s->secrets.v[i];
		size_t a = f->off, z = f->off + f->len;

		if (z <= at || a >= end)
			continue;
		if (a > at)
			rc_buf_add(&b, buf + at, a - at);
		if (a >= at)
			rc_buf_addf(&b, "%s\xe2\x80\xa6", f->prefix);
		at = z < end ? z : end;
	}
	if (at < end)
		rc_buf_add(&b, buf + at, end - at);
	if (rc_buf_err(&b)) {
		rc_buf_release(&b);
		return NULL;
	}
	return rc_buf_detach(&b, NULL);
}

/* Turn raw (pattern, offset) hits into (pattern, line, snippet) for the
 * patterns whose globs cover this path; one pass over the buffer. */
static int resolve_hits(struct run *r, size_t file, struct slot *s,
			const char *path, const char *buf, size_t len)
{
	size_t i, pos = 0, line_start = 0;
	unsigned line = 1;
	unsigned code = rc_code_language(path) ? RC_HIT_CODE : 0;
	int how;

	s->scope = r->file_scope[file];
	if (s->hits.n > 1)
		qsort(s->hits.v, s->hits.n, sizeof(*s->hits.v), cmp_hit);
	for (i = 0; i < s->hits.n; i++) {
		const struct hit *h = &s->hits.v[i];
		size_t at = h->off ? h->off - 1 : 0, end, n;
		const char *nl;

		how = pattern_applies(r, file, h->pattern);
		if (how == MATCH_NO)
			continue;
		if (at > len)
			at = len;
		while (pos < at) {
			nl = memchr(buf + pos, '\n', at - pos);
			if (!nl) {
				pos = at;
				break;
			}
			line++;
			pos = (size_t)(nl - buf) + 1;
			line_start = pos;
		}
		nl = memchr(buf + line_start, '\n', len - line_start);
		end = nl ? (size_t)(nl - buf) : len;
		n = end - line_start;
		if (n > SNIPPET_MAX)
			n = SNIPPET_MAX;
		while (n && (buf[line_start + n - 1] == '\r'))
			n--;
		if (rc_vec_reserve(&s->found, s->found.n + 1))
			return RC_ENOMEM;
		s->found.v[s->found.n].pattern = h->pattern;
		s->found.v[s->found.n].line = line;
		s->found.v[s->found.n].flags =
			(how == MATCH_REL ? RC_HIT_RELONLY : 0) | code;
		s->found.v[s->found.n].snippet =
			s->secrets.n ? snippet_of(s, buf, line_start, n)
				     : rc_strndup(buf + line_start, n);
		if (!s->found.v[s->found.n].snippet)
			return RC_ENOMEM;
		s->found.n++;
	}
	s->hits.n = 0;
	return 0;
}

/* Newlines in buf, eight bytes at a time: a byte of w ^ NL8 is zero exactly
 * where w has '\n'; ((x & 7f..) + 7f..) | x has the high bit of each
 * non-zero byte set, so its complement marks the newlines. */
static uint64_t count_lines(const char *buf, size_t len)
{
	const uint64_t ones7 = 0x7f7f7f7f7f7f7f7full,
		       nl8 = 0x0a0a0a0a0a0a0a0aull;
	uint64_t n = 0, w, x;
	size_t i = 0;

	for (; i + 8 <= len; i += 8) {
		memcpy(&w, buf + i, 8);
		x = w ^ nl8;
		x = ~(((x & ones7) + ones7) | x | ones7);
		/* one bit (0x80) per newline byte: gather them into the top
		 * byte with a multiply (no popcnt instruction needed) */
		n += ((x >> 7) * 0x0101010101010101ull) >> 56;
	}
	for (; i < len; i++)
		n += buf[i] == '\n';
	if (len && buf[len - 1] != '\n')
		n++;
	return n;
}

static int process_file(size_t i, unsigned worker, void *payload)
{
	struct run *r = payload;
	const struct rc_walk_entry *we = &r->walk->files[i];
	struct slot *s = &r->slots[i % WINDOW];
	struct worker *w = &r->workers[worker];
	struct scan_ctx ctx = { s, NULL, 0 };
	const struct pclass *pc;
	struct rc_err err = RC_ERR_INIT;
	size_t probe;
	int e;

	if (we->flags & RC_WALK_SYMLINK) {
		s->flags = RC_FILE_SYMLINK;
		return 0;
	}
	if (we->flags & RC_WALK_TOOBIG) {
		s->flags = RC_FILE_SKIPPED;
		return 0;
	}
	e = rc_fs_read(&w->buf, r->rootfd, we->path, r->max_size, true, &err);
	if (e) {
		s->flags = RC_FILE_SKIPPED;
		if (e == RC_ENOMEM)
			return e;
		return rc_diags_add(&s->diags, RC_DIAG_WARNING, we->path, 0, 0,
				    "%s", err.msg)
			       ? RC_ENOMEM
			       : 0;
	}
	probe = w->buf.len < BINARY_PROBE ? w->buf.len : BINARY_PROBE;
	if (memchr(w->buf.ptr, '\0', probe)) {
		s->flags = RC_FILE_BINARY;
		return 0;
	}
	s->lines = count_lines(w->buf.ptr, w->buf.len);
	if (r->smatcher && rc_secrets_wants(r->secrets, we->path)) {
		e = rc_match_scan(r->smatcher, w->scratch, w->buf.ptr,
				  w->buf.len, on_secret, &ctx);
		if (e || ctx.err)
			return e ? e : ctx.err;
		if (s->shits.n) {
			e = rc_secrets_confirm(r->secrets, we->path, w->buf.ptr,
					       w->buf.len, s->shits.v,
					       s->shits.n, &s->secrets,
					       &s->scounts);
			s->shits.n = 0;
			if (e)
				return e;
		}
	}
	pc = r->nclasses ? &r->classes[r->file_class[i]] : NULL;
	if (pc && pc->m) {
		ctx.ids = pc->ids;
		e = rc_match_scan(pc->m, w->scratch, w->buf.ptr, w->buf.len,
				  on_check, &ctx);
		if (e || ctx.err)
			return e ? e : ctx.err;
		if (s->hits.n && (e = resolve_hits(r, i, s, we->path,
						   w->buf.ptr, w->buf.len)))
			return e;
	}
	if (!r->opts->secrets_only && rc_collect_wants(we->path)) {
		if (!s->facts && (e = rc_facts_new(&s->facts)))
			return e;
		e = rc_collect_file(s->facts, &s->diags, we->path, w->buf.ptr,
				    w->buf.len);
		if (e)
			return e;
	}
	return 0;
}

/* Append finding f of rule at path to rep, strings copied into a; NULL when
 * out of memory. */
static struct rc_secret_item *add_item(struct rc_secrets_report *rep,
				       struct rc_arena *a,
				       const struct rc_secret_rule *rule,
				       const struct rc_secret_finding *f,
				       const char *path)
{
	struct rc_secret_item *it;

	if (rc_vec_reserve_((void **)&rep->items, &rep->cap, rep->n + 1,
			    sizeof(*rep->items)))
		return NULL;
	it = &rep->items[rep->n];
	memset(it, 0, sizeof(*it));
	it->rule = rule->id;
	it->description = rule->description;
	it->severity = rule->severity;
	it->line = f->line;
	it->col = f->col;
	it->length = f->length;
	if (!(it->path = rc_arena_strdup(a, path)) ||
	    !(it->prefix = rc_arena_strdup(a, f->prefix)) ||
	    !(it->fingerprint = rc_arena_strdup(a, f->fingerprint)))
		return NULL;
	rep->n++;
	return it;
}

/* Record the file's confirmed secrets: a `secret.found` fact each (what the
 * secrets-none check reads) and, for `readycheck secrets`, a report item. */
static int drain_secrets(struct run *r, struct slot *s, const char *path)
{
	struct rc_buf note = RC_BUF_INIT;
	size_t k;
	int e = 0;

	r->scounts.baseline += s->scounts.baseline;
	r->scounts.allow += s->scounts.allow;
	r->scounts.inline_allow += s->scounts.inline_allow;
	r->scounts.placeholder += s->scounts.placeholder;
	memset(&s->scounts, 0, sizeof(s->scounts));
	for (k = 0; k < s->secrets.n && !e; k++) {
		const struct rc_secret_finding *f = &s->secrets.v[k];
		const struct rc_secret_rule *rule = &r->secrets->rules[f->rule];

		rc_buf_reset(&note);
		rc_buf_addf(&note, "%s\xe2\x80\xa6, %zu chars, fingerprint %s",
			    f->prefix, f->length, f->fingerprint);
		if (rc_buf_err(&note) ||
		    rc_facts_add_note(r->facts, "secret.found", rule->id, path,
				      f->line, note.ptr)) {
			e = RC_ENOMEM;
			break;
		}
		if (r->srep && !add_item(r->srep, r->sarena, rule, f, path))
			e = RC_ENOMEM;
	}
	s->secrets.n = 0;
	rc_buf_release(&note);
	return e;
}

static int drain_file(size_t i, void *payload)
{
	struct run *r = payload;
	const struct rc_walk_entry *we = &r->walk->files[i];
	struct slot *s = &r->slots[i % WINDOW];
	size_t k;
	int e = 0;

	if (s->flags & RC_FILE_SKIPPED)
		r->skipped++;
	else if (!(s->flags & (RC_FILE_SYMLINK | RC_FILE_BINARY)))
		r->bytes += we->size;
	if (rc_facts_add_file(r->facts, we->path, we->size, s->flags, s->lines))
		e = RC_ENOMEM;
	for (k = 0; k < s->found.n; k++) {
		if (!e && rc_facts_add_hit_in(
				  r->facts, s->found.v[k].pattern,
				  s->scope ? r->cands[s->scope - 1] : "",
				  s->found.v[k].flags, we->path,
				  s->found.v[k].line, s->found.v[k].snippet,
				  strlen(s->found.v[k].snippet)))
			e = RC_ENOMEM;
		rc_free(s->found.v[k].snippet);
	}
	s->found.n = 0;
	if (!e && r->secrets)
		e = drain_secrets(r, s, we->path);
	if (s->facts) {
		if (!e)
			e = rc_facts_merge(r->facts, s->facts);
		rc_facts_free(s->facts);
		s->facts = NULL;
	}
	if (!e)
		e = rc_diags_take(r->diags, &s->diags);
	s->flags = 0;
	s->lines = 0;
	if (r->opts->progress && (i + 1) % WINDOW == 0)
		r->opts->progress(i + 1, r->walk->n, r->opts->progress_payload);
	return e;
}

/* The class of files whose key is key (nwords words), added when new. */
static int class_of(struct run *r, const uint64_t *key, unsigned *out)
{
	struct pclass *c;
	size_t k;

	for (k = 0; k < r->nclasses; k++)
		if (!memcmp(r->classes[k].key, key, r->nwords * sizeof(*key))) {
			*out = (unsigned)k;
			return 0;
		}
	c = &r->classes[r->nclasses];
	if (!(c->key = rc_malloc(r->nwords * sizeof(*key))))
		return RC_ENOMEM;
	memcpy(c->key, key, r->nwords * sizeof(*key));
	*out = (unsigned)r->nclasses++;
	return 0;
}

/*
 * Pool task: the keys of file i, the sets whose globs match its path and
 * (second half) its path in its package, into r->keys.
 */
static int key_file(size_t i, unsigned worker, void *payload)
{
	struct run *r = payload;
	const char *path = r->walk->files[i].path, *rel = path;
	uint64_t *key = r->keys + i * 2 * r->nwords;
	uint64_t *scratch = r->gbits + (size_t)worker * r->swords;
	size_t scope = scope_of(r, path), len = strlen(path);

	r->file_scope[i] = scope;
	if (scope)
		rel = path + strlen(r->cands[scope - 1]) + 1;
	rc_globlists_match(r->lists, path, len, scratch, key);
	if (rel != path)
		rc_globlists_match(r->lists, rel, len - (size_t)(rel - path),
				   scratch, key + r->nwords);
	return 0;
}

/* Sort the files into classes and list each class's patterns. */
/* Give the files of the small classes one class: the union of theirs. */
static int merge_small(struct run *r)
{
	uint64_t *bytes = rc_calloc(r->nclasses + 1, sizeof(*bytes));
	uint64_t *key = rc_calloc(r->nwords, sizeof(*key));
	size_t i, k, nsmall = 0;
	unsigned to;
	int e = RC_ENOMEM;

	if (!bytes || !key)
		goto out;
	for (i = 0; i < r->walk->n; i++)
		bytes[r->file_class[i]] += r->walk->files[i].size;
	for (k = 0; k < r->nclasses; k++)
		if (bytes[k] < SMALL_CLASS) {
			nsmall++;
			for (i = 0; i < r->nwords; i++)
				key[i] |= r->classes[k].key[i];
		}
	e = 0;
	if (nsmall < 2 || (e = class_of(r, key, &to)))
		goto out;
	for (k = 0; k < r->nclasses; k++)
		r->classes[k].merged = k != to && bytes[k] < SMALL_CLASS;
	for (i = 0; i < r->walk->n; i++)
		if (r->classes[r->file_class[i]].merged)
			r->file_class[i] = to;
out:
	rc_free(bytes);
	rc_free(key);
	return e;
}

static int build_classes(struct run *r, unsigned jobs)
{
	size_t i, k, p, n = r->walk->n;
	uint64_t *key;
	int e;

	r->keys = rc_calloc(n * 2 * r->nwords + 1, sizeof(*r->keys));
	r->file_scope = rc_calloc(n + 1, sizeof(*r->file_scope));
	r->file_class = rc_calloc(n + 1, sizeof(*r->file_class));
	r->classes = rc_calloc(MAX_CLASSES + 2, sizeof(*r->classes));
	key = rc_calloc(r->nwords, sizeof(*key));
	if (!r->keys || !r->file_scope || !r->file_class || !r->classes ||
	    !key) {
		rc_free(key);
		return RC_ENOMEM;
	}
	if ((e = rc_pool_run(jobs, n, key_file, r))) {
		rc_free(key);
		return e;
	}
	for (i = 0; i < n && !e; i++) {
		const uint64_t *fk = r->keys + i * 2 * r->nwords;

		/* a class for the sets that apply either way; past the
		 * limit, the rest of the files get everything */
		for (k = 0; k < r->nwords; k++)
			key[k] = r->nclasses >= MAX_CLASSES
					 ? ~(uint64_t)0
					 : fk[k] | fk[r->nwords + k];
		e = class_of(r, key, &r->file_class[i]);
	}
	rc_free(key);
	if (!e)
		e = merge_small(r);
	for (k = 0; k < r->nclasses && !e; k++) {
		struct pclass *c = &r->classes[k];

		if (c->merged)
			continue;
		if (!(c->ids = rc_calloc(r->npatterns + 1, sizeof(*c->ids))))
			return RC_ENOMEM;
		for (p = 0; p < r->npatterns; p++) {
			size_t set = r->pattern_set[p];

			if (set == SIZE_MAX ||
			    (c->key[set / 64] & ((uint64_t)1 << (set % 64))))
				c->ids[c->n++] = (unsigned)p;
		}
	}
	return e;
}

/* Pool task: compile class i's database, or the detectors' (i == nclasses). */
static int compile_one(size_t i, unsigned worker, void *payload)
{
	struct run *r = payload;
	struct rc_pattern *pats;
	size_t k, n;
	struct rc_matcher **m;
	struct rc_diags *d;
	struct rc_err *err;
	int *e;

	(void)worker;
	if (i == r->nclasses) {
		n = r->secrets->n;
		m = &r->smatcher;
		d = &r->sdiags;
		err = &r->serr;
		e = &r->se;
	} else {
		struct pclass *c = &r->classes[i];

		n = c->n;
		m = &c->m;
		d = &c->diags;
		err = &c->err;
		e = &c->e;
	}
	if (!n)
		return 0;
	if (!(pats = rc_calloc(n, sizeof(*pats)))) {
		*e = rc_err_set(err, RC_ENOMEM, NULL, 0, 0, "out of memory");
		return 0;
	}
	if (i == r->nclasses) {
		rc_secrets_patterns(r->secrets, pats);
	} else {
		for (k = 0; k < n; k++) {
			const struct rc_content_pattern *cp =
				&r->catalog->patterns[r->classes[i].ids[k]];

			pats[k].regex = cp->regex;
			pats[k].flags = cp->caseless ? RC_PAT_CASELESS : 0;
		}
	}
	*e = rc_matcher_new(m, pats, n, r->opts->cache_dir, d, err);
	/* a bad regex is named by its catalog pattern id */
	if (*e == RC_EPARSE && i < r->nclasses && err->line < n)
		err->line = r->classes[i].ids[err->line];
	rc_free(pats);
	return 0;
}

/* Move what compiling noted into the run's diagnostics, each note once
 * (a pattern PCRE2 runs is in several classes). */
static int take_notes(struct rc_diags *dst, struct rc_diags *src)
{
	size_t i, k;
	int e = 0;

	for (i = 0; i < src->list.n && !e; i++) {
		const struct rc_diag *d = &src->list.v[i];

		for (k = 0; k < dst->list.n; k++)
			if (!strcmp(dst->list.v[k].msg, d->msg))
				break;
		if (k == dst->list.n)
			e = rc_diags_add(dst, d->level, d->path, d->line,
					 d->col, "%s", d->msg);
	}
	rc_diags_release(src);
	return e;
}

static int build_matchers(struct run *r, unsigned jobs, struct rc_err *err)
{
	size_t k;
	int e;

	if (r->npatterns && (e = build_classes(r, jobs)))
		return rc_err_set(err, e, NULL, 0, 0, "out of memory");
	if ((e = rc_pool_run(jobs, r->nclasses + (r->secrets ? 1 : 0),
			     compile_one, r)))
		return rc_err_set(err, e, NULL, 0, 0, "out of memory");
	for (k = 0; k <= r->nclasses; k++) {
		struct rc_diags *d =
			k < r->nclasses ? &r->classes[k].diags : &r->sdiags;
		struct rc_err *ce =
			k < r->nclasses ? &r->classes[k].err : &r->serr;
		int ke = k < r->nclasses ? r->classes[k].e : r->se;

		if (ke) {
			*err = *ce;
			return ke;
		}
		if (take_notes(r->diags, d))
			return rc_err_set(err, RC_ENOMEM, NULL, 0, 0,
					  "out of memory");
	}
	return 0;
}

/* Fit worker j's scratch to every matcher. */
static int fit_scratch(struct run *r, struct worker *w)
{
	size_t k;

	if (r->smatcher && rc_match_scratch_fit(&w->scratch, r->smatcher))
		return RC_ENOMEM;
	for (k = 0; k < r->nclasses; k++)
		if (r->classes[k].m &&
		    rc_match_scratch_fit(&w->scratch, r->classes[k].m))
			return RC_ENOMEM;
	return 0;
}

static void free_matchers(struct run *r)
{
	size_t k;

	for (k = 0; k < r->nclasses; k++) {
		rc_matcher_free(r->classes[k].m);
		rc_free(r->classes[k].key);
		rc_free(r->classes[k].ids);
		rc_diags_release(&r->classes[k].diags);
	}
	rc_free(r->classes);
	rc_free(r->file_class);
	rc_free(r->keys);
	rc_free(r->file_scope);
	r->keys = NULL;
	r->file_scope = NULL;
	r->classes = NULL;
	r->file_class = NULL;
	r->nclasses = 0;
	rc_matcher_free(r->smatcher);
	r->smatcher = NULL;
	rc_diags_release(&r->sdiags);
}

static int scan_files(struct run *r, unsigned jobs, struct rc_err *err)
{
	size_t i;
	unsigned j;
	int e = 0;

	if ((e = build_sets(r, jobs)) || (e = build_cands(r))) {
		rc_err_set(err, e, NULL, 0, 0, "out of memory");
		goto out;
	}
	if ((e = build_matchers(r, jobs, err)))
		goto out;
	r->workers = rc_calloc(jobs, sizeof(*r->workers));
	r->slots = rc_calloc(WINDOW, sizeof(*r->slots));
	if (!r->workers || !r->slots) {
		e = rc_err_set(err, RC_ENOMEM, NULL, 0, 0, "out of memory");
		goto out;
	}
	for (j = 0; j < jobs; j++) {
		rc_buf_init(&r->workers[j].buf, r->max_size + 1);
		if (fit_scratch(r, &r->workers[j])) {
			e = rc_err_set(err, RC_ENOMEM, NULL, 0, 0,
				       "out of memory");
			goto out;
		}
	}
	e = rc_pool_run_windowed(jobs, r->walk->n, WINDOW, process_file,
				 drain_file, r);
	if (e)
		rc_err_set(err, e, NULL, 0, 0, "scan failed: %s",
			   e == RC_ENOMEM ? "out of memory" : "internal error");
out:
	if (r->workers)
		for (j = 0; j < jobs; j++) {
			rc_buf_release(&r->workers[j].buf);
			rc_match_scratch_free(r->workers[j].scratch);
		}
	if (r->slots)
		for (i = 0; i < WINDOW; i++) {
			struct slot *s = &r->slots[i];
			size_t k;

			for (k = 0; k < s->found.n; k++)
				rc_free(s->found.v[k].snippet);
			rc_vec_free(&s->found);
			rc_vec_free(&s->hits);
			rc_vec_free(&s->shits);
			rc_vec_free(&s->secrets);
			rc_facts_free(s->facts);
			rc_diags_release(&s->diags);
		}
	rc_free(r->workers);
	rc_free(r->slots);
	free_matchers(r);
	rc_globlists_free(r->lists);
	rc_free(r->gbits);
	rc_free(r->pattern_set);
	for (i = 0; i < r->ncands; i++)
		rc_free(r->cands[i]);
	rc_free(r->cands);
	r->cands = NULL;
	r->ncands = 0;
	return e;
}

static int load_config(struct rc_config *cfg, struct rc_catalog *cat,
		       const char *path, bool required, struct rc_err *err)
{
	struct rc_buf text = RC_BUF_INIT;
	struct stat st;
	int e;

	if (!required && stat(path, &st) && errno == ENOENT)
		return 0;
	e = rc_fs_read(&text, AT_FDCWD, path, 4u << 20, false, err);
	if (e == RC_EIO && required) {
		e = RC_EUSAGE; /* a named config that cannot be read */
		if (err)
			err->code = e;
	}
	if (!e)
		e = rc_config_parse(cfg, text.ptr, text.len, path, cat, err);
	rc_buf_release(&text);
	return e;
}

int rc_engine_load_catalog(struct rc_catalog **out, struct rc_config *cfg,
			   const char *config_path, struct rc_err *err)
{
	struct rc_catalog *cat = NULL;
	int e;

	*out = NULL;
	if ((e = rc_catalog_new(&cat)))
		return rc_err_set(err, e, NULL, 0, 0, "out of memory");
	if ((e = rc_catalog_load_builtin(cat, err)))
		goto fail;
	if (config_path && (e = load_config(cfg, cat, config_path, true, err)))
		goto fail;
	if ((e = rc_config_apply(cfg, cat, err)))
		goto fail;
	*out = cat;
	return 0;
fail:
	rc_catalog_free(cat);
	return e;
}

/* Distinct values of a string fact, in first-seen order, NULL-terminated. */
static const char **distinct(struct rc_arena *a, const struct rc_facts *f,
			     const char *name)
{
	const struct rc_fact *x;
	const char **list;
	size_t it = 0, n = 0, cap = 0, k;

	while (rc_facts_next(f, name, &it))
		cap++;
	list = rc_arena_alloc(a, (cap + 1) * sizeof(*list));
	if (!list)
		return NULL;
	it = 0;
	while ((x = rc_facts_next(f, name, &it))) {
		for (k = 0; k < n; k++)
			if (!strcmp(list[k], x->str))
				break;
		if (k == n)
			list[n++] = x->str;
	}
	list[n] = NULL;
	return list;
}

/* The name titles use: the root manifest's package name, else the name of
 * the scanned directory. */
static const char *project_name(struct rc_scan_result *res, const char *root)
{
	const struct rc_fact *x;
	char *real, *base;
	const char *name;
	size_t it = 0;

	while ((x = rc_facts_next(res->facts, "manifest.name", &it)))
		if (x->path && !strchr(x->path, '/') && x->str[0])
			return x->str;
	real = realpath(root, NULL);
	if (!real)
		return root;
	base = strrchr(real, '/');
	name = rc_arena_strdup(&res->arena, base && base[1] ? base + 1 : real);
	free(real); /* from realpath(), not our allocator */
	return name ? name : root;
}

static int build_project(struct rc_scan_result *res, const char *profile,
			 struct rc_project *p)
{
	struct rc_report *rep = &res->report;
	const struct rc_fact *x;
	enum rc_kind k;
	size_t it = 0, n = 0;

	p->ecosystems = distinct(&res->arena, res->facts, "ecosystem");
	if (!p->ecosystems)
		return RC_ENOMEM;
	rep->ecosystems = p->ecosystems;
	p->kinds = 0;
	if (profile && strcmp(profile, "auto") && !rc_kind_parse(profile, &k)) {
		p->kinds = k;
		rep->kinds = rc_arena_alloc(&res->arena, sizeof(*rep->kinds));
		if (!rep->kinds)
			return RC_ENOMEM;
		rep->kinds[0].kind = rc_kind_name(k);
		rep->kinds[0].reason = "set by profile";
		rep->kinds[0].path = res->config.path;
		rep->nkinds = 1;
		return 0;
	}
	while (rc_facts_next(res->facts, "kind", &it))
		n++;
	rep->kinds = rc_arena_alloc(&res->arena, (n + 1) * sizeof(*rep->kinds));
	if (!rep->kinds)
		return RC_ENOMEM;
	it = 0;
	while ((x = rc_facts_next(res->facts, "kind", &it))) {
		if (rc_kind_parse(x->str, &k) || (p->kinds & k))
			continue;
		p->kinds |= k;
		rep->kinds[rep->nkinds].kind = x->str;
		rep->kinds[rep->nkinds].reason = x->note ? x->note : "";
		rep->kinds[rep->nkinds].path = x->path;
		rep->kinds[rep->nkinds].line = x->line;
		rep->nkinds++;
	}
	return 0;
}

/* Evidence that stands for a config entry (an attestation, a waiver). */
static int config_evidence(struct rc_scan_result *res, struct rc_outcome *o,
			   unsigned line, const char *fmt, ...) RC_PRINTF(4, 5);
static int config_evidence(struct rc_scan_result *res, struct rc_outcome *o,
			   unsigned line, const char *fmt, ...)
{
	struct rc_buf b = RC_BUF_INIT;
	struct rc_evidence *ev = &o->ev[0];
	va_list ap;

	va_start(ap, fmt);
	rc_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	memset(o->ev, 0, sizeof(o->ev));
	o->nev = 1;
	ev->path = res->config.path;
	ev->line = line;
	ev->text = rc_arena_strdup(&res->arena, b.ptr);
	rc_buf_release(&b);
	return ev->text ? 0 : RC_ENOMEM;
}

/* A manual item: attested (pass), attestation expired (fail), or open
 * (manual; fail with --strict). */
static int apply_attestation(struct rc_scan_result *res,
			     const struct rc_check *c, struct rc_outcome *o,
			     const char *today, bool strict)
{
	const struct rc_attestation *a = NULL;
	size_t i;

	if (o->status != RC_STATUS_MANUAL)
		return 0;
	for (i = 0; i < res->config.nattest; i++)
		if (!strcmp(res->config.attest[i].check, c->id))
			a = &res->config.attest[i];
	if (!a) {
		if (!strict)
			return 0;
		o->status = RC_STATUS_FAIL;
		return config_evidence(res, o, 0,
				       "not attested (--strict counts open "
				       "manual items as failing); add it "
				       "under 'attest:' in .readycheck.yml");
	}
	if (a->expires && strcmp(a->expires, today) < 0) {
		o->status = RC_STATUS_FAIL;
		res->report.expired++;
		return config_evidence(res, o, a->pos.line,
				       "attestation by %s expired on %s", a->by,
				       a->expires);
	}
	o->status = RC_STATUS_PASS;
	return config_evidence(
		res, o, a->pos.line, "attested by %s on %s%s%s%s%s", a->by,
		a->date, a->evidence ? ": " : "",
		a->evidence ? a->evidence : "", a->expires ? ", until " : "",
		a->expires ? a->expires : "");
}

static bool waiver_covers(const struct rc_waiver *w, const struct rc_outcome *o)
{
	size_t i, g;

	if (w->fingerprint)
		return false; /* fingerprints name single secret findings */
	if (!w->paths)
		return true;
	for (i = 0; i < o->nev; i++) {
		bool hit = false;

		if (!o->ev[i].path)
			return false;
		for (g = 0; w->paths[g] && !hit; g++)
			hit = rc_glob_match(w->paths[g], o->ev[i].path,
					    RC_GLOB_BRACES);
		if (!hit)
			return false;
	}
	return o->nev > 0;
}

/* A failing check may be waived; an expired waiver fails the scan. */
static int apply_waiver(struct rc_scan_result *res, struct rc_finding *fd,
			const char *today)
{
	const struct rc_check *c = fd->check;
	struct rc_outcome *o = &fd->outcome;
	size_t i;

	if (o->status != RC_STATUS_FAIL)
		return 0;
	for (i = 0; i < res->config.nwaivers; i++) {
		const struct rc_waiver *w = &res->config.waivers[i];

		if (strcmp(w->check, c->id) || !waiver_covers(w, o))
			continue;
		if (w->expires && strcmp(w->expires, today) < 0) {
			res->report.expired++;
			return config_evidence(res, o, w->pos.line,
					       "waiver expired on %s (%s)",
					       w->expires, w->reason);
		}
		o->status = RC_STATUS_WAIVED;
		fd->waiver = w->reason;
		return config_evidence(
			res, o, w->pos.line, "waived%s%s: %s%s%s",
			w->owner ? " by " : "", w->owner ? w->owner : "",
			w->reason, w->expires ? ", until " : "",
			w->expires ? w->expires : "");
	}
	return 0;
}

static void today_utc(char out[40])
{
	struct tm tm;
	time_t now = time(NULL);

	gmtime_r(&now, &tm);
	snprintf(out, 40, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday);
}

/* A package of a monorepo, for checks decided per package. */
struct pkg_view {
	const char *dir;  /* "" for the root */
	const char *name; /* "." for the root */
	unsigned kinds;	  /* RC_KIND_* */
};

struct eval_run {
	struct rc_scan_result *res;
	const struct rc_project *project;
	/* per-package mode: two or more packages have a kind */
	const char **dirs; /* every package directory */
	size_t ndirs;
	struct pkg_view *pkgs; /* the packages with a kind */
	size_t npkgs;
	/* the findings of each check (one, or one per package) */
	struct rc_finding **per;
	size_t *nper;
};

static const char *dir_of(const char *name)
{
	return strcmp(name, ".") ? name : "";
}

/* The packages and their kinds, from the package and package.kind facts. */
static int build_packages(struct rc_scan_result *res, struct eval_run *er)
{
	const struct rc_fact *x;
	size_t it = 0, n = 0, i;
	enum rc_kind k;

	while (rc_facts_next(res->facts, "package", &it))
		n++;
	it = 0;
	while (rc_facts_next(res->facts, "package.kind", &it))
		n++;
	er->dirs = rc_arena_alloc(&res->arena, (n + 1) * sizeof(*er->dirs));
	er->pkgs = rc_arena_alloc(&res->arena, (n + 1) * sizeof(*er->pkgs));
	if (!er->dirs || !er->pkgs)
		return RC_ENOMEM;
	it = 0;
	while ((x = rc_facts_next(res->facts, "package", &it)))
		er->dirs[er->ndirs++] = dir_of(x->str);
	it = 0;
	while ((x = rc_facts_next(res->facts, "package.kind", &it))) {
		const char *name = x->note ? x->note : ".";

		if (rc_kind_parse(x->str, &k))
			continue;
		for (i = 0; i < er->npkgs; i++)
			if (!strcmp(er->pkgs[i].name, name))
				break;
		if (i == er->npkgs) {
			er->pkgs[i].name = name;
			er->pkgs[i].dir = dir_of(name);
			er->pkgs[i].kinds = 0;
			er->npkgs++;
			/* a package known only by its kind still owns files */
			er->dirs[er->ndirs++] = er->pkgs[i].dir;
		}
		er->pkgs[i].kinds |= k;
	}
	if (er->npkgs < 2)
		er->npkgs = 0; /* one package: the repository is the package */
	return 0;
}

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool same_outcome(const struct rc_outcome *a, const struct rc_outcome *b)
{
	size_t i;

	if (a->status != b->status || a->nev != b->nev)
		return false;
	for (i = 0; i < a->nev; i++)
		if (a->ev[i].line != b->ev[i].line ||
		    !same_str(a->ev[i].path, b->ev[i].path) ||
		    !same_str(a->ev[i].snippet, b->ev[i].snippet) ||
		    !same_str(a->ev[i].text, b->ev[i].text))
			return false;
	return true;
}

/*
 * Packages with the same verdict on the same evidence (a missing runbook
 * searched in the shared docs) make one finding that names them all
 * ("crates/api, crates/worker"), in package order.
 */
static int collapse(struct rc_arena *arena, struct rc_finding *fd, size_t *n)
{
	size_t i, j, k = 0;

	for (i = 0; i < *n; i++) {
		for (j = 0; j < k; j++)
			if (same_outcome(&fd[j].outcome, &fd[i].outcome))
				break;
		if (j == k) {
			fd[k++] = fd[i];
			continue;
		}
		struct rc_buf b = RC_BUF_INIT;

		rc_buf_addf(&b, "%s, %s", fd[j].package, fd[i].package);
		fd[j].package =
			rc_buf_err(&b) ? NULL : rc_arena_strdup(arena, b.ptr);
		rc_buf_release(&b);
		if (!fd[j].package)
			return RC_ENOMEM;
	}
	*n = k;
	return 0;
}

/*
 * Checks are independent and read the facts only: evaluate them on the
 * pool, each worker writing evidence into its own arena. A check limited
 * to some kinds is decided once per package of that kind in a monorepo.
 */
static int eval_check(size_t i, unsigned worker, void *payload)
{
	struct eval_run *er = payload;
	struct rc_scan_result *res = er->res;
	struct rc_arena *arena = &res->eval_arenas[worker];
	const struct rc_check *c = res->catalog->checks[i];
	struct rc_finding *fd;
	size_t k, m = 0;
	int e;

	for (k = 0; c->kinds && k < er->npkgs; k++)
		if (er->pkgs[k].kinds & c->kinds)
			m++;
	fd = rc_arena_alloc(arena, (m ? m : 1) * sizeof(*fd));
	if (!fd)
		return RC_ENOMEM;
	memset(fd, 0, (m ? m : 1) * sizeof(*fd));
	er->per[i] = fd;
	er->nper[i] = m ? m : 1;
	if (!m) {
		fd->check = c;
		fd->package = ".";
		return rc_check_eval(c, er->project, res->facts, arena,
				     &fd->outcome);
	}
	for (k = 0; k < er->npkgs; k++) {
		struct rc_project p = *er->project;
		struct rc_scope scope = { er->pkgs[k].dir, er->dirs,
					  er->ndirs };

		if (!(er->pkgs[k].kinds & c->kinds))
			continue;
		p.kinds = er->pkgs[k].kinds;
		fd->check = c;
		fd->package = er->pkgs[k].name;
		if ((e = rc_check_eval_in(c, &p, &scope, res->facts, arena,
					  &fd->outcome)))
			return e;
		fd++;
	}
	return collapse(arena, er->per[i], &er->nper[i]);
}

static int evaluate(struct rc_scan_result *res, const struct rc_project *p,
		    const unsigned *weights, const struct rc_scan_opts *opts,
		    unsigned jobs)
{
	char now[40];
	const char *today = opts->today;
	struct rc_report *rep = &res->report;
	struct eval_run er = { 0 };
	struct rc_project indexed = *p;
	struct rc_exists_index *ix = NULL;
	struct rc_score_item *items = NULL;
	size_t i, k, total = 0, n = res->catalog->n;
	unsigned j;
	int e = 0;

	er.res = res;
	er.project = p;
	if (!today) {
		today_utc(now);
		today = now;
	}
	if ((!rep->profile || !strcmp(rep->profile, "auto")) &&
	    (e = build_packages(res, &er)))
		return e;
	if ((e = rc_exists_index_build(&ix, res->catalog->exists,
				       res->catalog->nglobsets, res->facts,
				       er.dirs, er.ndirs, jobs)))
		return e;
	indexed.index = ix;
	er.project = &indexed;
	er.per = rc_calloc(n + 1, sizeof(*er.per));
	er.nper = rc_calloc(n + 1, sizeof(*er.nper));
	res->eval_arenas = rc_calloc(jobs, sizeof(*res->eval_arenas));
	if (!er.per || !er.nper || !res->eval_arenas) {
		e = RC_ENOMEM;
		goto out;
	}
	res->neval_arenas = jobs;
	for (j = 0; j < jobs; j++)
		rc_arena_init(&res->eval_arenas[j]);
	if ((e = rc_pool_run(jobs, n, eval_check, &er)))
		goto out;
	for (i = 0; i < n; i++)
		total += er.nper[i];
	rep->findings = rc_arena_alloc(&res->arena,
				       (total + 1) * sizeof(*rep->findings));
	items = rc_calloc(total + 1, sizeof(*items));
	if (!rep->findings || !items) {
		e = RC_ENOMEM;
		goto out;
	}
	/* config entries change verdicts in catalog order, on this thread */
	for (i = 0, total = 0; i < n; i++)
		for (k = 0; k < er.nper[i]; k++, total++) {
			struct rc_finding *fd = &rep->findings[total];
			const struct rc_check *c;

			*fd = er.per[i][k];
			c = fd->check;
			if ((e = apply_attestation(res, c, &fd->outcome, today,
						   opts->strict)) ||
			    (e = apply_waiver(res, fd, today)))
				goto out;
			items[total].category = c->category;
			items[total].severity = c->severity;
			items[total].effort = c->effort;
			items[total].status = fd->outcome.status;
		}
	rep->nfindings = total;
	rc_score_compute(items, total, weights, &rep->score);
	e = rc_score_roadmap(items, total, &rep->score, &rep->roadmap,
			     &rep->nroadmap);
out:
	rc_exists_index_free(ix);
	rc_free(items);
	rc_free(er.per);
	rc_free(er.nper);
	return e;
}

/*
 * The baseline of accepted secrets: a JSON file written by
 * `readycheck secrets --baseline-write`, {"findings": [{"fingerprint"...}]}.
 * A named file must exist; the default one may be absent.
 */
static int load_baseline(struct rc_secrets *set, const char *root,
			 const char *path, struct rc_err *err)
{
	struct rc_buf name = RC_BUF_INIT, text = RC_BUF_INIT;
	struct rc_doc *doc = NULL;
	const struct rc_node *list;
	const char **fps = NULL;
	size_t i, n = 0;
	struct stat st;
	int e = 0;

	if (path && !*path)
		return 0;
	if (!path) {
		rc_buf_addf(&name, "%s/.readycheck-secrets.json", root);
		if (rc_buf_err(&name))
			return rc_err_set(err, RC_ENOMEM, NULL, 0, 0,
					  "out of memory");
		path = name.ptr;
		if (stat(path, &st) && errno == ENOENT)
			goto out;
	}
	if ((e = rc_fs_read(&text, AT_FDCWD, path, 64u << 20, false, err)) ||
	    (e = rc_json_parse(&doc, text.ptr, text.len, path, err)))
		goto bad;
	list = rc_node_get(doc->root, "findings");
	if (!rc_node_is(list, RC_NODE_ARRAY)) {
		e = rc_err_set(err, RC_EUSAGE, path, 1, 1,
			       "not a secrets baseline (no \"findings\" "
			       "list); write one with `readycheck secrets "
			       "--baseline-write`");
		goto bad;
	}
	fps = rc_calloc(rc_node_count(list) + 1, sizeof(*fps));
	if (!fps) {
		e = rc_err_set(err, RC_ENOMEM, NULL, 0, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < rc_node_count(list); i++) {
		const struct rc_node *fp =
			rc_node_get(rc_node_at(list, i), "fingerprint");

		if (rc_node_str(fp))
			fps[n++] = rc_node_str(fp);
	}
	if (rc_secrets_set_baseline(set, fps, n))
		e = rc_err_set(err, RC_ENOMEM, NULL, 0, 0, "out of memory");
	goto out;
bad:
	if (e == RC_EIO || e == RC_EPARSE) {
		e = RC_EUSAGE; /* the user named or keeps a bad file */
		if (err)
			err->code = e;
	}
out:
	rc_free(fps);
	rc_doc_free(doc);
	rc_buf_release(&text);
	rc_buf_release(&name);
	return e;
}

/* A result with the configuration, the catalog and the secrets baseline
 * loaded: what every kind of scan starts from. */
static int open_result(struct rc_scan_result **out,
		       const struct rc_scan_opts *opts, struct rc_err *err)
{
	struct rc_scan_result *res;
	struct rc_buf cfgpath = RC_BUF_INIT;
	const char *config_path = opts->config_path;
	struct stat st;
	int e;

	*out = NULL;
	res = rc_calloc(1, sizeof(*res));
	if (!res)
		return rc_err_set(err, RC_ENOMEM, NULL, 0, 0, "out of memory");
	rc_config_init(&res->config);
	rc_arena_init(&res->arena);
	if (stat(opts->root, &st) || !S_ISDIR(st.st_mode)) {
		e = rc_err_set(err, RC_EUSAGE, opts->root, 0, 0,
			       "not a directory");
		goto fail;
	}
	if (!config_path) {
		rc_buf_addf(&cfgpath, "%s/.readycheck.yml", opts->root);
		if (rc_buf_err(&cfgpath)) {
			e = rc_err_set(err, RC_ENOMEM, NULL, 0, 0,
				       "out of memory");
			goto fail;
		}
		if (!stat(cfgpath.ptr, &st))
			config_path = cfgpath.ptr;
	}
	if ((e = rc_engine_load_catalog(&res->catalog, &res->config,
					config_path, err)))
		goto fail;
	if ((e = rc_facts_new(&res->facts))) {
		rc_err_set(err, e, NULL, 0, 0, "out of memory");
		goto fail;
	}
	if (!opts->no_secrets &&
	    (e = load_baseline(res->catalog->secrets, opts->root,
			       opts->secrets_baseline, err)))
		goto fail;
	rc_buf_release(&cfgpath);
	*out = res;
	return 0;
fail:
	rc_buf_release(&cfgpath);
	rc_scan_result_free(res);
	return e;
}

const char *rc_phase_name(enum rc_phase p)
{
	static const char *const names[RC_PHASES] = { "load", "walk",
						      "read+match", "collect",
						      "evaluate" };

	return p < RC_PHASES ? names[p] : "?";
}

static double clock_ms(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Record phase p as what happened since *mark (wall, cpu); mark now. */
static void lap(struct rc_scan_times *t, enum rc_phase p, double mark[2])
{
	double w = clock_ms(CLOCK_MONOTONIC),
	       c = clock_ms(CLOCK_PROCESS_CPUTIME_ID);

	t->wall[p] = w - mark[0];
	t->cpu[p] = c - mark[1];
	mark[0] = w;
	mark[1] = c;
}

int rc_scan_run(struct rc_scan_result **out, const struct rc_scan_opts *opts,
		struct rc_err *err)
{
	double mark[2] = { clock_ms(CLOCK_MONOTONIC),
			   clock_ms(CLOCK_PROCESS_CPUTIME_ID) };
	struct rc_walk_opts wo = RC_WALK_OPTS_INIT;
	struct rc_walk_result walk = { 0 };
	struct rc_scan_result *res;
	struct rc_project project = { 0 };
	struct run run = { 0 };
	unsigned weights[RC_CAT_COUNT], jobs;
	size_t c;
	int e;

	*out = NULL;
	run.rootfd = -1;
	if ((e = open_result(&res, opts, err)))
		return e;
	lap(&res->times, RC_PHASE_LOAD, mark);
	jobs = opts->jobs ? opts->jobs : rc_pool_cpus();
	wo.root = opts->root;
	wo.ignore = res->config.ignore;
	wo.nignore = res->config.nignore;
	wo.jobs = jobs;
	if (res->config.max_file_size)
		wo.max_size = res->config.max_file_size;
	if ((e = rc_walk(&walk, &wo, &res->diags, err)))
		goto fail;
	lap(&res->times, RC_PHASE_WALK, mark);

	run.opts = opts;
	run.walk = &walk;
	run.catalog = res->catalog;
	run.facts = res->facts;
	run.diags = &res->diags;
	run.max_size = wo.max_size;
	run.npatterns = opts->secrets_only ? 0 : res->catalog->npatterns;
	if (!opts->no_secrets && res->catalog->secrets->n)
		run.secrets = res->catalog->secrets;
	run.srep = &res->secrets;
	run.sarena = &res->arena;
	run.rootfd = open(opts->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (run.rootfd < 0) {
		e = rc_err_set(err, RC_EIO, opts->root, 0, 0,
			       "cannot open directory");
		goto fail;
	}
	if ((e = scan_files(&run, jobs, err)))
		goto fail;
	lap(&res->times, RC_PHASE_SCAN, mark);
	res->secrets.root = opts->root;
	res->secrets.files = walk.n - run.skipped;
	res->secrets.bytes = run.bytes;
	res->secrets.detectors = run.secrets ? run.secrets->n : 0;
	res->secrets.suppressed.baseline = run.scounts.baseline;
	res->secrets.suppressed.allow = run.scounts.allow;
	res->secrets.suppressed.inline_allow = run.scounts.inline_allow;
	res->secrets.suppressed.placeholder = run.scounts.placeholder;
	if (opts->secrets_only) {
		rc_diags_sort(&res->diags);
		goto done;
	}
	if (rc_facts_add_num(res->facts, "files.count", (double)walk.n, NULL,
			     0) ||
	    rc_facts_add_num(res->facts, "files.bytes", (double)run.bytes, NULL,
			     0) ||
	    rc_collect_ci_expand(res->facts) ||
	    rc_collect_project(res->facts, &res->diags) ||
	    rc_collect_code_stats(res->facts) || rc_collect_db(res->facts) ||
	    (!opts->no_git &&
	     rc_collect_git(res->facts, &res->diags, opts->root))) {
		e = rc_err_set(err, RC_ENOMEM, NULL, 0, 0, "out of memory");
		goto fail;
	}
	rc_diags_sort(&res->diags);
	lap(&res->times, RC_PHASE_COLLECT, mark);
	res->report.tool_version = RC_VERSION;
	res->report.root = opts->root;
	res->report.name = project_name(res, opts->root);
	res->report.diags = &res->diags;
	res->report.files = walk.n;
	res->report.bytes = run.bytes;
	res->report.skipped = run.skipped;
	res->report.fail_under = opts->fail_under >= 0 ? opts->fail_under
						       : res->config.fail_under;
	res->report.profile = opts->profile	    ? opts->profile
			      : res->config.profile ? res->config.profile
						    : "auto";
	if (!opts->facts_only) {
		for (c = 0; c < RC_CAT_COUNT; c++)
			weights[c] = res->config.weights[c] >= 0
					     ? (unsigned)res->config.weights[c]
					     : rc_category_default_weight(
						       (enum rc_category)c);
		if (build_project(res, res->report.profile, &project) ||
		    evaluate(res, &project, weights, opts, jobs)) {
			e = rc_err_set(err, RC_ENOMEM, NULL, 0, 0,
				       "out of memory");
			goto fail;
		}
	}
	lap(&res->times, RC_PHASE_EVALUATE, mark);
done:
	close(run.rootfd);
	rc_walk_result_release(&walk);
	*out = res;
	return 0;
fail:
	if (run.rootfd >= 0)
		close(run.rootfd);
	rc_walk_result_release(&walk);
	rc_scan_result_free(res);
	return e;
}

struct history {
	struct rc_scan_result *res;
	struct rc_ignore *ignore; /* the config's ignore list, or NULL */
	const struct rc_secrets *set;
	struct rc_secrets_scanner *sc;
	rc_secret_vec found;
	struct rc_secret_counts counts;
};

static int on_blob(const struct rc_git_blob *b, void *payload)
{
	struct history *h = payload;
	struct rc_secrets_report *rep = &h->res->secrets;
	struct rc_arena *a = &h->res->arena;
	size_t k;
	int e;

	h->found.n = 0;
	/* what the user told readycheck not to read, in any version */
	if (h->ignore) {
		const struct rc_ignore *sets[1] = { h->ignore };

		if (rc_ignore_is_excluded(sets, 1, b->path, false))
			return 0;
	}
	if ((e = rc_secrets_scan(h->sc, b->path, b->data, b->len, &h->found,
				 &h->counts)))
		return e;
	for (k = 0; k < h->found.n; k++) {
		const struct rc_secret_finding *f = &h->found.v[k];
		const struct rc_secret_rule *rule = &h->set->rules[f->rule];
		struct rc_secret_item *it;
		size_t j;

		/* the same secret at the same path in a later blob (the file
		 * changed around it) was reported where it first appeared */
		for (j = 0; j < rep->n; j++)
			if (!strcmp(rep->items[j].fingerprint, f->fingerprint))
				break;
		if (j < rep->n)
			continue;

		if (!(it = add_item(rep, a, rule, f, b->path)) ||
		    !(it->commit = rc_arena_strdup(a, b->commit)) ||
		    !(it->date = rc_arena_strdup(a, b->date)))
			return RC_ENOMEM;
	}
	return 0;
}

int rc_scan_history(struct rc_scan_result **out,
		    const struct rc_scan_opts *opts, struct rc_err *err)
{
	struct rc_scan_result *res;
	struct history h = { 0 };
	struct rc_git_blob_stats st;
	int e;

	*out = NULL;
	if ((e = open_result(&res, opts, err)))
		return e;
	h.res = res;
	h.set = res->catalog->secrets;
	if (res->config.nignore) {
		size_t i;

		if ((e = rc_ignore_parse(&h.ignore, "", 0, ""))) {
			rc_err_set(err, e, NULL, 0, 0, "out of memory");
			goto out;
		}
		for (i = 0; i < res->config.nignore; i++)
			if ((e = rc_ignore_add(h.ignore,
					       res->config.ignore[i]))) {
				rc_err_set(err, e, NULL, 0, 0, "out of memory");
				goto out;
			}
	}
	if ((e = rc_secrets_scanner_new(&h.sc, h.set, opts->cache_dir,
					&res->diags, err)))
		goto out;
	e = rc_git_each_blob(opts->root,
			     res->config.max_file_size
				     ? res->config.max_file_size
				     : DEFAULT_MAX_SIZE,
			     on_blob, &h, &st, err);
	if (e == RC_ENOMEM || e == RC_EINTERNAL)
		rc_err_set(err, e, NULL, 0, 0, "history scan failed: %s",
			   e == RC_ENOMEM ? "out of memory" : "internal error");
	if (e)
		goto out;
	res->secrets.root = opts->root;
	res->secrets.history = true;
	res->secrets.files = st.blobs;
	res->secrets.bytes = st.bytes;
	res->secrets.commits = st.commits;
	res->secrets.detectors = h.set->n;
	res->secrets.suppressed.baseline = h.counts.baseline;
	res->secrets.suppressed.allow = h.counts.allow;
	res->secrets.suppressed.inline_allow = h.counts.inline_allow;
	res->secrets.suppressed.placeholder = h.counts.placeholder;
	rc_diags_sort(&res->diags);
out:
	rc_vec_free(&h.found);
	rc_secrets_scanner_free(h.sc);
	rc_ignore_free(h.ignore);
	if (e) {
		rc_scan_result_free(res);
		return e;
	}
	*out = res;
	return 0;
}

void rc_scan_result_free(struct rc_scan_result *r)
{
	unsigned i;

	if (!r)
		return;
	rc_free(r->report.roadmap);
	rc_free(r->secrets.items);
	rc_facts_free(r->facts);
	rc_catalog_free(r->catalog);
	rc_config_release(&r->config);
	rc_diags_release(&r->diags);
	rc_arena_release(&r->arena);
	for (i = 0; i < r->neval_arenas; i++)
		rc_arena_release(&r->eval_arenas[i]);
	rc_free(r->eval_arenas);
	rc_free(r);
}
