/*
 * main.c - the command table, the default command and exit codes.
 */
#include "core/common.h"
#include "cli/cli.h"
#include "cli/term.h"
#include "core/str.h"

#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

struct rc_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

static const struct rc_cmd cmds[] = {
	{ "scan", cmd_scan, "review a repository (the default command)" },
	{ "secrets", cmd_secrets,
	  "search the tree or its git history for secrets" },
	{ "facts", cmd_facts, "print what the collectors found, as JSON" },
	{ "checks", cmd_checks, "list the checks, or explain one" },
	{ "framework", cmd_framework, "print the built-in framework as YAML" },
	{ "version", cmd_version, "print the version" },
	{ "help", cmd_help, "show help for a command" },
};

static const struct rc_cmd *find_cmd(const char *name)
{
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(cmds); i++)
		if (!strcmp(cmds[i].name, name))
			return &cmds[i];
	return NULL;
}

bool rc_cli_usage(const char *name)
{
	const struct rc_cmd *c;
	char help[] = "--help";
	char *argv[] = { help, NULL };
	size_t i;

	if (name) {
		c = find_cmd(name);
		if (!c || c->fn == cmd_help)
			return c != NULL;
		c->fn(1, argv);
		return true;
	}
	printf("usage: readycheck [COMMAND] [options] [PATH]\n\n"
	       "A production-readiness review of a repository: a weighted "
	       "score, every\ncategory's checklist with evidence, quick wins "
	       "and a roadmap to 100%%.\n\ncommands:\n");
	for (i = 0; i < RC_ARRAY_SIZE(cmds); i++)
		printf("  %-10s %s\n", cmds[i].name, cmds[i].summary);
	printf("\n'readycheck PATH' is 'readycheck scan PATH'. "
	       "'readycheck help COMMAND' for a command's options.\n"
	       "exit codes: 0 ok, 1 a gate failed, 2 usage or configuration "
	       "error, 3 runtime error\n");
	return true;
}

static int finish(int code)
{
	if (fflush(stdout) && errno != EPIPE) {
		fprintf(stderr, "readycheck: cannot write output\n");
		return RC_EXIT_RUNTIME;
	}
	return code;
}

int main(int argc, char **argv)
{
	const struct rc_cmd *c;
	const char *names[RC_ARRAY_SIZE(cmds)];
	struct stat st;
	size_t i;

	if (argc < 2)
		return finish(cmd_scan(0, argv + 1));
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return finish(cmd_help(0, argv + 2));
	if (!strcmp(argv[1], "--version"))
		return finish(cmd_version(0, argv + 2));
	c = find_cmd(argv[1]);
	if (c)
		return finish(c->fn(argc - 2, argv + 2));
	/* Not a command: an option or a path means `scan`. */
	if (argv[1][0] == '-' || !stat(argv[1], &st))
		return finish(cmd_scan(argc - 1, argv + 1));
	for (i = 0; i < RC_ARRAY_SIZE(cmds); i++)
		names[i] = cmds[i].name;
	{
		const char *near =
			rc_str_suggest(argv[1], names, RC_ARRAY_SIZE(cmds));
		if (near)
			return rc_term_usage_error(
				"unknown command '%s' (did you mean '%s'?)",
				argv[1], near);
		return rc_term_usage_error(
			"unknown command or path '%s' (see 'readycheck help')",
			argv[1]);
	}
}
