/*
 * git.c - facts from the git repository containing the scanned root.
 *
 * libgit2 is used read-only: tags (all of them counted, annotated and
 * signed ones counted, semantic-version ones listed newest first by the time
 * of the commit they point at), the date of HEAD's commit, the number of
 * commits reachable from HEAD (at most MAX_COMMITS, newest first) and how
 * many of the newest MAX_SAMPLED non-merge commits among them have a
 * Conventional Commits subject.
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
#include <time.h>

#define MAX_TAGS_LISTED 20
#define MAX_COMMITS	1000 /* a review must stay fast on long histories */
#define MAX_SAMPLED	200  /* non-merge commits checked for conventions */

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
	size_t total, annotated, signed_, pep440;
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

/* Digits (any, PEP 440 normalises leading zeros); false when none. */
static bool digits(const char **p, const char *end)
{
	const char *s = *p;

	while (*p < end && **p >= '0' && **p <= '9')
		(*p)++;
	return *p > s;
}

static bool word(const char **p, const char *end, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(end - *p) < n || memcmp(*p, w, n))
		return false;
	*p += n;
	return true;
}

/*
 * A PEP 440 public version in its normal form, optional 'v':
 * [N!]N(.N)+[{a|b|rc}N][.postN][.devN] (two release numbers at least, so
 * that "v1" or a date "2024" is not taken for one). Python projects tag
 * pre-releases this way: v0.1.0a24, 1.2.0rc1, 2.0.0.post1.
 */
static bool parse_pep440(const char *s)
{
	const char *p = s, *end = s + strlen(s), *q;
	unsigned parts = 0;

	if (p < end && *p == 'v')
		p++;
	q = p;
	if (digits(&q, end) && q < end && *q == '!')
		p = q + 1;
	for (;;) {
		if (!digits(&p, end))
			return false;
		parts++;
		if (p + 1 >= end || *p != '.' || p[1] < '0' || p[1] > '9')
			break;
		p++;
	}
	if (parts < 2)
		return false;
	if (word(&p, end, "rc") || word(&p, end, "a") || word(&p, end, "b"))
		if (!digits(&p, end))
			return false;
	if (word(&p, end, ".post") && !digits(&p, end))
		return false;
	if (word(&p, end, ".dev") && !digits(&p, end))
		return false;
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
static bool peeled_time(git_object *obj, int64_t *out)
{
	git_object *commit = NULL;
	bool ok = false;

	if (obj && !git_object_peel(&commit, obj, GIT_OBJECT_COMMIT)) {
		*out = (int64_t)git_commit_time((const git_commit *)commit);
		ok = true;
	}
	git_object_free(commit);
	return ok;
}

/*
 * A signature block as git appends it to a signed tag's message: a line
 * starting with the armour header (git itself looks for the line, so the
 * words quoted inside a sentence do not count).
 */
static bool signed_message(const char *msg)
{
	static const char *const armour[] = {
		"-----BEGIN PGP SIGNATURE-----",
		"-----BEGIN SSH SIGNATURE-----",
	};
	const char *line = msg;
	size_t i;

	while (line && *line) {
		for (i = 0; i < sizeof(armour) / sizeof(armour[0]); i++)
			if (rc_str_starts_with(line, armour[i]))
				return true;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return false;
}

static int on_tag(const char *ref, git_oid *oid, void *payload)
{
	struct tags *t = payload;
	const char *name = ref;
	git_object *obj = NULL;
	struct tag tg;

	if (rc_str_starts_with(name, "refs/tags/"))
		name += strlen("refs/tags/");
	t->total++;
	/* a missing object is an unreadable tag: counted, nothing more */
	if (git_object_lookup(&obj, t->repo, oid, GIT_OBJECT_ANY))
		obj = NULL;
	if (obj && git_object_type(obj) == GIT_OBJECT_TAG) {
		const char *msg = git_tag_message((const git_tag *)obj);

		t->annotated++;
		if (msg && signed_message(msg))
			t->signed_++;
	}
	memset(&tg, 0, sizeof(tg));
	tg.name = rc_strdup(name);
	if (!tg.name) {
		git_object_free(obj);
		t->err = RC_ENOMEM;
		return -1;
	}
	if (!parse_semver(tg.name, &tg.v)) {
		if (parse_pep440(tg.name))
			t->pep440++;
		git_object_free(obj);
		rc_free(tg.name);
		return 0;
	}
	tg.has_time = peeled_time(obj, &tg.time);
	git_object_free(obj);
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
	if (!e)
		e = rc_facts_add_num(f, "git.tags.pep440", (double)t.pep440,
				     NULL, 0);
	if (!e)
		e = rc_facts_add_num(f, "git.tags.annotated",
				     (double)t.annotated, NULL, 0);
	if (!e)
		e = rc_facts_add_num(f, "git.tags.signed", (double)t.signed_,
				     NULL, 0);
	for (i = 0; !e && i < t.semver.n && i < MAX_TAGS_LISTED; i++)
		e = rc_facts_add_str(f, "git.tag", t.semver.v[i].name, NULL, 0);
	for (i = 0; i < t.semver.n; i++)
		rc_free(t.semver.v[i].name);
	rc_vec_free(&t.semver);
	return e;
}

/*
 * Conventional Commits (1.0.0) subject with the usual types:
 * type(scope)!: description, the scope and '!' optional, type case-sensitive.
 */
static bool conventional_subject(const char *msg)
{
	static const char *const types[] = {
		"feat", "fix",	 "docs", "style", "refactor", "perf",
		"test", "build", "ci",	 "chore", "revert",
	};
	const char *p = msg, *start = msg;
	size_t i, n;

	while (*p >= 'a' && *p <= 'z')
		p++;
	n = (size_t)(p - start);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strlen(types[i]) == n && !memcmp(types[i], start, n))
			break;
	if (i == sizeof(types) / sizeof(types[0]))
		return false;
	if (*p == '(') {
		start = ++p;
		while (*p && *p != ')' && *p != '(' && *p != '\n')
			p++;
		if (*p != ')' || p == start)
			return false;
		p++;
	}
	if (*p == '!')
		p++;
	if (p[0] != ':' || p[1] != ' ')
		return false;
	for (p += 2; *p == ' ' || *p == '\t'; p++)
		;
	return *p && *p != '\n' && *p != '\r';
}

struct history {
	unsigned long commits; /* reachable from HEAD, at most MAX_COMMITS */
	unsigned long sampled; /* newest non-merge ones, at most MAX_SAMPLED */
	unsigned long conventional;
};

/* Called on each commit, newest first: the sample of subjects. */
static void sample(struct history *h, const git_commit *c)
{
	const char *msg;

	if (h->sampled >= MAX_SAMPLED || git_commit_parentcount(c) > 1)
		return;
	h->sampled++;
	msg = git_commit_message(c);
	if (msg && conventional_subject(msg))
		h->conventional++;
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

/* Commits waiting to be visited: a binary max-heap on committer time. */
struct pending {
	int64_t time;
	git_oid id;
};

struct heap {
	struct pending *v;
	size_t n, cap;
};

static bool newer(const struct pending *a, const struct pending *b)
{
	if (a->time != b->time)
		return a->time > b->time;
	return git_oid_cmp(&a->id, &b->id) < 0;
}

static int heap_push(struct heap *h, const git_commit *c)
{
	struct pending p, tmp;
	size_t i;

	p.time = (int64_t)git_commit_time(c);
	git_oid_cpy(&p.id, git_commit_id(c));
	if (rc_vec_push(h, p))
		return RC_ENOMEM;
	for (i = h->n - 1; i && newer(&h->v[i], &h->v[(i - 1) / 2]);
	     i = (i - 1) / 2) {
		tmp = h->v[i];
		h->v[i] = h->v[(i - 1) / 2];
		h->v[(i - 1) / 2] = tmp;
	}
	return 0;
}

static git_oid heap_pop(struct heap *h)
{
	git_oid top = h->v[0].id;
	struct pending tmp;
	size_t i = 0, k;

	h->v[0] = h->v[--h->n];
	for (;;) {
		k = 2 * i + 1;
		if (k >= h->n)
			break;
		if (k + 1 < h->n && newer(&h->v[k + 1], &h->v[k]))
			k++;
		if (!newer(&h->v[k], &h->v[i]))
			break;
		tmp = h->v[i];
		h->v[i] = h->v[k];
		h->v[k] = tmp;
		i = k;
	}
	return top;
}

/*
 * Walk the commits reachable from head in a shallow clone, newest first:
 * parents beyond the shallow boundary are not in the object database and
 * are skipped (libgit2's revwalk stops at the first missing parent).
 */
static int walk_shallow(git_repository *repo, const git_commit *head,
			struct history *h)
{
	struct heap todo = { NULL, 0, 0 };
	struct oidset seen = { NULL, 0, 0 };
	int e = heap_push(&todo, head);

	while (!e && todo.n && h->commits < MAX_COMMITS) {
		git_oid id = heap_pop(&todo);
		git_commit *c = NULL;
		unsigned i;
		int added;

		if ((added = oidset_add(&seen, &id)) < 0) {
			e = added;
			break;
		}
		if (!added || git_commit_lookup(&c, repo, &id))
			continue;
		h->commits++;
		sample(h, c);
		for (i = 0; i < git_commit_parentcount(c) && !e; i++) {
			git_commit *parent = NULL;

			if (git_commit_parent(&parent, c, i))
				continue; /* past the boundary */
			e = heap_push(&todo, parent);
			git_commit_free(parent);
		}
		git_commit_free(c);
	}
	rc_vec_free(&todo);
	rc_free(seen.v);
	return e;
}

/*
 * Walk the commits reachable from HEAD, newest first. False when the walk
 * cannot start; an unreadable history later on counts what was seen.
 * The walker's default order is git's (by committer date, expanded lazily);
 * GIT_SORT_TIME would read the whole history before the first commit.
 */
static bool walk(git_repository *repo, struct history *h)
{
	git_revwalk *w = NULL;
	git_oid oid;
	bool ok = false;

	if (git_revwalk_new(&w, repo) || git_revwalk_push_head(w))
		goto out;
	ok = true;
	while (h->commits < MAX_COMMITS && !git_revwalk_next(&oid, w)) {
		git_commit *c = NULL;

		h->commits++;
		if (h->sampled < MAX_SAMPLED &&
		    !git_commit_lookup(&c, repo, &oid)) {
			sample(h, c);
			git_commit_free(c);
		}
	}
out:
	git_revwalk_free(w);
	return ok;
}

static int add_history(struct rc_facts *f, const struct history *h)
{
	int e;

	if ((e = rc_facts_add_num(f, "git.commits", (double)h->commits, NULL,
				  0)) ||
	    (e = rc_facts_add_num(f, "git.commits.sampled", (double)h->sampled,
				  NULL, 0)) ||
	    (e = rc_facts_add_num(f, "git.commits.conventional",
				  (double)h->conventional, NULL, 0)))
		return e;
	if (!h->sampled)
		return 0;
	/* per mille rounded half up, then one decimal of a percentage */
	return rc_facts_add_num(f, "git.commits.conventional_share",
				(double)((2000 * h->conventional + h->sampled) /
					 (2 * h->sampled)) /
					10.0,
				NULL, 0);
}

static int add_head(struct rc_facts *f, git_repository *repo)
{
	git_reference *head = NULL;
	git_object *commit = NULL;
	struct history h;
	char date[32];
	struct tm tm;
	time_t when;
	int e = 0;

	memset(&h, 0, sizeof(h));
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
		if ((e = walk_shallow(repo, (const git_commit *)commit, &h)) ||
		    (e = add_history(f, &h)))
			goto out;
		e = rc_facts_add_bool(f, "git.shallow", true, NULL, 0);
		goto out;
	}
	if (walk(repo, &h))
		e = add_history(f, &h);
out:
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
