/*
 * framework.c - `readycheck framework`: the built-in framework as YAML, to
 * read or to start a customisation from.
 */
#include "../core/common.h"
#include "cli.h"
#include "opt.h"
#include "term.h"
#include "../core/buf.h"
#include "../rules/builtin.h"
#include "../rules/check.h"

/* The rules files each start with a `checks:` line; one document has one
 * such key, so print it once and each file's items after it. */
static void add_items(struct rc_buf *b, const struct rc_embedded_file *f)
{
	const char *p = f->data, *end = f->data + f->len, *nl;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (!(nl - p >= 7 && !strncmp(p, "checks:", 7)))
			rc_buf_add(b, p, (size_t)(nl - p));
		if (!(nl - p >= 7 && !strncmp(p, "checks:", 7)) || nl - p > 7)
			rc_buf_addc(b, '\n');
		p = nl + 1;
	}
}

int cmd_framework(int argc, char **argv)
{
	struct rc_err err = RC_ERR_INIT;
	struct rc_buf b = RC_BUF_INIT;
	const struct rc_embedded_file *f;
	const char *pos[1];
	int npos, c, code;
	bool help = false;
	const struct rc_opt opts[] = { RC_OPT_END_ };

	if (rc_opt_parse(opts, argc, argv, pos, 0, &npos, &help, &err))
		return rc_term_error(&err);
	if (help) {
		rc_opt_usage(stdout, "framework",
			     "Print the built-in framework (category weights "
			     "and every check) as YAML.\nCopy 'weights' into "
			     ".readycheck.yml to change them; copy a check "
			     "into 'checks'\nunder a new id to write your own.",
			     opts);
		return RC_EXIT_OK;
	}
	rc_buf_addf(&b,
		    "# readycheck %s built-in framework\n"
		    "# severities score critical 8, high 4, medium 2, "
		    "low 1 points\nversion: 1\nweights:\n",
		    RC_VERSION);
	for (c = 0; c < RC_CAT_COUNT; c++)
		rc_buf_addf(&b, "  %s: %u\n",
			    rc_category_id((enum rc_category)c),
			    rc_category_default_weight((enum rc_category)c));
	rc_buf_adds(&b, "checks:\n");
	for (f = rc_builtin_rules; f->name; f++) {
		rc_buf_addf(&b, "  # rules/%s\n", f->name);
		add_items(&b, f);
	}
	code = rc_buf_err(&b) ? RC_EXIT_RUNTIME : rc_term_write(&b, NULL);
	rc_buf_release(&b);
	return code;
}
