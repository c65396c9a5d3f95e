/*
 * git.c - facts from the git repository containing the scanned root.
 *
 * libgit2 is used read-only: tags (all of them counted, semantic-version
 * ones listed newest first by the time of the commit they point at), the
 * date of HEAD's commit and the number of commits reachable from HEAD.
 * Outside a repository nothing is added. A repository that cannot be read
 * (corrupt, owned by another user) is a note diagnostic, never an error.
 */
#include "../core/common.h"
#include "collect.h"
#include "../core/alloc.h"
#include "../core/str.h"
#include "../core/vec.h"

#include <git2.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdio.h>
#include <time.h>

#define MAX_TAGS_LISTED 20
#define MAX_COMMITS	10000

struct semver {
	uint64_t major, minor, patch;
	const char *pre; /* pre-release identifiers, or NULL */
	size_t pre_len;
};

struct tag {
	char *name; /* without refs/tags/ */
	int64_t time;
	bool has_time;
	struct semver v;
};

struct tags {
	git_repository *repo;
	RC_VEC(struct tag) semver;
	size_t total;
	int err; /* RC_ENOMEM from the callback */
};

/* digits without a leading zero (except "0") up to a limit */
static bool number(const char **p, const char *end, uint64_t *out)
{
	const char *s = *p;

	if (s < end && *s == '0' && s + 1 < end && s[1] >= '0' && s[1] <= '9')
		return false;
	return rc_parse_u64(p, end, UINT64_MAX, out) == 0;
}

static bool ident_char(char c)
{
	return c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* dot-separated non-empty identifiers of [0-9A-Za-z-] */
static bool identifiers(const char **p, const char *end)
{
	const char *s = *p;

	for (;;) {
		const char *start = s;
		while (s < end && ident_char(*s))
			s++;
		if (s == start)
			return false;
		if (s < end && *s == '.') {
			s++;
			continue;
		}
		*p = s;
		return true;
	}
}

/* v?MAJOR.MINOR.PATCH(-pre)?(+build)? (semver.org 2.0.0, optional 'v'). */
static bool parse_semver(const char *s, struct semver *v)
{
	const char *p = s, *end = s + strlen(s);

	memset(v, 0, sizeof(*v));
	if (p < end && *p == 'v')
		p++;
	if (!number(&p, end, &v->major) || p >= end || *p++ != '.' ||
	    !number(&p, end, &v->minor) || p >= end || *p++ != '.' ||
	    !number(&p, end, &v->patch))
		return false;
	if (p < end && *p == '-') {
		v->pre = ++p;
		if (!identifiers(&p, end))
			return false;
		v->pre_len = (size_t)(p - v->pre);
	}
	if (p < end && *p == '+') {
		p++;
		if (!identifiers(&p, end))
			return false;
	}
	return p == end;
}

static bool all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* semver precedence of pre-release strings; NULL (a release) is highest */
static int cmp_pre(const char *a, size_t an, const char *b, size_t bn)
{
	if (!a || !b)
		return (a == NULL) - (b == NULL);
	while (an && bn) {
		size_t ai = 0, bi = 0;
		int c;

		while (ai < an && a[ai] != '.')
			ai++;
		while (bi < bn && b[bi] != '.')
			bi++;
		if (all_digits(a, ai) && all_digits(b, bi)) {
			/* no leading zeros: longer is larger */
			c = ai != bi ? (ai < bi ? -1 : 1) : memcmp(a, b, ai);
		} else if (all_digits(a, ai) || all_digits(b, bi)) {
			c = all_digits(a, ai) ? -1 : 1;
		} else {
			c = memcmp(a, b, ai < bi ? ai : bi);
			if (!c && ai != bi)
				c = ai < bi ? -1 : 1;
		}
		if (c)
			return c < 0 ? -1 : 1;
		a += ai;
		an -= ai;
		b += bi;
		bn -= bi;
		if (an) {
			a++;
			an--;
		}
		if (bn) {
			b++;
			bn--;
		}
	}
	return (an > 0) - (bn > 0);
}

static int cmp_version(const struct semver *a, const struct semver *b)
{
	if (a->major != b->major)
		return a->major < b->major ? -1 : 1;
	if (a->minor != b->minor)
		return a->minor < b->minor ? -1 : 1;
	if (a->patch != b->patch)
		return a->patch < b->patch ? -1 : 1;
	return cmp_pre(a->pre, a->pre_len, b->pre, b->pre_len);
}

/* newest commit first, then highest version, then name */
static int cmp_tag(const void *pa, const void *pb)
{
	const struct tag *a = pa, *b = pb;
	int c;

	if (a->has_time != b->has_time)
		return a->has_time ? -1 : 1;
	if (a->has_time && a->time != b->time)
		return a->time > b->time ? -1 : 1;
	c = cmp_version(&a->v, &b->v);
	if (c)
		return -c;
	return strcmp(a->name, b->name);
}

/* Time of the commit an object (tag or commit) peels to. */
static bool peeled_time(git_repository *repo, const git_oid *oid, int64_t *out)
{
	git_object *obj = NULL, *commit = NULL;
	bool ok = false;

	if (!git_object_lookup(&obj, repo, oid, GIT_OBJECT_ANY) &&
	    !git_object_peel(&commit, obj, GIT_OBJECT_COMMIT)) {
		*out = (int64_t)git_commit_time((const git_commit *)commit);
		ok = true;
	}
	git_object_free(commit);
	git_object_free(obj);
	return ok;
}

static int on_tag(const char *ref, git_oid *oid, void *payload)
{
	struct tags *t = payload;
	const char *name = ref;
	struct tag tg;

	if (rc_str_starts_with(name, "refs/tags/"))
		name += strlen("refs/tags/");
	t->total++;
	memset(&tg, 0, sizeof(tg));
	tg.name = rc_strdup(name);
	if (!tg.name) {
		t->err = RC_ENOMEM;
		return -1;
	}
	if (!parse_semver(tg.name, &tg.v)) {
		rc_free(tg.name);
		return 0;
	}
	tg.has_time = peeled_time(t->repo, oid, &tg.time);
	if (rc_vec_push(&t->semver, tg)) {
		rc_free(tg.name);
		t->err = RC_ENOMEM;
		return -1;
	}
	return 0;
}

static int add_tags(struct rc_facts *f, git_repository *repo)
{
	struct tags t;
	size_t i;
	int e = 0;

	memset(&t, 0, sizeof(t));
	t.repo = repo;
	if (git_tag_foreach(repo, on_tag, &t) && t.err)
		e = t.err;
	/* other libgit2 errors: count what was seen */
	if (!e && t.semver.n)
		qsort(t.semver.v, t.semver.n, sizeof(*t.semver.v), cmp_tag);
	if (!e)
		e = rc_facts_add_num(f, "git.tags", (double)t.total, NULL, 0);
	if (!e)
		e = rc_facts_add_num(f, "git.tags.semver", (double)t.semver.n,
				     NULL, 0);
	for (i = 0; !e && i < t.semver.n && i < MAX_TAGS_LISTED; i++)
		e = rc_facts_add_str(f, "git.tag", t.semver.v[i].name, NULL, 0);
	for (i = 0; i < t.semver.n; i++)
		rc_free(t.semver.v[i].name);
	rc_vec_free(&t.semver);
	return e;
}

/* Set of object ids (open addressing; an all-zero id marks a free slot). */
struct oidset {
	git_oid *v;
	size_t n, cap;
};

static size_t oid_hash(const git_oid *id)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h));
	return h;
}

static bool oid_empty(const git_oid *id)
{
	size_t i;

	for (i = 0; i < sizeof(id->id); i++)
		if (id->id[i])
			return false;
	return true;
}

/* 1 when added, 0 when present, RC_ENOMEM. */
static int oidset_add(struct oidset *s, const git_oid *id)
{
	size_t i, k;

	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		git_oid *v = rc_calloc(cap, sizeof(*v));

		if (!v)
			return RC_ENOMEM;
		for (k = 0; k < s->cap; k++) {
			if (oid_empty(&s->v[k]))
				continue;
			for (i = oid_hash(&s->v[k]) & (cap - 1);
			     !oid_empty(&v[i]); i = (i + 1) & (cap - 1))
				;
			v[i] = s->v[k];
		}
		rc_free(s->v);
		s->v = v;
		s->cap = cap;
	}
	for (i = oid_hash(id) & (s->cap - 1); !oid_empty(&s->v[i]);
	     i = (i + 1) & (s->cap - 1))
		if (!git_oid_cmp(&s->v[i], id))
			return 0;
	s->v[i] = *id;
	s->n++;
	return 1;
}

/*
 * Count the commits reachable from head in a shallow clone: parents beyond
 * the shallow boundary are not in the object database and are skipped.
 */
static int walk_shallow(git_repository *repo, const git_oid *head,
			unsigned long *n)
{
	RC_VEC(git_oid) todo = { NULL, 0, 0 };
	struct oidset seen = { NULL, 0, 0 };
	int e = 0;

	if (rc_vec_push(&todo, *head))
		return RC_ENOMEM;
	while (todo.n && *n < MAX_COMMITS) {
		git_oid id = todo.v[--todo.n];
		git_commit *c = NULL;
		unsigned i;
		int added;

		if (oid_empty(&id))
			continue;
		if ((added = oidset_add(&seen, &id)) < 0) {
			e = added;
			break;
		}
		if (!added || git_commit_lookup(&c, repo, &id))
			continue;
		(*n)++;
		for (i = 0; i < git_commit_parentcount(c) && !e; i++)
			if (rc_vec_push(&todo, *git_commit_parent_id(c, i)))
				e = RC_ENOMEM;
		git_commit_free(c);
		if (e)
			break;
	}
	rc_vec_free(&todo);
	rc_free(seen.v);
	return e;
}

static int add_head(struct rc_facts *f, git_repository *repo)
{
	git_reference *head = NULL;
	git_object *commit = NULL;
	git_revwalk *walk = NULL;
	git_oid oid;
	char date[32];
	struct tm tm;
	time_t when;
	unsigned long n = 0;
	int e = 0;

	/* an unborn HEAD (no commits yet) has neither date nor count */
	if (git_repository_head(&head, repo) ||
	    git_reference_peel(&commit, head, GIT_OBJECT_COMMIT))
		goto out;
	when = (time_t)git_commit_time((const git_commit *)commit);
	if (gmtime_r(&when, &tm) &&
	    strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm) &&
	    (e = rc_facts_add_str(f, "git.last_commit", date, NULL, 0)))
		goto out;
	if (git_repository_is_shallow(repo) == 1) {
		/* libgit2's revwalk stops at the first missing parent */
		if ((e = walk_shallow(repo, git_object_id(commit), &n)) ||
		    (e = rc_facts_add_num(f, "git.commits", (double)n, NULL,
					  0)))
			goto out;
		e = rc_facts_add_bool(f, "git.shallow", true, NULL, 0);
		goto out;
	}
	if (git_revwalk_new(&walk, repo) || git_revwalk_push_head(walk))
		goto out;
	while (n < MAX_COMMITS && !git_revwalk_next(&oid, walk))
		n++;
	e = rc_facts_add_num(f, "git.commits", (double)n, NULL, 0);
out:
	git_revwalk_free(walk);
	git_object_free(commit);
	git_reference_free(head);
	return e;
}

/* Initialising libgit2 costs milliseconds (it loads TLS certificates):
 * only do it when the root can be a repository. */
static bool has_dot_git(const char *root)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s/.git", root);
	return lstat(path, &st) == 0;
}

int rc_collect_git(struct rc_facts *f, struct rc_diags *d, const char *root)
{
	git_repository *repo = NULL;
	int g, e = 0;

	if (!has_dot_git(root))
		return 0; /* not the top of a work tree: no git facts */
	if (git_libgit2_init() < 0)
		return rc_diags_add(d, RC_DIAG_NOTE, NULL, 0, 0,
				    "cannot initialise libgit2");
	/* Only the repository whose top is the scanned root: a directory
	 * inside another repository (a fixture, a vendored tree, a package of
	 * a monorepo scanned on its own) must not report that repository's
	 * tags and history as its own. */
	g = git_repository_open_ext(&repo, root, GIT_REPOSITORY_OPEN_NO_SEARCH,
				    NULL);
	if (g == GIT_ENOTFOUND)
		goto out;
	if (g) {
		const git_error *ge = git_error_last();
		e = rc_diags_add(
			d, RC_DIAG_NOTE, NULL, 0, 0,
			"cannot read the git repository of '%s': %s", root,
			ge && ge->message ? ge->message : "unknown error");
		goto out;
	}
	if ((e = rc_facts_add_bool(f, "git.repository", true, NULL, 0)) ||
	    (e = add_tags(f, repo)))
		goto out;
	e = add_head(f, repo);
out:
	git_repository_free(repo);
	git_libgit2_shutdown();
	return e ? RC_ENOMEM : 0;
}
