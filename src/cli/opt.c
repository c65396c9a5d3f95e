#include "../core/common.h"
#include "opt.h"
#include "../core/str.h"

static const struct rc_opt *find_long(const struct rc_opt *opts,
				      const char *name, size_t len)
{
	for (; opts->type != RC_OPT_END; opts++)
		if (strlen(opts->name) == len &&
		    !strncmp(opts->name, name, len))
			return opts;
	return NULL;
}

static const struct rc_opt *find_short(const struct rc_opt *opts, char c)
{
	for (; opts->type != RC_OPT_END; opts++)
		if (opts->shortname && opts->shortname == c)
			return opts;
	return NULL;
}

static int unknown_long(const struct rc_opt *opts, const char *name, size_t len,
			struct rc_err *err)
{
	const char *names[128];
	char word[64];
	size_t n = 0;
	const char *near;

	for (; opts->type != RC_OPT_END && n < RC_ARRAY_SIZE(names); opts++)
		if (!(opts->flags & RC_OPT_HIDDEN))
			names[n++] = opts->name;
	if (n < RC_ARRAY_SIZE(names))
		names[n++] = "help";
	snprintf(word, sizeof(word), "%.*s", (int)(len < 63 ? len : 63), name);
	rc_err_set(err, RC_EUSAGE, NULL, 0, 0, "unknown option '--%s'", word);
	near = rc_str_suggest(word, names, n);
	if (near) {
		char hint[80];
		snprintf(hint, sizeof(hint), "--%s", near);
		rc_err_hint(err, hint);
	}
	return RC_EUSAGE;
}

static int set_value(const struct rc_opt *o, const char *value,
		     const char *shown, struct rc_err *err)
{
	const char *const *c;
	const char *near;
	uint64_t v;
	const char *cur = value;
	bool neg = false;

	switch (o->type) {
	case RC_OPT_STRING:
		*(const char **)o->value = value;
		return 0;
	case RC_OPT_INT:
		if (*cur == '-') {
			neg = true;
			cur++;
		}
		if (rc_parse_u64(&cur, value + strlen(value), 1u << 30, &v) ||
		    *cur || (neg ? -(long)v : (long)v) < o->min ||
		    (neg ? -(long)v : (long)v) > o->max)
			return rc_err_set(err, RC_EUSAGE, NULL, 0, 0,
					  "option '%s' expects a number from "
					  "%d to %d, not '%s'",
					  shown, o->min, o->max, value);
		*(int *)o->value = neg ? -(int)v : (int)v;
		return 0;
	case RC_OPT_CHOICE:
		for (c = o->choices; *c; c++)
			if (!strcmp(*c, value)) {
				*(const char **)o->value = *c;
				return 0;
			}
		rc_err_set(err, RC_EUSAGE, NULL, 0, 0,
			   "option '%s' does not accept '%s'", shown, value);
		for (c = o->choices; *c; c++)
			;
		near = rc_str_suggest(value, o->choices,
				      (size_t)(c - o->choices));
		rc_err_hint(err, near);
		return RC_EUSAGE;
	case RC_OPT_CALLBACK:
		return o->cb(value, o->value, err);
	case RC_OPT_BOOL:
	case RC_OPT_END:
		break;
	}
	return rc_err_set(err, RC_EINTERNAL, NULL, 0, 0, "bad option table");
}

int rc_opt_parse(const struct rc_opt *opts, int argc, char **argv,
		 const char **pos, int maxpos, int *npos, bool *help,
		 struct rc_err *err)
{
	bool only_pos = false;
	char shown[80];
	int i;

	*npos = 0;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		const struct rc_opt *o;

		if (only_pos || a[0] != '-' || !a[1]) {
			if (*npos >= maxpos)
				return rc_err_set(err, RC_EUSAGE, NULL, 0, 0,
						  "unexpected argument '%s'",
						  a);
			pos[(*npos)++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_pos = true;
			continue;
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			bool negated = false;

			if (help && len == 4 && !strncmp(name, "help", 4)) {
				*help = true;
				continue;
			}
			o = find_long(opts, name, len);
			if (!o && len > 3 && !strncmp(name, "no-", 3)) {
				o = find_long(opts, name + 3, len - 3);
				if (o && o->type != RC_OPT_BOOL)
					o = NULL;
				negated = o != NULL;
			}
			if (!o)
				return unknown_long(opts, name, len, err);
			snprintf(shown, sizeof(shown), "--%s", o->name);
			if (o->type == RC_OPT_BOOL) {
				if (eq)
					return rc_err_set(
						err, RC_EUSAGE, NULL, 0, 0,
						"option '%s' takes no value",
						shown);
				*(bool *)o->value = !negated;
				continue;
			}
			if (!eq && i + 1 >= argc)
				return rc_err_set(err, RC_EUSAGE, NULL, 0, 0,
						  "option '%s' requires a "
						  "value",
						  shown);
			if (set_value(o, eq ? eq + 1 : argv[++i], shown, err))
				return RC_EUSAGE;
			continue;
		}
		/* short options, possibly grouped */
		for (a++; *a; a++) {
			if (help && *a == 'h') {
				*help = true;
				continue;
			}
			o = find_short(opts, *a);
			if (!o)
				return rc_err_set(err, RC_EUSAGE, NULL, 0, 0,
						  "unknown option '-%c'", *a);
			snprintf(shown, sizeof(shown), "-%c", *a);
			if (o->type == RC_OPT_BOOL) {
				*(bool *)o->value = true;
				continue;
			}
			if (a[1]) {
				if (set_value(o, a + 1, shown, err))
					return RC_EUSAGE;
			} else if (i + 1 < argc) {
				if (set_value(o, argv[++i], shown, err))
					return RC_EUSAGE;
			} else {
				return rc_err_set(err, RC_EUSAGE, NULL, 0, 0,
						  "option '%s' requires a "
						  "value",
						  shown);
			}
			break;
		}
	}
	return 0;
}

void rc_opt_usage(FILE *out, const char *synopsis, const char *summary,
		  const struct rc_opt *opts)
{
	const struct rc_opt *o;

	fprintf(out, "usage: readycheck %s\n", synopsis);
	if (summary)
		fprintf(out, "\n%s\n", summary);
	if (opts->type != RC_OPT_END)
		fprintf(out, "\noptions:\n");
	for (o = opts; o->type != RC_OPT_END; o++) {
		char left[64];
		int n;

		if (o->flags & RC_OPT_HIDDEN)
			continue;
		if (o->shortname)
			n = snprintf(left, sizeof(left), "-%c, --%s",
				     o->shortname, o->name);
		else
			n = snprintf(left, sizeof(left), "    --%s", o->name);
		if (o->argname && n > 0 && (size_t)n < sizeof(left))
			snprintf(left + n, sizeof(left) - (size_t)n, " %s",
				 o->argname);
		fprintf(out, "  %-28s %s\n", left, o->help);
	}
}
