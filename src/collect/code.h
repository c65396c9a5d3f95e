/*
 * code.h - source code by path: which language, test or not, and the
 * test-to-source line ratio.
 *
 * Source and test code are told apart by path (core/lang.h).
 * Rust keeps unit tests inside source files: the lines from the first
 * `#[cfg(test)]` to the end of a non-test .rs file count as test lines
 * (code.rust.test_lines, collected per file).
 *
 * rc_collect_code_stats() runs after all files and adds, for the
 * repository without foreign directories (vendored code, fixtures,
 * examples: rc_manifest_foreign()):
 *   code.lines.source (num)  lines of non-test source code
 *   code.lines.test   (num)  lines of test code
 *   code.test_ratio   (num)  test / source, when there is source code;
 *                            with a note "1234 test lines / 5678 source lines"
 */
#ifndef RC_COLLECT_CODE_H
#define RC_COLLECT_CODE_H

#include "../core/common.h"
#include "../core/diag.h"
#include "../facts/facts.h"

/* True for non-test Rust sources (their inline tests are counted). */
bool rc_code_wants_rust(const char *path);

/* Collector for a non-test .rs file: code.rust.test_lines, and for a
 * binary (src/main.rs, src/bin/NAME.rs) code.loop: a `loop {` in a file
 * that also sleeps, ticks an interval or receives (note `with WAIT`). */
int rc_collect_rust_source(struct rc_facts *f, struct rc_diags *d,
			   const char *path, const char *buf, size_t len);

/* True for non-test Python sources. */
bool rc_code_wants_python(const char *path);

/*
 * Collector for a non-test .py file:
 *   python.listen (str)  a standard-library server started in the file
 *                        (ThreadingHTTPServer, HTTPServer, socketserver
 *                        TCPServer..., wsgiref make_server) when the file
 *                        also calls serve_forever(); line of the call
 *   db.client     (str)  "sqlite3" (note "sqlite") at the first
 *                        sqlite3.connect( call: the standard library's
 *                        database
 *   code.loop     (str)  an endless loop (`while True:`) in an entry module
 *                        (__main__.py, def main(, a __main__ guard) that
 *                        also sleeps, polls or consumes; note `with WAIT`
 */
int rc_collect_python_source(struct rc_facts *f, struct rc_diags *d,
			     const char *path, const char *buf, size_t len);

/*
 * Line (1-based) of the first line that starts, after blanks, with one of
 * loops (NULL-terminated) in a buffer that also contains one of waits; 0
 * when there is none. *loop and *wait are the words found.
 */
unsigned rc_code_endless_loop(const char *buf, size_t len,
			      const char *const *loops,
			      const char *const *waits, const char **loop,
			      const char **wait);

/* The code.* line facts, from the file list. 0 or RC_ENOMEM. */
int rc_collect_code_stats(struct rc_facts *f);

#endif
