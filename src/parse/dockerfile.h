/*
 * dockerfile.h - Dockerfile reader.
 *
 * Turns a Dockerfile into a list of instructions, the way BuildKit's
 * frontend reads it, without evaluating anything:
 *
 *  - parser directives (`# syntax=`, `# escape=`, `# check=`) are read only
 *    at the very top, before any blank line, comment or instruction;
 *    `# escape=`` ` switches the line-continuation character;
 *  - a line ending in the escape character (trailing blanks allowed)
 *    continues on the next one; comment lines and blank lines inside a
 *    continuation are dropped; the pieces are joined without separator;
 *  - a comment is a line whose first non-blank character is '#';
 *  - the keyword is case-insensitive and must be a known instruction;
 *  - exec form: arguments that form a JSON array of strings (`["a", "b"]`)
 *    give `words` the decoded items; anything else is shell form;
 *  - heredocs (`<<EOF`, `<<-EOF`, `<<"EOF"`) of RUN, COPY and ADD: their
 *    bodies are skipped (never read as instructions) up to the terminator.
 *
 * The model lives in one arena; rc_dockerfile_free() releases everything.
 */
#ifndef RC_PARSE_DOCKERFILE_H
#define RC_PARSE_DOCKERFILE_H

#include "../core/common.h"
#include "../core/arena.h"
#include "../core/err.h"

/* A leading `--name=value` option (FROM, RUN, COPY, ADD, HEALTHCHECK). */
struct rc_dockerfile_flag {
	const char *name;  /* without the dashes: "platform" */
	const char *value; /* text after '=', NULL for a bare `--link` */
};

struct rc_dockerfile_instr {
	const char *cmd;   /* upper-case keyword: "FROM", "RUN", ... */
	const char *args;  /* everything after the keyword, continuations
			      joined, blanks trimmed at both ends */
	unsigned line;	   /* line of the keyword (1-based) */
	unsigned col;	   /* column of the keyword (1-based, in bytes) */
	unsigned end_line; /* last line used, heredoc bodies included */
	bool json;	   /* exec form: words are the JSON array items */
	struct rc_dockerfile_flag *flags;
	size_t nflags;
	/* The arguments after the flags: JSON items in exec form, otherwise
	 * blank-separated words with quotes removed. */
	const char **words;
	size_t nwords;
	size_t nheredocs; /* heredoc bodies skipped after this instruction */
};

struct rc_dockerfile {
	struct rc_dockerfile_instr *instrs; /* in file order */
	size_t n;
	char escape;	    /* '\\' or '`' */
	const char *syntax; /* `# syntax=` value, or NULL */
	struct rc_arena arena;
};

/*
 * Parse len bytes (a UTF-8 byte-order mark and CRLF line ends are accepted).
 * On success *out is a new model the caller frees with rc_dockerfile_free().
 * On malformed input returns RC_EPARSE with path, line, column and a message
 * in err ("unknown instruction 'FORM'" with a hint, "unterminated heredoc
 * 'EOF'", "'FROM' requires at least one argument", "invalid escape token
 * 'x'"), and *out is NULL. RC_ENOMEM on allocation failure. Never reads past
 * buf + len.
 */
int rc_dockerfile_parse(struct rc_dockerfile **out, const char *buf, size_t len,
			const char *path, struct rc_err *err);

/* Free a model. Accepts NULL. */
void rc_dockerfile_free(struct rc_dockerfile *df);

/* The value of a flag of an instruction ("platform"), NULL when absent or
 * bare. */
const char *rc_dockerfile_flag(const struct rc_dockerfile_instr *in,
			       const char *name);

#endif
