/* Unit tests of src/engine: rc_scan_run() on a small repository built in a
 * temporary directory, determinism across --jobs, configuration errors,
 * facts-only runs, and allocation failures injected throughout a scan. */
#include "core/common.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "engine/engine.h"
#include "report/report.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

static char root[] = "/tmp/rc-engine-XXXXXX";

static void put(const char *rel, const char *text)
{
	char path[512], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (slash = strchr(path + strlen(root) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(root))
		return -1;
	put("README.md", "# orders\n\n## Install\n\ncargo install\n\n"
			 "## Usage\n\norders serve\n");
	put("Cargo.toml", "[package]\nname = \"orders\"\nversion = \"0.1.0\"\n"
			  "license = \"MIT\"\n\n[dependencies]\n"
			  "actix-web = \"4\"\n");
	put("src/main.rs", "fn main() { println!(\"hi\"); }\n");
	put(".gitignore", "target/\n");
	put("target/debug/junk.rs", "ignored\n");
	put(".github/workflows/ci.yml",
	    "on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
	    "    steps:\n      - run: cargo test\n");
	return 0;
}

static int teardown(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) ? -1 : 0;
}

static const struct rc_finding *finding(const struct rc_report *r,
					const char *id)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++)
		if (!strcmp(r->findings[i].check->id, id))
			return &r->findings[i];
	return NULL;
}

static void json_of(unsigned jobs, struct rc_buf *out)
{
	struct rc_scan_opts o = RC_SCAN_OPTS_INIT;
	struct rc_scan_result *res = NULL;
	struct rc_err err = RC_ERR_INIT;
	struct rc_report_opts ro = { 0 };

	o.root = root;
	o.jobs = jobs;
	o.today = "2026-11-21";
	assert_int_equal(rc_scan_run(&res, &o, &err), 0);
	assert_int_equal(
		rc_report_writer_find("json")->write(&res->report, &ro, out),
		0);
	rc_scan_result_free(res);
}

static void test_engine__review(void **state)
{
	struct rc_scan_opts o = RC_SCAN_OPTS_INIT;
	struct rc_scan_result *res = NULL;
	struct rc_err err = RC_ERR_INIT;
	const struct rc_finding *f;

	(void)state;
	o.root = root;
	o.jobs = 2;
	assert_int_equal(rc_scan_run(&res, &o, &err), 0);
	/* .gitignore'd target/ is not walked */
	assert_int_equal(res->report.files, 5);
	assert_string_equal(res->report.ecosystems[0], "rust");
	assert_null(res->report.ecosystems[1]);
	assert_int_equal(res->report.nkinds, 1);
	assert_string_equal(res->report.kinds[0].kind, "service");
	assert_non_null(strstr(res->report.kinds[0].reason, "actix-web"));
	assert_string_equal(res->report.name, "orders");
	f = finding(&res->report, "readme");
	assert_non_null(f);
	assert_int_equal(f->outcome.status, RC_STATUS_PASS);
	f = finding(&res->report, "tests-in-ci");
	assert_int_equal(f->outcome.status, RC_STATUS_PASS);
	assert_string_equal(f->outcome.ev[0].path, ".github/workflows/ci.yml");
	f = finding(&res->report, "security-policy");
	assert_int_equal(f->outcome.status, RC_STATUS_FAIL);
	assert_true(res->report.score.total > 0 &&
		    res->report.score.total < 50);
	assert_true(res->report.nroadmap > 0);
	rc_scan_result_free(res);
}

static void test_engine__same_bytes_for_any_jobs(void **state)
{
	struct rc_buf a = RC_BUF_INIT, b = RC_BUF_INIT;

	(void)state;
	json_of(1, &a);
	json_of(8, &b);
	assert_true(a.len > 1000);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	rc_buf_release(&a);
	rc_buf_release(&b);
}

static void test_engine__config_error(void **state)
{
	struct rc_scan_opts o = RC_SCAN_OPTS_INIT;
	struct rc_scan_result *res = NULL;
	struct rc_err err = RC_ERR_INIT;
	char path[512];

	(void)state;
	put("bad.yml", "version: 1\nprofle: service\n");
	snprintf(path, sizeof(path), "%s/bad.yml", root);
	o.root = root;
	o.config_path = path;
	assert_int_equal(rc_scan_run(&res, &o, &err), RC_EUSAGE);
	assert_null(res);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 1);
	assert_string_equal(err.hint, "profile");
	o.root = "/nonexistent/readycheck";
	o.config_path = NULL;
	assert_int_equal(rc_scan_run(&res, &o, &err), RC_EUSAGE);
	assert_string_equal(err.msg, "not a directory");
}

static void test_engine__facts_only_and_profile(void **state)
{
	struct rc_scan_opts o = RC_SCAN_OPTS_INIT;
	struct rc_scan_result *res = NULL;
	struct rc_err err = RC_ERR_INIT;

	(void)state;
	o.root = root;
	o.facts_only = true;
	assert_int_equal(rc_scan_run(&res, &o, &err), 0);
	assert_int_equal(res->report.nfindings, 0);
	assert_non_null(
		rc_facts_find(res->facts, "dependency.rust", "actix-web"));
	rc_scan_result_free(res);
	o.facts_only = false;
	o.profile = "library";
	assert_int_equal(rc_scan_run(&res, &o, &err), 0);
	assert_string_equal(res->report.kinds[0].kind, "library");
	assert_string_equal(res->report.kinds[0].reason, "set by profile");
	rc_scan_result_free(res);
}

/* Every allocation of a scan may fail: the scan then reports RC_ENOMEM,
 * never crashes, never leaks (ASan/valgrind run this too). */
static void test_engine__allocation_failures(void **state)
{
	struct rc_scan_opts o = RC_SCAN_OPTS_INIT;
	struct rc_scan_result *res = NULL;
	struct rc_err err = RC_ERR_INIT;
	long total, n, failed = 0;

	(void)state;
	o.root = root;
	o.jobs = 1; /* the hook counts on one thread */
	o.no_git = true;
	rc_alloc_fail_after(1L << 40);
	assert_int_equal(rc_scan_run(&res, &o, &err), 0);
	total = rc_alloc_fail_after(-1);
	rc_scan_result_free(res);
	assert_true(total > 100);
	for (n = 0; n < total; n += n < 120 ? 1 : 211) {
		int e;

		res = NULL;
		rc_alloc_fail_after(n);
		e = rc_scan_run(&res, &o, &err);
		rc_alloc_fail_after(-1);
		if (e) {
			assert_int_equal(e, RC_ENOMEM);
			assert_null(res);
			failed++;
		}
		rc_scan_result_free(res);
	}
	assert_true(failed > 120);
}

/*
 * Files are searched only with the patterns their kind of path may need
 * (one database per class of files). 70 kinds of file, more than the
 * engine keeps classes for, each with its own check: every check still
 * sees exactly its files; a pattern only PCRE2 can run, used by two kinds,
 * is noted once.
 */
static void test_engine__pattern_classes(void **state)
{
	char saved[sizeof(root)], rel[64], body[64];
	struct rc_buf cfg = RC_BUF_INIT;
	struct rc_scan_opts o = RC_SCAN_OPTS_INIT;
	struct rc_scan_result *res = NULL;
	struct rc_err err = RC_ERR_INIT;
	const struct rc_finding *f;
	size_t i, notes = 0;
	unsigned jobs;

	(void)state;
	memcpy(saved, root, sizeof(root));
	snprintf(root, sizeof(root), "%s", "/tmp/rc-class-XXXXXX");
	assert_non_null(mkdtemp(root));
	rc_buf_adds(&cfg, "checks:\n");
	for (i = 0; i < 70; i++) {
		snprintf(rel, sizeof(rel), "d%zu/x.e%zu", i % 7, i);
		snprintf(body, sizeof(body), "marker-%zu\n", i);
		put(rel, body);
		rc_buf_addf(&cfg,
			    "  - id: k%zu\n    title: t\n    category: docs\n"
			    "    severity: low\n    remediation: r\n"
			    "    when: { contains: { glob: \"**/*.e%zu\", "
			    "regex: \"marker-%zu\\\\b\" } }\n",
			    i, i, i);
	}
	/* e3's glob, e4's text: must not be seen in x.e3 */
	rc_buf_adds(&cfg, "  - id: cross\n    title: t\n    category: docs\n"
			  "    severity: low\n    remediation: r\n"
			  "    when: { contains: { glob: \"**/*.e3\", "
			  "regex: \"marker-4\" } }\n");
	/* a back-reference: beyond Vectorscan, in the classes of e1 and e2 */
	rc_buf_adds(&cfg, "  - id: backref\n    title: t\n    category: docs\n"
			  "    severity: low\n    remediation: r\n"
			  "    when: { contains: { glob: \"**/*.{e1,e2}\", "
			  "regex: \"(ark)er-\\\\d*\\\\1\" } }\n");
	put(".readycheck.yml", cfg.ptr);
	put("d1/y.e1", "arker-7ark\n");
	for (jobs = 1; jobs <= 2; jobs++) {
		o.root = root;
		o.jobs = jobs;
		o.no_git = true;
		assert_int_equal(rc_scan_run(&res, &o, &err), 0);
		for (i = 0; i < 70; i++) {
			snprintf(rel, sizeof(rel), "k%zu", i);
			f = finding(&res->report, rel);
			assert_non_null(f);
			assert_int_equal(f->outcome.status, RC_STATUS_PASS);
		}
		f = finding(&res->report, "cross");
		assert_int_equal(f->outcome.status, RC_STATUS_FAIL);
		f = finding(&res->report, "backref");
		assert_int_equal(f->outcome.status, RC_STATUS_PASS);
		assert_string_equal(f->outcome.ev[0].path, "d1/y.e1");
		for (i = notes = 0; i < res->diags.list.n; i++)
			notes += strstr(res->diags.list.v[i].msg,
					"beyond Vectorscan") != NULL;
		assert_int_equal(notes, 1);
		rc_scan_result_free(res);
		res = NULL;
	}
	rc_buf_release(&cfg);
	assert_int_equal(teardown(NULL), 0);
	memcpy(root, saved, sizeof(root));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine__review),
		cmocka_unit_test(test_engine__same_bytes_for_any_jobs),
		cmocka_unit_test(test_engine__config_error),
		cmocka_unit_test(test_engine__facts_only_and_profile),
		cmocka_unit_test(test_engine__allocation_failures),
		cmocka_unit_test(test_engine__pattern_classes),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
