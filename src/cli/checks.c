/*
 * checks.c - `readycheck checks [--explain ID]`: the catalog.
 */
#include "../core/common.h"
#include "cli.h"
#include "opt.h"
#include "term.h"
#include "../core/buf.h"
#include "../engine/engine.h"

static void pred_render(struct rc_buf *b, const struct rc_pred *p, int depth)
{
	static const char *const ops[] = { "exists", "==", "!=", "<",
					   "<=",     ">",  ">=", "matches" };
	size_t i;

	rc_buf_addch_n(b, ' ', (size_t)depth * 2 + 4);
	switch (p->type) {
	case RC_PRED_EXISTS:
	case RC_PRED_CONTAINS:
		if (p->type == RC_PRED_EXISTS)
			rc_buf_adds(b, "a file matches ");
		else
			rc_buf_addf(b, "/%s/ is found in ", p->regex);
		for (i = 0; i < p->nglobs; i++)
			rc_buf_addf(b, "%s%s", i ? ", " : "", p->globs[i]);
		break;
	case RC_PRED_DEPENDENCY:
		rc_buf_adds(b, "a dependency on ");
		for (i = 0; i < p->nnames; i++)
			rc_buf_addf(b, "%s%s", i ? ", " : "", p->names[i]);
		if (p->ecosystem)
			rc_buf_addf(b, " (%s)", p->ecosystem);
		break;
	case RC_PRED_FACT:
		rc_buf_addf(b, "fact %s", p->fact);
		if (p->op != RC_OP_EXISTS)
			rc_buf_addf(b, " %s %s", ops[p->op],
				    p->value ? p->value : "");
		break;
	case RC_PRED_ALL:
	case RC_PRED_ANY:
	case RC_PRED_NOT:
		rc_buf_adds(b, p->type == RC_PRED_ALL	? "all of:"
			       : p->type == RC_PRED_ANY ? "any of:"
							: "none of:");
		rc_buf_addc(b, '\n');
		for (i = 0; i < p->nkids; i++)
			pred_render(b, p->kids[i], depth + 1);
		return;
	}
	rc_buf_addc(b, '\n');
}

static void explain(struct rc_buf *b, const struct rc_check *c)
{
	unsigned any_fix = 0;
	size_t i;

	rc_buf_addf(b, "%s: %s\n\n", c->id, c->title);
	rc_buf_addf(b, "  category:   %s (%s)\n",
		    rc_category_title(c->category),
		    rc_category_id(c->category));
	rc_buf_addf(b, "  severity:   %s (%u points)\n",
		    rc_severity_name(c->severity),
		    rc_severity_points(c->severity));
	rc_buf_addf(b, "  effort:     %s\n", rc_effort_name(c->effort));
	rc_buf_adds(b, "  applies to: ");
	if (!c->kinds && !c->ecosystems && !c->applies)
		rc_buf_adds(b, "every project");
	for (i = 0; rc_kind_name_at(i); i++)
		if (c->kinds & (1u << i))
			rc_buf_addf(b, "%s ", rc_kind_name(1u << i));
	if (c->ecosystems)
		for (i = 0; c->ecosystems[i]; i++)
			rc_buf_addf(b, "%s%s", i ? "/" : "", c->ecosystems[i]);
	if (c->applies)
		rc_buf_adds(b, " (with a condition)");
	rc_buf_addf(b, "\n  defined in: %s:%u\n", c->source, c->line);
	if (c->why)
		rc_buf_addf(b, "\nWhy it matters:\n  %s\n", c->why);
	if (c->manual) {
		rc_buf_adds(b,
			    "\nHow it is decided:\n    a manual item: attest "
			    "it in .readycheck.yml\n");
	} else if (c->when) {
		rc_buf_adds(b, "\nHow it is decided (passes when):\n");
		pred_render(b, c->when, 0);
	}
	if (c->remediation)
		rc_buf_addf(b, "\nWhat to do:\n  %s\n", c->remediation);
	for (i = 0; i < RC_ECO_COUNT && rc_ecosystem_name_at(i); i++) {
		const char *eco = rc_ecosystem_name_at(i);
		const char *fix = rc_check_fix(c, eco);

		if (!fix)
			continue;
		if (!c->remediation && !any_fix++)
			rc_buf_adds(b, "\nWhat to do:\n");
		rc_buf_addf(b, "  %s: %s\n", rc_ecosystem_title(eco), fix);
	}
}

int cmd_checks(int argc, char **argv)
{
	struct rc_err err = RC_ERR_INIT;
	struct rc_config cfg;
	struct rc_catalog *cat = NULL;
	struct rc_buf b = RC_BUF_INIT;
	const char *id = NULL, *config = NULL, *pos[1];
	int npos, code = RC_EXIT_OK;
	bool help = false, patterns = false;
	size_t i;
	const struct rc_opt opts[] = {
		RC_OPT_STR_("explain", 'e', &id, "ID",
			    "show one check: why, how it is decided, what to "
			    "do"),
		RC_OPT_STR_("config", 'c', &config, "FILE",
			    "also list the custom checks of FILE"),
		{ RC_OPT_BOOL, "patterns", 0, &patterns, NULL,
		  "print the content patterns, one per line", NULL, 0, 0, NULL,
		  RC_OPT_HIDDEN },
		RC_OPT_END_,
	};

	if (rc_opt_parse(opts, argc, argv, pos, 0, &npos, &help, &err))
		return rc_term_error(&err);
	if (help) {
		rc_opt_usage(stdout, "checks [--explain ID] [--config FILE]",
			     "List the checks readycheck runs, or explain one.",
			     opts);
		return RC_EXIT_OK;
	}
	rc_config_init(&cfg);
	if (rc_engine_load_catalog(&cat, &cfg, config, &err)) {
		rc_config_release(&cfg);
		return rc_term_error(&err);
	}
	if (patterns) {
		for (i = 0; i < cat->npatterns; i++)
			rc_buf_addf(&b, "%s%s\n",
				    cat->patterns[i].caseless ? "(?i)" : "",
				    cat->patterns[i].regex);
	} else if (id) {
		const struct rc_check *c = rc_catalog_find(cat, id);

		if (!c) {
			const char *near = rc_catalog_suggest(cat, id);
			rc_err_set(&err, RC_EUSAGE, NULL, 0, 0,
				   "unknown check '%s'", id);
			rc_err_hint(&err, near);
			code = rc_term_error(&err);
		} else {
			explain(&b, c);
		}
	} else {
		for (i = 0; i < cat->n; i++) {
			const struct rc_check *c = cat->checks[i];
			rc_buf_addf(&b, "%-28s %-13s %-8s %s\n", c->id,
				    rc_category_id(c->category),
				    rc_severity_name(c->severity), c->title);
		}
		rc_buf_addf(&b,
			    "\n%zu checks; 'readycheck checks --explain ID' "
			    "for one\n",
			    cat->n);
	}
	if (code == RC_EXIT_OK)
		code = rc_buf_err(&b) ? RC_EXIT_RUNTIME
				      : rc_term_write(&b, NULL);
	rc_buf_release(&b);
	rc_catalog_free(cat);
	rc_config_release(&cfg);
	return code;
}
