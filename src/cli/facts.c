/*
 * facts.c - `readycheck facts [PATH]`: the fact store as JSON.
 */
#include "../core/common.h"
#include "cli.h"
#include "opt.h"
#include "term.h"
#include "../engine/engine.h"

int cmd_facts(int argc, char **argv)
{
	struct rc_scan_opts so = RC_SCAN_OPTS_INIT;
	struct rc_scan_result *res = NULL;
	struct rc_err err = RC_ERR_INIT;
	struct rc_buf buf = RC_BUF_INIT;
	const char *config = NULL, *output = NULL, *pos[1];
	int jobs = 0, npos = 0, code;
	bool no_git = false, help = false;
	const struct rc_opt opts[] = {
		RC_OPT_STR_("output", 'o', &output, "FILE",
			    "write to FILE instead of standard output"),
		RC_OPT_STR_(
			"config", 'c', &config, "FILE",
			"configuration file (default PATH/.readycheck.yml)"),
		RC_OPT_INT_("jobs", 'j', &jobs, "N", "worker threads", 1, 256),
		RC_OPT_BOOL_("no-git", 0, &no_git, "do not read git metadata"),
		RC_OPT_END_,
	};

	if (rc_opt_parse(opts, argc, argv, pos, 1, &npos, &help, &err))
		return rc_term_error(&err);
	if (help) {
		rc_opt_usage(stdout, "facts [options] [PATH]",
			     "Print everything the collectors learned about "
			     "the repository as JSON\n(schema "
			     "readycheck/facts/v1): the debugging and "
			     "extension surface.",
			     opts);
		return RC_EXIT_OK;
	}
	so.root = npos ? pos[0] : ".";
	so.config_path = config;
	so.jobs = (unsigned)jobs;
	so.no_git = no_git;
	so.cache_dir = rc_term_cache_dir();
	so.facts_only = true;
	if (rc_scan_run(&res, &so, &err))
		return rc_term_error(&err);
	rc_facts_to_json(res->facts, &buf);
	if (rc_buf_err(&buf)) {
		fprintf(stderr, "readycheck: out of memory\n");
		code = RC_EXIT_RUNTIME;
	} else {
		code = rc_term_write(&buf, output);
	}
	rc_buf_release(&buf);
	rc_scan_result_free(res);
	return code;
}
