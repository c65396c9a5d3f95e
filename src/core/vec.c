#include "common.h"
#include "vec.h"
#include "alloc.h"

int rc_vec_reserve_(void **v, size_t *cap, size_t need, size_t elsize)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 8;
	while (ncap < need)
		if (rc_mul_overflow(ncap, 2, &ncap))
			return RC_ENOMEM;
	p = rc_reallocarray(*v, ncap, elsize);
	if (!p)
		return RC_ENOMEM;
	*v = p;
	*cap = ncap;
	return 0;
}
