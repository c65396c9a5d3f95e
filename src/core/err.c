#include "common.h"
#include "err.h"

#include <stdarg.h>
#include <stdio.h>

void rc_err_clear(struct rc_err *err)
{
	memset(err, 0, sizeof(*err));
}

int rc_err_set(struct rc_err *err, int code, const char *path, unsigned line,
	       unsigned col, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	rc_err_clear(err);
	err->code = code;
	if (path)
		snprintf(err->path, sizeof(err->path), "%s", path);
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

void rc_err_hint(struct rc_err *err, const char *hint)
{
	if (err && hint)
		snprintf(err->hint, sizeof(err->hint), "%s", hint);
}

const char *rc_err_format(const struct rc_err *err, char *out, size_t n)
{
	size_t used = 0;
	int w;

	if (!n)
		return out;
	out[0] = '\0';
	if (err->path[0]) {
		if (err->line && err->col)
			w = snprintf(out, n, "%s:%u:%u: ", err->path, err->line,
				     err->col);
		else if (err->line)
			w = snprintf(out, n, "%s:%u: ", err->path, err->line);
		else
			w = snprintf(out, n, "%s: ", err->path);
		used = w > 0 && (size_t)w < n ? (size_t)w : n - 1;
	}
	w = snprintf(out + used, n - used, "%s", err->msg);
	used += w > 0 && (size_t)w < n - used ? (size_t)w : n - used - 1;
	if (err->hint[0] && used < n)
		snprintf(out + used, n - used, " (did you mean '%s'?)",
			 err->hint);
	return out;
}

const char *rc_strerror(int errnum, char *buf, size_t n)
{
	/* POSIX strerror_r returns int with _POSIX_C_SOURCE and no _GNU_SOURCE
	 */
	if (strerror_r(errnum, buf, n) != 0)
		snprintf(buf, n, "error %d", errnum);
	return buf;
}
