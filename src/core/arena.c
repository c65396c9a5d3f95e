#include "common.h"
#include "arena.h"
#include "alloc.h"

#define CHUNK_SIZE (64 * 1024)
#define ALIGN	   16

struct rc_arena_chunk {
	struct rc_arena_chunk *next;
	size_t size, off;
	_Alignas(16) unsigned char data[];
};

void rc_arena_init(struct rc_arena *a)
{
	a->head = NULL;
	a->used = 0;
}

void rc_arena_release(struct rc_arena *a)
{
	struct rc_arena_chunk *c = a->head, *next;

	while (c) {
		next = c->next;
		rc_free(c);
		c = next;
	}
	rc_arena_init(a);
}

void *rc_arena_alloc(struct rc_arena *a, size_t n)
{
	struct rc_arena_chunk *c = a->head;
	size_t need, size;
	void *p;

	if (rc_add_overflow(n, ALIGN - 1, &need))
		return NULL;
	need &= ~(size_t)(ALIGN - 1);
	if (!need)
		need = ALIGN;
#ifdef RC_DEBUG_ARENA
	c = NULL;
#endif
	if (!c || c->size - c->off < need) {
		size = need > CHUNK_SIZE / 4 ? need : CHUNK_SIZE;
#ifdef RC_DEBUG_ARENA
		size = need;
#endif
		c = rc_malloc(sizeof(*c) + size);
		if (!c)
			return NULL;
		c->size = size;
		c->off = 0;
		if (a->head && size != CHUNK_SIZE) {
			/* big block: keep the current chunk at the head */
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = a->head;
			a->head = c;
		}
	}
	p = c->data + c->off;
	c->off += need;
	a->used += need;
	memset(p, 0, need);
	return p;
}

char *rc_arena_strndup(struct rc_arena *a, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX)
		return NULL;
	p = rc_arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *rc_arena_strdup(struct rc_arena *a, const char *s)
{
	return rc_arena_strndup(a, s, strlen(s));
}
