/*
 * test_check.c - names of the check model's enums.
 */
#include "core/common.h"
#include "rules/check.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

static void test_check__category_table(void **state)
{
	static const struct {
		enum rc_category c;
		const char *id, *title;
		unsigned weight;
	} cases[] = {
		{ RC_CAT_SECURITY, "security", "Security and supply chain",
		  15 },
		{ RC_CAT_RELEASE, "release", "Release engineering", 12 },
		{ RC_CAT_OBSERVABILITY, "observability", "Observability", 12 },
		{ RC_CAT_RELIABILITY, "reliability",
		  "Reliability and resilience", 12 },
		{ RC_CAT_PERFORMANCE, "performance",
		  "Scalability and performance", 10 },
		{ RC_CAT_DATA, "data", "Data integrity and contracts", 10 },
		{ RC_CAT_TESTING, "testing", "Testing and quality gates", 10 },
		{ RC_CAT_CONFIG, "config", "Configuration and environment", 8 },
		{ RC_CAT_OPERATIONS, "operations", "Operations and deployment",
		  6 },
		{ RC_CAT_DOCS, "docs", "Documentation and community", 5 },
	};
	unsigned sum = 0;
	size_t i;

	(void)state;
	assert_int_equal(RC_ARRAY_SIZE(cases), RC_CAT_COUNT);
	for (i = 0; i < RC_ARRAY_SIZE(cases); i++) {
		enum rc_category parsed = RC_CAT_COUNT;

		assert_string_equal(rc_category_id(cases[i].c), cases[i].id);
		assert_string_equal(rc_category_title(cases[i].c),
				    cases[i].title);
		assert_int_equal(rc_category_default_weight(cases[i].c),
				 cases[i].weight);
		assert_int_equal(rc_category_parse(cases[i].id, &parsed), 0);
		assert_int_equal(parsed, cases[i].c);
		assert_string_equal(rc_category_name_at(i), cases[i].id);
		sum += cases[i].weight;
	}
	assert_int_equal(sum, 100);
	assert_null(rc_category_name_at(RC_CAT_COUNT));
	assert_string_equal(rc_category_id(RC_CAT_COUNT), "unknown");
	assert_int_equal(rc_category_default_weight(RC_CAT_COUNT), 0);
}

static void test_check__severity(void **state)
{
	static const char *const names[] = { "low", "medium", "high",
					     "critical" };
	static const unsigned points[] = { 1, 2, 4, 8 };
	enum rc_severity s;
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		assert_string_equal(rc_severity_name((enum rc_severity)i),
				    names[i]);
		assert_int_equal(rc_severity_points((enum rc_severity)i),
				 points[i]);
		assert_int_equal(rc_severity_parse(names[i], &s), 0);
		assert_int_equal(s, i);
		assert_string_equal(rc_severity_name_at(i), names[i]);
	}
	assert_null(rc_severity_name_at(4));
	assert_int_equal(rc_severity_points((enum rc_severity)9), 0);
	assert_int_equal(rc_severity_parse("High", &s), RC_ENOTFOUND);
	assert_int_equal(rc_severity_parse("", &s), RC_ENOTFOUND);
	assert_int_equal(rc_severity_parse(NULL, &s), RC_ENOTFOUND);
}

static void test_check__effort(void **state)
{
	enum rc_effort e = RC_EFFORT_WEEK;

	(void)state;
	assert_string_equal(rc_effort_name(RC_EFFORT_QUICK), "quick");
	assert_string_equal(rc_effort_name(RC_EFFORT_DAY), "day");
	assert_string_equal(rc_effort_name(RC_EFFORT_WEEK), "week");
	assert_int_equal(rc_effort_parse("quick", &e), 0);
	assert_int_equal(e, RC_EFFORT_QUICK);
	assert_int_equal(rc_effort_parse("week", &e), 0);
	assert_int_equal(e, RC_EFFORT_WEEK);
	assert_int_equal(rc_effort_parse("month", &e), RC_ENOTFOUND);
	assert_null(rc_effort_name_at(3));
}

static void test_check__kind(void **state)
{
	enum rc_kind k;

	(void)state;
	assert_string_equal(rc_kind_name(RC_KIND_SERVICE), "service");
	assert_string_equal(rc_kind_name(RC_KIND_LIBRARY), "library");
	assert_string_equal(rc_kind_name(RC_KIND_CLI), "cli");
	assert_string_equal(rc_kind_name(RC_KIND_APP), "app");
	assert_string_equal(
		rc_kind_name((enum rc_kind)(RC_KIND_CLI | RC_KIND_APP)),
		"unknown");
	assert_string_equal(rc_kind_name((enum rc_kind)0), "unknown");
	assert_int_equal(rc_kind_parse("cli", &k), 0);
	assert_int_equal(k, RC_KIND_CLI);
	assert_int_equal(rc_kind_parse("app", &k), 0);
	assert_int_equal(k, RC_KIND_APP);
	assert_int_equal(rc_kind_parse("auto", &k), RC_ENOTFOUND);
	assert_string_equal(rc_kind_name_at(1), "library");
	assert_string_equal(rc_kind_name_at(4), "worker");
	assert_null(rc_kind_name_at(5));
}

static void test_check__status(void **state)
{
	static const char *const names[] = { "pass", "fail", "n-a", "waived",
					     "manual" };
	enum rc_status s;
	size_t i;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(names); i++) {
		assert_string_equal(rc_status_name((enum rc_status)i),
				    names[i]);
		assert_int_equal(rc_status_parse(names[i], &s), 0);
		assert_int_equal(s, i);
	}
	assert_string_equal(rc_status_name((enum rc_status)42), "unknown");
	assert_int_equal(rc_status_parse("na", &s), RC_ENOTFOUND);
}

static void test_check__ecosystem(void **state)
{
	static const char *const names[] = { "rust", "python", "node",
					     "go",   "java",   "c",
					     "ruby", "php",    "dotnet" };
	const char *out = NULL;
	char buf[16];
	size_t i;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(names); i++) {
		/* a copy: the result is the canonical static string */
		snprintf(buf, sizeof(buf), "%s", names[i]);
		assert_int_equal(rc_ecosystem_parse(buf, &out), 0);
		assert_string_equal(out, names[i]);
		assert_ptr_equal(out, rc_ecosystem_name_at(i));
	}
	assert_null(rc_ecosystem_name_at(RC_ARRAY_SIZE(names)));
	assert_int_equal(rc_ecosystem_parse("javascript", &out), RC_ENOTFOUND);
	assert_int_equal(rc_ecosystem_parse("Rust", &out), RC_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check__category_table),
		cmocka_unit_test(test_check__severity),
		cmocka_unit_test(test_check__effort),
		cmocka_unit_test(test_check__kind),
		cmocka_unit_test(test_check__status),
		cmocka_unit_test(test_check__ecosystem),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
