/*
 * pool.h - parallel for-loop over a range of items.
 *
 * rc_pool_run() calls fn(i, worker, payload) for every i in [0, n) on up to
 * `jobs` threads (worker is 0..jobs-1, for per-worker state). Items are
 * handed out in increasing order from a shared counter. Results are made
 * deterministic by writing them to per-item slots and merging them in index
 * order after the run (git grep's ordered output, without a ring: callers
 * that need bounded memory process in windows, see rc_pool_run_windowed).
 *
 * fn returns 0 or an RC_E* code; the first error stops further hand-out and
 * is returned. jobs <= 1 runs inline on the calling thread.
 */
#ifndef RC_CORE_POOL_H
#define RC_CORE_POOL_H

#include "common.h"

typedef int (*rc_pool_fn)(size_t i, unsigned worker, void *payload);
typedef int (*rc_pool_drain_fn)(size_t i, void *payload);

int rc_pool_run(unsigned jobs, size_t n, rc_pool_fn fn, void *payload);

/*
 * Like rc_pool_run, with drain(i, payload) called on the calling thread for
 * every item in index order, as soon as the item and all before it are
 * done, so per-item results can be merged and freed while the others run.
 * At most `window` items are started and not yet drained (fn may keep
 * item i's results in slot i % window). The calling thread works on items
 * too when it has nothing to drain. The first error stops the run.
 */
int rc_pool_run_windowed(unsigned jobs, size_t n, size_t window, rc_pool_fn fn,
			 rc_pool_drain_fn drain, void *payload);

/* Number of online CPUs (at least 1). */
unsigned rc_pool_cpus(void);

#endif
