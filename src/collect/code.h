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

/* Collector for a non-test .rs file: code.rust.test_lines. */
int rc_collect_rust_source(struct rc_facts *f, struct rc_diags *d,
			   const char *path, const char *buf, size_t len);

/* The code.* line facts, from the file list. 0 or RC_ENOMEM. */
int rc_collect_code_stats(struct rc_facts *f);

#endif
