#include "../core/common.h"
#include "platform.h"
#include "manifest_util.h"
#include "k8s.h"
#include "../core/str.h"

bool rc_collect_is_systemd_unit(const char *path)
{
	return rc_str_ends_with(path, ".service");
}

int rc_collect_systemd_unit(struct rc_facts *f, struct rc_diags *d,
			    const char *path, const char *buf, size_t len)
{
	struct rc_manifest_lines it;
	const char *s;
	size_t n;
	bool service = false;

	(void)d;
	rc_manifest_lines_init(&it, buf, len);
	while (rc_manifest_lines_next(&it, &s, &n)) {
		rc_manifest_trim(&s, &n);
		if (n && s[0] == '[') {
			service = n == 9 && !memcmp(s, "[Service]", 9);
			continue;
		}
		if (service && n > 10 && !memcmp(s, "ExecStart=", 10)) {
			s += 10;
			n -= 10;
			rc_manifest_trim(&s, &n);
			if (!n)
				continue;
			return rc_manifest_strn(f, "systemd.unit", s,
						n > 200 ? 200 : n, path,
						it.line);
		}
	}
	return 0;
}

/* The value of a top-level "key:" line, quotes removed; false otherwise. */
static bool top_key(const char *s, size_t n, const char *key, const char **v,
		    size_t *vn)
{
	size_t m = strlen(key);

	if (n <= m || memcmp(s, key, m) || s[m] != ':')
		return false;
	s += m + 1;
	n -= m + 1;
	/* a trailing comment */
	{
		size_t i;

		for (i = 0; i < n; i++)
			if (s[i] == '#' && (i == 0 || s[i - 1] == ' ')) {
				n = i;
				break;
			}
	}
	rc_manifest_trim(&s, &n);
	if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
		s++;
		n -= 2;
	}
	*v = s;
	*vn = n;
	return n > 0;
}

static bool identifier(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9')))
			return false;
	return n > 0;
}

int rc_collect_k8s(struct rc_facts *f, struct rc_diags *d, const char *path,
		   const char *buf, size_t len)
{
	struct rc_manifest_lines it;
	const char *s, *kind = NULL;
	size_t n, kind_len = 0;
	unsigned kind_line = 0;
	bool api = false;
	int e;

	rc_manifest_lines_init(&it, buf, len);
	for (;;) {
		bool more = rc_manifest_lines_next(&it, &s, &n);
		const char *v;
		size_t vn;

		if (!more || (n >= 3 && !memcmp(s, "---", 3))) {
			/* end of a document */
			if (api && kind &&
			    (e = rc_manifest_strn(f, "k8s.kind", kind, kind_len,
						  path, kind_line)))
				return e;
			if (!more)
				break;
			api = false;
			kind = NULL;
			continue;
		}
		if (top_key(s, n, "apiVersion", &v, &vn)) {
			api = true;
		} else if (!kind && top_key(s, n, "kind", &v, &vn) &&
			   identifier(v, vn)) {
			kind = v;
			kind_len = vn;
			kind_line = it.line;
		}
	}
	return rc_collect_k8s_workloads(f, d, path, buf, len);
}
