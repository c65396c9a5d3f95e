/*
 * opt.h - table-driven option parser (git parse-options, libgit2
 * cli_opt_spec). One static table per command drives parsing, usage and
 * --help; values land in a local options struct the table points into.
 *
 * Accepted forms: --name, --no-name (booleans), --name VALUE, --name=VALUE,
 * -x, -xVALUE, -x VALUE, grouped short booleans (-qv), "--" ends options.
 * Positional arguments are collected in order. Unknown options are usage
 * errors that name the nearest valid option.
 */
#ifndef RC_CLI_OPT_H
#define RC_CLI_OPT_H

#include "../core/common.h"
#include "../core/err.h"

#include <stdio.h>

enum rc_opt_type {
	RC_OPT_BOOL,	 /* bool *value */
	RC_OPT_STRING,	 /* const char **value */
	RC_OPT_INT,	 /* int *value, decimal, range [min, max] */
	RC_OPT_CHOICE,	 /* const char **value, one of choices */
	RC_OPT_CALLBACK, /* cb(value, payload) per occurrence */
	RC_OPT_END,
};

enum rc_opt_flags {
	RC_OPT_HIDDEN = 1 << 0, /* not shown in usage */
};

typedef int (*rc_opt_cb)(const char *value, void *payload, struct rc_err *err);

struct rc_opt {
	enum rc_opt_type type;
	const char *name; /* long name without dashes */
	char shortname;	  /* 0 for none */
	void *value;
	const char *argname; /* "FILE"; NULL for booleans */
	const char *help;
	const char *const *choices; /* RC_OPT_CHOICE: NULL-terminated */
	int min, max;		    /* RC_OPT_INT */
	rc_opt_cb cb;		    /* RC_OPT_CALLBACK (value is payload) */
	unsigned flags;
};

#define RC_OPT_BOOL_(n, s, v, h)                                   \
	{                                                          \
		RC_OPT_BOOL, n, s, v, NULL, h, NULL, 0, 0, NULL, 0 \
	}
#define RC_OPT_STR_(n, s, v, a, h)                                \
	{                                                         \
		RC_OPT_STRING, n, s, v, a, h, NULL, 0, 0, NULL, 0 \
	}
#define RC_OPT_INT_(n, s, v, a, h, lo, hi)                       \
	{                                                        \
		RC_OPT_INT, n, s, v, a, h, NULL, lo, hi, NULL, 0 \
	}
#define RC_OPT_CHOICE_(n, s, v, a, h, c)                       \
	{                                                      \
		RC_OPT_CHOICE, n, s, v, a, h, c, 0, 0, NULL, 0 \
	}
#define RC_OPT_CB_(n, s, p, a, h, fn)                             \
	{                                                         \
		RC_OPT_CALLBACK, n, s, p, a, h, NULL, 0, 0, fn, 0 \
	}
#define RC_OPT_END_                                                        \
	{                                                                  \
		RC_OPT_END, NULL, 0, NULL, NULL, NULL, NULL, 0, 0, NULL, 0 \
	}

/*
 * Parse argv[0..argc) (argv[0] is the first argument, not the program).
 * Positional arguments are stored in pos (borrowed from argv), at most
 * maxpos; more is a usage error. Returns 0 or RC_EUSAGE with a message.
 * `--help`/`-h` sets *help when help is non-NULL.
 */
int rc_opt_parse(const struct rc_opt *opts, int argc, char **argv,
		 const char **pos, int maxpos, int *npos, bool *help,
		 struct rc_err *err);

/* Print "usage: readycheck SYNOPSIS" and the option table. */
void rc_opt_usage(FILE *out, const char *synopsis, const char *summary,
		  const struct rc_opt *opts);

#endif
