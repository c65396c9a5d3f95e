/*
 * term.h - terminal: colour decision, progress line, error printing and
 * output files. Only cli/ prints.
 */
#ifndef RC_CLI_TERM_H
#define RC_CLI_TERM_H

#include "../core/common.h"
#include "../core/buf.h"
#include "../core/err.h"

#include <stdio.h>

/* Exit codes (DESIGN.md). */
enum rc_exit {
	RC_EXIT_OK = 0,
	RC_EXIT_GATE = 1,
	RC_EXIT_USAGE = 2,
	RC_EXIT_RUNTIME = 3,
};

/* "auto" (colour when stdout is a TTY and NO_COLOR unset), "always",
 * "never". */
bool rc_term_color(const char *mode, FILE *stream);

/* Print "readycheck: <formatted err>" to stderr and return the exit code
 * for err->code (usage/parse -> 2, everything else -> 3). */
int rc_term_error(const struct rc_err *err);

/* Print a usage error message ("readycheck: msg") and return 2. */
int rc_term_usage_error(const char *fmt, ...) RC_PRINTF(1, 2);

/* Write buf to path ("-" or NULL: stdout). 0 or exit code 3 (printed). */
int rc_term_write(const struct rc_buf *buf, const char *path);

/* Progress line on stderr when it is a TTY; cleared by rc_term_progress_end. */
void rc_term_progress(uint64_t done, uint64_t total, void *payload);
void rc_term_progress_end(void);

/*
 * Where compiled pattern databases are cached: $READYCHECK_CACHE_DIR, else
 * $XDG_CACHE_HOME/readycheck, else $HOME/.cache/readycheck; NULL when none
 * is set or READYCHECK_CACHE_DIR is empty (no caching). The string lives
 * until the next call.
 */
const char *rc_term_cache_dir(void);

/* "readycheck: load 3.1 ms (cpu 3.0), walk ..." on stderr (--timings). */
struct rc_scan_times;
void rc_term_timings(const struct rc_scan_times *t, double total_ms);

/* Seconds since an arbitrary start (monotonic). */
double rc_term_now(void);

#endif
