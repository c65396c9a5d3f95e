/*
 * git_blobs.h - every blob of a repository's history, once.
 *
 * rc_git_each_blob() walks the commits reachable from every ref (and HEAD),
 * oldest first, and hands each blob it has not seen before (by blob id) to
 * a callback, with the commit, author date and path where it first
 * appears. Trees already seen are skipped whole, so a history of N commits
 * costs what its distinct trees and blobs cost, not N checkouts. Reads the
 * object database (packfiles and loose objects) through libgit2; nothing
 * is checked out. Binary blobs and blobs over max_size are counted and
 * skipped, as the working-tree scan does.
 */
#ifndef RC_COLLECT_GIT_BLOBS_H
#define RC_COLLECT_GIT_BLOBS_H

#include "../core/common.h"
#include "../core/err.h"

struct rc_git_blob {
	const char *path;   /* in the commit's tree */
	const char *commit; /* 40 hex digits */
	const char *date;   /* author date, "YYYY-MM-DDTHH:MM:SSZ" */
	const char *data;
	size_t len;
};

struct rc_git_blob_stats {
	uint64_t commits, blobs, bytes, skipped;
};

/* Return non-zero to stop the walk with that code. */
typedef int (*rc_git_blob_fn)(const struct rc_git_blob *b, void *payload);

/*
 * RC_EUSAGE when root is not a git repository (message says so), RC_EIO
 * for a corrupt repository, RC_ENOMEM, or the callback's code.
 */
int rc_git_each_blob(const char *root, uint64_t max_size, rc_git_blob_fn fn,
		     void *payload, struct rc_git_blob_stats *stats,
		     struct rc_err *err);

#endif
