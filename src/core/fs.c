#include "common.h"
#include "fs.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int rc_fs_read(struct rc_buf *out, int dirfd, const char *path, size_t max,
	       bool nofollow, struct rc_err *err)
{
	char ebuf[128];
	struct stat st;
	ssize_t got;
	int fd, e = 0;

	rc_buf_reset(out);
	fd = openat(dirfd, path,
		    O_RDONLY | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
	if (fd < 0)
		return rc_err_set(err, RC_EIO, path, 0, 0, "cannot open: %s",
				  rc_strerror(errno, ebuf, sizeof(ebuf)));
	if (fstat(fd, &st)) {
		e = rc_err_set(err, RC_EIO, path, 0, 0, "cannot stat: %s",
			       rc_strerror(errno, ebuf, sizeof(ebuf)));
		goto out;
	}
	if ((uint64_t)st.st_size > max) {
		e = rc_err_set(err, RC_ETOOBIG, path, 0, 0,
			       "file is %lld bytes, over the %zu byte limit",
			       (long long)st.st_size, max);
		goto out;
	}
	if (rc_buf_grow(out, (size_t)st.st_size + 1)) {
		e = rc_err_set(err, rc_buf_err(out), path, 0, 0,
			       "out of memory reading file");
		goto out;
	}
	for (;;) {
		size_t room;

		if (out->len > max) {
			e = rc_err_set(err, RC_ETOOBIG, path, 0, 0,
				       "file grew over the %zu byte limit",
				       max);
			goto out;
		}
		if (out->cap - out->len < 2 && rc_buf_grow(out, 64 * 1024)) {
			e = rc_err_set(err, rc_buf_err(out), path, 0, 0,
				       "cannot hold file in memory");
			goto out;
		}
		room = out->cap - out->len - 1;
		if (room > max - out->len + 1)
			room = max - out->len + 1;
		got = read(fd, out->ptr + out->len, room);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			e = rc_err_set(err, RC_EIO, path, 0, 0,
				       "cannot read: %s",
				       rc_strerror(errno, ebuf, sizeof(ebuf)));
			goto out;
		}
		if (got == 0)
			break;
		out->len += (size_t)got;
		/* a regular file read short is at its end: no read for 0 */
		if (S_ISREG(st.st_mode) && (size_t)got < room)
			break;
	}
	out->ptr[out->len] = '\0';
out:
	close(fd);
	return e;
}
