/*
 * test_ignore.c - gitignore parsing and matching.
 *
 * The cases of git's t/t0008-ignores.sh and libgit2's
 * tests/libgit2/ignore/path.c are ported (as data, not code) into checks on
 * a small in-memory repository model: a set of .gitignore files, the
 * info/exclude file and config patterns, combined with
 * rc_ignore_is_excluded() in git's precedence order. Every check reports the
 * line of the case that failed. The last test builds a real repository and
 * compares our verdict with `git check-ignore` path by path.
 */
#include "core/common.h"
#include "walk/ignore.h"
#include "core/alloc.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_SETS 16

struct repo {
	struct rc_ignore *dirs[MAX_SETS]; /* .gitignore files */
	unsigned depth[MAX_SETS];
	size_t n;
	struct rc_ignore *info;	  /* .git/info/exclude */
	struct rc_ignore *config; /* the caller's patterns */
};

static unsigned depth_of(const char *base)
{
	unsigned d = *base ? 1 : 0;

	for (; *base; base++)
		d += *base == '/';
	return d;
}

/* Add the .gitignore of directory base ("" for the root). */
static void gitignore(struct repo *r, const char *base, const char *text)
{
	assert_true(r->n < MAX_SETS);
	assert_int_equal(
		rc_ignore_parse(&r->dirs[r->n], text, strlen(text), base), 0);
	r->depth[r->n++] = depth_of(base);
}

static void info_exclude(struct repo *r, const char *text)
{
	assert_int_equal(rc_ignore_parse(&r->info, text, strlen(text), ""), 0);
}

static void config(struct repo *r, const char *pattern)
{
	if (!r->config)
		assert_int_equal(rc_ignore_parse(&r->config, "", 0, ""), 0);
	assert_int_equal(rc_ignore_add(r->config, pattern), 0);
}

static void repo_clear(struct repo *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		rc_ignore_free(r->dirs[i]);
	rc_ignore_free(r->info);
	rc_ignore_free(r->config);
	memset(r, 0, sizeof(*r));
}

/* git's order: config, .gitignore files deepest first, info/exclude. */
static bool repo_excluded(const struct repo *r, const char *path, bool dir)
{
	const struct rc_ignore *sets[MAX_SETS + 2];
	size_t n = 0, i;
	unsigned d;

	if (r->config)
		sets[n++] = r->config;
	for (d = 64; d-- > 0;)
		for (i = 0; i < r->n; i++)
			if (r->depth[i] == d)
				sets[n++] = r->dirs[i];
	if (r->info)
		sets[n++] = r->info;
	return rc_ignore_is_excluded(sets, n, path, dir);
}

static void expect_(const struct repo *r, bool want, const char *path, bool dir,
		    const char *file, int line)
{
	bool got = repo_excluded(r, path, dir);

	if (got == want)
		return;
	print_error("%s:%d: %s '%s': expected %s, got %s\n", file, line,
		    dir ? "directory" : "file", path,
		    want ? "ignored" : "not ignored",
		    got ? "ignored" : "not ignored");
	_fail(file, line);
}

#define IGNORED(path)	      expect_(&r, true, path, false, __FILE__, __LINE__)
#define NOT_IGNORED(path)     expect_(&r, false, path, false, __FILE__, __LINE__)
#define IGNORED_DIR(path)     expect_(&r, true, path, true, __FILE__, __LINE__)
#define NOT_IGNORED_DIR(path) expect_(&r, false, path, true, __FILE__, __LINE__)
/* a fresh root .gitignore, as libgit2's cl_git_rewritefile() */
#define REWRITE(text)                    \
	do {                             \
		repo_clear(&r);          \
		gitignore(&r, "", text); \
	} while (0)

static void verdict_(const struct rc_ignore *ig, enum rc_ignore_verdict want,
		     const char *path, bool dir, const char *file, int line)
{
	enum rc_ignore_verdict got = rc_ignore_match(ig, path, dir);

	if (got == want)
		return;
	print_error("%s:%d: '%s': verdict %d, expected %d\n", file, line, path,
		    (int)got, (int)want);
	_fail(file, line);
}

#define VERDICT(ig, want, path, dir) \
	verdict_(ig, RC_IGNORE_##want, path, dir, __FILE__, __LINE__)

/* ---------------------------------------------------------------------- */
/* parsing */

static void test_ignore__parse_lines(void **state)
{
	static const char text[] = "\xef\xbb\xbf"
				   "first\n"
				   "# comment\n"
				   "\n"
				   "   \n"
				   "!\n"
				   "/\n"
				   "crlf\r\n"
				   " #not-a-comment\n"
				   "nul\0tail\n"
				   "tab\t\n"
				   "last\r";
	struct rc_ignore *ig;

	(void)state;
	assert_int_equal(rc_ignore_parse(&ig, text, sizeof(text) - 1, ""), 0);
	/* first, crlf, " #not-a-comment", nul, "tab\t", last */
	assert_int_equal(rc_ignore_count(ig), 6);
	VERDICT(ig, EXCLUDE, "first", false); /* BOM skipped */
	VERDICT(ig, EXCLUDE, "crlf", false);
	VERDICT(ig, NONE, "crlf\r", false);
	VERDICT(ig, EXCLUDE, " #not-a-comment", false);
	VERDICT(ig, NONE, "# comment", false);
	VERDICT(ig, EXCLUDE, "nul", false); /* NUL ends the line */
	VERDICT(ig, NONE, "tail", false);
	VERDICT(ig, EXCLUDE, "tab\t", false); /* only spaces are trimmed */
	VERDICT(ig, NONE, "tab", false);
	VERDICT(ig, EXCLUDE, "last", false); /* '\r' at EOF dropped too */
	VERDICT(ig, NONE, "", false);
	rc_ignore_free(ig);

	assert_int_equal(rc_ignore_parse(&ig, "", 0, "sub"), 0);
	assert_int_equal(rc_ignore_count(ig), 0);
	VERDICT(ig, NONE, "sub/x", false);
	assert_int_equal(rc_ignore_add(ig, "x"), 0);
	assert_int_equal(rc_ignore_add(ig, "# comment"), 0);
	assert_int_equal(rc_ignore_add(ig, ""), 0);
	assert_int_equal(rc_ignore_add(ig, "!y  "), 0);
	assert_int_equal(rc_ignore_count(ig), 2);
	VERDICT(ig, EXCLUDE, "sub/x", false);
	VERDICT(ig, INCLUDE, "sub/deep/y", false);
	rc_ignore_free(ig);
	rc_ignore_free(NULL);
	assert_int_equal(rc_ignore_count(NULL), 0);
}

static void test_ignore__verdicts_and_base(void **state)
{
	static const char text[] = "*.o\n!keep.o\n/top\nmid/dle\ndir/\n";
	struct rc_ignore *ig;

	(void)state;
	assert_int_equal(rc_ignore_parse(&ig, text, strlen(text), "a/b"), 0);
	VERDICT(ig, EXCLUDE, "a/b/x.o", false);
	VERDICT(ig, EXCLUDE, "a/b/c/d/x.o", false);
	VERDICT(ig, INCLUDE, "a/b/keep.o", false);
	VERDICT(ig, INCLUDE, "a/b/c/keep.o", false);
	VERDICT(ig, NONE, "a/b/x.c", false);
	/* outside the base, or the base itself */
	VERDICT(ig, NONE, "x.o", false);
	VERDICT(ig, NONE, "a/x.o", false);
	VERDICT(ig, NONE, "a/bx.o", false);
	VERDICT(ig, NONE, "a/bb/x.o", false);
	VERDICT(ig, NONE, "a/b", true);
	VERDICT(ig, NONE, "a/b.o", false);
	/* anchored to the base */
	VERDICT(ig, EXCLUDE, "a/b/top", false);
	VERDICT(ig, NONE, "a/b/c/top", false);
	VERDICT(ig, NONE, "top", false);
	VERDICT(ig, EXCLUDE, "a/b/mid/dle", false);
	VERDICT(ig, NONE, "a/b/c/mid/dle", false);
	/* directory only */
	VERDICT(ig, EXCLUDE, "a/b/dir", true);
	VERDICT(ig, EXCLUDE, "a/b/c/dir", true);
	VERDICT(ig, NONE, "a/b/dir", false);
	/* a single path: parents are not looked at */
	VERDICT(ig, NONE, "a/b/dir/file", false);
	assert_int_equal(rc_ignore_match_n(ig, "a/b/x.ozzz", 7, false),
			 RC_IGNORE_EXCLUDE);
	rc_ignore_free(ig);
}

/* ---------------------------------------------------------------------- */
/* git t/t0008-ignores.sh */

static void t0008_setup(struct repo *r)
{
	gitignore(r, "", "one\nignored-*\ntop-level-dir/\n");
	gitignore(r, "a", "two*\n*three\n");
	gitignore(r, "a/b",
		  "four\nfive\n# this comment should affect the line numbers\n"
		  "six\nignored-dir/\n# and so should this blank line:\n\n"
		  "!on*\n!two\n");
	gitignore(r, "a/b/ignored-dir", "seven\n");
	info_exclude(r, "per-repo\n");
}

static void test_ignore__t0008_standard(void **state)
{
	static const char *const prefixes[] = { "", "a/" };
	struct repo r = { 0 };
	char p[256];
	size_t i;

	(void)state;
	t0008_setup(&r);
	for (i = 0; i < RC_ARRAY_SIZE(prefixes); i++) {
		snprintf(p, sizeof(p), "%snon-existent", prefixes[i]);
		NOT_IGNORED(p);
		snprintf(p, sizeof(p), "%sone", prefixes[i]);
		IGNORED(p);
		snprintf(p, sizeof(p), "%snot-ignored", prefixes[i]);
		NOT_IGNORED(p);
		/* --no-index: being tracked does not matter to us */
		snprintf(p, sizeof(p), "%signored-but-in-index", prefixes[i]);
		IGNORED(p);
		snprintf(p, sizeof(p), "%signored-and-untracked", prefixes[i]);
		IGNORED(p);
	}
	/* sub-directory local ignore */
	IGNORED("a/3-three");
	NOT_IGNORED("a/three-not-this-one");
	/* nested include */
	NOT_IGNORED("a/b/one");
	repo_clear(&r);
}

static void test_ignore__t0008_subdirectories(void **state)
{
	struct repo r = { 0 };

	(void)state;
	t0008_setup(&r);
	IGNORED_DIR("a/b/ignored-dir");
	IGNORED("a/b/ignored-dir/foo");
	IGNORED("a/b/ignored-dir/twoooo");
	IGNORED("a/b/ignored-dir/seven");
	IGNORED_DIR("top-level-dir");
	NOT_IGNORED("top-level-dir"); /* as a file */
	IGNORED("top-level-dir/file");
	repo_clear(&r);
}

static void test_ignore__t0008_stdin_list(void **state)
{
	struct repo r = { 0 };

	(void)state;
	t0008_setup(&r);
	IGNORED("one");
	NOT_IGNORED("not-ignored");
	IGNORED("a/one");
	NOT_IGNORED("a/not-ignored");
	NOT_IGNORED("a/b/on");	/* !on* */
	NOT_IGNORED("a/b/one"); /* !on* */
	NOT_IGNORED("a/b/one one");
	NOT_IGNORED("a/b/one two");
	NOT_IGNORED("a/b/one\"three");
	NOT_IGNORED("a/b/not-ignored");
	NOT_IGNORED("a/b/two");	  /* !two */
	IGNORED("a/b/twooo");	  /* a/.gitignore two* */
	NOT_IGNORED("globaltwo"); /* no global excludes here */
	NOT_IGNORED("a/globaltwo");
	NOT_IGNORED("a/b/globaltwo");
	NOT_IGNORED("b/globaltwo");
	NOT_IGNORED("c/not-ignored");
	/* global ignore not enabled: info/exclude and local rules only */
	NOT_IGNORED("globalone");
	IGNORED("per-repo");
	IGNORED("a/globalthree");
	IGNORED("a/per-repo");
	repo_clear(&r);
}

static void test_ignore__t0008_prefix_and_starstar(void **state)
{
	struct repo r = { 0 };

	(void)state;
	/* exact prefix matching (with root) */
	gitignore(&r, "a", "/git/\n");
	IGNORED_DIR("a/git");
	IGNORED("a/git/foo");
	NOT_IGNORED_DIR("a/git-foo");
	NOT_IGNORED("a/git-foo/bar");
	repo_clear(&r);
	/* exact prefix matching (without root) */
	gitignore(&r, "a", "git/\n");
	IGNORED_DIR("a/git");
	IGNORED("a/git/foo");
	NOT_IGNORED_DIR("a/git-foo");
	NOT_IGNORED("a/git-foo/bar");
	repo_clear(&r);
	/* directories and ** matches */
	gitignore(&r, "", "data/**\n!data/**/\n!data/**/*.txt\n");
	NOT_IGNORED("file");
	IGNORED("data/file");
	IGNORED("data/data1/file1");
	NOT_IGNORED("data/data1/file1.txt");
	IGNORED("data/data2/file2");
	NOT_IGNORED("data/data2/file2.txt");
	NOT_IGNORED_DIR("data/data1");
	repo_clear(&r);
	/* ** not confused by matching leading prefix (git >= 2.41) */
	gitignore(&r, "", "foo**/bar\n");
	NOT_IGNORED("foobar");
	IGNORED("foo/bar");
	repo_clear(&r);
}

static void test_ignore__t0008_whitespace(void **state)
{
	struct repo r = { 0 };

	(void)state;
	/* trailing whitespace is ignored */
	info_exclude(&r, "whitespace/trailing   \n");
	IGNORED("whitespace/trailing");
	NOT_IGNORED("whitespace/untracked");
	repo_clear(&r);
	/* quoting allows trailing whitespace */
	info_exclude(&r, "whitespace/trailing\\ \\ \n");
	IGNORED("whitespace/trailing  ");
	NOT_IGNORED("whitespace/trailing");
	NOT_IGNORED("whitespace/untracked");
	repo_clear(&r);
	/* correct handling of backslashes */
	info_exclude(&r, "whitespace/trailing 1 \\    \n"
			 "whitespace/trailing 2 \\\\\\\\\n"
			 "whitespace/trailing 3 \\\\\\\\ \n"
			 "whitespace/trailing 4   \\\\\\    \n"
			 "whitespace/trailing 5 \\\\ \\\\\\   \n"
			 "whitespace/trailing 6 \\\\a\\\\\n");
	IGNORED("whitespace/trailing 1  ");
	IGNORED("whitespace/trailing 2 \\\\");
	IGNORED("whitespace/trailing 3 \\\\");
	IGNORED("whitespace/trailing 4   \\ ");
	IGNORED("whitespace/trailing 5 \\ \\ ");
	IGNORED("whitespace/trailing 6 \\a\\");
	NOT_IGNORED("whitespace/untracked");
	NOT_IGNORED("whitespace/trailing 1 ");
	NOT_IGNORED("whitespace/trailing 4   \\");
	repo_clear(&r);
}

static void test_ignore__t0008_info_exclude_precedence(void **state)
{
	struct repo r = { 0 };

	(void)state;
	/* a .gitignore beats info/exclude, either way */
	gitignore(&r, "", "!usually-ignored\n");
	info_exclude(&r, "usually-ignored\n");
	NOT_IGNORED("usually-ignored");
	repo_clear(&r);
	gitignore(&r, "", "usually-ignored\n");
	info_exclude(&r, "!usually-ignored\n");
	IGNORED("usually-ignored");
	repo_clear(&r);
	info_exclude(&r, "usually-ignored\n");
	IGNORED("usually-ignored");
	IGNORED("sub/usually-ignored");
	repo_clear(&r);
}

/* ---------------------------------------------------------------------- */
/* libgit2 tests/libgit2/ignore/path.c */

static void test_ignore__libgit2_rules_and_spaces(void **state)
{
	struct repo r = { 0 };

	(void)state;
	/* honor_temporary_rules */
	REWRITE("/NewFolder\n/NewFolder/NewFolder");
	NOT_IGNORED("File.txt");
	IGNORED("NewFolder");
	IGNORED("NewFolder/NewFolder");
	IGNORED("NewFolder/NewFolder/File.txt");
	/* allow_root */
	REWRITE("/");
	NOT_IGNORED("File.txt");
	NOT_IGNORED("NewFolder");
	NOT_IGNORED("NewFolder/NewFolder");
	NOT_IGNORED("NewFolder/NewFolder/File.txt");
	/* ignore_space, ignore_root */
	REWRITE("/\n\n/NewFolder \n/NewFolder/NewFolder");
	NOT_IGNORED("File.txt");
	IGNORED("NewFolder");
	IGNORED("NewFolder/NewFolder");
	IGNORED("NewFolder/NewFolder/File.txt");
	/* intermittent_space */
	REWRITE("foo bar\n");
	NOT_IGNORED("foo");
	NOT_IGNORED("bar");
	IGNORED("foo bar");
	/* trailing_space */
	REWRITE("foo \nbar  \n");
	IGNORED("foo");
	NOT_IGNORED("foo ");
	IGNORED("bar");
	NOT_IGNORED("bar ");
	NOT_IGNORED("bar  ");
	/* escaped_trailing_spaces */
	REWRITE("foo\\ \nbar\\ \\ \nbaz \\ \nqux\\  \n");
	NOT_IGNORED("foo");
	IGNORED("foo ");
	NOT_IGNORED("bar");
	NOT_IGNORED("bar ");
	IGNORED("bar  ");
	IGNORED("baz  ");
	NOT_IGNORED("baz ");
	IGNORED("qux ");
	NOT_IGNORED("qux");
	NOT_IGNORED("qux  ");
	/* ignore_dir, ignore_dir_with_trailing_space */
	REWRITE("dir/\n");
	IGNORED_DIR("dir");
	IGNORED("dir/file");
	REWRITE("dir/ \n");
	IGNORED_DIR("dir");
	IGNORED("dir/file");
	repo_clear(&r);
}

static void test_ignore__libgit2_stars(void **state)
{
	struct repo r = { 0 };

	(void)state;
	/* full_paths */
	REWRITE("Folder/*/Contained");
	IGNORED("Folder/Middle/Contained");
	NOT_IGNORED("Folder/Middle/More/More/Contained");
	REWRITE("Folder/**/Contained");
	IGNORED("Folder/Middle/Contained");
	IGNORED("Folder/Middle/More/More/Contained");
	REWRITE("Folder/**/Contained/*/Child");
	IGNORED("Folder/Middle/Contained/Happy/Child");
	NOT_IGNORED("Folder/Middle/Contained/Not/Happy/Child");
	IGNORED("Folder/Middle/More/More/Contained/Happy/Child");
	NOT_IGNORED("Folder/Middle/More/More/Contained/Not/Happy/Child");
	/* more_starstar_cases */
	repo_clear(&r);
	gitignore(&r, "dir", "sub/**/*.html\n");
	NOT_IGNORED("aaa.html");
	NOT_IGNORED_DIR("dir");
	NOT_IGNORED_DIR("dir/sub");
	IGNORED("dir/sub/sub2/aaa.html");
	IGNORED("dir/sub/aaa.html");
	NOT_IGNORED("dir/aaa.html");
	NOT_IGNORED_DIR("sub");
	NOT_IGNORED("sub/aaa.html");
	NOT_IGNORED("sub/sub2/aaa.html");
	/* leading_stars */
	REWRITE("*/onestar\n**/twostars\n*/parent1/kid1/*\n"
		"**/parent2/kid2/*\n");
	IGNORED("dir1/onestar");
	IGNORED("dir1/onestar/child"); /* in ignored dir */
	NOT_IGNORED("dir1/dir2/onestar");
	IGNORED("dir1/twostars");
	IGNORED("dir1/twostars/child"); /* in ignored dir */
	IGNORED("dir1/dir2/twostars");
	IGNORED("dir1/dir2/twostars/child"); /* in ignored dir */
	IGNORED("dir1/dir2/dir3/twostars");
	IGNORED("dir1/parent1/kid1/file");
	IGNORED("dir1/parent1/kid1/file/inside/parent");
	NOT_IGNORED("dir1/dir2/parent1/kid1/file");
	NOT_IGNORED("dir1/parent1/file");
	NOT_IGNORED("dir1/kid1/file");
	IGNORED("dir1/parent2/kid2/file");
	IGNORED("dir1/parent2/kid2/file/inside/parent");
	IGNORED("dir1/dir2/parent2/kid2/file");
	IGNORED("dir1/dir2/dir3/parent2/kid2/file");
	NOT_IGNORED("dir1/parent2/file");
	NOT_IGNORED("dir1/kid2/file");
	/* globs_and_path_delimiters */
	REWRITE("foo/bar/**");
	IGNORED("foo/bar/baz");
	IGNORED("foo/bar/baz/quux");
	REWRITE("_*/");
	IGNORED("sub/_test/a/file");
	NOT_IGNORED("test_folder/file");
	IGNORED("_test/file");
	IGNORED("_test/a/file");
	REWRITE("**/_*/");
	IGNORED("sub/_test/a/file");
	NOT_IGNORED("test_folder/file");
	IGNORED("_test/file");
	IGNORED("_test/a/file");
	REWRITE("**/_*/foo/bar/*ux");
	IGNORED("sub/_test/foo/bar/qux/file");
	IGNORED("_test/foo/bar/qux/file");
	IGNORED("_test/foo/bar/crux/file");
	NOT_IGNORED("_test/foo/bar/code/file");
	/* globs_without_star */
	REWRITE("*.foo\n**.bar\n");
	IGNORED(".foo");
	IGNORED("xyz.foo");
	IGNORED(".bar");
	IGNORED("x.bar");
	IGNORED("xyz.bar");
	IGNORED("test/.foo");
	IGNORED("test/x.foo");
	IGNORED("test/xyz.foo");
	IGNORED("test/.bar");
	IGNORED("test/x.bar");
	IGNORED("test/xyz.bar");
	repo_clear(&r);
}

static void test_ignore__libgit2_subdirectories(void **state)
{
	struct repo r = { 0 };

	(void)state;
	/* skip_gitignore_directory: only info/exclude applies */
	info_exclude(&r, "/NewFolder\n/NewFolder/NewFolder");
	NOT_IGNORED("File.txt");
	IGNORED("NewFolder");
	IGNORED("NewFolder/NewFolder");
	IGNORED("NewFolder/NewFolder/File.txt");
	repo_clear(&r);
	/* subdirectory_gitignore */
	gitignore(&r, "", "file1\n");
	gitignore(&r, "dir", "file2/\n");
	IGNORED("file1");
	IGNORED("dir/file1");
	IGNORED_DIR("dir/file2");
	IGNORED("dir/file2/actual_file"); /* in ignored dir */
	NOT_IGNORED("dir/file3");
	repo_clear(&r);
	/* gitignore_in_subdir */
	gitignore(&r, "dir1/dir2/dir3", "dir1/\ndir1/subdir/");
	NOT_IGNORED("dir1/file");
	NOT_IGNORED("dir1/dir2/file");
	NOT_IGNORED("dir1/dir2/dir3/file");
	IGNORED("dir1/dir2/dir3/dir1/file");
	IGNORED("dir1/dir2/dir3/dir1/subdir/foo");
	repo_clear(&r);
	/* dont_ignore_files_for_folder */
	gitignore(&r, "dir", "test/\n");
	NOT_IGNORED("dir/test");
	IGNORED_DIR("dir/test");
	NOT_IGNORED("dir/TeSt"); /* case-sensitive, as core.ignorecase=false */
	repo_clear(&r);
}

static void test_ignore__libgit2_negations(void **state)
{
	struct repo r = { 0 };

	(void)state;
	/* symlink_to_outside: a symlink is matched as a file */
	REWRITE("symlink\n");
	IGNORED("symlink");
	/* test */
	REWRITE("/*/\n!/src\n");
	NOT_IGNORED("src/foo.c");
	NOT_IGNORED("src/foo/foo.c");
	NOT_IGNORED("README.md");
	IGNORED("dist/foo.o");
	IGNORED("bin/foo");
	/* unignore_dir_succeeds */
	REWRITE("*.c\n!src/*.c\n");
	NOT_IGNORED("src/foo.c");
	IGNORED("src/foo/foo.c");
	/* case_sensitive_unignore_does_nothing */
	REWRITE("/case\n!/Case/\n");
	IGNORED("case/file");
	/* ignored_subdirfiles_with_subdir_rule */
	REWRITE("dir/*\n!dir/sub1/sub2/**\n");
	IGNORED("dir/a.test");
	IGNORED("dir/sub1/a.test");
	IGNORED("dir/sub1/sub2");
	/* ignored_subdirfiles_with_negations */
	REWRITE("dir/*\n!dir/a.test\n");
	NOT_IGNORED("dir/a.test");
	IGNORED("dir/b.test");
	IGNORED("dir/sub1/c.test");
	/* negative_directory_rules_only_match_directories */
	REWRITE("*\n!/**/\n!*.keep\n!.gitignore\n");
	IGNORED("src");
	IGNORED("src/A");
	NOT_IGNORED_DIR("src");
	NOT_IGNORED("src/A.keep");
	NOT_IGNORED(".gitignore");
	/* negative_prefix_rule */
	REWRITE("ff*\n!f\n");
	IGNORED("fff");
	IGNORED("ff");
	NOT_IGNORED("f");
	/* negative_more_specific */
	REWRITE("*.txt\n!/dir/test.txt\n");
	IGNORED("test.txt");
	NOT_IGNORED("dir/test.txt");
	IGNORED("outer/dir/test.txt");
	repo_clear(&r);
}

static void test_ignore__libgit2_escapes(void **state)
{
	struct repo r = { 0 };

	(void)state;
	/* escaped_character */
	REWRITE("\\c\n");
	IGNORED("c");
	NOT_IGNORED("\\c");
	/*
	 * escaped_newline: libgit2 joins "\\\n" with the next line; git does
	 * not (the "\" line matches nothing), and git is what we follow.
	 */
	REWRITE("\\\nnewline\n");
	IGNORED("newline");
	NOT_IGNORED("\nnewline");
	NOT_IGNORED("\\");
	/* escaped_glob */
	REWRITE("\\*\n");
	IGNORED("*");
	NOT_IGNORED("foo");
	/* escaped_comments */
	REWRITE("#foo\n\\#bar\n\\##baz\n\\#\\\\#qux\n");
	NOT_IGNORED("#foo");
	IGNORED("#bar");
	NOT_IGNORED("\\#bar");
	IGNORED("##baz");
	NOT_IGNORED("\\##baz");
	IGNORED("#\\#qux");
	NOT_IGNORED("##qux");
	NOT_IGNORED("\\##qux");
	/* escaped_slash */
	REWRITE("\\\\\n\\\\preceding\ninter\\\\mittent\ntrailing\\\\\n");
	IGNORED("\\");
	IGNORED("\\preceding");
	IGNORED("inter\\mittent");
	IGNORED("trailing\\");
	/* escaped_space */
	REWRITE("foo\\\\ \nbar\\\\\\ \n");
	IGNORED("foo\\");
	NOT_IGNORED("foo\\ ");
	NOT_IGNORED("foo\\\\ ");
	NOT_IGNORED("foo\\\\");
	IGNORED("bar\\ ");
	NOT_IGNORED("bar\\\\");
	NOT_IGNORED("bar\\\\ ");
	NOT_IGNORED("bar\\\\\\");
	NOT_IGNORED("bar\\\\\\ ");
	/* invalid_pattern */
	REWRITE("[");
	NOT_IGNORED("[f");
	NOT_IGNORED("f");
	NOT_IGNORED("[");
	/* negation escaped */
	REWRITE("\\!important\n");
	IGNORED("!important");
	NOT_IGNORED("important");
	repo_clear(&r);
}

/* ---------------------------------------------------------------------- */
/* gitignore(5) examples and our precedence rules */

static void test_ignore__gitignore5_examples(void **state)
{
	struct repo r = { 0 };
	struct rc_ignore *ig;

	(void)state;
	REWRITE("doc/frotz/\n");
	IGNORED_DIR("doc/frotz");
	NOT_IGNORED_DIR("a/doc/frotz");
	REWRITE("frotz/\n");
	IGNORED_DIR("frotz");
	IGNORED_DIR("a/frotz");
	NOT_IGNORED("a/frotz");
	REWRITE("*.html\n!foo.html\n");
	IGNORED("x.html");
	IGNORED("d/x.html");
	NOT_IGNORED("foo.html");
	NOT_IGNORED("d/foo.html");
	/* exclude everything except directory foo/bar */
	REWRITE("/*\n!/foo\n/foo/*\n!/foo/bar\n");
	IGNORED("x");
	IGNORED_DIR("y");
	NOT_IGNORED_DIR("foo");
	IGNORED("foo/x");
	NOT_IGNORED_DIR("foo/bar");
	NOT_IGNORED("foo/bar/x");
	REWRITE("**/foo\n");
	IGNORED("foo");
	IGNORED("a/b/foo");
	IGNORED_DIR("a/foo");
	REWRITE("**/foo/bar\n");
	IGNORED("foo/bar");
	IGNORED("x/foo/bar");
	NOT_IGNORED("foo/x/bar");
	REWRITE("abc/**\n");
	IGNORED("abc/x");
	IGNORED("abc/x/y");
	NOT_IGNORED_DIR("abc");
	NOT_IGNORED("x/abc/y");
	REWRITE("a/**/b\n");
	IGNORED("a/b");
	IGNORED("a/x/b");
	IGNORED("a/x/y/b");
	NOT_IGNORED("x/a/b");
	/* a file below an excluded directory cannot be re-included */
	REWRITE("build/\n!build/keep\n");
	IGNORED("build/keep");
	IGNORED("build/x");
	NOT_IGNORED("build");
	repo_clear(&r);

	/* the pattern "foo/ *" does not match foo/bar/hello.c by itself */
	assert_int_equal(rc_ignore_parse(&ig, "foo/*\n", 6, ""), 0);
	VERDICT(ig, EXCLUDE, "foo/test.json", false);
	VERDICT(ig, EXCLUDE, "foo/bar", true);
	VERDICT(ig, NONE, "foo/bar/hello.c", false);
	rc_ignore_free(ig);
}

static void test_ignore__precedence(void **state)
{
	struct repo r = { 0 };

	(void)state;
	/* the deepest .gitignore with a match decides */
	gitignore(&r, "", "!a.txt\n");
	gitignore(&r, "sub", "a.txt\n");
	IGNORED("sub/a.txt");
	NOT_IGNORED("a.txt");
	repo_clear(&r);
	gitignore(&r, "", "*.txt\n");
	gitignore(&r, "sub", "!a.txt\n");
	NOT_IGNORED("sub/a.txt");
	IGNORED("sub/b.txt");
	IGNORED("a.txt");
	repo_clear(&r);
	/* last match within a file */
	gitignore(&r, "", "x\n!x\nx\n");
	IGNORED("x");
	repo_clear(&r);
	gitignore(&r, "", "x\n!x\n");
	NOT_IGNORED("x");
	repo_clear(&r);
	/* config patterns come first, relative to the root */
	gitignore(&r, "", "*.log\n!keep/\n");
	config(&r, "!debug.log");
	config(&r, "keep/");
	config(&r, "/top");
	info_exclude(&r, "*.bak\n");
	NOT_IGNORED("debug.log");
	NOT_IGNORED("d/debug.log");
	IGNORED("other.log");
	IGNORED_DIR("keep");
	IGNORED("keep/file");
	IGNORED("top");
	NOT_IGNORED("d/top");
	IGNORED("x.bak");
	repo_clear(&r);
	/* a .gitignore negation cannot beat a config exclusion */
	gitignore(&r, "", "!secret.env\n");
	config(&r, "*.env");
	IGNORED("secret.env");
	repo_clear(&r);
}

/* ---------------------------------------------------------------------- */
/* comparison with git check-ignore */

struct node {
	const char *path; /* a trailing '/' makes a directory */
	const char *text; /* file contents, or NULL */
};

static const struct node tree[] = {
	{ ".gitignore", "# comment\n"
			"*.o\n"
			"!keep.o\n"
			"/build/\n"
			"doc/frotz/\n"
			"frotz/\n"
			"**/cache\n"
			"logs/**\n"
			"!logs/**/\n"
			"!logs/**/*.keep\n"
			"a/**/z\n"
			"*.tmp   \n"
			"sp\\ \n"
			"\\#hash\n"
			"\\!bang\n"
			"[Tt]emp*\n"
			"foo/*\n"
			"crlf\r\n"
			"/anch\n"
			"mid/dle\n"
			"ends\\\\\n"
			"[\n"
			"q?\n"
			"*.[ch]x\n"
			"deep/**/x/**/y\n"
			"/*.root\n"
			"nested/*/one/\n"
			"last-line-no-newline" },
	{ "a/.gitignore", "!*.tmp\nb/\n/local\nx?y\n!frotz/\n" },
	{ "a/b/.gitignore", "!seven\n" },
	{ "sub/.gitignore", "*.txt\n!important.txt\nanch\n!/crlf\n" },
	{ "sub/deeper/.gitignore", "!*.o\nimportant.txt\n" },
	{ "x.o", NULL },
	{ "keep.o", NULL },
	{ "src/main.c", NULL },
	{ "src/main.o", NULL },
	{ "src/keep.o", NULL },
	{ "build/out", NULL },
	{ "src/build/out", NULL },
	{ "doc/frotz/f", NULL },
	{ "a/doc/frotz/f", NULL },
	{ "frotz", NULL },
	{ "x/frotz/f", NULL },
	{ "a/frotz/f", NULL },
	{ "cache/c", NULL },
	{ "x/y/cache", NULL },
	{ "logs/l.txt", NULL },
	{ "logs/l.keep", NULL },
	{ "logs/d/l.keep", NULL },
	{ "logs/d/l.txt", NULL },
	{ "a/z", NULL },
	{ "a/q/z", NULL },
	{ "a/q/r/z/f", NULL },
	{ "t.tmp", NULL },
	{ "a/t.tmp", NULL },
	{ "a/c/t.tmp", NULL },
	{ "sp ", NULL },
	{ "sp", NULL },
	{ "#hash", NULL },
	{ "!bang", NULL },
	{ "Temp1", NULL },
	{ "temp2/f", NULL },
	{ "xtemp", NULL },
	{ "foo/f", NULL },
	{ "foo/bar/hello.c", NULL },
	{ "crlf", NULL },
	{ "anch", NULL },
	{ "x/anch", NULL },
	{ "mid/dle", NULL },
	{ "x/mid/dle", NULL },
	{ "ends\\", NULL },
	{ "[", NULL },
	{ "q1", NULL },
	{ "q12", NULL },
	{ "f.cx", NULL },
	{ "f.hx", NULL },
	{ "f.ox", NULL },
	{ "deep/x/y", NULL },
	{ "deep/1/x/2/y", NULL },
	{ "deep/1/x/2/z", NULL },
	{ "r.root", NULL },
	{ "d/r.root", NULL },
	{ "nested/a/one/f", NULL },
	{ "nested/a/b/one/f", NULL },
	{ "last-line-no-newline", NULL },
	{ "a/b/seven", NULL },
	{ "a/local", NULL },
	{ "a/x/local", NULL },
	{ "a/xzy", NULL },
	{ "a/x/xzy", NULL },
	{ "sub/n.txt", NULL },
	{ "sub/important.txt", NULL },
	{ "sub/anch", NULL },
	{ "sub/crlf", NULL },
	{ "sub/deeper/x.o", NULL },
	{ "sub/deeper/important.txt", NULL },
	{ "sub/deeper/n.txt", NULL },
	{ "caf\xe9.txt", NULL },
	{ "empty-dir/", NULL },
};

static void write_file(const char *dir, const char *path, const char *text)
{
	char full[1024];
	char *slash;
	FILE *f;

	snprintf(full, sizeof(full), "%s/%s", dir, path);
	for (slash = strchr(full + strlen(dir) + 1, '/'); slash;
	     slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(full, 0755) && errno != EEXIST)
			fail_msg("mkdir '%s': %d", full, errno);
		*slash = '/';
	}
	if (full[strlen(full) - 1] == '/')
		return;
	f = fopen(full, "wb");
	assert_non_null(f);
	if (text)
		fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* Every path of the tree and every leading directory, once each. */
static size_t all_paths(char paths[][256], bool *is_dir, size_t max)
{
	size_t n = 0, i, k, len;

	for (i = 0; i < RC_ARRAY_SIZE(tree); i++) {
		const char *p = tree[i].path;

		len = strlen(p);
		for (k = 1; k <= len; k++) {
			bool dir = k < len ? p[k] == '/' : false;
			size_t j, plen = k;

			if (k < len && !dir)
				continue;
			if (k == len && p[len - 1] == '/')
				continue; /* counted as the prefix */
			for (j = 0; j < n; j++)
				if (strlen(paths[j]) == plen &&
				    !memcmp(paths[j], p, plen))
					break;
			if (j < n)
				continue;
			assert_true(n < max);
			memcpy(paths[n], p, plen);
			paths[n][plen] = '\0';
			is_dir[n++] = dir;
		}
	}
	return n;
}

static void test_ignore__same_as_git_check_ignore(void **state)
{
	static char paths[256][256];
	static bool is_dir[256];
	char dir[] = "/tmp/rc-ignore-XXXXXX", cmd[2048], rec[4][512];
	struct repo r = { 0 };
	size_t n, i, k, got_n = 0;
	bool seen[256] = { false };
	int c, bad = 0;
	FILE *f;

	(void)state;
	if (system("git --version >/dev/null 2>&1") != 0) {
		print_message("git not found: comparison skipped\n");
		skip();
	}
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && git init -q . && printf 'per-repo\\n!keep.o\\n' "
		 ">> .git/info/exclude",
		 dir);
	assert_int_equal(system(cmd), 0);
	for (i = 0; i < RC_ARRAY_SIZE(tree); i++)
		write_file(dir, tree[i].path, tree[i].text);
	write_file(dir, "per-repo", NULL);
	write_file(dir, "x/per-repo", NULL);
	info_exclude(&r, "per-repo\n!keep.o\n");
	for (i = 0; i < RC_ARRAY_SIZE(tree); i++) {
		const char *p = tree[i].path, *slash = strrchr(p, '/');
		char base[256] = "";

		if (strcmp(slash ? slash + 1 : p, ".gitignore"))
			continue;
		if (slash)
			memcpy(base, p, (size_t)(slash - p));
		gitignore(&r, base, tree[i].text);
	}

	n = all_paths(paths, is_dir, RC_ARRAY_SIZE(paths));
	assert_true(n + 2 <= RC_ARRAY_SIZE(paths));
	snprintf(paths[n], sizeof(paths[n]), "per-repo");
	is_dir[n++] = false;
	snprintf(paths[n], sizeof(paths[n]), "x/per-repo");
	is_dir[n++] = false;
	snprintf(cmd, sizeof(cmd), "%s/.git/paths", dir);
	f = fopen(cmd, "wb");
	assert_non_null(f);
	for (i = 0; i < n; i++)
		fwrite(paths[i], 1, strlen(paths[i]) + 1, f);
	assert_int_equal(fclose(f), 0);
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && HOME='%s' XDG_CONFIG_HOME='%s' "
		 "GIT_CONFIG_NOSYSTEM=1 git check-ignore --no-index -v -n -z "
		 "--stdin < .git/paths > .git/out; test -s .git/out",
		 dir, dir, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "%s/.git/out", dir);
	f = fopen(cmd, "rb");
	assert_non_null(f);
	/* records: source NUL line NUL pattern NUL path NUL */
	for (;;) {
		for (k = 0; k < 4; k++) {
			size_t len = 0;

			while ((c = getc(f)) != EOF && c != '\0')
				if (len + 1 < sizeof(rec[k]))
					rec[k][len++] = (char)c;
			rec[k][len] = '\0';
			if (c == EOF)
				break;
		}
		if (k < 4)
			break;
		for (i = 0; i < n; i++)
			if (!seen[i] && !strcmp(paths[i], rec[3]))
				break;
		if (i == n) {
			print_error("git answered for unknown path '%s'\n",
				    rec[3]);
			bad++;
			continue;
		}
		seen[i] = true;
		got_n++;
		{
			bool git = rec[2][0] && rec[2][0] != '!';
			bool ours = repo_excluded(&r, paths[i], is_dir[i]);

			if (git != ours) {
				print_error("%s '%s': git says %s (%s:%s:%s), "
					    "we say %s\n",
					    is_dir[i] ? "directory" : "file",
					    paths[i],
					    git ? "ignored" : "not ignored",
					    rec[0], rec[1], rec[2],
					    ours ? "ignored" : "not ignored");
				bad++;
			}
		}
	}
	fclose(f);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	repo_clear(&r);
	assert_int_equal(bad, 0);
	assert_int_equal(got_n, n);
}

/* Every allocation failure is reported, and leaks nothing (ASan). */
static void test_ignore__out_of_memory(void **state)
{
	static const char text[] = "*.o\n!keep.o\n/build/\n# c\na/**/b\n";
	struct rc_ignore *ig;
	long n;
	int e;

	(void)state;
	for (n = 0;; n++) {
		ig = NULL;
		rc_alloc_fail_after(n);
		e = rc_ignore_parse(&ig, text, strlen(text), "sub");
		if (!e)
			e = rc_ignore_add(ig, "more/");
		rc_alloc_fail_after(-1);
		if (!e)
			break;
		assert_int_equal(e, RC_ENOMEM);
		rc_ignore_free(ig);
	}
	assert_true(n >= 3);
	assert_int_equal(rc_ignore_count(ig), 5);
	VERDICT(ig, INCLUDE, "sub/x/keep.o", false);
	VERDICT(ig, EXCLUDE, "sub/more", true);
	VERDICT(ig, EXCLUDE, "sub/a/x/b", false);
	rc_ignore_free(ig);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ignore__parse_lines),
		cmocka_unit_test(test_ignore__verdicts_and_base),
		cmocka_unit_test(test_ignore__t0008_standard),
		cmocka_unit_test(test_ignore__t0008_subdirectories),
		cmocka_unit_test(test_ignore__t0008_stdin_list),
		cmocka_unit_test(test_ignore__t0008_prefix_and_starstar),
		cmocka_unit_test(test_ignore__t0008_whitespace),
		cmocka_unit_test(test_ignore__t0008_info_exclude_precedence),
		cmocka_unit_test(test_ignore__libgit2_rules_and_spaces),
		cmocka_unit_test(test_ignore__libgit2_stars),
		cmocka_unit_test(test_ignore__libgit2_subdirectories),
		cmocka_unit_test(test_ignore__libgit2_negations),
		cmocka_unit_test(test_ignore__libgit2_escapes),
		cmocka_unit_test(test_ignore__gitignore5_examples),
		cmocka_unit_test(test_ignore__precedence),
		cmocka_unit_test(test_ignore__same_as_git_check_ignore),
		cmocka_unit_test(test_ignore__out_of_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
