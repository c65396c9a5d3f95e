/*
 * test_collect_ci.c - the CI collector (collect/ci.c): GitHub Actions,
 * GitLab CI, the best-effort systems and Jenkins.
 *
 * Each case collects one file and compares every fact, in order, with an
 * expected listing "name value @line (note)".
 */
#include "core/common.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/diag.h"
#include "collect/ci.h"
#include "facts/facts.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>

/* One line per fact: "name value @line (note)"; values with newlines are
 * shown with \n. */
static void dump(const struct rc_facts *f, const char *path, struct rc_buf *out)
{
	size_t i;
	const char *p;

	for (i = 0; i < rc_facts_count(f); i++) {
		const struct rc_fact *x = rc_facts_at(f, i);

		assert_string_equal(x->path, path);
		assert_int_equal(x->type, RC_FACT_STR);
		rc_buf_addf(out, "%s ", x->name);
		for (p = x->str; *p; p++)
			if (*p == '\n')
				rc_buf_adds(out, "\\n");
			else
				rc_buf_addc(out, *p);
		rc_buf_addf(out, " @%u", x->line);
		if (x->note)
			rc_buf_addf(out, " (%s)", x->note);
		rc_buf_addc(out, '\n');
	}
	assert_int_equal(rc_buf_err(out), 0);
}

/* Collect text as path and compare the facts with want; no diagnostics. */
static void check_(const char *path, const char *text, const char *want,
		   const char *file, int line)
{
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_facts *f = NULL;
	struct rc_buf got = RC_BUF_INIT;

	assert_int_equal(rc_facts_new(&f), 0);
	assert_int_equal(rc_collect_ci_file(f, &d, path, text, strlen(text)),
			 0);
	dump(f, path, &got);
	if (strcmp(got.ptr, want) || d.list.n) {
		print_error("%s:%d: facts differ\n--- got\n%s--- want\n%s",
			    file, line, got.ptr, want);
		if (d.list.n)
			print_error("diagnostic %u:%u: %s\n", d.list.v[0].line,
				    d.list.v[0].col, d.list.v[0].msg);
		rc_buf_release(&got);
		rc_facts_free(f);
		rc_diags_release(&d);
		fail();
	}
	rc_buf_release(&got);
	rc_facts_free(f);
	rc_diags_release(&d);
}
#define check(path, text, want) check_(path, text, want, __FILE__, __LINE__)

#define GH ".github/workflows/release.yml"

static void test_collect_ci__github(void **state)
{
	(void)state;
	check(GH,
	      "name: release\n"
	      "\"on\":\n"
	      "  push:\n"
	      "    branches: [main]\n"
	      "    tags:\n"
	      "      - \"v*\"\n"
	      "  pull_request_target:\n"
	      "  schedule:\n"
	      "    - cron: \"0 0 * * *\"\n"
	      "  workflow_dispatch: {}\n"
	      "  release:\n"
	      "    types: [published]\n"
	      "permissions: write-all\n"
	      "jobs:\n"
	      "  build:\n"
	      "    runs-on: ubuntu-latest\n"
	      "    permissions:\n"
	      "      contents: read\n"
	      "      id-token: write\n"
	      "    container:\n"
	      "      image: node:20@sha256:abc\n"
	      "    services:\n"
	      "      redis:\n"
	      "        image: redis:7\n"
	      "    steps:\n"
	      "      - uses: "
	      "actions/checkout@8f4b7f84864484a7bf31766abe9204da3cbe65b3\n"
	      "      - name: Test\n"
	      "        # a comment\n"
	      "        run: |\n"
	      "          npm ci\n"
	      "          npm test\n"
	      "      - run: echo \"${{ github.event.issue.title }}\"\n"
	      "  call:\n"
	      "    uses: org/repo/.github/workflows/w.yml@v1\n"
	      "  'plain':\n"
	      "    container: alpine:3\n"
	      "    steps: [{run: make}, {uses: ./local, run: 1.10}]\n",
	      "ci.system github @0\n"
	      "ci.workflow " GH " @0\n"
	      "ci.trigger push @3\n"
	      "ci.trigger tag @5\n"
	      "ci.trigger pull_request_target @7\n"
	      "ci.trigger schedule @8\n"
	      "ci.trigger workflow_dispatch @10\n"
	      "ci.trigger release @11\n"
	      "ci.permissions write-all @13\n"
	      "ci.job build @15\n"
	      "ci.permissions declared @17 (job 'build')\n"
	      "ci.permission contents: read @18 (job 'build')\n"
	      "ci.permission id-token: write @19 (job 'build')\n"
	      "ci.image node:20@sha256:abc @21\n"
	      "ci.runner ubuntu-latest @16\n"
	      "ci.image redis:7 @24\n"
	      "ci.uses "
	      "actions/checkout@8f4b7f84864484a7bf31766abe9204da3cbe65b3 @26\n"
	      "ci.pr_target_checkout "
	      "actions/checkout@8f4b7f84864484a7bf31766abe9204da3cbe65b3 @26\n"
	      "ci.run npm ci\\nnpm test\\n @29\n"
	      "ci.run echo \"${{ github.event.issue.title }}\" @32\n"
	      "ci.job call @33\n"
	      "ci.uses org/repo/.github/workflows/w.yml@v1 @34\n"
	      "ci.job plain @35\n"
	      "ci.image alpine:3 @36\n"
	      "ci.run make @37\n"
	      "ci.uses ./local @37\n"
	      "ci.run 1.10 @37\n");
}

static void test_collect_ci__github_on_forms(void **state)
{
	(void)state;
	/* a string; an unknown event is not a trigger */
	check(".github/workflows/a.yml", "on: push\njobs: {}\n",
	      "ci.system github @0\n"
	      "ci.workflow .github/workflows/a.yml @0\n"
	      "ci.trigger push @1\n");
	check(".github/workflows/b.yaml",
	      "on:\n  - pull_request\n  - bogus\n  - workflow_call\n",
	      "ci.system github @0\n"
	      "ci.workflow .github/workflows/b.yaml @0\n"
	      "ci.trigger pull_request @2\n"
	      "ci.trigger workflow_call @4\n");
	/* flow map; push without tags is no tag trigger */
	check(".github/workflows/c.yml",
	      "on: {push: {branches: [main]}, pull_request: null}\n"
	      "permissions: {}\n",
	      "ci.system github @0\n"
	      "ci.workflow .github/workflows/c.yml @0\n"
	      "ci.trigger push @1\n"
	      "ci.trigger pull_request @1\n"
	      "ci.permissions declared @2\n");
	/* the key as a YAML 1.1 reader would have left it */
	check(".github/workflows/d.yml", "true: [release]\n",
	      "ci.system github @0\n"
	      "ci.workflow .github/workflows/d.yml @0\n"
	      "ci.trigger release @1\n");
}

static void test_collect_ci__github_aliases(void **state)
{
	(void)state;
	/* an anchored step used twice is one fact */
	check(".github/workflows/e.yml",
	      "on: push\n"
	      "jobs:\n"
	      "  a:\n"
	      "    steps:\n"
	      "      - &t\n"
	      "        run: make test\n"
	      "  b:\n"
	      "    steps:\n"
	      "      - *t\n",
	      "ci.system github @0\n"
	      "ci.workflow .github/workflows/e.yml @0\n"
	      "ci.trigger push @1\n"
	      "ci.job a @3\n"
	      "ci.run make test @6\n"
	      "ci.job b @7\n");
}

static void test_collect_ci__gitlab(void **state)
{
	(void)state;
	check(".gitlab-ci.yml",
	      "include:\n"
	      "  - local: /ci/common.yml\n"
	      "  - project: group/templates\n"
	      "    ref: 1.10\n"
	      "    file: /t.yml\n"
	      "  - remote: https://example.com/ci.yml\n"
	      "  - template: Security/SAST.gitlab-ci.yml\n"
	      "  - \"https://example.com/other.yml\"\n"
	      "  - component: $CI_SERVER_FQDN/org/comp/scan@1.0.0\n"
	      "image: python:3.12\n"
	      "stages: [test]\n"
	      "variables:\n"
	      "  script: not-a-job\n"
	      ".setup: &setup\n"
	      "  - pip install -r requirements.txt\n"
	      ".template:\n"
	      "  image:\n"
	      "    name: registry.example.com/tools:1.2\n"
	      "  script:\n"
	      "    - make lint\n"
	      "test:\n"
	      "  stage: test\n"
	      "  before_script:\n"
	      "    - *setup\n"
	      "  script:\n"
	      "    - pytest\n"
	      "    - - nested one\n"
	      "  rules:\n"
	      "    - if: $CI_PIPELINE_SOURCE == \"merge_request_event\"\n"
	      "    - if: $CI_COMMIT_TAG == null\n"
	      "      when: never\n"
	      "release:\n"
	      "  image: alpine@sha256:123\n"
	      "  services:\n"
	      "    - postgres:16\n"
	      "    - name: redis:7\n"
	      "  before_script: *setup\n"
	      "  script: echo release\n"
	      "  only:\n"
	      "    - tags\n"
	      "    - schedules\n"
	      "deploy:\n"
	      "  extends: .template\n"
	      "  rules:\n"
	      "    - if: '$CI_COMMIT_TAG'\n",
	      "ci.system gitlab @0\n"
	      "ci.workflow .gitlab-ci.yml @0\n"
	      "ci.include /ci/common.yml @2 (local)\n"
	      "ci.include group/templates@1.10 @3 (project)\n"
	      "ci.include https://example.com/ci.yml @6 (remote)\n"
	      "ci.include Security/SAST.gitlab-ci.yml @7 (template)\n"
	      "ci.include https://example.com/other.yml @8 (remote)\n"
	      "ci.include $CI_SERVER_FQDN/org/comp/scan@1.0.0 @9 (component)\n"
	      "ci.image python:3.12 @10\n"
	      "ci.run make lint @20\n"
	      "ci.image registry.example.com/tools:1.2 @18\n"
	      "ci.job test @21\n"
	      "ci.run pip install -r requirements.txt @15\n"
	      "ci.run pytest @26\n"
	      "ci.run nested one @27\n"
	      "ci.trigger merge_request @29\n"
	      "ci.job release @32\n"
	      "ci.run echo release @38\n"
	      "ci.image alpine@sha256:123 @33\n"
	      "ci.image postgres:16 @35\n"
	      "ci.image redis:7 @36\n"
	      "ci.trigger tag @40\n"
	      "ci.trigger schedule @41\n"
	      "ci.job deploy @42\n");
}

static void test_collect_ci__gitlab_forms(void **state)
{
	(void)state;
	/* include as one string; workflow rules; spec header document */
	check(".gitlab-ci.yml",
	      "spec:\n"
	      "  inputs:\n"
	      "    stage: {default: test}\n"
	      "---\n"
	      "include: templates/a.yml\n"
	      "workflow:\n"
	      "  rules:\n"
	      "    - if: $CI_PIPELINE_SOURCE =~ /^(schedule|web)$/\n"
	      "    - if: ${CI_MERGE_REQUEST_IID} && $CI_COMMIT_TAG_MESSAGE\n"
	      "default:\n"
	      "  image: {name: ruby:3.3, entrypoint: [\"\"]}\n"
	      "  before_script: [bundle install]\n"
	      "job:\n"
	      "  script: rake\n"
	      "  only: {refs: [merge_requests, main]}\n",
	      "ci.system gitlab @0\n"
	      "ci.workflow .gitlab-ci.yml @0\n"
	      "ci.include templates/a.yml @5 (local)\n"
	      "ci.trigger schedule @8\n"
	      "ci.trigger web @8\n"
	      "ci.trigger merge_request @9\n"
	      "ci.run bundle install @12\n"
	      "ci.image ruby:3.3 @11\n"
	      "ci.job job @13\n"
	      "ci.run rake @14\n");
	/* include as one map with a project and no ref */
	check(".gitlab-ci.yml",
	      "include: {project: g/p, file: [a.yml, b.yml]}\n"
	      "build: {script: [make]}\n",
	      "ci.system gitlab @0\n"
	      "ci.workflow .gitlab-ci.yml @0\n"
	      "ci.include g/p @1 (project)\n"
	      "ci.job build @2\n"
	      "ci.run make @2\n");
}

static void test_collect_ci__malformed(void **state)
{
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_facts *f = NULL;
	struct rc_buf got = RC_BUF_INIT;
	static const char text[] = "jobs:\n  build:\n    steps: [\n";
	(void)state;

	assert_int_equal(rc_facts_new(&f), 0);
	assert_int_equal(rc_collect_ci_file(f, &d, GH, text, sizeof(text) - 1),
			 0);
	dump(f, GH, &got);
	assert_string_equal(got.ptr, "ci.system github @0\n"
				     "ci.workflow " GH " @0\n");
	assert_int_equal(d.list.n, 1);
	assert_int_equal(d.list.v[0].level, RC_DIAG_ERROR);
	assert_string_equal(d.list.v[0].path, GH);
	assert_int_equal(d.list.v[0].line, 4);
	assert_int_equal(d.list.v[0].col, 1);
	assert_string_equal(d.list.v[0].msg,
			    "flow sequence without a closing bracket");

	/* a second file is still collected into the same store */
	assert_int_equal(
		rc_collect_ci_file(f, &d, ".gitlab-ci.yml", "a: b\n", 5), 0);
	assert_int_equal(rc_facts_count(f), 4);
	assert_string_equal(rc_facts_at(f, 2)->str, "gitlab");

	/* not a mapping: a warning */
	assert_int_equal(rc_collect_ci_file(f, &d, ".travis.yml", "- a\n", 4),
			 0);
	assert_int_equal(d.list.n, 2);
	assert_int_equal(d.list.v[1].level, RC_DIAG_WARNING);
	assert_int_equal(d.list.v[1].line, 1);
	assert_string_equal(d.list.v[1].msg,
			    "expected a mapping at the top of the file");
	rc_buf_release(&got);
	rc_facts_free(f);
	rc_diags_release(&d);
}

static void test_collect_ci__other_systems(void **state)
{
	(void)state;
	check(".circleci/config.yml",
	      "version: 2.1\n"
	      "jobs:\n"
	      "  test:\n"
	      "    docker:\n"
	      "      - image: cimg/python:3.12\n"
	      "    steps:\n"
	      "      - checkout\n"
	      "      - run: pytest\n"
	      "      - run:\n"
	      "          name: lint\n"
	      "          command: |\n"
	      "            ruff check\n"
	      "workflows:\n"
	      "  nightly:\n"
	      "    triggers:\n"
	      "      - schedule: {cron: \"0 0 * * *\"}\n"
	      "    jobs: [test]\n",
	      "ci.system circleci @0\n"
	      "ci.workflow .circleci/config.yml @0\n"
	      "ci.job test @3\n"
	      "ci.trigger schedule @16\n"
	      "ci.image cimg/python:3.12 @5\n"
	      "ci.run pytest @8\n"
	      "ci.run ruff check\\n @11\n");
	check("azure-pipelines.yml",
	      "trigger:\n"
	      "  tags:\n"
	      "    include: ['v*']\n"
	      "pr: none\n"
	      "jobs:\n"
	      "  - job: build\n"
	      "    steps:\n"
	      "      - script: make\n"
	      "      - bash: |\n"
	      "          ./test.sh\n",
	      "ci.system azure @0\n"
	      "ci.workflow azure-pipelines.yml @0\n"
	      "ci.trigger push @1\n"
	      "ci.trigger tag @2\n"
	      "ci.job build @6\n"
	      "ci.run make @8\n"
	      "ci.run ./test.sh\\n @9\n");
	check(".buildkite/pipeline.yml",
	      "steps:\n"
	      "  - label: test\n"
	      "    command: make test\n"
	      "  - commands:\n"
	      "      - make a\n"
	      "      - make b\n",
	      "ci.system buildkite @0\n"
	      "ci.workflow .buildkite/pipeline.yml @0\n"
	      "ci.run make test @3\n"
	      "ci.run make a @5\n"
	      "ci.run make b @6\n");
	check(".travis.yml",
	      "language: python\n"
	      "install: pip install .\n"
	      "script:\n"
	      "  - pytest\n",
	      "ci.system travis @0\n"
	      "ci.workflow .travis.yml @0\n"
	      "ci.run pip install . @2\n"
	      "ci.run pytest @4\n");
}

static void test_collect_ci__jenkins(void **state)
{
	(void)state;
	check("ci/Jenkinsfile",
	      "// sh 'not this'\n"
	      "pipeline {\n"
	      "  triggers { cron('H 4 * * 1-5') }\n"
	      "  stages {\n"
	      "    stage('Build') {\n"
	      "      steps {\n"
	      "        sh 'make'\n"
	      "        sh \"make ${TARGET}\"\n"
	      "        echo \"sh 'nor this'\" /* sh 'x' */\n"
	      "        sh(script: '''\n"
	      "          ./test.sh\n"
	      "        ''', returnStatus: true)\n"
	      "        sh label: 'lint', script: \"make lint\"\n"
	      "        sh returnStdout: true, script: 'git rev-parse HEAD'\n"
	      "        bat 'build.bat'\n"
	      "        sh\n"
	      "      }\n"
	      "    }\n"
	      "  }\n"
	      "}\n"
	      "sh 'unterminated\n",
	      "ci.system jenkins @0\n"
	      "ci.workflow ci/Jenkinsfile @0\n"
	      "ci.trigger schedule @3\n"
	      "ci.job Build @5\n"
	      "ci.run make @7\n"
	      "ci.run make ${TARGET} @8\n"
	      "ci.run \\n          ./test.sh\\n         @10\n"
	      "ci.run make lint @13\n"
	      "ci.run git rev-parse HEAD @14\n"
	      "ci.run build.bat @15\n"
	      "ci.run unterminated @21\n");
}

static void test_collect_ci__system(void **state)
{
	static const struct {
		const char *path, *sys;
	} cases[] = {
		{ ".github/workflows/ci.yml", "github" },
		{ ".github/workflows/ci.yaml", "github" },
		{ ".github/workflows/sub/ci.yml", NULL },
		{ ".github/workflows/ci.json", NULL },
		{ ".github/dependabot.yml", NULL },
		{ "pkg/.github/workflows/ci.yml", NULL },
		{ ".gitlab-ci.yml", "gitlab" },
		{ "sub/.gitlab-ci.yml", NULL },
		{ ".circleci/config.yml", "circleci" },
		{ "azure-pipelines.yml", "azure" },
		{ ".azure-pipelines/build.yaml", "azure" },
		{ ".buildkite/pipeline.yml", "buildkite" },
		{ ".travis.yml", "travis" },
		{ "Jenkinsfile", "jenkins" },
		{ "svc/Jenkinsfile", "jenkins" },
		{ "Jenkinsfile.groovy", NULL },
		{ "README.md", NULL },
	};
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_facts *f = NULL;
	size_t i;
	(void)state;

	for (i = 0; i < RC_ARRAY_SIZE(cases); i++) {
		const char *got = rc_collect_ci_system(cases[i].path);
		if (!cases[i].sys)
			assert_null(got);
		else
			assert_string_equal(got, cases[i].sys);
	}
	/* an unknown path adds nothing */
	assert_int_equal(rc_facts_new(&f), 0);
	assert_int_equal(rc_collect_ci_file(f, &d, "x.yml", "on: push\n", 9),
			 0);
	assert_int_equal(rc_facts_count(f), 0);
	rc_facts_free(f);
}

static void test_collect_ci__oom(void **state)
{
	static const char gh[] =
		"on: {push: {tags: [v*]}}\npermissions: {contents: read}\n"
		"jobs:\n  a:\n    container: x\n    steps:\n"
		"      - uses: a/b@v1\n      - run: make\n";
	static const char gl[] =
		"include: [{project: a/b, ref: v1}]\nx:\n  script: [a, b]\n"
		"  rules: [{if: $CI_COMMIT_TAG}]\n";
	static const char jk[] = "stage('a') { sh 'make' }\n";
	const char *paths[] = { GH, ".gitlab-ci.yml", "Jenkinsfile" };
	const char *texts[] = { gh, gl, jk };
	size_t k;
	(void)state;

	for (k = 0; k < 3; k++) {
		long n;

		for (n = 0; n < 1000; n++) {
			struct rc_diags d = RC_DIAGS_INIT;
			struct rc_facts *f = NULL;
			int e;

			if (rc_facts_new(&f))
				fail();
			rc_alloc_fail_after(n);
			e = rc_collect_ci_file(f, &d, paths[k], texts[k],
					       strlen(texts[k]));
			rc_alloc_fail_after(-1);
			rc_facts_free(f);
			rc_diags_release(&d);
			if (!e)
				break;
			assert_int_equal(e, RC_ENOMEM);
		}
		assert_true(n < 1000);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_collect_ci__github),
		cmocka_unit_test(test_collect_ci__github_on_forms),
		cmocka_unit_test(test_collect_ci__github_aliases),
		cmocka_unit_test(test_collect_ci__gitlab),
		cmocka_unit_test(test_collect_ci__gitlab_forms),
		cmocka_unit_test(test_collect_ci__malformed),
		cmocka_unit_test(test_collect_ci__other_systems),
		cmocka_unit_test(test_collect_ci__jenkins),
		cmocka_unit_test(test_collect_ci__system),
		cmocka_unit_test(test_collect_ci__oom),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
