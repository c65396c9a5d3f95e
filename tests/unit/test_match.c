#include "core/common.h"
#include "match/match.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <cmocka.h>

struct got {
	unsigned id[16];
	size_t to[16];
	size_t n;
};

static int collect(unsigned id, size_t from, size_t to, void *payload)
{
	struct got *g = payload;

	(void)from;
	if (g->n < 16) {
		g->id[g->n] = id;
		g->to[g->n] = to;
		g->n++;
	}
	return 0;
}

static void scan(const struct rc_pattern *p, size_t n, const char *text,
		 struct got *g)
{
	struct rc_matcher *m = NULL;
	struct rc_match_scratch *s = NULL;
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_err err = RC_ERR_INIT;

	memset(g, 0, sizeof(*g));
	assert_int_equal(rc_matcher_new(&m, p, n, NULL, &d, &err), 0);
	assert_int_equal(rc_match_scratch_new(&s, m), 0);
	assert_int_equal(rc_match_scan(m, s, text, strlen(text), collect, g),
			 0);
	rc_match_scratch_free(s);
	rc_matcher_free(m);
	rc_diags_release(&d);
}

static void test_match__first_match_per_pattern(void **state)
{
	const struct rc_pattern p[] = { { "actix-web", 0 },
					{ "^#+ *install", RC_PAT_CASELESS },
					{ "never-there", 0 } };
	struct got g;

	(void)state;
	scan(p, 3, "x actix-web y\n## Install\nactix-web again\n", &g);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.id[0], 0);
	assert_int_equal(g.to[0], 11);
	assert_int_equal(g.id[1], 1);
	assert_int_equal(g.to[1], 24);
}

static void test_match__all_matches(void **state)
{
	const struct rc_pattern p[] = { { "ab", RC_PAT_ALL } };
	struct got g;

	(void)state;
	scan(p, 1, "ab ab ab", &g);
	assert_int_equal(g.n, 3);
	assert_int_equal(g.to[2], 8);
}

static void test_match__pcre2_fallback(void **state)
{
	/* a back-reference: Vectorscan refuses, PCRE2 takes it */
	const struct rc_pattern p[] = { { "plain", 0 },
					{ "(a)\\1b", 0 },
					{ "tail$", 0 } };
	struct rc_matcher *m = NULL;
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_err err = RC_ERR_INIT;
	struct got g;

	(void)state;
	assert_int_equal(rc_matcher_new(&m, p, 3, NULL, &d, &err), 0);
	assert_int_equal(d.list.n, 1);
	assert_non_null(strstr(d.list.v[0].msg, "(a)\\1b"));
	rc_matcher_free(m);
	rc_diags_release(&d);
	scan(p, 3, "plain xaab tail\n", &g);
	assert_int_equal(g.n, 3);
	assert_int_equal(g.id[2], 1); /* fallbacks are reported after */
	assert_int_equal(g.to[2], 10);
}

static void test_match__invalid_regex(void **state)
{
	const struct rc_pattern p[] = { { "ok", 0 }, { "(unclosed", 0 } };
	struct rc_matcher *m = NULL;
	struct rc_err err = RC_ERR_INIT;

	(void)state;
	assert_int_equal(rc_matcher_new(&m, p, 2, NULL, NULL, &err), RC_EPARSE);
	assert_null(m);
	assert_non_null(strstr(err.msg, "invalid regex '(unclosed'"));
}

static void test_match__empty_set_and_buffer(void **state)
{
	const struct rc_pattern p[] = { { "x", 0 } };
	struct got g;
	struct rc_matcher *m = NULL;
	struct rc_match_scratch *s = NULL;
	struct rc_err err = RC_ERR_INIT;

	(void)state;
	scan(p, 1, "", &g);
	assert_int_equal(g.n, 0);
	assert_int_equal(rc_matcher_new(&m, NULL, 0, NULL, NULL, &err), 0);
	assert_int_equal(rc_match_scratch_new(&s, m), 0);
	assert_int_equal(rc_match_scan(m, s, "abc", 3, collect, &g), 0);
	assert_int_equal(g.n, 0);
	rc_match_scratch_free(s);
	rc_matcher_free(m);
}

/* Compile into a cache directory, load from it, survive a corrupt file. */
static void test_match__cache(void **state)
{
	const struct rc_pattern p[] = { { "actix-web", 0 },
					{ "(a)\\1b", 0 },
					{ "^#+ *install", RC_PAT_CASELESS } };
	const char *text = "## Install\nxaab actix-web\n";
	char dir[] = "/tmp/rc-hs-cache-XXXXXX", cmd[128];
	struct rc_matcher *m = NULL;
	struct rc_match_scratch *s = NULL;
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_err err = RC_ERR_INIT;
	struct got g;
	int round;

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (round = 0; round < 3; round++) {
		if (round == 2) { /* corrupt every cache file */
			snprintf(cmd, sizeof(cmd),
				 "for f in %s/hs-*.db; do echo junk > $f; done",
				 dir);
			assert_int_equal(system(cmd), 0);
		}
		memset(&g, 0, sizeof(g));
		assert_int_equal(rc_matcher_new(&m, p, 3, dir, &d, &err), 0);
		assert_int_equal(rc_match_scratch_new(&s, m), 0);
		assert_int_equal(
			rc_match_scan(m, s, text, strlen(text), collect, &g),
			0);
		assert_int_equal(g.n, 3);
		/* the same note whether compiled or loaded */
		assert_int_equal(d.list.n, 1);
		assert_non_null(strstr(d.list.v[0].msg, "beyond Vectorscan"));
		rc_match_scratch_free(s);
		rc_matcher_free(m);
		rc_diags_release(&d);
	}
	snprintf(cmd, sizeof(cmd), "test -f %s/hs-*.db && rm -rf %s", dir, dir);
	assert_int_equal(system(cmd), 0);
}

/* Compiling prunes cache files unused for 30 days, and only those; loading
 * refreshes a file's time so that one in use is never pruned. */
static void test_match__cache_prune(void **state)
{
	const struct rc_pattern p[] = { { "prune-me", 0 } };
	char dir[] = "/tmp/rc-hs-prune-XXXXXX", path[128], cmd[160];
	struct rc_matcher *m = NULL;
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_err err = RC_ERR_INIT;
	const char *names[] = { "hs-0000000000000001.db",
				"hs-0000000000000002.db", "other.db" };
	struct timespec t[2];
	struct stat st;
	size_t i;

	(void)state;
	assert_non_null(mkdtemp(dir));
	t[0].tv_sec = t[1].tv_sec = time(NULL) - 40L * 24 * 3600;
	t[0].tv_nsec = t[1].tv_nsec = 0;
	for (i = 0; i < 3; i++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		assert_non_null(f = fopen(path, "w"));
		fclose(f);
		if (i != 1) /* 2 stays fresh */
			assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
	}
	assert_int_equal(rc_matcher_new(&m, p, 1, dir, &d, &err), 0);
	rc_matcher_free(m);
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		assert_int_equal(stat(path, &st) == 0, i != 0);
	}
	/* the new file, aged, is refreshed by a load */
	snprintf(cmd, sizeof(cmd),
		 "rm %s/%s && touch -d '40 days ago' %s/hs-*.db", dir, names[1],
		 dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(rc_matcher_new(&m, p, 1, dir, &d, &err), 0);
	rc_matcher_free(m);
	snprintf(cmd, sizeof(cmd),
		 "test -n \"$(find %s -name 'hs-*.db' -mtime -1)\" && "
		 "rm -rf %s",
		 dir, dir);
	assert_int_equal(system(cmd), 0);
	rc_diags_release(&d);
}

/* One scratch fitted to several matchers (a big one, a tiny one, one with a
 * PCRE2 fallback) scans with each of them, in any order. */
static void test_match__scratch_fits_many(void **state)
{
	const struct rc_pattern big[] = { { "(foo|bar)[0-9]{2,40}baz", 0 },
					  { "alpha\\s+beta", RC_PAT_CASELESS },
					  { "gamma", RC_PAT_ALL } };
	const struct rc_pattern tiny[] = { { "x", 0 } };
	const struct rc_pattern fb[] = { { "(a)\\1", 0 } };
	const struct rc_pattern *sets[] = { tiny, big, fb };
	const size_t ns[] = { 1, 3, 1 };
	struct rc_matcher *m[3] = { NULL };
	struct rc_match_scratch *s = NULL;
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_err err = RC_ERR_INIT;
	const char *text = "x foo12baz ALPHA  beta gamma gamma aa";
	struct got g;
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		assert_int_equal(
			rc_matcher_new(&m[i], sets[i], ns[i], NULL, &d, &err),
			0);
		assert_int_equal(rc_match_scratch_fit(&s, m[i]), 0);
	}
	for (i = 3; i-- > 0;) {
		memset(&g, 0, sizeof(g));
		assert_int_equal(
			rc_match_scan(m[i], s, text, strlen(text), collect, &g),
			0);
		assert_int_equal(g.n, i == 1 ? 4 : 1);
	}
	rc_match_scratch_free(s);
	for (i = 0; i < 3; i++)
		rc_matcher_free(m[i]);
	rc_diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match__first_match_per_pattern),
		cmocka_unit_test(test_match__all_matches),
		cmocka_unit_test(test_match__pcre2_fallback),
		cmocka_unit_test(test_match__invalid_regex),
		cmocka_unit_test(test_match__empty_set_and_buffer),
		cmocka_unit_test(test_match__cache),
		cmocka_unit_test(test_match__cache_prune),
		cmocka_unit_test(test_match__scratch_fits_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
