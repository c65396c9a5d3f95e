#include "common.h"
#include "diag.h"
#include "alloc.h"
#include "buf.h"

#include <stdarg.h>

int rc_diags_add(struct rc_diags *d, enum rc_diag_level level, const char *path,
		 unsigned line, unsigned col, const char *fmt, ...)
{
	struct rc_buf msg = RC_BUF_INIT;
	struct rc_diag x;
	va_list ap;

	va_start(ap, fmt);
	rc_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	if (rc_buf_err(&msg)) {
		rc_buf_release(&msg);
		return RC_ENOMEM;
	}
	x.level = level;
	x.line = line;
	x.col = col;
	x.path = rc_strdup(path ? path : "");
	x.msg = rc_buf_detach(&msg, NULL);
	if (!x.path || !x.msg || rc_vec_push(&d->list, x)) {
		rc_free(x.path);
		rc_free(x.msg);
		return RC_ENOMEM;
	}
	return 0;
}

int rc_diags_take(struct rc_diags *dst, struct rc_diags *src)
{
	size_t i;

	if (rc_vec_reserve(&dst->list, dst->list.n + src->list.n))
		return RC_ENOMEM;
	for (i = 0; i < src->list.n; i++)
		dst->list.v[dst->list.n++] = src->list.v[i];
	src->list.n = 0;
	return 0;
}

static int cmp_diag(const void *pa, const void *pb)
{
	const struct rc_diag *a = pa, *b = pb;
	int c = strcmp(a->path, b->path);

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return strcmp(a->msg, b->msg);
}

void rc_diags_sort(struct rc_diags *d)
{
	if (d->list.n > 1)
		qsort(d->list.v, d->list.n, sizeof(*d->list.v), cmp_diag);
}

void rc_diags_release(struct rc_diags *d)
{
	size_t i;

	for (i = 0; i < d->list.n; i++) {
		rc_free(d->list.v[i].path);
		rc_free(d->list.v[i].msg);
	}
	rc_vec_free(&d->list);
}

const char *rc_diag_level_name(enum rc_diag_level level)
{
	switch (level) {
	case RC_DIAG_NOTE:
		return "note";
	case RC_DIAG_WARNING:
		return "warning";
	case RC_DIAG_ERROR:
		return "error";
	}
	return "note";
}
