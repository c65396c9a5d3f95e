/*
 * walk.c - parallel directory traversal with git's ignore rules.
 *
 * Directories are work items on a shared LIFO stack. A worker pops one,
 * opens it by its path relative to the root descriptor (openat, so no
 * descriptor is held per level and 1,000 nested directories cost nothing
 * more than a long relative path), lists it, reads its .gitignore, and then
 * decides every entry: files go to the worker's own list, subdirectories
 * that are not excluded are pushed back as new items. When the stack is
 * empty and no worker holds an item, the walk is over; the lists are then
 * merged and sorted, so the result does not depend on scheduling.
 *
 * Each visited directory gets an immutable struct dnode, shared by its
 * children: the parent link gives the (device, inode) pairs of the current
 * path for loop detection, and ig_head threads the directories that have a
 * .gitignore, deepest first, which is the order git consults them in.
 * Nodes live in per-worker arenas until the end of the walk; they are
 * written before the item that points at them is pushed (under the
 * mutex) and only read afterwards.
 */
#include "../core/common.h"
#include "walk.h"
#include "ignore.h"
#include "../core/alloc.h"
#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/vec.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#define PATTERN_FILE_MAX ((size_t)100 << 20) /* git's limit */
#define MAX_JOBS	 256

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

struct dnode {
	const struct dnode *up;	     /* parent directory; NULL for the root */
	const struct dnode *ig_head; /* nearest with a .gitignore, self incl. */
	struct rc_ignore *ig;	     /* this directory's .gitignore or NULL */
	dev_t dev;
	ino_t ino;
};

struct item {
	char *path; /* relative to the root; "" for the root */
	size_t len;
	unsigned depth;
	const struct dnode *parent;
};

struct dent {
	size_t off, len; /* name in worker.names */
	unsigned char type;
};

struct walk;

struct worker {
	struct walk *w;
	pthread_t tid;
	RC_VEC(struct rc_walk_entry) files;
	struct rc_diags diags;
	struct rc_arena nodes;
	RC_VEC(struct rc_ignore *) igs; /* owned, freed at the end */
	RC_VEC(struct dent) ents;	/* scratch: one directory listing */
	struct rc_buf names;
	struct rc_buf path;
	struct rc_buf text;
	RC_VEC(struct item) kids; /* scratch: subdirectories to push */
	uint64_t dirs;
};

struct walk {
	const struct rc_walk_opts *o;
	int rootfd;
	struct rc_ignore *config, *info;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	RC_VEC(struct item) todo;
	size_t pending; /* items on todo plus items being processed */
	int err;	/* first fatal error (RC_ENOMEM) */
};

/* "9.1 MiB", "8 MiB", "512 bytes" */
static void human_size(char *out, size_t n, uint64_t v)
{
	static const char *const units[] = { "KiB", "MiB", "GiB",
					     "TiB", "PiB", "EiB" };
	uint64_t unit = 1024, tenths;
	size_t u = 0;

	if (v < 1024) {
		snprintf(out, n, "%llu bytes", (unsigned long long)v);
		return;
	}
	while (u + 1 < RC_ARRAY_SIZE(units) && v / unit >= 1024) {
		unit *= 1024;
		u++;
	}
	if (v % unit == 0) {
		snprintf(out, n, "%llu %s", (unsigned long long)(v / unit),
			 units[u]);
		return;
	}
	tenths = v / unit * 10 + (v % unit * 10 + unit / 2) / unit;
	if (tenths >= 10240 && u + 1 < RC_ARRAY_SIZE(units)) {
		unit *= 1024; /* 1023.96 KiB is shown as 1.0 MiB */
		u++;
		tenths = v / unit * 10 + (v % unit * 10 + unit / 2) / unit;
	}
	snprintf(out, n, "%llu.%llu %s", (unsigned long long)(tenths / 10),
		 (unsigned long long)(tenths % 10), units[u]);
}

static int note_errno(struct worker *wk, enum rc_diag_level level,
		      const char *path, const char *what, int eno)
{
	char ebuf[128];

	return rc_diags_add(&wk->diags, level, path, 0, 0, "%s: %s", what,
			    rc_strerror(eno, ebuf, sizeof(ebuf)));
}

/*
 * Read the regular file name (relative to dirfd) into b. 0, RC_ENOMEM, or a
 * positive errno value (EFBIG when over PATTERN_FILE_MAX, EINVAL when not a
 * regular file).
 */
static int read_pattern_file(struct rc_buf *b, int dirfd, const char *name,
			     bool nofollow)
{
	struct stat st;
	ssize_t got;
	int fd, e = 0;

	rc_buf_reset(b);
	fd = openat(dirfd, name,
		    O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK |
			    (nofollow ? O_NOFOLLOW : 0));
	if (fd < 0)
		return errno;
	if (fstat(fd, &st)) {
		e = errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		e = EINVAL;
		goto out;
	}
	if ((uint64_t)st.st_size > PATTERN_FILE_MAX) {
		e = EFBIG;
		goto out;
	}
	for (;;) {
		if (rc_buf_grow(b, 64 * 1024)) {
			e = rc_buf_err(b) == RC_ETOOBIG ? EFBIG : RC_ENOMEM;
			goto out;
		}
		got = read(fd, b->ptr + b->len, b->cap - b->len - 1);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
			goto out;
		}
		if (!got)
			break;
		b->len += (size_t)got;
		b->ptr[b->len] = '\0';
		if (b->len > PATTERN_FILE_MAX) {
			e = EFBIG;
			goto out;
		}
	}
out:
	close(fd);
	return e;
}

/*
 * Load a pattern file into *out (NULL when absent or unusable, with a
 * diagnostic for the latter). 0 or RC_ENOMEM.
 */
static int load_patterns(struct worker *wk, struct rc_ignore **out, int dirfd,
			 const char *name, const char *base, const char *shown,
			 bool nofollow)
{
	int e;

	*out = NULL;
	e = read_pattern_file(&wk->text, dirfd, name, nofollow);
	if (e == RC_ENOMEM)
		return e;
	if (e == ENOENT)
		return 0;
	if (e == EFBIG)
		return rc_diags_add(&wk->diags, RC_DIAG_WARNING, shown, 0, 0,
				    "ignored: pattern file over 100 MiB");
	if (e == EINVAL)
		return rc_diags_add(&wk->diags, RC_DIAG_NOTE, shown, 0, 0,
				    "ignored: not a regular file");
	if (e)
		return note_errno(wk, RC_DIAG_WARNING, shown, "cannot read", e);
	return rc_ignore_parse(out, wk->text.ptr, wk->text.len, base);
}

static bool excluded(const struct walk *w, const struct dnode *node,
		     const char *path, size_t len, bool is_dir)
{
	const struct dnode *g;
	enum rc_ignore_verdict v;

	if (w->config && (v = rc_ignore_match_n(w->config, path, len, is_dir)))
		return v == RC_IGNORE_EXCLUDE;
	for (g = node->ig_head; g; g = g->up ? g->up->ig_head : NULL)
		if ((v = rc_ignore_match_n(g->ig, path, len, is_dir)))
			return v == RC_IGNORE_EXCLUDE;
	if (w->info && (v = rc_ignore_match_n(w->info, path, len, is_dir)))
		return v == RC_IGNORE_EXCLUDE;
	return false;
}

static unsigned char mode_type(mode_t m)
{
	if (S_ISREG(m))
		return DT_REG;
	if (S_ISDIR(m))
		return DT_DIR;
	if (S_ISLNK(m))
		return DT_LNK;
	if (S_ISFIFO(m))
		return DT_FIFO;
	if (S_ISSOCK(m))
		return DT_SOCK;
	if (S_ISCHR(m))
		return DT_CHR;
	if (S_ISBLK(m))
		return DT_BLK;
	return DT_UNKNOWN;
}

static const char *type_name(unsigned char t)
{
	switch (t) {
	case DT_FIFO:
		return "fifo";
	case DT_SOCK:
		return "socket";
	case DT_CHR:
		return "character device";
	case DT_BLK:
		return "block device";
	}
	return "unknown type";
}

/* List the directory into wk->ents / wk->names. 0 or RC_ENOMEM. */
static int list_dir(struct worker *wk, DIR *d, const char *shown)
{
	struct dirent *de;
	struct dent x;

	wk->ents.n = 0;
	rc_buf_reset(&wk->names);
	for (;;) {
		errno = 0;
		de = readdir(d);
		if (!de)
			break;
		if (de->d_name[0] == '.' &&
		    (!de->d_name[1] ||
		     (de->d_name[1] == '.' && !de->d_name[2])))
			continue;
		if (!strcmp(de->d_name, ".git"))
			continue; /* directory, worktree link or junk */
		x.off = wk->names.len;
		x.len = strlen(de->d_name);
#ifdef _DIRENT_HAVE_D_TYPE
		x.type = de->d_type;
#else
		x.type = DT_UNKNOWN;
#endif
		if (rc_buf_add(&wk->names, de->d_name, x.len + 1) ||
		    rc_vec_push(&wk->ents, x))
			return RC_ENOMEM;
	}
	if (errno)
		return note_errno(wk, RC_DIAG_WARNING, shown,
				  "cannot read directory", errno);
	return 0;
}

/*
 * Type of an entry, with fstatat when readdir did not say: 0, 1 to skip the
 * entry, or RC_ENOMEM.
 */
static int entry_type(struct worker *wk, int dfd, const char *name,
		      const char *path, unsigned char *type, struct stat *st,
		      bool *have_st)
{
	if (*type != DT_UNKNOWN)
		return 0;
	if (fstatat(dfd, name, st, AT_SYMLINK_NOFOLLOW)) {
		if (errno != ENOENT && /* ENOENT: vanished meanwhile */
		    note_errno(wk, RC_DIAG_WARNING, path, "cannot stat", errno))
			return RC_ENOMEM;
		return 1;
	}
	*have_st = true;
	*type = mode_type(st->st_mode);
	return 0;
}

static int add_file(struct worker *wk, const char *path, size_t len,
		    uint64_t size, unsigned flags)
{
	struct rc_walk_entry e = { NULL, size, flags };

	e.path = rc_strndup(path, len);
	if (!e.path || rc_vec_push(&wk->files, e)) {
		rc_free(e.path);
		return RC_ENOMEM;
	}
	return 0;
}

static int regular_file(struct worker *wk, int dfd, const char *name,
			const char *path, size_t len, struct stat *st,
			bool have_st)
{
	const struct rc_walk_opts *o = wk->w->o;
	char a[32], b[32];
	int e;

	if (!have_st && fstatat(dfd, name, st, AT_SYMLINK_NOFOLLOW)) {
		if (errno == ENOENT)
			return 0;
		return note_errno(wk, RC_DIAG_WARNING, path, "cannot stat",
				  errno);
	}
	if (!S_ISREG(st->st_mode)) /* replaced since readdir */
		return rc_diags_add(&wk->diags, RC_DIAG_NOTE, path, 0, 0,
				    "skipped: changed while walking");
	if (!o->max_size || (uint64_t)st->st_size <= o->max_size)
		return add_file(wk, path, len, (uint64_t)st->st_size, 0);
	if ((e = add_file(wk, path, len, (uint64_t)st->st_size,
			  RC_WALK_TOOBIG)))
		return e;
	human_size(a, sizeof(a), (uint64_t)st->st_size);
	human_size(b, sizeof(b), o->max_size);
	return rc_diags_add(&wk->diags, RC_DIAG_NOTE, path, 0, 0,
			    "skipped: %s, over the %s size limit (set "
			    "max_file_size in .readycheck.yml)",
			    a, b);
}

static int subdir(struct worker *wk, const struct item *it,
		  const struct dnode *node, const char *path, size_t len)
{
	const struct rc_walk_opts *o = wk->w->o;
	struct item kid = { NULL, len, it->depth + 1, node };

	if (o->max_depth && kid.depth > o->max_depth)
		return rc_diags_add(&wk->diags, RC_DIAG_NOTE, path, 0, 0,
				    "skipped: directory deeper than "
				    "max_depth (%u)",
				    o->max_depth);
	kid.path = rc_strndup(path, len);
	if (!kid.path || rc_vec_push(&wk->kids, kid)) {
		rc_free(kid.path);
		return RC_ENOMEM;
	}
	return 0;
}

static int entry(struct worker *wk, const struct item *it,
		 const struct dnode *node, int dfd, const struct dent *de)
{
	const char *name = wk->names.ptr + de->off;
	unsigned char type = de->type;
	struct stat st;
	bool have_st = false;
	const char *path;
	size_t len;
	int e;

	rc_buf_reset(&wk->path);
	if (it->len) {
		rc_buf_add(&wk->path, it->path, it->len);
		rc_buf_addc(&wk->path, '/');
	}
	rc_buf_add(&wk->path, name, de->len);
	if (rc_buf_err(&wk->path))
		return RC_ENOMEM;
	path = wk->path.ptr;
	len = wk->path.len;
	if (len >= PATH_MAX)
		return rc_diags_add(&wk->diags, RC_DIAG_NOTE, path, 0, 0,
				    "skipped: path of %zu bytes, over the "
				    "PATH_MAX limit (%d)",
				    len, PATH_MAX);
	if ((e = entry_type(wk, dfd, name, path, &type, &st, &have_st)))
		return e < 0 ? e : 0;
	if (excluded(wk->w, node, path, len, type == DT_DIR))
		return 0;
	switch (type) {
	case DT_DIR:
		return subdir(wk, it, node, path, len);
	case DT_REG:
		return regular_file(wk, dfd, name, path, len, &st, have_st);
	case DT_LNK:
		return add_file(wk, path, len, 0, RC_WALK_SYMLINK);
	}
	return rc_diags_add(&wk->diags, RC_DIAG_NOTE, path, 0, 0,
			    "skipped: not a regular file (%s)",
			    type_name(type));
}

/* This directory's .gitignore, when it has a usable one. 0 or RC_ENOMEM. */
static int dir_patterns(struct worker *wk, const struct item *it, int dfd,
			struct rc_ignore **out)
{
	struct stat st;
	size_t i;
	int e;

	*out = NULL;
	for (i = 0; i < wk->ents.n; i++) {
		const struct dent *de = &wk->ents.v[i];
		unsigned char type = de->type;

		if (de->len != 10 ||
		    memcmp(wk->names.ptr + de->off, ".gitignore", 10))
			continue;
		rc_buf_reset(&wk->path);
		if (it->len)
			rc_buf_addf(&wk->path, "%s/", it->path);
		rc_buf_adds(&wk->path, ".gitignore");
		if (rc_buf_err(&wk->path))
			return RC_ENOMEM;
		if (type == DT_UNKNOWN) {
			if (fstatat(dfd, ".gitignore", &st,
				    AT_SYMLINK_NOFOLLOW))
				return 0;
			type = mode_type(st.st_mode);
		}
		if (type == DT_LNK)
			return rc_diags_add(&wk->diags, RC_DIAG_NOTE,
					    wk->path.ptr, 0, 0,
					    "not used: .gitignore is a "
					    "symbolic link");
		if (type != DT_REG)
			return 0;
		e = load_patterns(wk, out, dfd, ".gitignore", it->path,
				  wk->path.ptr, true);
		if (!e && *out && (e = rc_vec_push(&wk->igs, *out))) {
			rc_ignore_free(*out);
			*out = NULL;
		}
		return e;
	}
	return 0;
}

static int do_dir(struct worker *wk, const struct item *it)
{
	const char *shown = it->len ? it->path : ".";
	struct dnode *node;
	struct stat st;
	const struct dnode *a;
	DIR *d;
	size_t i;
	int fd, e;

	fd = openat(wk->w->rootfd, it->len ? it->path : ".",
		    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return note_errno(wk, RC_DIAG_WARNING, shown,
				  "cannot read directory", errno);
	if (fstat(fd, &st)) {
		e = note_errno(wk, RC_DIAG_WARNING, shown,
			       "cannot read directory", errno);
		close(fd);
		return e;
	}
	for (a = it->parent; a; a = a->up)
		if (a->dev == st.st_dev && a->ino == st.st_ino) {
			close(fd);
			return rc_diags_add(&wk->diags, RC_DIAG_NOTE, shown, 0,
					    0,
					    "skipped: directory loop (the "
					    "same directory as one of its "
					    "parents)");
		}
	d = fdopendir(fd);
	if (!d) {
		e = note_errno(wk, RC_DIAG_WARNING, shown,
			       "cannot read directory", errno);
		close(fd);
		return e;
	}
	e = list_dir(wk, d, shown);
	if (e)
		goto out;
	node = rc_arena_alloc(&wk->nodes, sizeof(*node));
	if (!node) {
		e = RC_ENOMEM;
		goto out;
	}
	node->up = it->parent;
	node->dev = st.st_dev;
	node->ino = st.st_ino;
	wk->dirs++;
	if (wk->w->o->use_gitignore &&
	    (e = dir_patterns(wk, it, dirfd(d), &node->ig)))
		goto out;
	if (node->ig)
		node->ig_head = node;
	else
		node->ig_head = it->parent ? it->parent->ig_head : NULL;
	for (i = 0; i < wk->ents.n && !e; i++)
		e = entry(wk, it, node, dirfd(d), &wk->ents.v[i]);
out:
	closedir(d);
	return e;
}

static void free_items(struct item *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		rc_free(v[i].path);
}

static void *work(void *arg)
{
	struct worker *wk = arg;
	struct walk *w = wk->w;
	struct item it;
	size_t i;
	int e;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		while (!w->todo.n && w->pending && !w->err)
			pthread_cond_wait(&w->cv, &w->mu);
		if (!w->todo.n || w->err)
			break;
		it = w->todo.v[--w->todo.n];
		pthread_mutex_unlock(&w->mu);

		wk->kids.n = 0;
		e = do_dir(wk, &it);
		rc_free(it.path);

		pthread_mutex_lock(&w->mu);
		if (!e && rc_vec_reserve(&w->todo, w->todo.n + wk->kids.n))
			e = RC_ENOMEM;
		if (e) {
			free_items(wk->kids.v, wk->kids.n);
			if (!w->err)
				w->err = e;
		} else {
			for (i = 0; i < wk->kids.n; i++)
				w->todo.v[w->todo.n++] = wk->kids.v[i];
			w->pending += wk->kids.n;
		}
		w->pending--;
		if (e || wk->kids.n || !w->pending)
			pthread_cond_broadcast(&w->cv);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

static void worker_release(struct worker *wk)
{
	size_t i;

	for (i = 0; i < wk->files.n; i++)
		rc_free(wk->files.v[i].path);
	rc_vec_free(&wk->files);
	rc_diags_release(&wk->diags);
	for (i = 0; i < wk->igs.n; i++)
		rc_ignore_free(wk->igs.v[i]);
	rc_vec_free(&wk->igs);
	rc_arena_release(&wk->nodes);
	rc_vec_free(&wk->ents);
	rc_vec_free(&wk->kids);
	rc_buf_release(&wk->names);
	rc_buf_release(&wk->path);
	rc_buf_release(&wk->text);
}

static int cmp_entry(const void *pa, const void *pb)
{
	const struct rc_walk_entry *a = pa, *b = pb;

	return strcmp(a->path, b->path);
}

/* Move the workers' results into out and diags. 0 or RC_ENOMEM. */
static int collect(struct rc_walk_result *out, struct rc_diags *diags,
		   struct worker *ws, unsigned n)
{
	struct rc_diags all = RC_DIAGS_INIT;
	size_t total = 0, k = 0, i;
	unsigned j;

	for (j = 0; j < n; j++)
		total += ws[j].files.n;
	if (total) {
		out->files = rc_reallocarray(NULL, total, sizeof(*out->files));
		if (!out->files)
			return RC_ENOMEM;
	}
	for (j = 0; j < n; j++) {
		for (i = 0; i < ws[j].files.n; i++)
			out->files[k++] = ws[j].files.v[i];
		ws[j].files.n = 0;
		out->dirs += ws[j].dirs;
	}
	out->n = total;
	if (total > 1)
		qsort(out->files, total, sizeof(*out->files), cmp_entry);
	for (j = 0; j < n; j++)
		if (rc_diags_take(&all, &ws[j].diags)) {
			rc_diags_release(&all);
			return RC_ENOMEM;
		}
	rc_diags_sort(&all);
	if (rc_diags_take(diags, &all)) {
		rc_diags_release(&all);
		return RC_ENOMEM;
	}
	rc_diags_release(&all);
	return 0;
}

static int open_root(struct walk *w, struct rc_err *err)
{
	char ebuf[128];
	const char *root = w->o->root ? w->o->root : ".";
	struct stat st;
	int e;

	w->rootfd = open(root, O_RDONLY | O_CLOEXEC | O_DIRECTORY);
	if (w->rootfd >= 0)
		return 0;
	e = errno;
	if (e == ENOENT)
		return rc_err_set(err, RC_ENOTFOUND, root, 0, 0,
				  "no such directory");
	if (e == ENOTDIR && !stat(root, &st) && !S_ISDIR(st.st_mode))
		return rc_err_set(err, RC_EUSAGE, root, 0, 0,
				  "not a directory");
	return rc_err_set(err, RC_EIO, root, 0, 0, "cannot open directory: %s",
			  rc_strerror(e, ebuf, sizeof(ebuf)));
}

/* The caller's patterns and .git/info/exclude. 0 or RC_ENOMEM. */
static int global_patterns(struct walk *w, struct worker *wk)
{
	const struct rc_walk_opts *o = w->o;
	struct stat st;
	size_t i;
	int e;

	if (o->nignore && o->ignore) {
		if ((e = rc_ignore_parse(&w->config, "", 0, "")))
			return e;
		for (i = 0; i < o->nignore; i++)
			if (o->ignore[i] &&
			    (e = rc_ignore_add(w->config, o->ignore[i])))
				return e;
	}
	if (!o->use_gitignore)
		return 0;
	if (fstatat(w->rootfd, ".git", &st, AT_SYMLINK_NOFOLLOW) ||
	    !S_ISDIR(st.st_mode))
		return 0;
	return load_patterns(wk, &w->info, w->rootfd, ".git/info/exclude", "",
			     ".git/info/exclude", false);
}

int rc_walk(struct rc_walk_result *out, const struct rc_walk_opts *opts,
	    struct rc_diags *diags, struct rc_err *err)
{
	struct walk w;
	struct worker *ws;
	struct item root = { NULL, 0, 0, NULL };
	unsigned jobs = opts->jobs > 1 ? opts->jobs : 1, j, started;
	int e;

	memset(out, 0, sizeof(*out));
	memset(&w, 0, sizeof(w));
	w.o = opts;
	if (jobs > MAX_JOBS)
		jobs = MAX_JOBS;
	if ((e = open_root(&w, err)))
		return e;
	ws = rc_calloc(jobs, sizeof(*ws));
	root.path = rc_strdup("");
	if (!ws || !root.path) {
		e = RC_ENOMEM;
		goto out;
	}
	for (j = 0; j < jobs; j++) {
		ws[j].w = &w;
		rc_arena_init(&ws[j].nodes);
		rc_buf_init(&ws[j].names, RC_BUF_MAX_DEFAULT);
		rc_buf_init(&ws[j].path, RC_BUF_MAX_DEFAULT);
		rc_buf_init(&ws[j].text, PATTERN_FILE_MAX + 64 * 1024 + 1);
	}
	if ((e = global_patterns(&w, &ws[0])))
		goto out;
	if ((e = rc_vec_push(&w.todo, root)))
		goto out;
	root.path = NULL;
	w.pending = 1;
	pthread_mutex_init(&w.mu, NULL);
	pthread_cond_init(&w.cv, NULL);
	for (started = 1; started < jobs; started++)
		if (pthread_create(&ws[started].tid, NULL, work, &ws[started]))
			break;
	work(&ws[0]);
	for (j = 1; j < started; j++)
		pthread_join(ws[j].tid, NULL);
	pthread_cond_destroy(&w.cv);
	pthread_mutex_destroy(&w.mu);
	e = w.err;
	if (!e)
		e = collect(out, diags, ws, jobs);
out:
	if (e) { /* only RC_ENOMEM once the root is open */
		rc_err_set(err, e, opts->root, 0, 0,
			   "out of memory walking the tree");
		rc_walk_result_release(out);
	}
	rc_free(root.path);
	free_items(w.todo.v, w.todo.n);
	rc_vec_free(&w.todo);
	for (j = 0; ws && j < jobs; j++)
		worker_release(&ws[j]);
	rc_free(ws);
	rc_ignore_free(w.config);
	rc_ignore_free(w.info);
	close(w.rootfd);
	return e;
}

void rc_walk_result_release(struct rc_walk_result *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		rc_free(r->files[i].path);
	rc_free(r->files);
	memset(r, 0, sizeof(*r));
}
