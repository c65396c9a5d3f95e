#include "core/common.h"
#include "score/score.h"
#include "core/alloc.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <cmocka.h>

/* Shorthands: I(category, severity, effort, status). */
#define SEC    RC_CAT_SECURITY
#define REL    RC_CAT_RELEASE
#define OBS    RC_CAT_OBSERVABILITY
#define RES    RC_CAT_RELIABILITY
#define PRF    RC_CAT_PERFORMANCE
#define DAT    RC_CAT_DATA
#define TST    RC_CAT_TESTING
#define CFG    RC_CAT_CONFIG
#define OPS    RC_CAT_OPERATIONS
#define DOC    RC_CAT_DOCS
#define LOW    RC_SEV_LOW
#define MED    RC_SEV_MEDIUM
#define HIGH   RC_SEV_HIGH
#define CRIT   RC_SEV_CRITICAL
#define QUICK  RC_EFFORT_QUICK
#define DAY    RC_EFFORT_DAY
#define WEEK   RC_EFFORT_WEEK
#define PASS   RC_STATUS_PASS
#define FAIL   RC_STATUS_FAIL
#define NA     RC_STATUS_NA
#define WAIVED RC_STATUS_WAIVED
#define MANUAL RC_STATUS_MANUAL
#define I(c, s, e, st)                                           \
	{                                                        \
		.category = (c), .severity = (s), .effort = (e), \
		.status = (st)                                   \
	}
#define ITEMS(...)                                                      \
	(const struct rc_score_item[]){ __VA_ARGS__ },                  \
		sizeof((const struct rc_score_item[]){ __VA_ARGS__ }) / \
			sizeof(struct rc_score_item)

#define assert_near(got, want) assert_near_(got, want, #got, __LINE__)

static void assert_near_(double got, double want, const char *what, int line)
{
	if (fabs(got - want) > 1e-9) {
		print_error("line %d: %s = %.17g, want %.17g\n", line, what,
			    got, want);
		fail();
	}
}

static const unsigned default_weights[RC_CAT_COUNT] = { 15, 12, 12, 12, 10,
							10, 10, 8,  6,	5 };
static const unsigned only_sec_tst[RC_CAT_COUNT] = { 3, 0, 0, 0, 0,
						     0, 1, 0, 0, 0 };
static const unsigned all_zero[RC_CAT_COUNT] = { 0 };
static const unsigned thousands[RC_CAT_COUNT] = { 3000, 1000, 0, 0, 0,
						  0,	0,    0, 0, 0 };

/*
 * Totals and levels, computed by hand. Each comment shows the arithmetic:
 * total = sum(w * points / max) / sum(w of applicable) * 100.
 */
static const struct score_case {
	const char *name;
	const struct rc_score_item *items;
	size_t n;
	const unsigned *weights;
	double total;
	enum rc_level level;
} cases[] = {
	{ "nothing", NULL, 0, NULL, 0, RC_LEVEL_NONE },
	/* every category, every check passes: 100 */
	{ "all pass",
	  ITEMS(I(SEC, CRIT, QUICK, PASS), I(REL, HIGH, DAY, PASS),
		I(OBS, MED, WEEK, PASS), I(RES, LOW, QUICK, PASS),
		I(PRF, LOW, QUICK, PASS), I(DAT, LOW, QUICK, PASS),
		I(TST, LOW, QUICK, PASS), I(CFG, LOW, QUICK, PASS),
		I(OPS, LOW, QUICK, PASS), I(DOC, LOW, QUICK, PASS)),
	  NULL, 100, RC_LEVEL_GOLD },
	/* security 8/12 of 15 = 10, the rest 85: 95, but a high fails */
	{ "high fails",
	  ITEMS(I(SEC, CRIT, QUICK, PASS), I(SEC, HIGH, QUICK, FAIL),
		I(REL, LOW, QUICK, PASS), I(OBS, LOW, QUICK, PASS),
		I(RES, LOW, QUICK, PASS), I(PRF, LOW, QUICK, PASS),
		I(DAT, LOW, QUICK, PASS), I(TST, LOW, QUICK, PASS),
		I(CFG, LOW, QUICK, PASS), I(OPS, LOW, QUICK, PASS),
		I(DOC, LOW, QUICK, PASS)),
	  NULL, 95, RC_LEVEL_BRONZE },
	/* security 8/8, docs 1/2; weights 15 + 5 -> 75 + 12.5 */
	{ "two categories",
	  ITEMS(I(SEC, CRIT, QUICK, PASS), I(DOC, LOW, QUICK, FAIL),
		I(DOC, LOW, QUICK, PASS)),
	  NULL, 87.5, RC_LEVEL_SILVER },
	/* only security is applicable: 100 */
	{ "n/a, manual and waived are out",
	  ITEMS(I(SEC, CRIT, QUICK, PASS), I(REL, HIGH, QUICK, NA),
		I(OBS, CRIT, QUICK, MANUAL), I(RES, CRIT, QUICK, WAIVED),
		I(SEC, HIGH, WEEK, WAIVED), I(SEC, CRIT, DAY, MANUAL),
		I(SEC, LOW, DAY, NA)),
	  NULL, 100, RC_LEVEL_GOLD },
	{ "all n/a",
	  ITEMS(I(SEC, CRIT, QUICK, NA), I(REL, HIGH, QUICK, NA),
		I(OBS, CRIT, QUICK, MANUAL), I(RES, CRIT, QUICK, WAIVED)),
	  NULL, 0, RC_LEVEL_NONE },
	/* a critical failure: no level at all; (15 * 24/32 + 12) / 27 */
	{ "critical fails",
	  ITEMS(I(SEC, CRIT, QUICK, FAIL), I(SEC, CRIT, QUICK, PASS),
		I(SEC, CRIT, QUICK, PASS), I(SEC, CRIT, QUICK, PASS),
		I(REL, LOW, QUICK, PASS)),
	  NULL, (15 * 24.0 / 32 + 12) / 27 * 100, RC_LEVEL_NONE },
	/* security 6/8, testing 0/1, weights 3 and 1 (docs dropped):
	 * (3 * 0.75 + 0) / 4 = 56.25 */
	{ "user weights",
	  ITEMS(I(SEC, MED, QUICK, PASS), I(SEC, MED, QUICK, PASS),
		I(SEC, MED, QUICK, PASS), I(SEC, MED, QUICK, FAIL),
		I(TST, LOW, QUICK, FAIL), I(DOC, CRIT, QUICK, FAIL)),
	  only_sec_tst, 56.25, RC_LEVEL_BRONZE },
	/* the same in other units: 3000 and 1000 -> 75 and 25:
	 * security 1/2, release 1/1 -> 37.5 + 25 */
	{ "big weights",
	  ITEMS(I(SEC, LOW, QUICK, PASS), I(SEC, LOW, QUICK, FAIL),
		I(REL, LOW, QUICK, PASS), I(OPS, LOW, QUICK, FAIL)),
	  thousands, 62.5, RC_LEVEL_BRONZE },
	{ "all weights zero",
	  ITEMS(I(SEC, MED, QUICK, PASS), I(TST, LOW, QUICK, FAIL)), all_zero,
	  0, RC_LEVEL_NONE },
	/* the dropped category's critical failure does not block gold */
	{ "dropped category",
	  ITEMS(I(SEC, LOW, QUICK, PASS), I(TST, CRIT, QUICK, PASS),
		I(DOC, CRIT, QUICK, FAIL), I(REL, HIGH, QUICK, FAIL)),
	  only_sec_tst, 100, RC_LEVEL_GOLD },
	/* boundaries, one category: 7/10 = 70 */
	{ "exactly 70",
	  ITEMS(I(SEC, LOW, QUICK, PASS), I(SEC, LOW, QUICK, PASS),
		I(SEC, LOW, QUICK, PASS), I(SEC, LOW, QUICK, PASS),
		I(SEC, LOW, QUICK, PASS), I(SEC, LOW, QUICK, PASS),
		I(SEC, LOW, QUICK, PASS), I(SEC, LOW, QUICK, FAIL),
		I(SEC, LOW, QUICK, FAIL), I(SEC, LOW, QUICK, FAIL)),
	  NULL, 70, RC_LEVEL_SILVER },
	/* 9/13 = 69.23 */
	{ "just under 70",
	  ITEMS(I(SEC, LOW, QUICK, PASS), I(SEC, LOW, QUICK, PASS),
		I(SEC, LOW, QUICK, PASS), I(SEC, LOW, QUICK, PASS),
		I(SEC, LOW, QUICK, PASS), I(SEC, LOW, QUICK, PASS),
		I(SEC, LOW, QUICK, PASS), I(SEC, LOW, QUICK, PASS),
		I(SEC, LOW, QUICK, PASS), I(SEC, LOW, QUICK, FAIL),
		I(SEC, LOW, QUICK, FAIL), I(SEC, LOW, QUICK, FAIL),
		I(SEC, LOW, QUICK, FAIL)),
	  NULL, 900.0 / 13, RC_LEVEL_BRONZE },
	/* 9/10 = 90 */
	{ "exactly 90",
	  ITEMS(I(DOC, LOW, QUICK, PASS), I(DOC, LOW, QUICK, PASS),
		I(DOC, LOW, QUICK, PASS), I(DOC, LOW, QUICK, PASS),
		I(DOC, LOW, QUICK, PASS), I(DOC, LOW, QUICK, PASS),
		I(DOC, LOW, QUICK, PASS), I(DOC, LOW, QUICK, PASS),
		I(DOC, LOW, QUICK, PASS), I(DOC, LOW, QUICK, FAIL)),
	  NULL, 90, RC_LEVEL_GOLD },
	/* security 8/8 (75), docs 2/4 (12.5): 87.5 */
	{ "silver, not gold",
	  ITEMS(I(SEC, CRIT, QUICK, PASS), I(DOC, LOW, QUICK, PASS),
		I(DOC, LOW, QUICK, PASS), I(DOC, LOW, QUICK, FAIL),
		I(DOC, LOW, QUICK, FAIL)),
	  NULL, 87.5, RC_LEVEL_SILVER },
	/* 90 on paper, 89.99999999999999 in doubles: security 12/12 (15),
	 * operations 13/20 (6): (15 + 3.9) / 21 = 90 */
	{ "90 after rounding",
	  ITEMS(I(SEC, HIGH, QUICK, PASS), I(SEC, CRIT, QUICK, PASS),
		I(OPS, MED, QUICK, PASS), I(OPS, MED, QUICK, PASS),
		I(OPS, MED, QUICK, PASS), I(OPS, MED, QUICK, PASS),
		I(OPS, MED, QUICK, PASS), I(OPS, MED, QUICK, PASS),
		I(OPS, LOW, QUICK, PASS), I(OPS, MED, QUICK, FAIL),
		I(OPS, MED, QUICK, FAIL), I(OPS, MED, QUICK, FAIL),
		I(OPS, LOW, QUICK, FAIL)),
	  NULL, 90, RC_LEVEL_GOLD },
	/* 70 on paper: release 7/10 (12), testing 10/10 (10), docs 2/20
	 * (5): (8.4 + 10 + 0.5) / 27 = 70 */
	{ "70 after rounding",
	  ITEMS(I(REL, MED, QUICK, PASS), I(REL, MED, QUICK, PASS),
		I(REL, MED, QUICK, PASS), I(REL, LOW, QUICK, PASS),
		I(REL, MED, QUICK, FAIL), I(REL, LOW, QUICK, FAIL),
		I(TST, CRIT, QUICK, PASS), I(TST, MED, QUICK, PASS),
		I(DOC, MED, QUICK, PASS), I(DOC, MED, QUICK, FAIL),
		I(DOC, MED, QUICK, FAIL), I(DOC, MED, QUICK, FAIL),
		I(DOC, MED, QUICK, FAIL), I(DOC, MED, QUICK, FAIL),
		I(DOC, MED, QUICK, FAIL), I(DOC, MED, QUICK, FAIL),
		I(DOC, MED, QUICK, FAIL), I(DOC, MED, QUICK, FAIL)),
	  NULL, 70, RC_LEVEL_SILVER },
	/* every check fails, none critical or high: bronze at 0 */
	{ "all fail, low",
	  ITEMS(I(SEC, LOW, QUICK, FAIL), I(DOC, MED, QUICK, FAIL)), NULL, 0,
	  RC_LEVEL_BRONZE },
	/* items outside the enums are ignored */
	{ "invalid items",
	  ITEMS(I(SEC, LOW, QUICK, PASS),
		I((enum rc_category)RC_CAT_COUNT, CRIT, QUICK, FAIL),
		I(SEC, (enum rc_severity)7, QUICK, FAIL),
		I(SEC, LOW, QUICK, (enum rc_status)99)),
	  NULL, 100, RC_LEVEL_GOLD },
};

static void test_score__table(void **state)
{
	struct rc_score s;
	double wsum;
	size_t i;
	int c;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(cases); i++) {
		print_message("case '%s'\n", cases[i].name);
		memset(&s, 0xa5, sizeof(s));
		rc_score_compute(cases[i].items, cases[i].n, cases[i].weights,
				 &s);
		assert_near(s.total, cases[i].total);
		assert_true(s.total >= 0 && s.total <= 100);
		assert_string_equal(rc_level_name(s.level),
				    rc_level_name(cases[i].level));
		/* effective weights sum to 100 over what counts, or to 0 */
		wsum = 0;
		for (c = 0; c < RC_CAT_COUNT; c++) {
			if (!s.cat[c].applicable)
				assert_true(s.cat[c].weight_eff == 0);
			wsum += s.cat[c].weight_eff;
		}
		assert_true(fabs(wsum - 100) < 1e-9 || wsum == 0);
	}
}

static void test_score__category_fields(void **state)
{
	struct rc_score s;
	int c;

	(void)state;
	rc_score_compute(
		ITEMS(I(SEC, CRIT, QUICK, PASS), I(SEC, HIGH, DAY, FAIL),
		      I(SEC, MED, WEEK, NA), I(SEC, LOW, QUICK, WAIVED),
		      I(SEC, LOW, QUICK, MANUAL), I(SEC, LOW, QUICK, PASS),
		      I(DOC, MED, QUICK, FAIL), I(REL, HIGH, QUICK, NA),
		      I(OBS, LOW, QUICK, MANUAL)),
		NULL, &s);
	/* security: 9 of 13 points; docs 0 of 2; weights 15 and 5 */
	assert_true(s.cat[SEC].applicable);
	assert_int_equal(s.cat[SEC].weight, 15);
	assert_near(s.cat[SEC].weight_eff, 75);
	assert_int_equal(s.cat[SEC].points, 9);
	assert_int_equal(s.cat[SEC].max_points, 13);
	assert_near(s.cat[SEC].score, 900.0 / 13);
	assert_int_equal(s.cat[SEC].passed, 2);
	assert_int_equal(s.cat[SEC].failed, 1);
	assert_int_equal(s.cat[SEC].na, 1);
	assert_int_equal(s.cat[SEC].waived, 1);
	assert_int_equal(s.cat[SEC].manual, 1);

	assert_true(s.cat[DOC].applicable);
	assert_near(s.cat[DOC].weight_eff, 25);
	assert_int_equal(s.cat[DOC].points, 0);
	assert_int_equal(s.cat[DOC].max_points, 2);
	assert_near(s.cat[DOC].score, 0);
	assert_int_equal(s.cat[DOC].failed, 1);

	assert_false(s.cat[REL].applicable);
	assert_int_equal(s.cat[REL].weight, 12);
	assert_near(s.cat[REL].weight_eff, 0);
	assert_near(s.cat[REL].score, 0);
	assert_int_equal(s.cat[REL].na, 1);
	assert_false(s.cat[OBS].applicable);
	assert_int_equal(s.cat[OBS].manual, 1);

	assert_near(s.total, 75 * 9.0 / 13);
	assert_int_equal(s.level, RC_LEVEL_BRONZE);
	for (c = 0; c < RC_CAT_COUNT; c++)
		assert_int_equal(s.cat[c].weight, default_weights[c]);
}

/* The default weights are FRAMEWORK.md's and points are 1, 2, 4, 8. */
static void test_score__defaults(void **state)
{
	static const enum rc_severity sev[] = { LOW, MED, HIGH, CRIT };
	static const unsigned points[] = { 1, 2, 4, 8 };
	struct rc_score_item items[RC_CAT_COUNT];
	struct rc_score s;
	size_t i;
	int c;

	(void)state;
	for (c = 0; c < RC_CAT_COUNT; c++) {
		items[c] = (struct rc_score_item)I((enum rc_category)c, LOW,
						   QUICK, PASS);
	}
	rc_score_compute(items, RC_CAT_COUNT, NULL, &s);
	for (c = 0; c < RC_CAT_COUNT; c++) {
		assert_true(s.cat[c].weight_eff == default_weights[c]);
		assert_true(s.cat[c].score == 100);
	}
	assert_true(s.total == 100);
	for (i = 0; i < 4; i++) {
		items[0] = (struct rc_score_item)I(SEC, sev[i], QUICK, PASS);
		rc_score_compute(items, 1, NULL, &s);
		assert_int_equal(s.cat[SEC].max_points, points[i]);
	}
}

/* Renormalising: the weights of the present categories scale to 100. */
static void test_score__renormalise(void **state)
{
	static const struct {
		unsigned mask; /* applicable categories */
		double sec_eff;
	} rows[] = {
		{ 1u << SEC, 100 },
		{ 1u << SEC | 1u << DOC, 75 },
		{ 1u << SEC | 1u << REL, 1500.0 / 27 },
		{ 1u << SEC | 1u << OPS | 1u << CFG, 1500.0 / 29 },
		{ 0x3ff, 15 },
		{ 0x3fe, 0 },
	};
	struct rc_score_item items[RC_CAT_COUNT];
	struct rc_score s;
	size_t i, n;
	double sum;
	int c;

	(void)state;
	for (i = 0; i < RC_ARRAY_SIZE(rows); i++) {
		n = 0;
		for (c = 0; c < RC_CAT_COUNT; c++) {
			items[n++] = (struct rc_score_item)I(
				(enum rc_category)c, MED, QUICK,
				rows[i].mask & (1u << c) ? PASS : NA);
		}
		rc_score_compute(items, n, NULL, &s);
		assert_near(s.cat[SEC].weight_eff, rows[i].sec_eff);
		sum = 0;
		for (c = 0; c < RC_CAT_COUNT; c++)
			sum += s.cat[c].weight_eff;
		assert_near(sum, 100);
		assert_true(s.total == 100);
	}
}

static void assert_roadmap(const struct rc_score_item *items, size_t n,
			   const unsigned *weights, const size_t *want_index,
			   const double *want_gain, size_t want_n)
{
	struct rc_roadmap_item *r = NULL;
	struct rc_score s;
	size_t nr = 99, i;

	rc_score_compute(items, n, weights, &s);
	assert_int_equal(rc_score_roadmap(items, n, &s, &r, &nr), 0);
	assert_int_equal(nr, want_n);
	if (!want_n)
		assert_null(r);
	for (i = 0; i < nr; i++) {
		if (r[i].index != want_index[i])
			print_error("position %zu: index %zu, want %zu\n", i,
				    r[i].index, want_index[i]);
		assert_int_equal(r[i].index, want_index[i]);
		assert_near(r[i].gain, want_gain[i]);
	}
	rc_free(r);
}

static void test_score__roadmap_order(void **state)
{
	(void)state;
	/*
	 * security: 14 points, 2 passed, weight_eff 75; docs: 2 points,
	 * weight_eff 25. Gains: critical 75*8/14, high 75*4/14, docs 12.5.
	 * Per hour: 42.9 (quick), 12.5 (quick), 0.54 (week).
	 */
	assert_roadmap(ITEMS(I(SEC, CRIT, QUICK, FAIL),
			     I(SEC, HIGH, WEEK, FAIL), I(SEC, MED, QUICK, PASS),
			     I(DOC, LOW, QUICK, FAIL),
			     I(DOC, LOW, QUICK, PASS)),
		       NULL, (const size_t[]){ 0, 3, 1 },
		       (const double[]){ 600.0 / 14, 12.5, 300.0 / 14 }, 3);
	/* equal rate (100/12 per hour): the larger gain first, then index */
	assert_roadmap(
		ITEMS(I(SEC, LOW, QUICK, FAIL), I(SEC, CRIT, DAY, FAIL),
		      I(SEC, LOW, QUICK, FAIL), I(SEC, MED, QUICK, PASS)),
		NULL, (const size_t[]){ 1, 0, 2 },
		(const double[]){ 800.0 / 12, 100.0 / 12, 100.0 / 12 }, 3);
	/* same effort: security 75 * 8 / 24 = 25 before docs 25 * 1 / 5 */
	assert_roadmap(ITEMS(I(DOC, LOW, DAY, FAIL), I(DOC, MED, DAY, PASS),
			     I(DOC, MED, DAY, PASS), I(SEC, CRIT, DAY, FAIL),
			     I(SEC, CRIT, DAY, PASS), I(SEC, CRIT, DAY, PASS)),
		       NULL, (const size_t[]){ 3, 0 },
		       (const double[]){ 25, 5 }, 2);
	/* equal rate and equal gain in two categories (security 75 * 8 /
	 * 24, docs 25 * 1 / 1): by index */
	assert_roadmap(ITEMS(I(DOC, LOW, DAY, FAIL), I(SEC, CRIT, DAY, FAIL),
			     I(SEC, CRIT, DAY, PASS), I(SEC, CRIT, DAY, PASS)),
		       NULL, (const size_t[]){ 0, 1 },
		       (const double[]){ 25, 25 }, 2);
	/*
	 * Equal rate in different categories and efforts: security critical
	 * (75 * 8 / 24 = 25) over a week = 0.625/h; docs low (25 * 1 / 5 =
	 * 5) over a day = 0.625/h: the larger gain first, although its
	 * index is later.
	 */
	assert_roadmap(ITEMS(I(DOC, LOW, DAY, FAIL), I(DOC, MED, DAY, PASS),
			     I(DOC, MED, DAY, PASS), I(SEC, CRIT, WEEK, FAIL),
			     I(SEC, CRIT, DAY, PASS), I(SEC, CRIT, DAY, PASS)),
		       NULL, (const size_t[]){ 3, 0 },
		       (const double[]){ 25, 5 }, 2);
}

static void test_score__roadmap_excludes(void **state)
{
	(void)state;
	/* only FAIL items; nothing failing gives an empty roadmap */
	assert_roadmap(ITEMS(I(SEC, CRIT, QUICK, PASS), I(SEC, CRIT, QUICK, NA),
			     I(SEC, CRIT, QUICK, WAIVED),
			     I(SEC, CRIT, QUICK, MANUAL)),
		       NULL, NULL, NULL, 0);
	assert_roadmap(NULL, 0, NULL, NULL, NULL, 0);
	/* dropped categories come last with gain 0, by index; an unknown
	 * effort counts as a week; invalid items are left out */
	assert_roadmap(
		ITEMS(I(DOC, CRIT, QUICK, FAIL), I(SEC, LOW, QUICK, FAIL),
		      I(REL, CRIT, QUICK, FAIL),
		      I(SEC, LOW, (enum rc_effort)9, FAIL),
		      I((enum rc_category)42, LOW, QUICK, FAIL),
		      I(SEC, LOW, WEEK, FAIL)),
		only_sec_tst, (const size_t[]){ 1, 3, 5, 0, 2 },
		(const double[]){ 100.0 / 3, 100.0 / 3, 100.0 / 3, 0, 0 }, 5);
	/* all weights zero: everything ties at 0, by index */
	assert_roadmap(
		ITEMS(I(DOC, CRIT, WEEK, FAIL), I(SEC, LOW, QUICK, FAIL)),
		all_zero, (const size_t[]){ 0, 1 }, (const double[]){ 0, 0 },
		2);
}

/* Many items: the order is the one of (rate, gain, index) in exact terms. */
static void test_score__roadmap_large(void **state)
{
	enum { N = 3000 };
	struct rc_score_item *items = rc_calloc(N, sizeof(*items));
	struct rc_roadmap_item *r = NULL;
	struct rc_score s;
	size_t nr = 0, i;
	static const double hours[] = { 1, 8, 40 };
	double ra, rb;
	unsigned seed = 12345;

	(void)state;
	assert_non_null(items);
	for (i = 0; i < N; i++) {
		seed = seed * 1103515245u + 12345u;
		items[i].category =
			(enum rc_category)((seed >> 8) % RC_CAT_COUNT);
		items[i].severity = (enum rc_severity)((seed >> 12) % 4);
		items[i].effort = (enum rc_effort)((seed >> 16) % 3);
		items[i].status = (enum rc_status)((seed >> 20) % 5);
	}
	rc_score_compute(items, N, NULL, &s);
	assert_int_equal(rc_score_roadmap(items, N, &s, &r, &nr), 0);
	assert_true(nr > N / 10);
	for (i = 1; i < nr; i++) {
		ra = r[i - 1].gain / hours[items[r[i - 1].index].effort];
		rb = r[i].gain / hours[items[r[i].index].effort];
		assert_true(ra >= rb - 1e-12);
		if (fabs(ra - rb) < 1e-12 &&
		    fabs(r[i - 1].gain - r[i].gain) < 1e-12)
			assert_true(r[i - 1].index < r[i].index);
		assert_int_equal(items[r[i].index].status, FAIL);
	}
	rc_free(r);
	rc_free(items);
}

static void test_score__roadmap_out_of_memory(void **state)
{
	const struct rc_score_item items[] = { I(SEC, LOW, QUICK, FAIL),
					       I(DOC, LOW, QUICK, FAIL) };
	struct rc_roadmap_item *r = (struct rc_roadmap_item *)1;
	struct rc_score s;
	size_t nr = 9;
	long k;

	(void)state;
	rc_score_compute(items, 2, NULL, &s);
	for (k = 0; k < 2; k++) {
		rc_alloc_fail_after(k);
		assert_int_equal(rc_score_roadmap(items, 2, &s, &r, &nr),
				 RC_ENOMEM);
		rc_alloc_fail_after(-1);
		assert_null(r);
		assert_int_equal(nr, 0);
	}
	assert_int_equal(rc_score_roadmap(items, 2, &s, &r, &nr), 0);
	assert_int_equal(nr, 2);
	rc_free(r);
}

static void test_score__level_names(void **state)
{
	(void)state;
	assert_string_equal(rc_level_name(RC_LEVEL_NONE), "none");
	assert_string_equal(rc_level_name(RC_LEVEL_BRONZE), "bronze");
	assert_string_equal(rc_level_name(RC_LEVEL_SILVER), "silver");
	assert_string_equal(rc_level_name(RC_LEVEL_GOLD), "gold");
	assert_string_equal(rc_level_name((enum rc_level)17), "none");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_score__table),
		cmocka_unit_test(test_score__category_fields),
		cmocka_unit_test(test_score__defaults),
		cmocka_unit_test(test_score__renormalise),
		cmocka_unit_test(test_score__roadmap_order),
		cmocka_unit_test(test_score__roadmap_excludes),
		cmocka_unit_test(test_score__roadmap_large),
		cmocka_unit_test(test_score__roadmap_out_of_memory),
		cmocka_unit_test(test_score__level_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
