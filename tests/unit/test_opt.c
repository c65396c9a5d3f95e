/* Unit tests of the option parser (src/cli/opt.c). */
#include "core/common.h"
#include "cli/opt.h"
#include "core/buf.h"
#include "core/fs.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include <cmocka.h>

struct vals {
	bool quiet, verbose, git;
	const char *config, *color;
	int jobs;
	int ncb;
	const char *cbv[4];
};

static int cb(const char *value, void *payload, struct rc_err *err)
{
	struct vals *v = payload;

	(void)err;
	v->cbv[v->ncb++] = value;
	return 0;
}

static const char *const colors[] = { "auto", "always", "never", NULL };

static int parse(struct vals *v, const char **pos, int *npos, bool *help,
		 struct rc_err *err, int argc, ...)
{
	const struct rc_opt opts[] = {
		RC_OPT_BOOL_("quiet", 'q', &v->quiet, "q"),
		RC_OPT_BOOL_("verbose", 'v', &v->verbose, "v"),
		RC_OPT_BOOL_("git", 0, &v->git, "g"),
		RC_OPT_STR_("config", 'c', &v->config, "FILE", "c"),
		RC_OPT_INT_("jobs", 'j', &v->jobs, "N", "j", 1, 64),
		RC_OPT_CHOICE_("color", 0, &v->color, "WHEN", "c", colors),
		RC_OPT_CB_("format", 'f', v, "F", "f", cb),
		RC_OPT_END_,
	};
	char *argv[16];
	va_list ap;
	int i;

	va_start(ap, argc);
	for (i = 0; i < argc; i++)
		argv[i] = va_arg(ap, char *);
	va_end(ap);
	return rc_opt_parse(opts, argc, argv, pos, 2, npos, help, err);
}

static void test_opt__forms(void **state)
{
	struct vals v = { 0 };
	struct rc_err err = RC_ERR_INIT;
	const char *pos[2];
	int npos;
	bool help = false;

	(void)state;
	v.git = true;
	assert_int_equal(parse(&v, pos, &npos, &help, &err, 9, "-qv",
			       "--no-git", "--config=a.yml", "-j3", "dir",
			       "--color", "never", "-fjson", "--format=md"),
			 0);
	assert_true(v.quiet);
	assert_true(v.verbose);
	assert_false(v.git);
	assert_string_equal(v.config, "a.yml");
	assert_int_equal(v.jobs, 3);
	assert_string_equal(v.color, "never");
	assert_int_equal(v.ncb, 2);
	assert_string_equal(v.cbv[0], "json");
	assert_string_equal(v.cbv[1], "md");
	assert_int_equal(npos, 1);
	assert_string_equal(pos[0], "dir");
	assert_false(help);
	assert_int_equal(parse(&v, pos, &npos, &help, &err, 4, "-c", "x", "--",
			       "-notopt"),
			 0);
	assert_string_equal(v.config, "x");
	assert_string_equal(pos[0], "-notopt");
	assert_int_equal(parse(&v, pos, &npos, &help, &err, 1, "--help"), 0);
	assert_true(help);
}

static void test_opt__errors(void **state)
{
	struct vals v = { 0 };
	struct rc_err err = RC_ERR_INIT;
	const char *pos[2];
	int npos;
	bool help = false;

	(void)state;
	assert_int_equal(parse(&v, pos, &npos, &help, &err, 1, "--confg"),
			 RC_EUSAGE);
	assert_string_equal(err.msg, "unknown option '--confg'");
	assert_string_equal(err.hint, "--config");
	assert_int_equal(parse(&v, pos, &npos, &help, &err, 1, "--jobs"),
			 RC_EUSAGE);
	assert_string_equal(err.msg, "option '--jobs' requires a value");
	assert_int_equal(parse(&v, pos, &npos, &help, &err, 1, "--jobs=0"),
			 RC_EUSAGE);
	assert_string_equal(err.msg, "option '--jobs' expects a number from "
				     "1 to 64, not '0'");
	assert_int_equal(
		parse(&v, pos, &npos, &help, &err, 2, "--color", "alway"),
		RC_EUSAGE);
	assert_string_equal(err.hint, "always");
	assert_int_equal(parse(&v, pos, &npos, &help, &err, 1, "-x"),
			 RC_EUSAGE);
	assert_string_equal(err.msg, "unknown option '-x'");
	assert_int_equal(parse(&v, pos, &npos, &help, &err, 3, "a", "b", "c"),
			 RC_EUSAGE);
	assert_string_equal(err.msg, "unexpected argument 'c'");
	assert_int_equal(parse(&v, pos, &npos, &help, &err, 1, "--quiet=1"),
			 RC_EUSAGE);
	assert_int_equal(parse(&v, pos, &npos, &help, &err, 1, "--no-config"),
			 RC_EUSAGE);
}

static void test_opt__fs_read_limits(void **state)
{
	char dir[] = "/tmp/rc-opt-XXXXXX", path[64];
	struct rc_buf b = RC_BUF_INIT;
	struct rc_err err = RC_ERR_INIT;
	int fd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/f", dir);
	fd = open(path, O_CREAT | O_WRONLY, 0644);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "0123456789", 10), 10);
	close(fd);
	assert_int_equal(rc_fs_read(&b, AT_FDCWD, path, 10, true, &err), 0);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.ptr, "0123456789");
	assert_int_equal(rc_fs_read(&b, AT_FDCWD, path, 9, true, &err),
			 RC_ETOOBIG);
	unlink(path);
	assert_int_equal(rc_fs_read(&b, AT_FDCWD, path, 9, true, &err), RC_EIO);
	assert_non_null(strstr(err.msg, "cannot open"));
	rmdir(dir);
	rc_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opt__forms),
		cmocka_unit_test(test_opt__errors),
		cmocka_unit_test(test_opt__fs_read_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
