#include "common.h"
#include "pool.h"
#include "alloc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

struct run {
	rc_pool_fn fn;
	void *payload;
	size_t begin, end;
	atomic_size_t next;
	atomic_int err;
};

struct worker {
	struct run *run;
	unsigned id;
	pthread_t tid;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct run *r = w->run;
	size_t i;
	int e;

	while (!atomic_load(&r->err)) {
		i = atomic_fetch_add(&r->next, 1);
		if (i >= r->end)
			break;
		e = r->fn(i, w->id, r->payload);
		if (e) {
			int zero = 0;
			atomic_compare_exchange_strong(&r->err, &zero, e);
		}
	}
	return NULL;
}

static int run_range(unsigned jobs, size_t begin, size_t end, rc_pool_fn fn,
		     void *payload)
{
	struct worker stackw[16], *ws = stackw;
	struct run r;
	unsigned j, started = 0;
	size_t i;
	int e;

	if (jobs <= 1 || end - begin <= 1) {
		for (i = begin; i < end; i++)
			if ((e = fn(i, 0, payload)))
				return e;
		return 0;
	}
	if (jobs > end - begin)
		jobs = (unsigned)(end - begin);
	if (jobs > RC_ARRAY_SIZE(stackw)) {
		ws = rc_calloc(jobs, sizeof(*ws));
		if (!ws)
			return RC_ENOMEM;
	}
	r.fn = fn;
	r.payload = payload;
	r.begin = begin;
	r.end = end;
	atomic_init(&r.next, begin);
	atomic_init(&r.err, 0);
	for (j = 1; j < jobs; j++) {
		ws[j].run = &r;
		ws[j].id = j;
		if (pthread_create(&ws[j].tid, NULL, work, &ws[j]))
			break;
		started = j;
	}
	ws[0].run = &r;
	ws[0].id = 0;
	work(&ws[0]);
	for (j = 1; j <= started; j++)
		pthread_join(ws[j].tid, NULL);
	if (ws != stackw)
		rc_free(ws);
	return atomic_load(&r.err);
}

int rc_pool_run(unsigned jobs, size_t n, rc_pool_fn fn, void *payload)
{
	return run_range(jobs, 0, n, fn, payload);
}

int rc_pool_run_windowed(unsigned jobs, size_t n, size_t window, rc_pool_fn fn,
			 rc_pool_drain_fn drain, void *payload)
{
	size_t b, e, i;
	int err;

	if (!window)
		window = n ? n : 1;
	for (b = 0; b < n; b = e) {
		e = n - b > window ? b + window : n;
		if ((err = run_range(jobs, b, e, fn, payload)))
			return err;
		for (i = b; i < e; i++)
			if ((err = drain(i, payload)))
				return err;
	}
	return 0;
}

unsigned rc_pool_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}
