#include "../core/common.h"
#include "match.h"
#include "../core/alloc.h"

#include "../core/buf.h"
#include "../core/fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <hs.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/*
 * Patterns are compiled into one Vectorscan block-mode database. A pattern
 * Vectorscan rejects (back-references, look-around, empty matches) is moved
 * to a PCRE2 list and scanned separately; the caller sees one id space.
 */

struct fallback {
	unsigned id;
	pcre2_code *code;
	bool all;
};

struct rc_matcher {
	hs_database_t *db; /* NULL when every pattern fell back (or none) */
	size_t n;
	struct fallback *fb;
	size_t nfb;
};

struct rc_match_scratch {
	hs_scratch_t *hs;
	pcre2_match_data *md;
};

static unsigned hs_flags(const struct rc_pattern *p)
{
	unsigned f = HS_FLAG_MULTILINE;

	if (p->flags & RC_PAT_CASELESS)
		f |= HS_FLAG_CASELESS;
	if (!(p->flags & RC_PAT_ALL))
		f |= HS_FLAG_SINGLEMATCH;
	return f;
}

static int add_fallback(struct rc_matcher *m, const struct rc_pattern *p,
			unsigned id, struct rc_diags *diags, struct rc_err *err)
{
	PCRE2_SIZE eoff;
	int ecode;
	pcre2_code *code;
	uint32_t opts = PCRE2_MULTILINE;
	char msg[256];

	if (p->flags & RC_PAT_CASELESS)
		opts |= PCRE2_CASELESS;
	code = pcre2_compile((PCRE2_SPTR)p->regex, PCRE2_ZERO_TERMINATED, opts,
			     &ecode, &eoff, NULL);
	if (!code) {
		pcre2_get_error_message(ecode, (PCRE2_UCHAR *)msg, sizeof(msg));
		return rc_err_set(err, RC_EPARSE, NULL, id, (unsigned)eoff + 1,
				  "invalid regex '%s': %s", p->regex, msg);
	}
	pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	m->fb[m->nfb].id = id;
	m->fb[m->nfb].code = code;
	m->fb[m->nfb].all = p->flags & RC_PAT_ALL;
	m->nfb++;
	/* the same words whether or not the database came from the cache */
	if (diags && rc_diags_add(diags, RC_DIAG_NOTE, NULL, 0, 0,
				  "pattern '%s' is beyond Vectorscan; it runs "
				  "on PCRE2, slower than the single pass",
				  p->regex))
		return RC_ENOMEM;
	return 0;
}

#define CACHE_MAGIC "readycheck-hs-cache 1\n"
/* A cache file not used for this long is deleted by the next compile; one
 * in use has its time refreshed at most once a day. */
#define CACHE_STALE (30L * 24 * 3600)
#define CACHE_TOUCH (24L * 3600)

static uint64_t fnv1a(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= 1099511628211ull;
	}
	return h;
}

static uint64_t patterns_hash(const struct rc_pattern *pats, size_t n)
{
	const char *v = hs_version();
	uint64_t h = 14695981039346656037ull;
	size_t i;

	h = fnv1a(h, CACHE_MAGIC, sizeof(CACHE_MAGIC));
	h = fnv1a(h, v, strlen(v) + 1);
	for (i = 0; i < n; i++) {
		unsigned f = hs_flags(&pats[i]);

		h = fnv1a(h, &f, sizeof(f));
		h = fnv1a(h, pats[i].regex, strlen(pats[i].regex) + 1);
	}
	return h;
}

/*
 * Cache file: CACHE_MAGIC, the hash (16 hex digits and '\n'), the number of
 * PCRE2 fallbacks and their ids as uint32, then the serialized database.
 */
static void cache_path(struct rc_buf *b, const char *dir, uint64_t h)
{
	rc_buf_addf(b, "%s/hs-%016llx.db", dir, (unsigned long long)h);
}

/* Mark a cache file as used (its mtime), when it has not been today. */
static void touch(const char *path)
{
	struct stat st;

	if (!stat(path, &st) && st.st_mtime < time(NULL) - CACHE_TOUCH)
		utimensat(AT_FDCWD, path, NULL, 0);
}

/*
 * Delete the cache files of this kind nobody used for CACHE_STALE: every
 * catalog change (an upgrade, a custom check) leaves a few behind.
 */
static void cache_prune(const char *dir)
{
	time_t old = time(NULL) - CACHE_STALE;
	DIR *d = opendir(dir);
	struct dirent *de;
	struct stat st;

	if (!d)
		return;
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);

		if (n < 7 || strncmp(de->d_name, "hs-", 3) ||
		    strcmp(de->d_name + n - 3, ".db"))
			continue;
		if (!fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) &&
		    S_ISREG(st.st_mode) && st.st_mtime < old)
			unlinkat(dirfd(d), de->d_name, 0);
	}
	closedir(d);
}

static bool cache_load(struct rc_matcher *m, const char *dir, uint64_t h,
		       bool *fell, size_t n)
{
	struct rc_buf path = RC_BUF_INIT, data = RC_BUF_INIT;
	char head[64];
	const char *p, *end;
	uint32_t nfb, id, i;
	bool ok = false;

	cache_path(&path, dir, h);
	if (rc_buf_err(&path) ||
	    rc_fs_read(&data, AT_FDCWD, path.ptr, 64u << 20, false, NULL))
		goto out;
	touch(path.ptr);
	snprintf(head, sizeof(head), "%s%016llx\n", CACHE_MAGIC,
		 (unsigned long long)h);
	p = data.ptr;
	end = data.ptr + data.len;
	if (data.len < strlen(head) + 4 || memcmp(p, head, strlen(head)))
		goto out;
	p += strlen(head);
	memcpy(&nfb, p, 4);
	p += 4;
	if (nfb > n || (size_t)(end - p) < (size_t)nfb * 4)
		goto out;
	for (i = 0; i < nfb; i++) {
		memcpy(&id, p, 4);
		p += 4;
		if (id >= n)
			goto out;
		fell[id] = true;
	}
	if (p < end &&
	    hs_deserialize_database(p, (size_t)(end - p), &m->db) != HS_SUCCESS)
		goto out;
	ok = true;
out:
	if (!ok)
		memset(fell, 0, n * sizeof(*fell));
	rc_buf_release(&path);
	rc_buf_release(&data);
	return ok;
}

static void cache_store(const struct rc_matcher *m, const char *dir, uint64_t h,
			const bool *fell, size_t n)
{
	struct rc_buf path = RC_BUF_INIT, tmp = RC_BUF_INIT, data = RC_BUF_INIT;
	char *bytes = NULL;
	size_t len = 0, i;
	uint32_t nfb = 0, id;
	int fd;

	if (m->db && hs_serialize_database(m->db, &bytes, &len) != HS_SUCCESS)
		return;
	for (i = 0; i < n; i++)
		nfb += fell[i];
	rc_buf_addf(&data, "%s%016llx\n", CACHE_MAGIC, (unsigned long long)h);
	rc_buf_add(&data, &nfb, 4);
	for (i = 0; i < n; i++)
		if (fell[i]) {
			id = (uint32_t)i;
			rc_buf_add(&data, &id, 4);
		}
	if (bytes)
		rc_buf_add(&data, bytes, len);
	free(bytes); /* allocated by Vectorscan with malloc */
	mkdir(dir, 0700);
	cache_path(&path, dir, h);
	rc_buf_addf(&tmp, "%s.%ld.tmp", path.ptr, (long)getpid());
	if (rc_buf_err(&data) || rc_buf_err(&path) || rc_buf_err(&tmp))
		goto out;
	fd = open(tmp.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		goto out;
	if (write(fd, data.ptr, data.len) != (ssize_t)data.len || close(fd) ||
	    rename(tmp.ptr, path.ptr))
		unlink(tmp.ptr);
	cache_prune(dir);
out:
	rc_buf_release(&path);
	rc_buf_release(&tmp);
	rc_buf_release(&data);
}

int rc_matcher_new(struct rc_matcher **out, const struct rc_pattern *pats,
		   size_t n, const char *cache_dir, struct rc_diags *diags,
		   struct rc_err *err)
{
	uint64_t hash = 0;
	bool cached = false;
	struct rc_matcher *m;
	const char **exprs = NULL;
	unsigned *flags = NULL, *ids = NULL;
	bool *fell = NULL;
	size_t i, k;
	int e = 0;

	*out = NULL;
	if (n > UINT32_MAX)
		return rc_err_set(err, RC_ETOOBIG, NULL, 0, 0,
				  "too many patterns");
	m = rc_calloc(1, sizeof(*m));
	exprs = rc_calloc(n, sizeof(*exprs));
	flags = rc_calloc(n, sizeof(*flags));
	ids = rc_calloc(n, sizeof(*ids));
	fell = rc_calloc(n, sizeof(*fell));
	if (!m || !exprs || !flags || !ids || !fell ||
	    !(m->fb = rc_calloc(n, sizeof(*m->fb)))) {
		e = rc_err_set(err, RC_ENOMEM, NULL, 0, 0, "out of memory");
		goto out;
	}
	m->n = n;
	if (cache_dir && n) {
		hash = patterns_hash(pats, n);
		cached = cache_load(m, cache_dir, hash, fell, n);
	}
	if (cached) {
		for (i = 0; i < n && !e; i++)
			if (fell[i])
				e = add_fallback(m, &pats[i], (unsigned)i,
						 diags, err);
		if (e)
			goto out;
		*out = m;
		m = NULL;
		goto out;
	}
	/* Compile; on a rejected expression, move it to PCRE2 and retry. */
	for (;;) {
		hs_compile_error_t *cerr = NULL;
		hs_error_t he;

		for (i = k = 0; i < n; i++) {
			if (fell[i])
				continue;
			exprs[k] = pats[i].regex;
			flags[k] = hs_flags(&pats[i]);
			ids[k] = (unsigned)i;
			k++;
		}
		if (!k)
			break;
		he = hs_compile_multi(exprs, flags, ids, (unsigned)k,
				      HS_MODE_BLOCK, NULL, &m->db, &cerr);
		if (he == HS_SUCCESS) {
			hs_free_compile_error(cerr);
			break;
		}
		if (!cerr || cerr->expression < 0) {
			e = rc_err_set(err, RC_EINTERNAL, NULL, 0, 0,
				       "cannot compile patterns: %s",
				       cerr ? cerr->message : "unknown error");
			hs_free_compile_error(cerr);
			goto out;
		}
		i = ids[cerr->expression];
		fell[i] = true;
		e = add_fallback(m, &pats[i], (unsigned)i, diags, err);
		hs_free_compile_error(cerr);
		if (e)
			goto out;
	}
	if (cache_dir && n)
		cache_store(m, cache_dir, hash, fell, n);
	*out = m;
	m = NULL;
out:
	rc_free(exprs);
	rc_free(flags);
	rc_free(ids);
	rc_free(fell);
	rc_matcher_free(m);
	return e;
}

void rc_matcher_free(struct rc_matcher *m)
{
	size_t i;

	if (!m)
		return;
	if (m->db)
		hs_free_database(m->db);
	for (i = 0; i < m->nfb; i++)
		pcre2_code_free(m->fb[i].code);
	rc_free(m->fb);
	rc_free(m);
}

size_t rc_matcher_count(const struct rc_matcher *m)
{
	return m->n;
}

int rc_match_scratch_new(struct rc_match_scratch **out,
			 const struct rc_matcher *m)
{
	struct rc_match_scratch *s = rc_calloc(1, sizeof(*s));

	*out = NULL;
	if (!s)
		return RC_ENOMEM;
	if (m->db && hs_alloc_scratch(m->db, &s->hs) != HS_SUCCESS) {
		rc_free(s);
		return RC_ENOMEM;
	}
	if (m->nfb && !(s->md = pcre2_match_data_create(1, NULL))) {
		rc_match_scratch_free(s);
		return RC_ENOMEM;
	}
	*out = s;
	return 0;
}

int rc_match_scratch_fit(struct rc_match_scratch **s,
			 const struct rc_matcher *m)
{
	if (!*s)
		return rc_match_scratch_new(s, m);
	/* Vectorscan grows a scratch in place to suit one more database */
	if (m->db && hs_alloc_scratch(m->db, &(*s)->hs) != HS_SUCCESS)
		return RC_ENOMEM;
	if (m->nfb && !(*s)->md &&
	    !((*s)->md = pcre2_match_data_create(1, NULL)))
		return RC_ENOMEM;
	return 0;
}

void rc_match_scratch_free(struct rc_match_scratch *s)
{
	if (!s)
		return;
	if (s->hs)
		hs_free_scratch(s->hs);
	pcre2_match_data_free(s->md);
	rc_free(s);
}

struct hs_ctx {
	rc_match_fn cb;
	void *payload;
};

static int on_hs_match(unsigned int id, unsigned long long from,
		       unsigned long long to, unsigned int flags, void *ctx)
{
	struct hs_ctx *c = ctx;

	(void)flags;
	return c->cb(id, (size_t)from, (size_t)to, c->payload);
}

int rc_match_scan(const struct rc_matcher *m, struct rc_match_scratch *s,
		  const char *buf, size_t len, rc_match_fn cb, void *payload)
{
	struct hs_ctx c = { cb, payload };
	size_t i;

	if (m->db) {
		size_t off = 0;

		/* hs_scan takes an unsigned int length: scan in slices */
		while (off < len || (!len && !off)) {
			size_t n =
				len - off > UINT32_MAX ? UINT32_MAX : len - off;
			hs_error_t he = hs_scan(m->db, buf + off, (unsigned)n,
						0, s->hs, on_hs_match, &c);
			if (he == HS_SCAN_TERMINATED)
				return 0;
			if (he != HS_SUCCESS)
				return RC_EINTERNAL;
			off += n;
			if (!len)
				break;
		}
	}
	for (i = 0; i < m->nfb; i++) {
		PCRE2_SIZE start = 0, *ov;
		int r;

		while (start <= len) {
			r = pcre2_match(m->fb[i].code, (PCRE2_SPTR)buf, len,
					start, 0, s->md, NULL);
			if (r < 0)
				break;
			ov = pcre2_get_ovector_pointer(s->md);
			if (cb(m->fb[i].id, ov[0], ov[1], payload))
				return 0;
			if (!m->fb[i].all)
				break;
			start = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
		}
	}
	return 0;
}
