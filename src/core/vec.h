/*
 * vec.h - growable arrays.
 *
 * A vector is any struct with members `v` (element pointer), `n` (count) and
 * `cap` (capacity), declared with RC_VEC(type). rc_vec_push() appends by
 * value and evaluates to 0 or RC_ENOMEM. The owner frees `v` with rc_free().
 */
#ifndef RC_CORE_VEC_H
#define RC_CORE_VEC_H

#include "common.h"

#define RC_VEC(type)           \
	struct {               \
		type *v;       \
		size_t n, cap; \
	}

/* Ensure room for `need` elements of size `elsize`. 0 or RC_ENOMEM. */
int rc_vec_reserve_(void **v, size_t *cap, size_t need, size_t elsize);

#define rc_vec_reserve(vec, need)                                \
	rc_vec_reserve_((void **)&(vec)->v, &(vec)->cap, (need), \
			sizeof(*(vec)->v))

#define rc_vec_push(vec, item)               \
	(rc_vec_reserve((vec), (vec)->n + 1) \
		 ? RC_ENOMEM                 \
		 : ((vec)->v[(vec)->n++] = (item), 0))

#define rc_vec_free(vec)                   \
	do {                               \
		rc_free((vec)->v);         \
		(vec)->v = NULL;           \
		(vec)->n = (vec)->cap = 0; \
	} while (0)

#endif
