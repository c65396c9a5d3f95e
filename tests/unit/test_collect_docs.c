/*
 * test_collect_docs.c - doc.heading (collect/docs.h), and the source facts
 * that decide the worker and service kinds (collect/code.h).
 */
#include "core/common.h"
#include "collect/code.h"
#include "collect/docs.h"
#include "core/buf.h"
#include "facts/facts.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

/* "name value @line" per fact, in order. */
static void dump(const struct rc_facts *f, struct rc_buf *out)
{
	size_t i;

	for (i = 0; i < rc_facts_count(f); i++) {
		const struct rc_fact *x = rc_facts_at(f, i);

		rc_buf_addf(out, "%s %s @%u\n", x->name, x->str, x->line);
	}
}

typedef int (*collect_fn)(struct rc_facts *, struct rc_diags *, const char *,
			  const char *, size_t);

static void check_(collect_fn fn, const char *path, const char *text,
		   const char *want, const char *file, int line)
{
	struct rc_facts *f = NULL;
	struct rc_buf got = RC_BUF_INIT;

	assert_int_equal(rc_facts_new(&f), 0);
	assert_int_equal(fn(f, NULL, path, text, strlen(text)), 0);
	dump(f, &got);
	if (strcmp(got.ptr ? got.ptr : "", want)) {
		print_error("%s:%d: got\n%s--- want\n%s", file, line,
			    got.ptr ? got.ptr : "", want);
		fail();
	}
	rc_buf_release(&got);
	rc_facts_free(f);
}
#define check(fn, path, text, want) \
	check_(fn, path, text, want, __FILE__, __LINE__)

static void test_docs__which_files(void **state)
{
	(void)state;
	assert_true(rc_collect_is_doc("README.md"));
	assert_true(rc_collect_is_doc("OPERATIONS.rst"));
	assert_true(rc_collect_is_doc("docs/ops/runbook.md"));
	assert_true(rc_collect_is_doc("crates/api/README.md"));
	assert_true(rc_collect_is_doc(".github/CONTRIBUTING.md"));
	assert_false(rc_collect_is_doc(".github/ISSUE_TEMPLATE/bug.md"));
	assert_false(rc_collect_is_doc("src/notes.md"));
	assert_false(rc_collect_is_doc("docs/logo.png"));
	assert_true(rc_collect_is_plan("TODO.md"));
	assert_true(rc_collect_is_plan("FIXME.md"));
	assert_true(rc_collect_is_plan("docs/ROADMAP.md"));
	assert_true(rc_collect_is_plan("docs/production-roadmap.md"));
	assert_true(rc_collect_is_plan("docs/PRODUCTION_READINESS.md"));
	assert_true(rc_collect_is_plan("docs/beta-checklist.md"));
	assert_false(rc_collect_is_plan("docs/deployment.md"));
}

static void test_docs__headings(void **state)
{
	(void)state;
	/* a heading over tasks only, or over subheadings of tasks, does not
	 * count; prose, tables and code do */
	check(rc_collect_doc, "docs/guide.md",
	      "# Guide\n"
	      "\n"
	      "Intro.\n"
	      "\n"
	      "## Performance\n"
	      "- [ ] Profile the hot paths\n"
	      "- [x] Baselines\n"
	      "\n"
	      "## Operations\n"
	      "### Backups\n"
	      "- [ ] Document backups\n"
	      "\n"
	      "## Deployment\n"
	      "```sh\n"
	      "# not a heading\n"
	      "make deploy\n"
	      "```\n"
	      "Setext title\n"
	      "------------\n"
	      "| a | b |\n",
	      "doc.heading # Guide @1\n"
	      "doc.heading ## Deployment @13\n"
	      "doc.heading ## Setext title @18\n");
	check(rc_collect_doc, "docs/ops.rst",
	      "Operations\n"
	      "==========\n"
	      "\n"
	      "Runbook\n"
	      "-------\n"
	      "Restart the service.\n",
	      "doc.heading # Operations @1\n"
	      "doc.heading ## Runbook @4\n");
	check(rc_collect_doc, "docs/ops.adoc", "== Capacity\nTwo nodes.\n",
	      "doc.heading ## Capacity @1\n");
	/* planning files give nothing */
	check(rc_collect_doc, "docs/production-roadmap.md",
	      "## Performance\nWe will measure it.\n", "");
}

static void test_docs__python_source(void **state)
{
	(void)state;
	check(rc_collect_python_source, "src/app/cli.py",
	      "import time\n"
	      "def main():\n"
	      "    while True:\n"
	      "        time.sleep(5)\n",
	      "code.loop while True: @3\n");
	/* a loop outside an entry module is not a program's main loop */
	check(rc_collect_python_source, "src/app/retry.py",
	      "import time\n"
	      "def call():\n"
	      "    while True:\n"
	      "        time.sleep(1)\n",
	      "");
	check(rc_collect_python_source, "src/app/server.py",
	      "from http.server import ThreadingHTTPServer\n"
	      "class S(ThreadingHTTPServer):\n"
	      "    pass\n"
	      "def serve():\n"
	      "    httpd = ThreadingHTTPServer(('', 80), H)\n"
	      "    httpd.serve_forever()\n",
	      "python.listen ThreadingHTTPServer @5\n");
	check(rc_collect_python_source, "src/app/store.py",
	      "import sqlite3\n# sqlite3.connect( in a comment\n"
	      "db = sqlite3.connect(path)\n",
	      "db.client sqlite3 @3\n");
}

static void test_docs__rust_source(void **state)
{
	(void)state;
	check(rc_collect_rust_source, "crates/d/src/main.rs",
	      "fn main() {\n"
	      "    loop {\n"
	      "        tick();\n"
	      "        std::thread::sleep(D);\n"
	      "    }\n"
	      "}\n",
	      "code.loop loop { @2\n");
	/* a library's loop is not a program */
	check(rc_collect_rust_source, "crates/d/src/lib.rs",
	      "fn run() { loop {\n sleep(D); } }\n", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_docs__which_files),
		cmocka_unit_test(test_docs__headings),
		cmocka_unit_test(test_docs__python_source),
		cmocka_unit_test(test_docs__rust_source),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
