#include "../core/common.h"
#include "term.h"
#include "../engine/engine.h"

#include <errno.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <time.h>
#include <unistd.h>

static bool progress_shown;
static double progress_start;

const char *rc_term_cache_dir(void)
{
	static char path[4096];
	const char *v = getenv("READYCHECK_CACHE_DIR");
	char parent[4096];

	if (v)
		return *v ? v : NULL;
	if ((v = getenv("XDG_CACHE_HOME")) && *v) {
		snprintf(path, sizeof(path), "%s/readycheck", v);
		return path;
	}
	if (!(v = getenv("HOME")) || !*v)
		return NULL;
	snprintf(parent, sizeof(parent), "%s/.cache", v);
	mkdir(parent, 0700);
	snprintf(path, sizeof(path), "%.4000s/readycheck", parent);
	return path;
}

double rc_term_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void rc_term_timings(const struct rc_scan_times *t, double total_ms)
{
	int p;

	fprintf(stderr, "readycheck:");
	for (p = 0; p < RC_PHASES; p++)
		fprintf(stderr, " %s %.1f ms (cpu %.1f),",
			rc_phase_name((enum rc_phase)p), t->wall[p], t->cpu[p]);
	fprintf(stderr, " total %.1f ms\n", total_ms);
}

bool rc_term_color(const char *mode, FILE *stream)
{
	const char *nc = getenv("NO_COLOR");

	if (mode && !strcmp(mode, "always"))
		return true;
	if (mode && !strcmp(mode, "never"))
		return false;
	if (nc && *nc)
		return false;
	return isatty(fileno(stream));
}

int rc_term_error(const struct rc_err *err)
{
	char msg[1400];

	fprintf(stderr, "readycheck: %s\n",
		rc_err_format(err, msg, sizeof(msg)));
	switch (err->code) {
	case RC_EUSAGE:
	case RC_EPARSE:
		return RC_EXIT_USAGE;
	default:
		return RC_EXIT_RUNTIME;
	}
}

int rc_term_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("readycheck: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return RC_EXIT_USAGE;
}

int rc_term_write(const struct rc_buf *buf, const char *path)
{
	char ebuf[128];
	FILE *f;

	if (!path || !strcmp(path, "-")) {
		if (fwrite(buf->ptr, 1, buf->len, stdout) != buf->len &&
		    errno != EPIPE) {
			fprintf(stderr, "readycheck: cannot write output: %s\n",
				rc_strerror(errno, ebuf, sizeof(ebuf)));
			return RC_EXIT_RUNTIME;
		}
		return 0;
	}
	f = fopen(path, "wb");
	if (!f) {
		fprintf(stderr, "readycheck: cannot open '%s': %s\n", path,
			rc_strerror(errno, ebuf, sizeof(ebuf)));
		return RC_EXIT_RUNTIME;
	}
	if (fwrite(buf->ptr, 1, buf->len, f) != buf->len || fclose(f)) {
		fprintf(stderr, "readycheck: cannot write '%s': %s\n", path,
			rc_strerror(errno, ebuf, sizeof(ebuf)));
		return RC_EXIT_RUNTIME;
	}
	return 0;
}

void rc_term_progress(uint64_t done, uint64_t total, void *payload)
{
	double now = rc_term_now();

	(void)payload;
	if (!isatty(STDERR_FILENO))
		return;
	if (!progress_start)
		progress_start = now;
	if (now - progress_start < 0.5)
		return;
	fprintf(stderr, "\rscanning: %llu/%llu files", (unsigned long long)done,
		(unsigned long long)total);
	progress_shown = true;
}

void rc_term_progress_end(void)
{
	if (progress_shown)
		fputs("\r\033[K", stderr);
	progress_shown = false;
	progress_start = 0;
}
