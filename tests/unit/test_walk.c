/*
 * test_walk.c - rc_walk() on trees built under mkdtemp.
 *
 * Each test builds a small tree, walks it and compares a text rendering of
 * the result ("path size [symlink] [toobig]" lines, then diagnostics) with
 * the exact expected text.
 */
#define _GNU_SOURCE /* unshare(), for the bind-mount loop test */
#include "core/common.h"
#include "walk/walk.h"
#include "core/alloc.h"
#include "core/buf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static char sandbox[64];

static int setup(void **state)
{
	(void)state;
	snprintf(sandbox, sizeof(sandbox), "/tmp/rc-walk-XXXXXX");
	if (!mkdtemp(sandbox))
		return -1;
	/* readable by the unprivileged child of the permission test */
	return chmod(sandbox, 0755);
}

static int teardown(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(cmd, sizeof(cmd),
		 "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", sandbox,
		 sandbox);
	return system(cmd) ? -1 : 0;
}

static void full_path(char *out, size_t n, const char *rel)
{
	int w = snprintf(out, n, "%s/%s", sandbox, rel);

	assert_true(w > 0 && (size_t)w < n);
}

/* Create the parents of rel. */
static void parents(const char *rel)
{
	char p[4096], *s;

	full_path(p, sizeof(p), rel);
	for (s = strchr(p + strlen(sandbox) + 1, '/'); s;
	     s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0755) && errno != EEXIST)
			fail_msg("mkdir '%s': errno %d", p, errno);
		*s = '/';
	}
}

static void mkfile(const char *rel, const char *text)
{
	char p[4096];
	FILE *f;

	parents(rel);
	full_path(p, sizeof(p), rel);
	f = fopen(p, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void mkdirs(const char *rel)
{
	char p[4096];

	parents(rel);
	full_path(p, sizeof(p), rel);
	if (mkdir(p, 0755) && errno != EEXIST)
		fail_msg("mkdir '%s': errno %d", p, errno);
}

static void mklink(const char *target, const char *rel)
{
	char p[4096];

	parents(rel);
	full_path(p, sizeof(p), rel);
	assert_int_equal(symlink(target, p), 0);
}

static void mksized(const char *rel, off_t size)
{
	char p[4096];
	int fd;

	parents(rel);
	full_path(p, sizeof(p), rel);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, size), 0); /* sparse */
	close(fd);
}

/* "path size [symlink] [toobig]" per file, then "level: path: msg". */
static char *render(const struct rc_walk_result *r, const struct rc_diags *d)
{
	struct rc_buf b = RC_BUF_INIT;
	size_t i;

	for (i = 0; i < r->n; i++)
		rc_buf_addf(
			&b, "%s %llu%s%s\n", r->files[i].path,
			(unsigned long long)r->files[i].size,
			r->files[i].flags & RC_WALK_SYMLINK ? " symlink" : "",
			r->files[i].flags & RC_WALK_TOOBIG ? " toobig" : "");
	for (i = 0; i < d->list.n; i++)
		rc_buf_addf(&b, "%s: %s: %s\n",
			    rc_diag_level_name(d->list.v[i].level),
			    d->list.v[i].path, d->list.v[i].msg);
	assert_int_equal(rc_buf_err(&b), 0);
	return rc_buf_detach(&b, NULL);
}

/* Walk the sandbox with opts (root filled in) and render the result. */
static char *walk_render(struct rc_walk_opts *o, uint64_t *dirs)
{
	struct rc_walk_result r;
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_err err = RC_ERR_INIT;
	char *text;
	int e;

	o->root = sandbox;
	e = rc_walk(&r, o, &d, &err);
	if (e)
		fail_msg("rc_walk: %d %s", e, err.msg);
	text = render(&r, &d);
	if (dirs)
		*dirs = r.dirs;
	rc_walk_result_release(&r);
	rc_diags_release(&d);
	return text;
}

static void expect_walk_(struct rc_walk_opts *o, const char *want,
			 uint64_t want_dirs, const char *file, int line)
{
	uint64_t dirs;
	char *got = walk_render(o, &dirs);

	if (strcmp(got, want)) {
		print_error("%s:%d: walk result differs\n--- expected\n%s"
			    "--- got\n%s",
			    file, line, want, got);
		rc_free(got);
		_fail(file, line);
	}
	rc_free(got);
	if (dirs != want_dirs) {
		print_error("%s:%d: %llu directories, expected %llu\n", file,
			    line, (unsigned long long)dirs,
			    (unsigned long long)want_dirs);
		_fail(file, line);
	}
}

#define EXPECT_WALK(o, want, dirs) \
	expect_walk_(o, want, dirs, __FILE__, __LINE__)

/* ---------------------------------------------------------------------- */

static void test_walk__gitignore_rules(void **state)
{
	static const char *const cfg[] = { "node_modules/", "!vendor/keep.js",
					   NULL, "# comment" };
	struct rc_walk_opts o = RC_WALK_OPTS_INIT;
	char want[2048];

	(void)state;
	mkfile(".gitignore", "*.log\n!keep.log\n/build/\nsecret*\nvendor/*\n");
	mkfile(".git/info/exclude", "local.txt\n");
	mkfile(".git/HEAD", "ref: refs/heads/main\n");
	mkfile("a.txt", "hello");
	mkfile("b.log", "x");
	mkfile("keep.log", "k");
	mkfile("build/out", "x");
	mkfile("src/build/out", "x");
	mkfile("src/.gitignore", "!secret.h\n*.tmp\n/gen/\n");
	mkfile("src/secret.h", "s");
	mkfile("src/secret.c", "s");
	mkfile("src/x.tmp", "x");
	mkfile("src/gen/g.c", "x");
	mkfile("src/sub/gen/g.c", "g");
	mkfile("src/sub/.git", "gitdir: ../../elsewhere\n");
	mkfile("src/sub/.gitignore", "!*.log\n");
	mkfile("src/sub/debug.log", "dd");
	mkfile("local.txt", "x");
	mkfile("sub/local.txt", "x");
	mkfile("node_modules/x.js", "x");
	mkfile("sub/node_modules/y.js", "x");
	mkfile("vendor/keep.js", "kk");
	mkfile("vendor/other.js", "x");
	mkdirs("empty");
	o.ignore = cfg;
	o.nignore = RC_ARRAY_SIZE(cfg);
	snprintf(want, sizeof(want),
		 ".gitignore 41\n"
		 "a.txt 5\n"
		 "keep.log 1\n"
		 "src/.gitignore 22\n"
		 "src/build/out 1\n"
		 "src/secret.h 1\n"
		 "src/sub/.gitignore 7\n"
		 "src/sub/debug.log 2\n"
		 "src/sub/gen/g.c 1\n"
		 "vendor/keep.js 2\n");
	/* ., src, src/build, src/sub, src/sub/gen, sub, vendor, empty */
	EXPECT_WALK(&o, want, 8);

	/* without .gitignore files only the config applies */
	o.use_gitignore = false;
	o.jobs = 3;
	EXPECT_WALK(&o,
		    ".gitignore 41\n"
		    "a.txt 5\n"
		    "b.log 1\n"
		    "build/out 1\n"
		    "keep.log 1\n"
		    "local.txt 1\n"
		    "src/.gitignore 22\n"
		    "src/build/out 1\n"
		    "src/gen/g.c 1\n"
		    "src/secret.c 1\n"
		    "src/secret.h 1\n"
		    "src/sub/.gitignore 7\n"
		    "src/sub/debug.log 2\n"
		    "src/sub/gen/g.c 1\n"
		    "src/x.tmp 1\n"
		    "sub/local.txt 1\n"
		    "vendor/keep.js 2\n"
		    "vendor/other.js 1\n",
		    10);
}

static void test_walk__git_file_and_nested_negation(void **state)
{
	struct rc_walk_opts o = RC_WALK_OPTS_INIT;

	(void)state;
	/* .git as a file (worktree): skipped, no info/exclude */
	mkfile(".git", "gitdir: /nowhere\n");
	mkfile(".gitignore", "/*\n!/keep/\n/keep/*\n!/keep/this/\n");
	mkfile("top.c", "x");
	mkfile("drop/a.c", "x");
	mkfile("keep/a.c", "x");
	mkfile("keep/this/b.c", "x");
	mkfile("keep/this/.gitignore", "*.o\n!/anchored.o\n");
	mkfile("keep/this/anchored.o", "x");
	mkfile("keep/this/deep/anchored.o", "x");
	mkfile("keep/this/deep/c.c", "x");
	EXPECT_WALK(&o,
		    "keep/this/.gitignore 17\n"
		    "keep/this/anchored.o 1\n"
		    "keep/this/b.c 1\n"
		    "keep/this/deep/c.c 1\n",
		    4);
}

static void test_walk__symlinks(void **state)
{
	struct rc_walk_opts o = RC_WALK_OPTS_INIT;

	(void)state;
	mkfile("a/f", "x");
	mklink("..", "a/loop");
	mklink("/etc", "etc");
	mklink("/etc/passwd", "passwd");
	mklink("does/not/exist", "dangling");
	mkfile("real-ignore", "*\n");
	mklink("../real-ignore", "sub/.gitignore");
	mkfile("sub/x", "xx");
	EXPECT_WALK(&o,
		    "a/f 1\n"
		    "a/loop 0 symlink\n"
		    "dangling 0 symlink\n"
		    "etc 0 symlink\n"
		    "passwd 0 symlink\n"
		    "real-ignore 2\n"
		    "sub/.gitignore 0 symlink\n"
		    "sub/x 2\n"
		    "note: sub/.gitignore: not used: .gitignore is a symbolic "
		    "link\n",
		    3);
	/* a symlink is matched as a file: "dir/" does not apply */
	mkfile(".gitignore", "a/\netc/\npasswd\n");
	EXPECT_WALK(&o,
		    ".gitignore 15\n"
		    "dangling 0 symlink\n"
		    "etc 0 symlink\n"
		    "real-ignore 2\n"
		    "sub/.gitignore 0 symlink\n"
		    "sub/x 2\n"
		    "note: sub/.gitignore: not used: .gitignore is a symbolic "
		    "link\n",
		    2);
}

static void test_walk__special_files(void **state)
{
	struct rc_walk_opts o = RC_WALK_OPTS_INIT;
	struct sockaddr_un sa;
	char p[4096];
	int s;

	(void)state;
	mkfile(".gitignore", "*.pipe\n");
	full_path(p, sizeof(p), "fifo");
	assert_int_equal(mkfifo(p, 0644), 0);
	full_path(p, sizeof(p), "ignored.pipe");
	assert_int_equal(mkfifo(p, 0644), 0);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	full_path(sa.sun_path, sizeof(sa.sun_path), "sock");
	s = socket(AF_UNIX, SOCK_STREAM, 0);
	assert_true(s >= 0);
	assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
	close(s);
	mkfile("caf\xe9.txt", "abc");
	mkfile("n\xff\xfe/\xc3(.c", "x");
	EXPECT_WALK(&o,
		    ".gitignore 7\n"
		    "caf\xe9.txt 3\n"
		    "n\xff\xfe/\xc3(.c 1\n"
		    "note: fifo: skipped: not a regular file (fifo)\n"
		    "note: sock: skipped: not a regular file (socket)\n",
		    2);
}

static void test_walk__size_limit(void **state)
{
	struct rc_walk_opts o = RC_WALK_OPTS_INIT;

	(void)state;
	mksized("big.bin", 9542042); /* 9.1 MiB */
	mksized("huge.iso", (off_t)3 << 30);
	mksized("exact.bin", 8 << 20);
	mkfile("small.txt", "x");
	EXPECT_WALK(&o,
		    "big.bin 9542042 toobig\n"
		    "exact.bin 8388608\n"
		    "huge.iso 3221225472 toobig\n"
		    "small.txt 1\n"
		    "note: big.bin: skipped: 9.1 MiB, over the 8 MiB size "
		    "limit (set max_file_size in .readycheck.yml)\n"
		    "note: huge.iso: skipped: 3 GiB, over the 8 MiB size "
		    "limit (set max_file_size in .readycheck.yml)\n",
		    1);
	o.max_size = 1500;
	mksized("k.bin", 2000);
	mksized("b.bin", 1500);
	EXPECT_WALK(&o,
		    "b.bin 1500\n"
		    "big.bin 9542042 toobig\n"
		    "exact.bin 8388608 toobig\n"
		    "huge.iso 3221225472 toobig\n"
		    "k.bin 2000 toobig\n"
		    "small.txt 1\n"
		    "note: big.bin: skipped: 9.1 MiB, over the 1.5 KiB size "
		    "limit (set max_file_size in .readycheck.yml)\n"
		    "note: exact.bin: skipped: 8 MiB, over the 1.5 KiB size "
		    "limit (set max_file_size in .readycheck.yml)\n"
		    "note: huge.iso: skipped: 3 GiB, over the 1.5 KiB size "
		    "limit (set max_file_size in .readycheck.yml)\n"
		    "note: k.bin: skipped: 2.0 KiB, over the 1.5 KiB size "
		    "limit (set max_file_size in .readycheck.yml)\n",
		    1);
	o.max_size = 0; /* no limit */
	EXPECT_WALK(&o,
		    "b.bin 1500\n"
		    "big.bin 9542042\n"
		    "exact.bin 8388608\n"
		    "huge.iso 3221225472\n"
		    "k.bin 2000\n"
		    "small.txt 1\n",
		    1);
}

#define DEEP 1000

static void test_walk__deep_nesting(void **state)
{
	struct rc_walk_opts o = RC_WALK_OPTS_INIT;
	struct rc_buf rel = RC_BUF_INIT, want = RC_BUF_INIT;
	int i;

	(void)state;
	for (i = 0; i < DEEP; i++)
		rc_buf_adds(&rel, "d/");
	rc_buf_adds(&rel, "bottom.txt");
	assert_int_equal(rc_buf_err(&rel), 0);
	mkfile(rel.ptr, "deep");
	rc_buf_addf(&want, "%s 4\n", rel.ptr);
	EXPECT_WALK(&o, want.ptr, DEEP + 1);
	o.jobs = 4;
	EXPECT_WALK(&o, want.ptr, DEEP + 1);

	/* max_depth: the 11th level is not entered */
	rc_buf_reset(&want);
	for (i = 0; i < 11; i++)
		rc_buf_adds(&want, i ? "/d" : "note: d");
	rc_buf_adds(&want, ": skipped: directory deeper than max_depth (10)\n");
	o.max_depth = 10;
	EXPECT_WALK(&o, want.ptr, 11);
	rc_buf_release(&rel);
	rc_buf_release(&want);
}

/* Paths of PATH_MAX bytes or more are skipped with a note. */
static void test_walk__path_max(void **state)
{
	struct rc_walk_opts o = RC_WALK_OPTS_INIT;
	struct rc_walk_result r;
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_err err = RC_ERR_INIT;
	char name[201], want[128];
	int fd, next, i;

	(void)state;
	memset(name, 'x', 200);
	name[200] = '\0';
	fd = open(sandbox, O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	for (i = 0; i < 25; i++) {
		assert_int_equal(mkdirat(fd, name, 0755), 0);
		next = openat(fd, name, O_RDONLY | O_DIRECTORY);
		assert_true(next >= 0);
		close(fd);
		fd = next;
	}
	next = openat(fd, "f", O_WRONLY | O_CREAT, 0644);
	assert_true(next >= 0);
	close(next);
	close(fd);
	mkfile("short", "x");

	o.root = sandbox;
	assert_int_equal(rc_walk(&r, &o, &d, &err), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.files[0].path, "short");
	assert_int_equal(r.dirs, 21); /* root and 20 levels */
	assert_int_equal(d.list.n, 1);
	/* level 21: 21 names of 200 bytes and 20 slashes */
	assert_int_equal(strlen(d.list.v[0].path), 4220);
	snprintf(want, sizeof(want),
		 "skipped: path of 4220 bytes, over the PATH_MAX limit (%d)",
		 PATH_MAX);
	assert_string_equal(d.list.v[0].msg, want);
	assert_int_equal(d.list.v[0].level, RC_DIAG_NOTE);
	rc_walk_result_release(&r);
	rc_diags_release(&d);
}

/*
 * Run a walk of the sandbox in a child process, optionally as another user
 * and in a private mount namespace, and return its rendering (read through
 * a pipe). Returns NULL when the child could not set itself up (*why says
 * why).
 */
static char *walk_in_child(bool as_nobody, const char *bind_from,
			   const char *bind_to, const char **why)
{
	struct rc_buf out = RC_BUF_INIT;
	char buf[4096];
	int fds[2], status;
	ssize_t got;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct rc_walk_opts o = RC_WALK_OPTS_INIT;
		char *text;
		size_t off = 0;

		close(fds[0]);
		if (bind_from &&
		    (unshare(CLONE_NEWNS) ||
		     mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		     mount(bind_from, bind_to, NULL, MS_BIND, NULL)))
			_exit(3);
		if (as_nobody && (setgid(65534) || setuid(65534)))
			_exit(2);
		text = walk_render(&o, NULL);
		while (off < strlen(text)) {
			got = write(fds[1], text + off, strlen(text) - off);
			if (got <= 0)
				_exit(1);
			off += (size_t)got;
		}
		_exit(0);
	}
	close(fds[1]);
	while ((got = read(fds[0], buf, sizeof(buf))) > 0)
		rc_buf_add(&out, buf, (size_t)got);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 2 || WEXITSTATUS(status) == 3) {
		*why = WEXITSTATUS(status) == 2 ? "cannot setuid(65534)"
						: "cannot bind-mount in a "
						  "private namespace";
		rc_buf_release(&out);
		return NULL;
	}
	assert_int_equal(WEXITSTATUS(status), 0);
	return rc_buf_detach(&out, NULL);
}

static void test_walk__unreadable_directory(void **state)
{
	static const char want[] =
		"open/f 1\n"
		"warning: locked: cannot read directory: Permission denied\n";
	struct rc_walk_opts o = RC_WALK_OPTS_INIT;
	const char *why = NULL;
	char p[4096], *got;

	(void)state;
	mkfile("open/f", "x");
	mkfile("locked/secret", "x");
	full_path(p, sizeof(p), "locked");
	assert_int_equal(chmod(p, 0), 0);
	if (geteuid() != 0) {
		EXPECT_WALK(&o, want, 2);
		return;
	}
	/* root reads everything: walk as nobody in a child */
	got = walk_in_child(true, NULL, NULL, &why);
	if (!got) {
		print_message("skipped: %s\n", why);
		skip();
	}
	assert_string_equal(got, want);
	rc_free(got);
}

static void test_walk__bind_mount_loop(void **state)
{
	const char *why = NULL;
	char to[4096], *got;

	(void)state;
	mkfile("a/f", "x");
	mkdirs("a/b/mnt");
	full_path(to, sizeof(to), "a/b/mnt");
	if (geteuid() != 0) {
		print_message("skipped: needs root for a bind mount\n");
		skip();
	}
	got = walk_in_child(false, sandbox, to, &why);
	if (!got) {
		print_message("skipped: %s\n", why);
		skip();
	}
	assert_string_equal(got, "a/f 1\n"
				 "note: a/b/mnt: skipped: directory loop (the "
				 "same directory as one of its parents)\n");
	rc_free(got);
}

static void test_walk__jobs_do_not_change_the_result(void **state)
{
	struct rc_walk_opts o = RC_WALK_OPTS_INIT;
	char rel[256], *one, *other;
	unsigned jobs[] = { 0, 2, 4, 8, 4 };
	uint64_t dirs1, dirs;
	size_t i;
	int a, b, c;

	(void)state;
	mkfile(".gitignore", "*.o\nb1/\n!keep.o\n");
	for (a = 0; a < 6; a++)
		for (b = 0; b < 5; b++) {
			snprintf(rel, sizeof(rel), "a%d/b%d/.gitignore", a, b);
			mkfile(rel, b % 2 ? "!*.o\nf2*\n" : "/c0/\n");
			for (c = 0; c < 4; c++) {
				snprintf(rel, sizeof(rel),
					 "a%d/b%d/c%d/f%d.txt", a, b, c,
					 a * b * c);
				mkfile(rel, "text");
				snprintf(rel, sizeof(rel), "a%d/b%d/c%d/x.o", a,
					 b, c);
				mkfile(rel, "o");
				snprintf(rel, sizeof(rel), "a%d/b%d/f2-%d", a,
					 b, c);
				mkfile(rel, "f2");
			}
			snprintf(rel, sizeof(rel), "a%d/b%d/link", a, b);
			mklink("../..", rel);
		}
	mksized("a1/big", 9 << 20);
	full_path(rel, sizeof(rel), "a2/fifo");
	assert_int_equal(mkfifo(rel, 0644), 0);

	o.jobs = 1;
	one = walk_render(&o, &dirs1);
	assert_true(strlen(one) > 1000);
	for (i = 0; i < RC_ARRAY_SIZE(jobs); i++) {
		o.jobs = jobs[i];
		other = walk_render(&o, &dirs);
		assert_string_equal(one, other);
		assert_int_equal(dirs, dirs1);
		rc_free(other);
	}
	rc_free(one);
}

static void test_walk__start_errors(void **state)
{
	struct rc_walk_opts o = RC_WALK_OPTS_INIT;
	struct rc_walk_result r;
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_err err = RC_ERR_INIT;
	char p[4096];

	(void)state;
	full_path(p, sizeof(p), "missing");
	o.root = p;
	assert_int_equal(rc_walk(&r, &o, &d, &err), RC_ENOTFOUND);
	assert_string_equal(err.msg, "no such directory");
	assert_string_equal(err.path, p);
	assert_int_equal(r.n, 0);
	assert_null(r.files);
	rc_walk_result_release(&r);

	mkfile("file", "x");
	full_path(p, sizeof(p), "file");
	assert_int_equal(rc_walk(&r, &o, &d, &err), RC_EUSAGE);
	assert_string_equal(err.msg, "not a directory");
	rc_walk_result_release(&r);
	assert_int_equal(d.list.n, 0);

	/* a symlink to a directory is fine as the root */
	mkfile("dir/f", "x");
	mklink("dir", "link");
	full_path(p, sizeof(p), "link");
	assert_int_equal(rc_walk(&r, &o, &d, &err), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.files[0].path, "f");
	rc_walk_result_release(&r);
}

/* Every allocation failure ends the walk with RC_ENOMEM, leaking nothing. */
static void test_walk__out_of_memory(void **state)
{
	static const char *const cfg[] = { "*.tmp" };
	struct rc_walk_opts o = RC_WALK_OPTS_INIT;
	struct rc_walk_result r;
	struct rc_diags d = RC_DIAGS_INIT;
	struct rc_err err = RC_ERR_INIT;
	char *text;
	long n;
	int e;

	(void)state;
	mkfile(".gitignore", "*.o\n");
	mkfile(".git/info/exclude", "x.log\n");
	mkfile("src/.gitignore", "!keep.o\n");
	mkfile("src/keep.o", "k");
	mkfile("src/a.o", "a");
	mkfile("src/deep/f.c", "f");
	mkfile("x.log", "x");
	mkfile("y.tmp", "y");
	mksized("big", 9 << 20);
	o.root = sandbox;
	o.ignore = cfg;
	o.nignore = 1;
	for (n = 0;; n++) {
		rc_alloc_fail_after(n);
		e = rc_walk(&r, &o, &d, &err);
		rc_alloc_fail_after(-1);
		if (!e)
			break;
		assert_int_equal(e, RC_ENOMEM);
		assert_string_equal(err.msg, "out of memory walking the tree");
		assert_int_equal(r.n, 0);
		assert_null(r.files);
		assert_int_equal(d.list.n, 0);
		rc_walk_result_release(&r);
	}
	assert_true(n >= 10);
	text = render(&r, &d);
	assert_string_equal(
		text, ".gitignore 4\n"
		      "big 9437184 toobig\n"
		      "src/.gitignore 8\n"
		      "src/deep/f.c 1\n"
		      "src/keep.o 1\n"
		      "note: big: skipped: 9 MiB, over the 8 MiB size limit "
		      "(set max_file_size in .readycheck.yml)\n");
	rc_free(text);
	rc_walk_result_release(&r);
	rc_diags_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_walk__gitignore_rules,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_walk__git_file_and_nested_negation, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_walk__symlinks, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_walk__special_files, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_walk__size_limit, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_walk__deep_nesting, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_walk__path_max, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_walk__unreadable_directory,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_walk__bind_mount_loop,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_walk__jobs_do_not_change_the_result, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_walk__start_errors, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_walk__out_of_memory, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
