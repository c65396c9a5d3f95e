/*
 * help.c - `readycheck help [COMMAND]`: `help scan` is `scan --help`.
 */
#include "../core/common.h"
#include "cli.h"
#include "term.h"

int cmd_help(int argc, char **argv)
{
	if (argc > 0 && !rc_cli_usage(argv[0]))
		return rc_term_usage_error("no help for unknown command '%s'",
					   argv[0]);
	if (argc == 0)
		rc_cli_usage(NULL);
	return RC_EXIT_OK;
}
