/*
 * alloc.h - every allocation in readycheck goes through these wrappers.
 *
 * They behave like their libc namesakes (NULL on failure, rc_free(NULL) is a
 * no-op) and add a test hook: rc_alloc_fail_after(n) makes the (n+1)-th
 * following allocation fail, so tests can walk every failure path.
 * The hook is process-global and not meant for threaded code paths.
 */
#ifndef RC_CORE_ALLOC_H
#define RC_CORE_ALLOC_H

#include "common.h"

void *rc_malloc(size_t n);
void *rc_calloc(size_t nmemb, size_t size);
void *rc_realloc(void *p, size_t n);
/* Grow an array: realloc to nmemb*size with overflow check. */
void *rc_reallocarray(void *p, size_t nmemb, size_t size);
void rc_free(void *p);
char *rc_strdup(const char *s);
char *rc_strndup(const char *s, size_t n);

/*
 * Make allocations fail after n more successful ones; n < 0 disables the hook.
 * Returns the number of allocations that were allowed since the last call.
 */
long rc_alloc_fail_after(long n);

#endif
