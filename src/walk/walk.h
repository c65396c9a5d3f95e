/*
 * walk.h - find the files of a repository.
 *
 * rc_walk() traverses root and returns every regular file that is not
 * ignored, as paths relative to root ('/'-separated), in a deterministic
 * order (sorted byte-wise). It honours nested .gitignore files, the
 * repository's .git/info/exclude and the caller's ignore patterns; skips
 * .git; never follows symlinks (a symlink is listed with RC_WALK_SYMLINK and
 * never read, so links out of the root and loops are harmless); reports
 * unreadable directories and files over max_size as diagnostics and keeps
 * going. File names that are not valid UTF-8 are kept byte-exact.
 */
#ifndef RC_WALK_WALK_H
#define RC_WALK_WALK_H

#include "../core/common.h"
#include "../core/diag.h"
#include "../core/err.h"

enum rc_walk_flags {
	RC_WALK_SYMLINK = 1 << 0, /* a symlink; not followed, not read */
	RC_WALK_TOOBIG = 1 << 1,  /* over max_size; not to be read */
};

struct rc_walk_entry {
	char *path; /* owned by the walk result */
	uint64_t size;
	unsigned flags;
};

struct rc_walk_opts {
	const char *root;
	const char *const *ignore; /* extra gitignore-style patterns */
	size_t nignore;
	uint64_t max_size;  /* files larger are flagged RC_WALK_TOOBIG */
	unsigned max_depth; /* directories deeper are skipped with a note */
	bool use_gitignore; /* false: only `ignore` applies */
};

#define RC_WALK_OPTS_INIT                                                      \
	{ .root = ".", .ignore = NULL, .nignore = 0,                           \
	  .max_size = 8u << 20, .max_depth = 4096, .use_gitignore = true }

struct rc_walk_result {
	struct rc_walk_entry *files;
	size_t n;
	uint64_t dirs; /* directories visited */
};

/*
 * Walk opts->root. Per-path problems go to diags; only failures to start
 * (root missing or not a directory) and RC_ENOMEM are returned as errors.
 */
int rc_walk(struct rc_walk_result *out, const struct rc_walk_opts *opts,
	    struct rc_diags *diags, struct rc_err *err);
void rc_walk_result_release(struct rc_walk_result *r);

#endif
