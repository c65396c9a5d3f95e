/*
 * arena.h - bump allocator for data that lives as long as one scan.
 *
 * Facts, interned strings and parsed checks are allocated here and freed all
 * at once with rc_arena_release(). Not thread-safe: one arena per owner.
 * Built with -DRC_DEBUG_ARENA every allocation is a separate malloc block so
 * that ASan and valgrind see each one (libgit2 GIT_DEBUG_POOL).
 */
#ifndef RC_CORE_ARENA_H
#define RC_CORE_ARENA_H

#include "common.h"

struct rc_arena_chunk;

struct rc_arena {
	struct rc_arena_chunk *head;
	size_t used; /* bytes handed out, for statistics */
};

#define RC_ARENA_INIT   \
	{               \
		NULL, 0 \
	}

void rc_arena_init(struct rc_arena *a);
/* Free every allocation of the arena; the arena is re-inited. */
void rc_arena_release(struct rc_arena *a);
/* n bytes aligned for any type, zeroed; NULL on allocation failure. */
void *rc_arena_alloc(struct rc_arena *a, size_t n);
/* Copies of strings, NUL-terminated; NULL on allocation failure. */
char *rc_arena_strdup(struct rc_arena *a, const char *s);
char *rc_arena_strndup(struct rc_arena *a, const char *s, size_t n);

#endif
