/*
 * cli.h - the commands (git builtin.h). Each returns the process exit code
 * (term.h enum rc_exit); main.c dispatches by name.
 */
#ifndef RC_CLI_CLI_H
#define RC_CLI_CLI_H

int cmd_scan(int argc, char **argv);
int cmd_secrets(int argc, char **argv);
int cmd_facts(int argc, char **argv);
int cmd_checks(int argc, char **argv);
int cmd_framework(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_help(int argc, char **argv);

/* Usage of a command by name, to stdout; false when unknown. */
bool rc_cli_usage(const char *cmd);

#endif
