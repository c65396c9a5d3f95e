/*
 * scan.c - `readycheck scan [PATH]`: the full review.
 */
#include "../core/common.h"
#include "cli.h"
#include "opt.h"
#include "term.h"
#include "../core/str.h"
#include "../engine/engine.h"
#include "../report/report.h"

#define MAX_OUTPUTS 8

struct output {
	const char *format;
	const char *path; /* NULL: stdout */
};

struct scan_args {
	struct output out[MAX_OUTPUTS];
	int nout;
	bool pending_path; /* -o given before any --format */
};

static int add_format(const char *value, void *payload, struct rc_err *err)
{
	struct scan_args *a = payload;
	const char *const *names = rc_report_writer_names();
	const char *const *p;

	if (!rc_report_writer_find(value)) {
		for (p = names; *p; p++)
			;
		rc_err_set(err, RC_EUSAGE, NULL, 0, 0,
			   "unknown format '%s' (formats: text, md, json)",
			   value);
		rc_err_hint(err,
			    rc_str_suggest(value, names, (size_t)(p - names)));
		return RC_EUSAGE;
	}
	if (a->nout == 1 && a->pending_path && !a->out[0].format) {
		a->out[0].format = value;
		a->pending_path = false;
		return 0;
	}
	if (a->nout >= MAX_OUTPUTS)
		return rc_err_set(err, RC_EUSAGE, NULL, 0, 0,
				  "at most %d outputs", MAX_OUTPUTS);
	a->out[a->nout].format = value;
	a->out[a->nout].path = NULL;
	a->nout++;
	return 0;
}

static int add_output(const char *value, void *payload, struct rc_err *err)
{
	struct scan_args *a = payload;

	if (!a->nout) {
		a->out[0].format = NULL;
		a->out[0].path = value;
		a->nout = 1;
		a->pending_path = true;
		return 0;
	}
	if (a->out[a->nout - 1].path)
		return rc_err_set(err, RC_EUSAGE, NULL, 0, 0,
				  "option '-o' given twice for format '%s'; "
				  "give '--format' before each '-o'",
				  a->out[a->nout - 1].format
					  ? a->out[a->nout - 1].format
					  : "text");
	a->out[a->nout - 1].path = value;
	return 0;
}

/* The score as every report prints it (one decimal), so that a gate never
 * disagrees with what the user reads. */
static double shown(double total)
{
	return (double)(long)(total * 10 + 0.5) / 10;
}

static const char *const profiles[] = { "auto", "service", "library", "cli",
					"app",	"worker",  NULL };
static const char *const colors[] = { "auto", "always", "never", NULL };
static const char *const fail_ons[] = { "secrets", "none", NULL };

int cmd_scan(int argc, char **argv)
{
	struct rc_scan_opts so = RC_SCAN_OPTS_INIT;
	struct scan_args a = { 0 };
	struct rc_scan_result *res = NULL;
	struct rc_err err = RC_ERR_INIT;
	const char *config = NULL, *profile = NULL, *color = "auto";
	const char *fail_on = "none";
	const char *pos[1];
	int fail_under = -1, jobs = 0, npos = 0, i, code = RC_EXIT_OK;
	bool no_git = false, quiet = false, verbose = false, help = false;
	bool strict = false, timings = false;
	double start = rc_term_now();
	const struct rc_opt opts[] = {
		RC_OPT_CB_("format", 'f', &a, "FORMAT",
			   "text (default), md or json; repeatable, each "
			   "followed by its -o",
			   add_format),
		RC_OPT_CB_("output", 'o', &a, "FILE",
			   "write the report of the preceding --format to FILE",
			   add_output),
		RC_OPT_STR_(
			"config", 'c', &config, "FILE",
			"configuration file (default PATH/.readycheck.yml)"),
		RC_OPT_CHOICE_("profile", 'p', &profile, "KIND",
			       "auto, service, worker, library, cli or app",
			       profiles),
		RC_OPT_INT_("fail-under", 0, &fail_under, "N",
			    "exit 1 when the score is under N (0-100)", 0, 100),
		RC_OPT_INT_("jobs", 'j', &jobs, "N",
			    "worker threads (default: number of CPUs)", 1, 256),
		RC_OPT_CHOICE_("fail-on", 0, &fail_on, "WHAT",
			       "secrets: exit 1 when the scan finds a secret "
			       "(none: the default)",
			       fail_ons),
		RC_OPT_BOOL_("strict", 0, &strict,
			     "count manual items without attestation as "
			     "failing"),
		RC_OPT_BOOL_("no-git", 0, &no_git, "do not read git metadata"),
		RC_OPT_CHOICE_("color", 0, &color, "WHEN",
			       "auto, always or never (NO_COLOR is honoured)",
			       colors),
		RC_OPT_BOOL_("quiet", 'q', &quiet,
			     "only the score and the failing checks"),
		RC_OPT_BOOL_("verbose", 'v', &verbose,
			     "also the evidence of passing checks"),
		RC_OPT_BOOL_("timings", 0, &timings,
			     "print how long each phase took on stderr"),
		RC_OPT_END_,
	};

	if (rc_opt_parse(opts, argc, argv, pos, 1, &npos, &help, &err))
		return rc_term_error(&err);
	if (help) {
		rc_opt_usage(stdout, "scan [options] [PATH]",
			     "Review the repository at PATH (default: the "
			     "current directory) and\nprint its "
			     "production-readiness report.",
			     opts);
		return RC_EXIT_OK;
	}
	if (!a.nout) {
		a.out[0].format = "text";
		a.nout = 1;
	}
	for (i = 0; i < a.nout; i++) {
		if (!a.out[i].format)
			a.out[i].format = "text";
		if (!a.out[i].path && i != a.nout - 1)
			return rc_term_usage_error(
				"format '%s' has no '-o FILE'; only the last "
				"format may go to standard output",
				a.out[i].format);
	}
	so.root = npos ? pos[0] : ".";
	so.config_path = config;
	so.profile = profile;
	so.jobs = (unsigned)jobs;
	so.no_git = no_git;
	so.cache_dir = rc_term_cache_dir();
	so.fail_under = fail_under;
	so.strict = strict;
	so.progress = rc_term_progress;
	if (rc_scan_run(&res, &so, &err)) {
		rc_term_progress_end();
		return rc_term_error(&err);
	}
	rc_term_progress_end();
	if (timings)
		rc_term_timings(&res->times, (rc_term_now() - start) * 1e3);
	for (i = 0; i < a.nout && code == RC_EXIT_OK; i++) {
		const struct rc_report_writer *w =
			rc_report_writer_find(a.out[i].format);
		struct rc_report_opts ro = { 0 };
		struct rc_buf buf = RC_BUF_INIT;

		ro.color = !a.out[i].path && !strcmp(a.out[i].format, "text") &&
			   rc_term_color(color, stdout);
		ro.verbose = verbose;
		ro.quiet = quiet;
		if (w->write(&res->report, &ro, &buf) || rc_buf_err(&buf)) {
			fprintf(stderr,
				"readycheck: cannot format the %s "
				"report: out of memory\n",
				a.out[i].format);
			code = RC_EXIT_RUNTIME;
		} else {
			code = rc_term_write(&buf, a.out[i].path);
		}
		rc_buf_release(&buf);
	}
	if (code == RC_EXIT_OK && res->report.fail_under >= 0 &&
	    shown(res->report.score.total) < res->report.fail_under) {
		fprintf(stderr,
			"readycheck: score %.1f is under the required %d\n",
			res->report.score.total, res->report.fail_under);
		code = RC_EXIT_GATE;
	}
	if (code == RC_EXIT_OK && !strcmp(fail_on, "secrets") &&
	    res->secrets.n) {
		fprintf(stderr,
			"readycheck: %zu secret%s found (see secrets-none; "
			"`readycheck secrets` lists them)\n",
			res->secrets.n, res->secrets.n == 1 ? "" : "s");
		code = RC_EXIT_GATE;
	}
	if (code == RC_EXIT_OK && res->report.expired) {
		fprintf(stderr,
			"readycheck: %u expired waiver%s or attestation%s "
			"(see the report); renew or remove them\n",
			res->report.expired,
			res->report.expired == 1 ? "" : "s",
			res->report.expired == 1 ? "" : "s");
		code = RC_EXIT_GATE;
	}
	rc_scan_result_free(res);
	return code;
}
