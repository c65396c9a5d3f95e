/*
 * secrets.c - `readycheck secrets [PATH]`: the secret scan alone, over the
 * working tree or (--history) every blob of the git history.
 *
 * Exit 1 when a secret is found that the baseline does not accept (the
 * command is a gate by nature, like every secret scanner), 0 when none.
 */
#include "../core/common.h"
#include "cli.h"
#include "opt.h"
#include "term.h"
#include "../core/buf.h"
#include "../engine/engine.h"
#include "../report/secrets.h"

#include <stdio.h>

static const char *const formats[] = { "text", "json", NULL };
static const char *const colors[] = { "auto", "always", "never", NULL };

/* `--rules`: each detector's id and regex, one per line (for rg -f, docs). */
static int list_rules(const char *config)
{
	struct rc_config cfg;
	struct rc_catalog *cat = NULL;
	struct rc_err err = RC_ERR_INIT;
	struct rc_buf b = RC_BUF_INIT;
	size_t i;
	int code;

	rc_config_init(&cfg);
	if (rc_engine_load_catalog(&cat, &cfg, config, &err)) {
		rc_config_release(&cfg);
		return rc_term_error(&err);
	}
	for (i = 0; i < cat->secrets->n; i++)
		rc_buf_addf(&b, "%s\t%s\n", cat->secrets->rules[i].id,
			    cat->secrets->rules[i].regex);
	code = rc_buf_err(&b) ? RC_EXIT_RUNTIME : rc_term_write(&b, NULL);
	rc_buf_release(&b);
	rc_catalog_free(cat);
	rc_config_release(&cfg);
	return code;
}

int cmd_secrets(int argc, char **argv)
{
	struct rc_scan_opts so = RC_SCAN_OPTS_INIT;
	struct rc_scan_result *res = NULL;
	struct rc_err err = RC_ERR_INIT;
	struct rc_buf buf = RC_BUF_INIT, path = RC_BUF_INIT;
	const char *config = NULL, *format = "text", *output = NULL;
	const char *baseline = NULL, *color = "auto";
	const char *pos[1];
	int jobs = 0, npos = 0, code;
	bool history = false, help = false, write_baseline = false;
	bool no_baseline = false, rules = false, timings = false;
	double start = rc_term_now();
	const struct rc_opt opts[] = {
		RC_OPT_BOOL_("history", 0, &history,
			     "search every blob reachable from any git ref "
			     "instead of the working tree"),
		RC_OPT_CHOICE_("format", 'f', &format, "FORMAT",
			       "text (default) or json", formats),
		RC_OPT_STR_("output", 'o', &output, "FILE",
			    "write the findings to FILE"),
		RC_OPT_STR_("baseline", 'b', &baseline, "FILE",
			    "accepted findings (default "
			    "PATH/.readycheck-secrets.json when present)"),
		RC_OPT_BOOL_("no-baseline", 0, &no_baseline,
			     "report every finding, accepted or not"),
		RC_OPT_BOOL_("baseline-write", 0, &write_baseline,
			     "accept every current finding: write them to the "
			     "baseline file"),
		RC_OPT_STR_(
			"config", 'c', &config, "FILE",
			"configuration file (default PATH/.readycheck.yml)"),
		RC_OPT_BOOL_("rules", 0, &rules,
			     "list the detectors (id and regex) and exit"),
		RC_OPT_INT_("jobs", 'j', &jobs, "N",
			    "worker threads (default: number of CPUs)", 1, 256),
		RC_OPT_CHOICE_("color", 0, &color, "WHEN",
			       "auto, always or never (NO_COLOR is honoured)",
			       colors),
		RC_OPT_BOOL_("timings", 0, &timings,
			     "print how long each phase took on stderr"),
		RC_OPT_END_,
	};

	if (rc_opt_parse(opts, argc, argv, pos, 1, &npos, &help, &err))
		return rc_term_error(&err);
	if (help) {
		rc_opt_usage(stdout, "secrets [options] [PATH]",
			     "Search the repository at PATH (default: the "
			     "current directory) for secrets:\ntokens, keys "
			     "and passwords of documented formats, and "
			     "high-entropy values\ngiven to secret-like names. "
			     "A secret is never printed whole: its first\n"
			     "characters, length and a fingerprint. Exit 1 "
			     "when one is found.",
			     opts);
		return RC_EXIT_OK;
	}
	if (rules)
		return list_rules(config);
	if (write_baseline && no_baseline)
		return rc_term_usage_error("--baseline-write and --no-baseline "
					   "exclude each other");
	so.root = npos ? pos[0] : ".";
	so.config_path = config;
	so.jobs = (unsigned)jobs;
	so.cache_dir = rc_term_cache_dir();
	so.secrets_only = true;
	/* a baseline being rewritten must not hide what it will hold */
	so.secrets_baseline = no_baseline || write_baseline ? "" : baseline;
	if (!history)
		so.progress = rc_term_progress;
	if ((history ? rc_scan_history(&res, &so, &err)
		     : rc_scan_run(&res, &so, &err))) {
		rc_term_progress_end();
		return rc_term_error(&err);
	}
	rc_term_progress_end();
	if (timings)
		rc_term_timings(&res->times, (rc_term_now() - start) * 1e3);
	if (write_baseline) {
		if (!baseline)
			rc_buf_addf(&path, "%s/.readycheck-secrets.json",
				    so.root);
		if (rc_secrets_baseline_write(&res->secrets, &buf) ||
		    rc_buf_err(&path)) {
			code = RC_EXIT_RUNTIME;
		} else {
			code = rc_term_write(&buf,
					     baseline ? baseline : path.ptr);
			if (code == RC_EXIT_OK)
				fprintf(stderr,
					"readycheck: %zu finding%s accepted "
					"in %s\n",
					res->secrets.n,
					res->secrets.n == 1 ? "" : "s",
					baseline ? baseline : path.ptr);
		}
		goto out;
	}
	if (rc_secrets_report_write(&res->secrets, format,
				    !output && !strcmp(format, "text") &&
					    rc_term_color(color, stdout),
				    &buf)) {
		fprintf(stderr, "readycheck: cannot format the findings: out "
				"of memory\n");
		code = RC_EXIT_RUNTIME;
		goto out;
	}
	code = rc_term_write(&buf, output);
	if (code == RC_EXIT_OK && res->secrets.n)
		code = RC_EXIT_GATE;
out:
	rc_buf_release(&buf);
	rc_buf_release(&path);
	rc_scan_result_free(res);
	return code;
}
