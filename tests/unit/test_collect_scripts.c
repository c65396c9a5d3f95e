/* Unit tests of src/collect/scripts.c: Makefile and shell-script facts and
 * the expansion of ci.run through the make targets and scripts CI calls. */
#include "core/common.h"
#include "collect/scripts.h"
#include "core/diag.h"
#include "facts/facts.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <cmocka.h>

static const char makefile[] = "BUILD ?= build\n"
			       ".PHONY: all check lint\n"
			       "all: build\n"
			       "build:\n"
			       "\tcmake --build $(BUILD)\n"
			       "check: build lint\n"
			       "\t@ctest --test-dir $(BUILD) \\\n"
			       "\t\t--output-on-failure\n"
			       "\t-scripts/format.sh --check\n"
			       "lint:\n"
			       "\t$(MAKE) -C sub tidy\n"
			       "%.o: %.c\n"
			       "\tcc -c $<\n";

static const char sub_makefile[] = "tidy:\n\tclang-tidy src/*.c\n";

static const char script[] = "#!/bin/sh\n"
			     "# formats the tree\n"
			     "set -e\n"
			     "clang-format --dry-run \\\n"
			     "  -Werror src/*.c\n";

/* The note of the ci.run fact whose value is `value`, or NULL. */
static const struct rc_fact *run(const struct rc_facts *f, const char *value)
{
	return rc_facts_find(f, "ci.run", value);
}

static void test_collect_scripts__makefile_facts(void **state)
{
	struct rc_facts *f = NULL;
	struct rc_diags d = RC_DIAGS_INIT;
	const struct rc_fact *x;
	size_t it = 0, n = 0;

	(void)state;
	assert_int_equal(rc_facts_new(&f), 0);
	assert_int_equal(rc_collect_makefile(f, &d, "Makefile", makefile,
					     sizeof(makefile) - 1),
			 0);
	x = rc_facts_get(f, "make.rule");
	assert_string_equal(x->str, "all"); /* .PHONY is not a target */
	assert_int_equal(x->line, 3);
	x = rc_facts_find(f, "make.recipe",
			  "ctest --test-dir $(BUILD) --output-on-failure");
	assert_non_null(x);
	assert_int_equal(x->line, 7);
	assert_string_equal(x->note, "check");
	x = rc_facts_find(f, "make.recipe", "scripts/format.sh --check");
	assert_non_null(x); /* '-' prefix dropped */
	while ((x = rc_facts_next(f, "make.prereq", &it)))
		if (!strcmp(x->note, "check"))
			n++;
	assert_int_equal(n, 2);
	assert_null(rc_facts_find(f, "make.recipe", "cc -c $<")); /* % rule */
	rc_facts_free(f);
	rc_diags_release(&d);
}

static void test_collect_scripts__script_lines(void **state)
{
	struct rc_facts *f = NULL;
	struct rc_diags d = RC_DIAGS_INIT;
	const struct rc_fact *x;

	(void)state;
	assert_true(rc_collect_is_script("scripts/format.sh", NULL, 0));
	assert_true(rc_collect_is_script(".ci/run", NULL, 0));
	assert_false(rc_collect_is_script("src/main.c", NULL, 0));
	assert_true(
		rc_collect_is_script(".ci/run", script, sizeof(script) - 1));
	assert_false(rc_collect_is_script(".ci/run", "print(1)\n", 9));
	assert_int_equal(rc_facts_new(&f), 0);
	assert_int_equal(rc_collect_script(f, &d, "scripts/format.sh", script,
					   sizeof(script) - 1),
			 0);
	assert_int_equal(rc_facts_count(f), 2);
	x = rc_facts_find(f, "script.line",
			  "clang-format --dry-run -Werror src/*.c");
	assert_non_null(x);
	assert_int_equal(x->line, 4);
	/* an extension-less file that is not a shell script adds nothing */
	assert_int_equal(rc_collect_script(f, &d, "bin/tool", "print(1)\n", 9),
			 0);
	assert_int_equal(rc_facts_count(f), 2);
	rc_facts_free(f);
	rc_diags_release(&d);
}

/* Installing a tool, or naming it in a list of packages, is not running it. */
static void test_collect_scripts__installs_are_not_runs(void **state)
{
	static const char deps[] =
		"#!/bin/bash\n"
		"packages=(\n"
		"\tcppcheck clang-format\n"
		")\n"
		"extra=(gitleaks)\n"
		"sudo apt-get install -y \"${packages[@]}\"\n"
		"pip install bandit\n"
		"cppcheck --error-exitcode=1 src\n";
	static const char mk[] = "lint:\n\tapt-get install -y shellcheck\n"
				 "\tshellcheck scripts/*.sh\n";
	struct rc_facts *f = NULL;
	struct rc_diags d = RC_DIAGS_INIT;
	const struct rc_fact *x;

	(void)state;
	assert_int_equal(rc_facts_new(&f), 0);
	rc_collect_script(f, &d, "scripts/deps.sh", deps, sizeof(deps) - 1);
	rc_collect_makefile(f, &d, "Makefile", mk, sizeof(mk) - 1);
	x = rc_facts_get(f, "script.line");
	assert_non_null(x);
	assert_string_equal(x->str, "cppcheck --error-exitcode=1 src");
	assert_int_equal(x->line, 8);
	{
		size_t it = 0, n = 0;
		while (rc_facts_next(f, "script.line", &it))
			n++;
		assert_int_equal(n, 1);
	}
	assert_null(rc_facts_find(f, "make.recipe",
				  "apt-get install -y "
				  "shellcheck"));
	assert_non_null(
		rc_facts_find(f, "make.recipe", "shellcheck scripts/*.sh"));
	rc_facts_free(f);
	rc_diags_release(&d);
}

static void test_collect_scripts__ci_expansion(void **state)
{
	struct rc_facts *f = NULL;
	struct rc_diags d = RC_DIAGS_INIT;
	const struct rc_fact *x;

	(void)state;
	assert_int_equal(rc_facts_new(&f), 0);
	rc_facts_add_file(f, "Makefile", 10, 0, 10);
	rc_facts_add_file(f, "scripts/format.sh", 10, 0, 5);
	rc_facts_add_file(f, "sub/Makefile", 10, 0, 2);
	rc_facts_sort_files(f);
	rc_collect_makefile(f, &d, "Makefile", makefile, sizeof(makefile) - 1);
	rc_collect_makefile(f, &d, "sub/Makefile", sub_makefile,
			    sizeof(sub_makefile) - 1);
	rc_collect_script(f, &d, "scripts/format.sh", script,
			  sizeof(script) - 1);
	rc_facts_add_str(f, "ci.run", "make -j4 check && echo done",
			 ".github/workflows/ci.yml", 20);
	assert_int_equal(rc_collect_ci_expand(f), 0);
	/* the target's recipe, its prerequisites', and what they call */
	x = run(f, "ctest --test-dir $(BUILD) --output-on-failure");
	assert_non_null(x);
	assert_string_equal(x->path, "Makefile");
	assert_string_equal(x->note, "via make check");
	assert_non_null(run(f, "cmake --build $(BUILD)"));
	x = run(f, "clang-tidy src/*.c");
	assert_non_null(x);
	assert_string_equal(x->path, "sub/Makefile");
	x = run(f, "clang-format --dry-run -Werror src/*.c");
	assert_non_null(x);
	assert_string_equal(x->note, "via scripts/format.sh");
	/* each target is followed once, however often it is reached */
	{
		size_t it = 0, n = 0;

		while ((x = rc_facts_next(f, "ci.run", &it)))
			if (!strcmp(x->str, "cmake --build $(BUILD)"))
				n++;
		assert_int_equal(n, 1);
	}
	rc_facts_free(f);
	rc_diags_release(&d);
}

static void test_collect_scripts__default_target_and_loops(void **state)
{
	static const char loop[] = "a: b\n\techo a\nb: a\n\techo b\n";
	struct rc_facts *f = NULL;
	struct rc_diags d = RC_DIAGS_INIT;

	(void)state;
	assert_int_equal(rc_facts_new(&f), 0);
	rc_collect_makefile(f, &d, "Makefile", loop, sizeof(loop) - 1);
	rc_facts_add_str(f, "ci.run", "make", "ci.yml", 1);
	assert_int_equal(rc_collect_ci_expand(f), 0);
	assert_non_null(run(f, "echo a"));
	assert_non_null(run(f, "echo b"));
	rc_facts_free(f);
	rc_diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_collect_scripts__makefile_facts),
		cmocka_unit_test(test_collect_scripts__script_lines),
		cmocka_unit_test(test_collect_scripts__installs_are_not_runs),
		cmocka_unit_test(test_collect_scripts__ci_expansion),
		cmocka_unit_test(
			test_collect_scripts__default_target_and_loops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
