#include "common.h"
#include "pool.h"
#include "alloc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

struct run {
	rc_pool_fn fn;
	void *payload;
	size_t end;
	atomic_size_t next;
	atomic_int err;
};

/* A thread of a pool: worker 0 is the calling thread. */
struct worker {
	void *ctx; /* struct run or struct stream */
	unsigned id;
	pthread_t tid;
};

/* Up to 16 workers on the stack, more on the heap (NULL: out of memory). */
static struct worker *workers(struct worker *stack, size_t nstack,
			      unsigned jobs)
{
	return jobs > nstack ? rc_calloc(jobs, sizeof(*stack)) : stack;
}

/* Start workers 1..jobs-1 on fn; the number started (0 when none). */
static unsigned spawn(struct worker *ws, unsigned jobs, void *(*fn)(void *),
		      void *ctx)
{
	unsigned j, started = 0;

	ws[0].ctx = ctx;
	ws[0].id = 0;
	for (j = 1; j < jobs; j++) {
		ws[j].ctx = ctx;
		ws[j].id = j;
		if (pthread_create(&ws[j].tid, NULL, fn, &ws[j]))
			break;
		started = j;
	}
	return started;
}

static void join(struct worker *ws, unsigned started, struct worker *stack)
{
	unsigned j;

	for (j = 1; j <= started; j++)
		pthread_join(ws[j].tid, NULL);
	if (ws != stack)
		rc_free(ws);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct run *r = w->ctx;
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

int rc_pool_run(unsigned jobs, size_t n, rc_pool_fn fn, void *payload)
{
	struct worker stackw[16], *ws;
	struct run r;
	unsigned started;
	size_t i;
	int e;

	if (jobs <= 1 || n <= 1) {
		for (i = 0; i < n; i++)
			if ((e = fn(i, 0, payload)))
				return e;
		return 0;
	}
	if (jobs > n)
		jobs = (unsigned)n;
	if (!(ws = workers(stackw, RC_ARRAY_SIZE(stackw), jobs)))
		return RC_ENOMEM;
	r.fn = fn;
	r.payload = payload;
	r.end = n;
	atomic_init(&r.next, 0);
	atomic_init(&r.err, 0);
	started = spawn(ws, jobs, work, &r);
	work(&ws[0]);
	join(ws, started, stackw);
	return atomic_load(&r.err);
}

/*
 * The windowed pool: items start in index order, at most `window` ahead
 * of the next one to drain; the calling thread drains items in order as
 * soon as they are done and works on items while the next to drain is
 * not. One mutex guards the counters; workers wait for a slot to free,
 * the caller for an item to finish.
 */
struct stream {
	rc_pool_fn fn;
	void *payload;
	size_t n, window;
	size_t next;	     /* next item to start */
	size_t drained;	     /* items drained */
	unsigned char *done; /* per slot (item % window): finished */
	int err;
	bool stop;
	pthread_mutex_t lock;
	pthread_cond_t can_start; /* a slot freed, or stop */
	pthread_cond_t finished;  /* an item finished */
};

/* With the lock held: may item st->next start? */
static bool can_start(const struct stream *st)
{
	return !st->stop && st->next < st->n &&
	       st->next < st->drained + st->window;
}

/* With the lock held: run item next (unlocking meanwhile). */
static void run_one(struct stream *st, unsigned worker)
{
	size_t i = st->next++;
	int e;

	pthread_mutex_unlock(&st->lock);
	e = st->fn(i, worker, st->payload);
	pthread_mutex_lock(&st->lock);
	st->done[i % st->window] = 1;
	if (e && !st->err) {
		st->err = e;
		st->stop = true;
		pthread_cond_broadcast(&st->can_start);
	}
	pthread_cond_signal(&st->finished);
}

static void *stream_work(void *arg)
{
	struct worker *w = arg;
	struct stream *st = w->ctx;

	pthread_mutex_lock(&st->lock);
	while (!st->stop && st->next < st->n) {
		if (can_start(st))
			run_one(st, w->id);
		else
			pthread_cond_wait(&st->can_start, &st->lock);
	}
	pthread_mutex_unlock(&st->lock);
	return NULL;
}

int rc_pool_run_windowed(unsigned jobs, size_t n, size_t window, rc_pool_fn fn,
			 rc_pool_drain_fn drain, void *payload)
{
	struct stream st = { 0 };
	struct worker stackw[16], *ws;
	unsigned started;
	size_t i;
	int e;

	if (!window)
		window = n ? n : 1;
	if (jobs <= 1 || n <= 1) {
		for (i = 0; i < n; i++)
			if ((e = fn(i, 0, payload)) || (e = drain(i, payload)))
				return e;
		return 0;
	}
	if (!(st.done = rc_calloc(window, 1)))
		return RC_ENOMEM;
	if (!(ws = workers(stackw, RC_ARRAY_SIZE(stackw), jobs))) {
		rc_free(st.done);
		return RC_ENOMEM;
	}
	st.fn = fn;
	st.payload = payload;
	st.n = n;
	st.window = window;
	pthread_mutex_init(&st.lock, NULL);
	pthread_cond_init(&st.can_start, NULL);
	pthread_cond_init(&st.finished, NULL);
	started = spawn(ws, jobs, stream_work, &st);
	/* this thread: drain what is done, else work, else wait */
	pthread_mutex_lock(&st.lock);
	while (!st.stop && st.drained < n) {
		if (st.done[st.drained % window]) {
			pthread_mutex_unlock(&st.lock);
			e = drain(st.drained, payload);
			pthread_mutex_lock(&st.lock);
			st.done[st.drained % window] = 0;
			st.drained++;
			pthread_cond_broadcast(&st.can_start);
			if (e && !st.err) {
				st.err = e;
				st.stop = true;
			}
		} else if (can_start(&st)) {
			run_one(&st, 0);
		} else {
			pthread_cond_wait(&st.finished, &st.lock);
		}
	}
	st.stop = true;
	pthread_cond_broadcast(&st.can_start);
	pthread_mutex_unlock(&st.lock);
	join(ws, started, stackw);
	e = st.err;
	pthread_cond_destroy(&st.can_start);
	pthread_cond_destroy(&st.finished);
	pthread_mutex_destroy(&st.lock);
	rc_free(st.done);
	return e;
}

unsigned rc_pool_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}
