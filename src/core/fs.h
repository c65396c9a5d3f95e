/*
 * fs.h - file reading with a size ceiling.
 */
#ifndef RC_CORE_FS_H
#define RC_CORE_FS_H

#include "common.h"
#include "buf.h"
#include "err.h"

/*
 * Read the file at path (relative to dirfd, or AT_FDCWD) into out, replacing
 * its contents. Never follows a final symlink when nofollow is set.
 * Returns 0, RC_EIO (message from errno in err), RC_ETOOBIG when larger than
 * max, RC_ENOMEM.
 */
int rc_fs_read(struct rc_buf *out, int dirfd, const char *path, size_t max,
	       bool nofollow, struct rc_err *err);

#endif
