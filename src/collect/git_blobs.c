/*
 * git_blobs.c - the blobs of a git history, each once (git_blobs.h).
 */
#include "../core/common.h"
#include "git_blobs.h"
#include "../core/alloc.h"
#include "../core/buf.h"

#include <git2.h>
#include <stdio.h>
#include <time.h>

#define BINARY_PROBE 8192 /* as the working-tree scan: a NUL in it */

/* An open-addressing set of object ids. */
struct oidset {
	git_oid *v;
	bool *used;
	size_t n, cap; /* cap: a power of two */
};

static size_t oid_hash(const git_oid *id)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h)); /* ids are uniformly distributed */
	return h;
}

static int oidset_grow(struct oidset *s)
{
	struct oidset t = { 0 };
	size_t i;

	t.cap = s->cap ? s->cap * 2 : 1024;
	t.v = rc_calloc(t.cap, sizeof(*t.v));
	t.used = rc_calloc(t.cap, sizeof(*t.used));
	if (!t.v || !t.used) {
		rc_free(t.v);
		rc_free(t.used);
		return RC_ENOMEM;
	}
	for (i = 0; i < s->cap; i++)
		if (s->used[i]) {
			size_t j = oid_hash(&s->v[i]) & (t.cap - 1);

			while (t.used[j])
				j = (j + 1) & (t.cap - 1);
			t.used[j] = true;
			t.v[j] = s->v[i];
		}
	t.n = s->n;
	rc_free(s->v);
	rc_free(s->used);
	*s = t;
	return 0;
}

/* Add id: 1 when it was new, 0 when present, RC_ENOMEM (< 0). */
static int oidset_add(struct oidset *s, const git_oid *id)
{
	size_t j;

	if ((s->n + 1) * 2 > s->cap && oidset_grow(s))
		return -RC_ENOMEM;
	j = oid_hash(id) & (s->cap - 1);
	while (s->used[j]) {
		if (!git_oid_cmp(&s->v[j], id))
			return 0;
		j = (j + 1) & (s->cap - 1);
	}
	s->used[j] = true;
	s->v[j] = *id;
	s->n++;
	return 1;
}

struct walk {
	git_repository *repo;
	struct oidset seen; /* trees and blobs */
	struct rc_buf path;
	char commit[GIT_OID_HEXSZ + 1];
	char date[32];
	uint64_t max_size;
	rc_git_blob_fn fn;
	void *payload;
	struct rc_git_blob_stats *stats;
	int err; /* why the walk stopped */
};

static int on_entry(const char *dir, const git_tree_entry *entry, void *payload)
{
	struct walk *w = payload;
	git_object_t type = git_tree_entry_type(entry);
	struct rc_git_blob b;
	git_blob *blob = NULL;
	size_t probe;
	int fresh;

	if (type != GIT_OBJECT_TREE && type != GIT_OBJECT_BLOB)
		return 0; /* submodule commits */
	fresh = oidset_add(&w->seen, git_tree_entry_id(entry));
	if (fresh < 0) {
		w->err = RC_ENOMEM;
		return -1;
	}
	if (!fresh)
		return type == GIT_OBJECT_TREE ? 1 : 0; /* skip a seen tree */
	if (type == GIT_OBJECT_TREE ||
	    git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK)
		return 0;
	if (git_blob_lookup(&blob, w->repo, git_tree_entry_id(entry))) {
		w->err = RC_EIO;
		return -1;
	}
	b.len = (size_t)git_blob_rawsize(blob);
	b.data = git_blob_rawcontent(blob);
	probe = b.len < BINARY_PROBE ? b.len : BINARY_PROBE;
	if (b.len > w->max_size || (probe && memchr(b.data, '\0', probe))) {
		w->stats->skipped++;
		git_blob_free(blob);
		return 0;
	}
	rc_buf_reset(&w->path);
	rc_buf_addf(&w->path, "%s%s", dir, git_tree_entry_name(entry));
	if (rc_buf_err(&w->path)) {
		git_blob_free(blob);
		w->err = RC_ENOMEM;
		return -1;
	}
	b.path = w->path.ptr;
	b.commit = w->commit;
	b.date = w->date;
	w->stats->blobs++;
	w->stats->bytes += b.len;
	w->err = w->fn(&b, w->payload);
	git_blob_free(blob);
	return w->err ? -1 : 0;
}

static void iso_date(const git_signature *sig, char *out, size_t n)
{
	time_t t = sig ? (time_t)sig->when.time : 0;
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, n, "%s", "");
}

static int walk_commits(struct walk *w, git_revwalk *rw, struct rc_err *err)
{
	git_oid id;
	int g;

	while (!(g = git_revwalk_next(&id, rw))) {
		git_commit *c = NULL;
		git_tree *tree = NULL;

		if (git_commit_lookup(&c, w->repo, &id) ||
		    git_commit_tree(&tree, c)) {
			git_commit_free(c);
			return rc_err_set(err, RC_EIO, NULL, 0, 0,
					  "cannot read commit %s",
					  git_oid_tostr_s(&id));
		}
		w->stats->commits++;
		git_oid_tostr(w->commit, sizeof(w->commit), &id);
		iso_date(git_commit_author(c), w->date, sizeof(w->date));
		g = git_tree_walk(tree, GIT_TREEWALK_PRE, on_entry, w);
		git_tree_free(tree);
		git_commit_free(c);
		if (w->err)
			return w->err == RC_ENOMEM
				       ? rc_err_set(err, RC_ENOMEM, NULL, 0, 0,
						    "out of memory")
			       : w->err == RC_EIO
				       ? rc_err_set(err, RC_EIO, NULL, 0, 0,
						    "cannot read a blob of "
						    "commit %s",
						    w->commit)
				       : w->err;
		if (g < 0)
			return rc_err_set(err, RC_EIO, NULL, 0, 0,
					  "cannot read the tree of commit %s",
					  w->commit);
	}
	if (g != GIT_ITEROVER)
		return rc_err_set(err, RC_EIO, NULL, 0, 0,
				  "cannot walk the history: %s",
				  git_error_last() ? git_error_last()->message
						   : "unknown error");
	return 0;
}

int rc_git_each_blob(const char *root, uint64_t max_size, rc_git_blob_fn fn,
		     void *payload, struct rc_git_blob_stats *stats,
		     struct rc_err *err)
{
	struct walk w = { 0 };
	git_revwalk *rw = NULL;
	int e = 0;

	memset(stats, 0, sizeof(*stats));
	w.max_size = max_size;
	w.fn = fn;
	w.payload = payload;
	w.stats = stats;
	rc_buf_init(&w.path, 1u << 16);
	if (git_libgit2_init() < 0)
		return rc_err_set(err, RC_EINTERNAL, NULL, 0, 0,
				  "cannot initialise libgit2");
	if (git_repository_open_ext(&w.repo, root,
				    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL)) {
		e = rc_err_set(err, RC_EUSAGE, root, 0, 0,
			       "not a git repository (--history reads the "
			       "repository's own history; give its top "
			       "directory)");
		goto out;
	}
	if (git_revwalk_new(&rw, w.repo) ||
	    git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME |
					    GIT_SORT_REVERSE) ||
	    git_revwalk_push_glob(rw, "*")) {
		e = rc_err_set(err, RC_EIO, root, 0, 0,
			       "cannot list the repository's refs: %s",
			       git_error_last() ? git_error_last()->message
						: "unknown error");
		goto out;
	}
	git_revwalk_push_head(rw); /* a detached HEAD; unborn is fine */
	e = walk_commits(&w, rw, err);
out:
	git_revwalk_free(rw);
	git_repository_free(w.repo);
	rc_free(w.seen.v);
	rc_free(w.seen.used);
	rc_buf_release(&w.path);
	git_libgit2_shutdown();
	return e;
}
