#include "common.h"
#include "alloc.h"

static long fail_after = -1;
static long allowed;

static bool should_fail(void)
{
	if (fail_after < 0)
		return false;
	if (allowed >= fail_after)
		return true;
	allowed++;
	return false;
}

long rc_alloc_fail_after(long n)
{
	long prev = allowed;
	fail_after = n;
	allowed = 0;
	return prev;
}

void *rc_malloc(size_t n)
{
	if (should_fail())
		return NULL;
	return malloc(n ? n : 1);
}

void *rc_calloc(size_t nmemb, size_t size)
{
	if (should_fail())
		return NULL;
	return calloc(nmemb ? nmemb : 1, size ? size : 1);
}

void *rc_realloc(void *p, size_t n)
{
	if (should_fail())
		return NULL;
	return realloc(p, n ? n : 1);
}

void *rc_reallocarray(void *p, size_t nmemb, size_t size)
{
	size_t n;

	if (rc_mul_overflow(nmemb, size, &n))
		return NULL;
	return rc_realloc(p, n);
}

void rc_free(void *p)
{
	free(p);
}

char *rc_strndup(const char *s, size_t n)
{
	char *p = rc_malloc(n + 1);

	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *rc_strdup(const char *s)
{
	return rc_strndup(s, strlen(s));
}
