/*
 * sha256.h - SHA-256 (FIPS 180-4), for fingerprints that must not reveal
 * what they fingerprint (a secret's fingerprint is a hash of the secret).
 *
 *	struct rc_sha256 h;
 *	rc_sha256_init(&h);
 *	rc_sha256_update(&h, data, len);   (any number of times)
 *	rc_sha256_final(&h, digest);       (32 bytes)
 */
#ifndef RC_CORE_SHA256_H
#define RC_CORE_SHA256_H

#include "common.h"

struct rc_sha256 {
	uint32_t state[8];
	uint64_t bytes; /* message length so far */
	unsigned char block[64];
	size_t used; /* bytes in block */
};

void rc_sha256_init(struct rc_sha256 *h);
void rc_sha256_update(struct rc_sha256 *h, const void *data, size_t len);
void rc_sha256_final(struct rc_sha256 *h, unsigned char digest[32]);

/* The first n bytes of a digest as 2n lower-case hex digits + NUL. */
void rc_sha256_hex(const unsigned char *digest, size_t n, char *out);

#endif
