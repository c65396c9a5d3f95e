/*
 * version.c - `readycheck version`.
 */
#include "../core/common.h"
#include "cli.h"
#include "opt.h"
#include "term.h"

int cmd_version(int argc, char **argv)
{
	struct rc_err err = RC_ERR_INIT;
	const char *pos[1];
	int npos;
	bool help = false;
	const struct rc_opt opts[] = { RC_OPT_END_ };

	if (rc_opt_parse(opts, argc, argv, pos, 0, &npos, &help, &err))
		return rc_term_error(&err);
	if (help) {
		rc_opt_usage(stdout, "version", "Print the version.", opts);
		return RC_EXIT_OK;
	}
	printf("readycheck %s\n", RC_VERSION);
	return RC_EXIT_OK;
}
