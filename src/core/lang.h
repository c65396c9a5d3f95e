/*
 * lang.h - source code by path: which language, and test code or not.
 *
 * A file is source code when its extension is one of a programming
 * language's. It is test code when its path says so: a directory named
 * test, tests, spec, specs, __tests__, testing, e2e, integration_tests,
 * testdata, fuzz, fuzz_targets or unittests anywhere above it (this covers
 * Maven's src/test/), or a test file name (test_*.py, conftest.py, and
 * a stem ending in _test, .test, .spec, _spec, Test, Tests or Spec:
 * x_test.go, a.test.ts, b.spec.js, CTest.java, DTests.cs, e_spec.rb).
 */
#ifndef RC_CORE_LANG_H
#define RC_CORE_LANG_H

#include "common.h"

/* "rust", "python", "node", "go", "java", "c", "ruby", "php", "dotnet",
 * "swift", "objc" by extension, or NULL when path is not source code. */
const char *rc_code_language(const char *path);

/* Is path (a source file) test code by its directories or name? */
bool rc_code_is_test(const char *path);

#endif
