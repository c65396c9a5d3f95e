/*
 * test_collect_git.c - git facts (collect/git.c) on repositories made with
 * the git command line in a temporary directory.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/diag.h"
#include "collect/collect.h"
#include "facts/facts.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

static char tmp[64];
static bool have_git;

/* Run a shell script in the temporary directory; skip without git. */
static void sh(const char *script)
{
	struct rc_buf cmd = RC_BUF_INIT;
	int st;

	if (!have_git) {
		print_message("git is not installed: skipping\n");
		skip();
	}
	rc_buf_addf(&cmd,
		    "cd '%s' && export GIT_CONFIG_NOSYSTEM=1 HOME='%s' "
		    "GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com "
		    "GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com "
		    "&& c() { GIT_AUTHOR_DATE=\"$1 +0000\" "
		    "GIT_COMMITTER_DATE=\"$1 +0000\" "
		    "git -c commit.gpgSign=false commit -q --allow-empty "
		    "-m \"$2\"; } && (%s) >/dev/null 2>&1",
		    tmp, tmp, script);
	assert_int_equal(rc_buf_err(&cmd), 0);
	st = system(cmd.ptr);
	rc_buf_release(&cmd);
	assert_int_equal(st, 0);
}

static int setup(void **state)
{
	(void)state;
	have_git = system("git --version >/dev/null 2>&1") == 0;
	snprintf(tmp, sizeof(tmp), "/tmp/rc-test-git-XXXXXX");
	if (!mkdtemp(tmp))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	return system(cmd) ? -1 : 0;
}

/* Every fact as "name value" lines (numbers in shortest form). */
static void dump(const struct rc_facts *f, struct rc_buf *out)
{
	size_t i;

	for (i = 0; i < rc_facts_count(f); i++) {
		const struct rc_fact *x = rc_facts_at(f, i);

		assert_string_equal(x->path, "");
		assert_int_equal(x->line, 0);
		if (x->type == RC_FACT_NUM)
			rc_buf_addf(out, "%s %.15g\n", x->name, x->num);
		else if (x->type == RC_FACT_BOOL)
			rc_buf_addf(out, "%s %s\n", x->name,
				    x->b ? "true" : "false");
		else
			rc_buf_addf(out, "%s %s\n", x->name, x->str);
	}
}

static void check_(const char *dir, const char *want, size_t ndiags,
		   const char *file, int line)
{
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_facts *f = NULL;
	struct rc_buf got = RC_BUF_INIT, path = RC_BUF_INIT;

	rc_buf_addf(&path, "%s/%s", tmp, dir);
	assert_int_equal(rc_facts_new(&f), 0);
	assert_int_equal(rc_collect_git(f, &d, path.ptr), 0);
	dump(f, &got);
	if (strcmp(got.ptr, want) || d.list.n != ndiags) {
		print_error("%s:%d: got\n%s(%zu diagnostics) want\n%s", file,
			    line, got.ptr, d.list.n, want);
		fail();
	}
	rc_buf_release(&got);
	rc_buf_release(&path);
	rc_facts_free(f);
	rc_diags_release(&d);
}
#define check(dir, want, ndiags) check_(dir, want, ndiags, __FILE__, __LINE__)

static void test_collect_git__tags(void **state)
{
	(void)state;
	sh("git -c init.defaultBranch=main init -q repo && cd repo && "
	   "mkdir -p sub/dir && c 1767225600 one && "
	   "git tag v1.0.0 && git tag v01.0.0 && git tag release-2 && "
	   "c 1769904000 two && "
	   "git -c tag.gpgSign=false tag -a 1.1.0 -m annotated && "
	   "git tag v9.9.9 'HEAD^{tree}' && c 1772359200 three && "
	   "git tag v2.0.0-rc.1 && git tag v2.0.0-rc.2 && "
	   "git tag v2.0.0+build.5 && git tag v2.0.0-rc.10 && "
	   "git tag 1.2 && git tag v1.2.3-");
	check("repo",
	      "git.repository true\n"
	      "git.tags 11\n"
	      "git.tags.semver 7\n"
	      "git.tags.pep440 2\n"
	      "git.tags.annotated 1\n"
	      "git.tags.signed 0\n"
	      "git.tag v2.0.0+build.5\n"
	      "git.tag v2.0.0-rc.10\n"
	      "git.tag v2.0.0-rc.2\n"
	      "git.tag v2.0.0-rc.1\n"
	      "git.tag 1.1.0\n"
	      "git.tag v1.0.0\n"
	      "git.tag v9.9.9\n"
	      "git.last_commit 2026-03-01T10:00:00Z\n"
	      "git.commits 3\n"
	      "git.commits.sampled 3\n"
	      "git.commits.conventional 0\n"
	      "git.commits.conventional_share 0\n",
	      0);
	/* a directory inside a repository is not that repository: scanning
	 * it reports no git facts (not the enclosing project's tags) */
	check("repo/sub/dir", "", 0);
}

static void test_collect_git__at_most_20_tags(void **state)
{
	struct rc_buf want = RC_BUF_INIT;
	int i;
	(void)state;

	sh("git -c init.defaultBranch=main init -q many && cd many && "
	   "c 1767225600 one && "
	   "for i in $(seq 0 24); do git tag 0.$i.0; done");
	rc_buf_adds(&want, "git.repository true\ngit.tags 25\n"
			   "git.tags.semver 25\n"
			   "git.tags.pep440 0\n"
			   "git.tags.annotated 0\ngit.tags.signed 0\n");
	/* same commit: highest version first */
	for (i = 24; i >= 5; i--)
		rc_buf_addf(&want, "git.tag 0.%d.0\n", i);
	rc_buf_adds(&want, "git.last_commit 2026-01-01T00:00:00Z\n"
			   "git.commits 1\ngit.commits.sampled 1\n"
			   "git.commits.conventional 0\n"
			   "git.commits.conventional_share 0\n");
	check("many", want.ptr, 0);
	rc_buf_release(&want);
}

static void test_collect_git__unborn_and_shallow(void **state)
{
	(void)state;
	sh("git -c init.defaultBranch=main init -q empty");
	check("empty",
	      "git.repository true\n"
	      "git.tags 0\n"
	      "git.tags.semver 0\n"
	      "git.tags.pep440 0\n"
	      "git.tags.annotated 0\n"
	      "git.tags.signed 0\n",
	      0);

	sh("git -c init.defaultBranch=main init -q full && cd full && "
	   "c 1767225600 one && c 1769904000 two && "
	   "git checkout -q -b side HEAD~1 && c 1769904001 side && "
	   "git checkout -q main && "
	   "git -c commit.gpgSign=false merge -q --no-edit side && "
	   "c 1772359200 three && cd .. && "
	   "git clone -q --depth 3 \"file://$PWD/full\" shallow");
	/* three, merge, two and side; one is past the boundary */
	check("shallow",
	      "git.repository true\n"
	      "git.tags 0\n"
	      "git.tags.semver 0\n"
	      "git.tags.pep440 0\n"
	      "git.tags.annotated 0\n"
	      "git.tags.signed 0\n"
	      "git.last_commit 2026-03-01T10:00:00Z\n"
	      "git.commits 4\n"
	      "git.commits.sampled 3\n"
	      "git.commits.conventional 0\n"
	      "git.commits.conventional_share 0\n"
	      "git.shallow true\n",
	      0);
	check("full",
	      "git.repository true\n"
	      "git.tags 0\n"
	      "git.tags.semver 0\n"
	      "git.tags.pep440 0\n"
	      "git.tags.annotated 0\n"
	      "git.tags.signed 0\n"
	      "git.last_commit 2026-03-01T10:00:00Z\n"
	      "git.commits 5\n"
	      "git.commits.sampled 4\n"
	      "git.commits.conventional 0\n"
	      "git.commits.conventional_share 0\n",
	      0);
}

static void test_collect_git__conventional_and_signed(void **state)
{
	(void)state;
	sh("git -c init.defaultBranch=main init -q conv && cd conv && "
	   "c 1767225600 'feat!: x' && c 1767225601 'fix(walk): y' && "
	   "c 1767225602 'Feat: no' && c 1767225603 'feat:no-space' && "
	   "c 1767225604 WIP && "
	   "git -c tag.gpgSign=false tag -a v1.0.0 -m annotated && "
	   "git checkout -q -b side && c 1767225605 'docs(readme): z' && "
	   "git checkout -q main && c 1767225606 'feature: x' && "
	   "GIT_AUTHOR_DATE='1767225607 +0000' "
	   "GIT_COMMITTER_DATE='1767225607 +0000' "
	   "git -c commit.gpgSign=false merge -q --no-ff --no-edit side && "
	   "c 1767225608 'fix(x)!: breaking' && "
	   "c 1767225609 \"$(printf 'perf: fast\\n\\nbody')\" && "
	   "c 1767225610 'chore(): empty scope' && "
	   "c 1767225611 'feat(a)(b): two scopes' && "
	   "c 1767225612 'ci:  ' && git tag light && "
	   "printf 'release\\n\\n-----BEGIN PGP SIGNATURE-----\\n\\n"
	   "iQEzBAABCAAdFiEEfake\\n-----END PGP SIGNATURE-----\\n' >pgp && "
	   "git -c tag.gpgSign=false tag -a -F pgp v1.1.0 && "
	   "printf 'r\\n-----BEGIN SSH SIGNATURE-----\\nU1NIU0lH\\n"
	   "-----END SSH SIGNATURE-----\\n' >ssh && "
	   "git -c tag.gpgSign=false tag -a -F ssh ssh-signed && "
	   "printf 'quoting -----BEGIN PGP SIGNATURE----- inline\\n' >q && "
	   "git -c tag.gpgSign=false tag -a -F q quoted && rm pgp ssh q");
	/* 12 non-merge commits: feat!, fix(walk), docs(readme), fix(x)! and
	 * perf are conventional; 5 / 12 = 41.7% */
	check("conv",
	      "git.repository true\n"
	      "git.tags 5\n"
	      "git.tags.semver 2\n"
	      "git.tags.pep440 0\n"
	      "git.tags.annotated 4\n"
	      "git.tags.signed 2\n"
	      "git.tag v1.1.0\n"
	      "git.tag v1.0.0\n"
	      "git.last_commit 2026-01-01T00:00:12Z\n"
	      "git.commits 13\n"
	      "git.commits.sampled 12\n"
	      "git.commits.conventional 5\n"
	      "git.commits.conventional_share 41.7\n",
	      0);
}

/* 1005 commits made with fast-import: the walk stops at 1000, the sample
 * at the newest 200 (806 to 1005; 806 to 900 are conventional). */
static void test_collect_git__long_history(void **state)
{
	(void)state;
	sh("git -c init.defaultBranch=main init -q long && cd long && "
	   "i=1; while [ $i -le 1005 ]; do "
	   "if [ $i -le 900 ]; then m=\"feat: n$i\"; else m=\"n$i\"; fi; "
	   "printf 'commit refs/heads/main\\ncommitter t <t@example.com> "
	   "%d +0000\\ndata %d\\n%s\\n\\n' "
	   "$((1767225600 + i)) $((${#m} + 1)) \"$m\"; i=$((i + 1)); "
	   "done | git fast-import --quiet");
	check("long",
	      "git.repository true\n"
	      "git.tags 0\n"
	      "git.tags.semver 0\n"
	      "git.tags.pep440 0\n"
	      "git.tags.annotated 0\n"
	      "git.tags.signed 0\n"
	      "git.last_commit 2026-01-01T00:16:45Z\n"
	      "git.commits 1000\n"
	      "git.commits.sampled 200\n"
	      "git.commits.conventional 95\n"
	      "git.commits.conventional_share 47.5\n",
	      0);
	/* the same caps in a shallow clone, walked without libgit2's revwalk */
	sh("git clone -q --depth 1003 \"file://$PWD/long\" long-shallow");
	check("long-shallow",
	      "git.repository true\n"
	      "git.tags 0\n"
	      "git.tags.semver 0\n"
	      "git.tags.pep440 0\n"
	      "git.tags.annotated 0\n"
	      "git.tags.signed 0\n"
	      "git.last_commit 2026-01-01T00:16:45Z\n"
	      "git.commits 1000\n"
	      "git.commits.sampled 200\n"
	      "git.commits.conventional 95\n"
	      "git.commits.conventional_share 47.5\n"
	      "git.shallow true\n",
	      0);
}

/*
 * The sample is the newest commits by committer time across branches: 100
 * base commits, 150 conventional ones on a side branch, 150 newer others on
 * main, then a merge. The newest 200 are main's 150 and side's last 50.
 */
static void test_collect_git__sample_newest_first(void **state)
{
	(void)state;
	sh("git -c init.defaultBranch=main init -q branches && cd branches && "
	   "e() { printf 'commit refs/heads/%s\\ncommitter t <t@example.com> "
	   "%d +0000\\ndata %d\\n%s\\n\\n' "
	   "$1 $((1767225600 + $2)) $((${#3} + 1)) \"$3\"; } && "
	   "{ i=1; while [ $i -le 400 ]; do "
	   "if [ $i -le 100 ]; then e main $i \"b$i\"; "
	   "elif [ $i -le 250 ]; then e side $i \"feat: s$i\"; "
	   "[ $i = 101 ] && echo 'from refs/heads/main'; "
	   "else e main $i \"m$i\"; fi; i=$((i + 1)); done; "
	   "e main 401 Merge; echo 'merge refs/heads/side'; } | "
	   "git fast-import --quiet && cd .. && "
	   "git clone -q --depth 200 \"file://$PWD/branches\" "
	   "branches-shallow");
	check("branches",
	      "git.repository true\n"
	      "git.tags 0\n"
	      "git.tags.semver 0\n"
	      "git.tags.pep440 0\n"
	      "git.tags.annotated 0\n"
	      "git.tags.signed 0\n"
	      "git.last_commit 2026-01-01T00:06:41Z\n"
	      "git.commits 401\n"
	      "git.commits.sampled 200\n"
	      "git.commits.conventional 50\n"
	      "git.commits.conventional_share 25\n",
	      0);
	check("branches-shallow",
	      "git.repository true\n"
	      "git.tags 0\n"
	      "git.tags.semver 0\n"
	      "git.tags.pep440 0\n"
	      "git.tags.annotated 0\n"
	      "git.tags.signed 0\n"
	      "git.last_commit 2026-01-01T00:06:41Z\n"
	      "git.commits 350\n"
	      "git.commits.sampled 200\n"
	      "git.commits.conventional 50\n"
	      "git.commits.conventional_share 25\n"
	      "git.shallow true\n",
	      0);
}

static void test_collect_git__not_a_repository(void **state)
{
	(void)state;
	sh("mkdir -p plain/dir");
	check("plain/dir", "", 0);
	/* a .git that points nowhere is no repository */
	sh("mkdir -p nowhere && echo 'gitdir: /nonexistent/x' > nowhere/.git");
	check("nowhere", "", 0);
	/* a repository libgit2 cannot read: a note, no facts */
	sh("git init -q future && "
	   "git -C future config core.repositoryformatversion 99");
	check("future", "", 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_collect_git__tags),
		cmocka_unit_test(test_collect_git__at_most_20_tags),
		cmocka_unit_test(test_collect_git__unborn_and_shallow),
		cmocka_unit_test(test_collect_git__conventional_and_signed),
		cmocka_unit_test(test_collect_git__long_history),
		cmocka_unit_test(test_collect_git__sample_newest_first),
		cmocka_unit_test(test_collect_git__not_a_repository),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
