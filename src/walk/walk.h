/*
 * walk.h - find the files of a repository.
 *
 * rc_walk() traverses root and returns every regular file that is not
 * ignored, as paths relative to root ('/'-separated), in a deterministic
 * order (sorted byte-wise, whatever the number of jobs). It honours nested
 * .gitignore files, the repository's .git/info/exclude and the caller's
 * ignore patterns; skips .git; never follows symlinks (a symlink is listed
 * with RC_WALK_SYMLINK and never read, so links out of the root and loops
 * are harmless); reports unreadable directories and files over max_size as
 * diagnostics and keeps going. File names that are not valid UTF-8 are kept
 * byte-exact.
 *
 * Precedence is git's: the caller's ignore patterns (relative to root)
 * first, then the .gitignore files from the directory of the path up to
 * the root (the deepest file with a matching pattern decides, its last
 * matching line wins), then .git/info/exclude. An excluded directory is not
 * entered, so nothing below it can be re-included. The .gitignore files
 * are read only when they are regular files (not symlinks, as in git), up
 * to 100 MiB. Nested repositories are walked like plain directories (their
 * .git is skipped). Global excludes (core.excludesFile) are not read.
 *
 * Diagnostics (paths relative to root): warning "cannot read directory:
 * <reason>" for a directory that cannot be opened or listed; notes for
 * files over max_size, fifos, sockets and devices, directories deeper than
 * max_depth, paths of PATH_MAX bytes or more and directory loops (a bind
 * mount of an ancestor, detected by device and inode).
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
	/* files larger are flagged RC_WALK_TOOBIG; 0: no limit */
	uint64_t max_size;
	/*
	 * directories deeper are skipped with a note (the root is depth 0,
	 * "a/b" depth 2); 0: no limit
	 */
	unsigned max_depth;
	bool use_gitignore; /* false: only `ignore` applies */
	unsigned jobs;	    /* threads (at most 256); 0 or 1: this one */
};

#define RC_WALK_OPTS_INIT                                  \
	{                                                  \
		.root = ".", .ignore = NULL, .nignore = 0, \
		.max_size = 8u << 20, .max_depth = 4096,   \
		.use_gitignore = true, .jobs = 0           \
	}

struct rc_walk_result {
	struct rc_walk_entry *files; /* sorted by path (strcmp) */
	size_t n;
	uint64_t dirs; /* directories visited (listed), root included */
};

/*
 * Walk opts->root. Per-path problems go to diags (appended, sorted among
 * themselves); only failures to start (root missing or not a directory:
 * RC_ENOTFOUND, RC_EUSAGE, RC_EIO) and RC_ENOMEM are returned as errors, and
 * then *out is empty. Release *out with rc_walk_result_release() in any case.
 */
int rc_walk(struct rc_walk_result *out, const struct rc_walk_opts *opts,
	    struct rc_diags *diags, struct rc_err *err);
void rc_walk_result_release(struct rc_walk_result *r);

#endif
