/*
 * test_code.c - source code by path (core/lang.h) and the test-to-source
 * line ratio (collect/code.h).
 */
#include "core/common.h"
#include "collect/code.h"
#include "core/lang.h"
#include "facts/facts.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

static void test_code__language(void **state)
{
	static const struct {
		const char *path, *lang;
	} cases[] = {
		{ "src/main.rs", "rust" },
		{ "a/b.py", "python" },
		{ "x.tsx", "node" },
		{ "cmd/x/main.go", "go" },
		{ "A.kt", "java" },
		{ "lib/x.h", "c" },
		{ "app/models/u.rb", "ruby" },
		{ "src/X.php", "php" },
		{ "P.cs", "dotnet" },
		{ "README.md", NULL },
		{ "Makefile", NULL },
		{ ".rs", NULL },
		{ "dir.rs/file", NULL },
		{ "x.RS", NULL },
	};
	size_t i;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(cases); i++) {
		const char *got = rc_code_language(cases[i].path);

		if (!cases[i].lang)
			assert_null(got);
		else
			assert_string_equal(got ? got : "(null)",
					    cases[i].lang);
	}
}

static void test_code__is_test(void **state)
{
	static const struct {
		const char *path;
		bool test;
	} cases[] = {
		{ "tests/it.rs", true },
		{ "crates/a/tests/it.rs", true },
		{ "src/test/java/FooTest.java", true },
		{ "src/main/java/Foo.java", false },
		{ "pkg/x_test.go", true },
		{ "pkg/x.go", false },
		{ "test_api.py", true },
		{ "api/conftest.py", true },
		{ "api/contest.py", false },
		{ "web/a.test.ts", true },
		{ "web/a.spec.js", true },
		{ "lib/user_spec.rb", true },
		{ "Foo.Tests/BarTests.cs", true },
		{ "src/latest.py", false },
		{ "src/Testing/x.c", true },
		{ "__tests__/a.js", true },
		{ "fuzz/fuzz_targets/a.rs", true },
		{ "src/attest.rs", false },
	};
	size_t i;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(cases); i++)
		if (rc_code_is_test(cases[i].path) != cases[i].test)
			fail_msg("rc_code_is_test(\"%s\") should be %d",
				 cases[i].path, cases[i].test);
}

static double num(const struct rc_facts *f, const char *name)
{
	const struct rc_fact *x = rc_facts_get(f, name);

	assert_non_null(x);
	assert_int_equal(x->type, RC_FACT_NUM);
	return x->num;
}

static void test_code__stats(void **state)
{
	static const char rs[] = "pub fn a() {}\n"
				 "\n"
				 "  #[cfg(test)]\n"
				 "mod tests {\n"
				 "    #[test] fn t() {}\n"
				 "}\n";
	struct rc_facts *f = NULL;
	const struct rc_fact *x;

	(void)state;
	assert_int_equal(rc_facts_new(&f), 0);
	assert_true(rc_code_wants_rust("src/lib.rs"));
	assert_false(rc_code_wants_rust("tests/a.rs"));
	assert_false(rc_code_wants_rust("src/lib.py"));
	assert_int_equal(rc_facts_add_file(f, "src/lib.rs", 10, 0, 6), 0);
	assert_int_equal(rc_collect_rust_source(f, NULL, "src/lib.rs", rs,
						sizeof(rs) - 1),
			 0);
	assert_true(num(f, "code.rust.test_lines") == 4);
	/* no marker: no fact */
	assert_int_equal(
		rc_collect_rust_source(f, NULL, "src/b.rs", "fn x(){}", 8), 0);
	assert_int_equal(rc_facts_count(f), 1);
	assert_int_equal(rc_facts_add_file(f, "app/main.py", 10, 0, 94), 0);
	assert_int_equal(rc_facts_add_file(f, "tests/test_a.py", 10, 0, 16), 0);
	/* binary, foreign and non-code files do not count */
	assert_int_equal(rc_facts_add_file(f, "x.py", 10, RC_FILE_BINARY, 0),
			 0);
	assert_int_equal(rc_facts_add_file(f, "vendor/v.go", 10, 0, 500), 0);
	assert_int_equal(rc_facts_add_file(f, "README.md", 10, 0, 50), 0);
	assert_int_equal(rc_collect_code_stats(f), 0);
	assert_true(num(f, "code.lines.source") == 96);
	assert_true(num(f, "code.lines.test") == 20);
	x = rc_facts_get(f, "code.test_ratio");
	assert_non_null(x);
	assert_true(x->num > 0.208 && x->num < 0.209);
	assert_string_equal(x->note, "20 test lines / 96 source lines");
	rc_facts_free(f);

	/* no source code: no ratio */
	assert_int_equal(rc_facts_new(&f), 0);
	assert_int_equal(rc_facts_add_file(f, "README.md", 10, 0, 50), 0);
	assert_int_equal(rc_collect_code_stats(f), 0);
	assert_true(num(f, "code.lines.source") == 0);
	assert_null(rc_facts_get(f, "code.test_ratio"));
	rc_facts_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_code__language),
		cmocka_unit_test(test_code__is_test),
		cmocka_unit_test(test_code__stats),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
