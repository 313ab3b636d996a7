/*
 * (a) Wallet lifecycle through the C API with a RAW key from indy_generate_wallet_key:
 * create, open, DIDs (known seed vector), key_for_local_did, store_their_did,
 * create_key, sign (known-answer vector) and verify, close, delete.
 */
#include "common.h"

#define TRUSTEE1_SEED "000000000000000000000000Trustee1"
#define TRUSTEE1_DID "V4SGRU86Z58d6TV7PBUe6f"
#define TRUSTEE1_VERKEY "GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL"

#define MY1_SEED "00000000000000000000000000000My1"
#define MY1_VERKEY "GjZWsBLgZCR18aL468JAT7w9CZRiBnpxUPPgyQxh4voa"
/* Known answer from libindy's python wrapper tests (tests/crypto/test_crypto_sign.py). */
#define MY1_MESSAGE "{\"reqId\":1496822211362017764}"
static const uint8_t MY1_SIGNATURE[64] = {
    169, 215, 8, 225, 7, 107, 110, 9, 193, 162, 202, 214, 162, 66, 238, 211, 63, 209, 12, 196, 8, 211,
    55, 27, 120, 94, 204, 147, 53, 104, 103, 61, 60, 249, 237, 127, 103, 46, 220, 223, 10, 95, 75, 53,
    245, 210, 241, 151, 191, 41, 48, 30, 9, 16, 78, 252, 157, 206, 210, 145, 125, 133, 109, 11};

#define THEIR_DID "8wZcEriaNLNKtteJvx7f8i"
#define THEIR_VERKEY "5L2HBnzbu6Auh2pkDRbFt5f4prvgE2LzknkuYLsKkacp"

static cmd_result sign(indy_handle_t wh, const char *vk, const char *msg) {
    int32_t h = cmd_new();
    return SUBMIT(h, indy_crypto_sign(h, wh, vk, (const uint8_t *)msg, (uint32_t)strlen(msg), cb_bytes));
}

static cmd_result verify(const char *vk, const char *msg, const uint8_t *sig, uint32_t sig_len) {
    int32_t h = cmd_new();
    return SUBMIT(h, indy_crypto_verify(h, vk, (const uint8_t *)msg, (uint32_t)strlen(msg), sig, sig_len, cb_bool));
}

int main(void) {
    char *tmp = make_temp_dir("indy_c_lifecycle");
    int32_t h;
    cmd_result r;

    /* Runtime config and metrics are accepted. */
    r.err = (int)indy_set_runtime_config("{\"crypto_thread_pool_size\":4}");
    CHECK(r.err == (int)Success);
    h = cmd_new();
    r = SUBMIT(h, indy_collect_metrics(h, cb_str));
    CHECK_ERR(r, Success);
    CHECK(r.s1 && json_parse(r.s1) && json_parse(r.s1)->type == JSON_OBJECT);

    /* RAW keys: random ones differ, seeded ones are deterministic. */
    char *key = generate_raw_key("{}");
    char *key2 = generate_raw_key("{}");
    CHECK(strcmp(key, key2) != 0);
    char *seeded1 = generate_raw_key("{\"seed\":\"" TRUSTEE1_SEED "\"}");
    char *seeded2 = generate_raw_key("{\"seed\":\"" TRUSTEE1_SEED "\"}");
    CHECK_STREQ(seeded1, seeded2);
    CHECK(strlen(key) >= 43 && strlen(key) <= 44); /* base58 of 32 bytes */

    char *config = wallet_config_json("lifecycle", tmp);
    char *creds = wallet_creds_json(key, "RAW");

    h = cmd_new();
    r = SUBMIT(h, indy_create_wallet(h, config, creds, cb_none));
    CHECK_ERR(r, Success);
    char *db = NULL;
    REQUIRE(asprintf(&db, "%s/lifecycle/sqlite.db", tmp) > 0);
    CHECK(path_exists(db));

    h = cmd_new();
    r = SUBMIT(h, indy_open_wallet(h, config, creds, cb_handle));
    CHECK_ERR(r, Success);
    REQUIRE(r.err == (int)Success);
    indy_handle_t wh = r.out_handle;
    CHECK(wh > 0);

    /* Seeded DID: libindy's known vector. */
    h = cmd_new();
    r = SUBMIT(h, indy_create_and_store_my_did(h, wh, "{\"seed\":\"" TRUSTEE1_SEED "\"}", cb_str2));
    CHECK_ERR(r, Success);
    CHECK_STREQ(r.s1, TRUSTEE1_DID);
    CHECK_STREQ(r.s2, TRUSTEE1_VERKEY);

    /* Random DID: 16-byte NYM, distinct from the seeded one. */
    h = cmd_new();
    r = SUBMIT(h, indy_create_and_store_my_did(h, wh, "{}", cb_str2));
    CHECK_ERR(r, Success);
    REQUIRE(r.s1 && r.s2);
    char *rand_did = strdup(r.s1), *rand_vk = strdup(r.s2);
    CHECK(strlen(rand_did) >= 21 && strlen(rand_did) <= 22);
    CHECK(strcmp(rand_did, TRUSTEE1_DID) != 0);

    h = cmd_new();
    r = SUBMIT(h, indy_key_for_local_did(h, wh, TRUSTEE1_DID, cb_str));
    CHECK_ERR(r, Success);
    CHECK_STREQ(r.s1, TRUSTEE1_VERKEY);

    h = cmd_new();
    r = SUBMIT(h, indy_key_for_local_did(h, wh, rand_did, cb_str));
    CHECK_ERR(r, Success);
    CHECK_STREQ(r.s1, rand_vk);

    /* Their DID. */
    h = cmd_new();
    r = SUBMIT(h, indy_store_their_did(h, wh, "{\"did\":\"" THEIR_DID "\",\"verkey\":\"" THEIR_VERKEY "\"}", cb_none));
    CHECK_ERR(r, Success);
    h = cmd_new();
    r = SUBMIT(h, indy_key_for_local_did(h, wh, THEIR_DID, cb_str));
    CHECK_ERR(r, Success);
    CHECK_STREQ(r.s1, THEIR_VERKEY);

    /* Keys: seeded (known vector) and random. */
    h = cmd_new();
    r = SUBMIT(h, indy_create_key(h, wh, "{\"seed\":\"" MY1_SEED "\"}", cb_str));
    CHECK_ERR(r, Success);
    CHECK_STREQ(r.s1, MY1_VERKEY);
    h = cmd_new();
    r = SUBMIT(h, indy_create_key(h, wh, "{}", cb_str));
    CHECK_ERR(r, Success);
    REQUIRE(r.s1);
    char *rand_key = strdup(r.s1);
    CHECK(strcmp(rand_key, MY1_VERKEY) != 0);

    /* Sign: Ed25519 is deterministic, so the signature must equal libindy's. */
    r = sign(wh, MY1_VERKEY, MY1_MESSAGE);
    CHECK_ERR(r, Success);
    CHECK(r.len == 64);
    CHECK(r.bytes && r.len == 64 && memcmp(r.bytes, MY1_SIGNATURE, 64) == 0);

    cmd_result v = verify(MY1_VERKEY, MY1_MESSAGE, MY1_SIGNATURE, 64);
    CHECK_ERR(v, Success);
    CHECK(v.flag == true);

    v = verify(MY1_VERKEY, "{\"reqId\":1496822211362017765}", MY1_SIGNATURE, 64); /* tampered message */
    CHECK_ERR(v, Success);
    CHECK(v.flag == false);

    uint8_t bad_sig[64];
    memcpy(bad_sig, MY1_SIGNATURE, 64);
    bad_sig[10] ^= 0x01; /* tampered signature */
    v = verify(MY1_VERKEY, MY1_MESSAGE, bad_sig, 64);
    CHECK_ERR(v, Success);
    CHECK(v.flag == false);

    /* Sign with a random key and with a DID's key, verify with each (and cross-check fails). */
    r = sign(wh, rand_key, "hello");
    CHECK_ERR(r, Success);
    CHECK(r.len == 64);
    if (r.len == 64) {
        v = verify(rand_key, "hello", r.bytes, r.len);
        CHECK_ERR(v, Success);
        CHECK(v.flag == true);
        v = verify(MY1_VERKEY, "hello", r.bytes, r.len);
        CHECK_ERR(v, Success);
        CHECK(v.flag == false);
    }
    r = sign(wh, TRUSTEE1_VERKEY, "hello trustee");
    CHECK_ERR(r, Success);
    if (r.len == 64) {
        v = verify(TRUSTEE1_VERKEY, "hello trustee", r.bytes, r.len);
        CHECK_ERR(v, Success);
        CHECK(v.flag == true);
    }

    /* Close, reopen: the data persisted. */
    h = cmd_new();
    r = SUBMIT(h, indy_close_wallet(h, wh, cb_none));
    CHECK_ERR(r, Success);
    h = cmd_new();
    r = SUBMIT(h, indy_open_wallet(h, config, creds, cb_handle));
    CHECK_ERR(r, Success);
    wh = r.out_handle;
    h = cmd_new();
    r = SUBMIT(h, indy_key_for_local_did(h, wh, TRUSTEE1_DID, cb_str));
    CHECK_ERR(r, Success);
    CHECK_STREQ(r.s1, TRUSTEE1_VERKEY);
    r = sign(wh, MY1_VERKEY, MY1_MESSAGE);
    CHECK_ERR(r, Success);
    CHECK(r.bytes && r.len == 64 && memcmp(r.bytes, MY1_SIGNATURE, 64) == 0);
    h = cmd_new();
    r = SUBMIT(h, indy_close_wallet(h, wh, cb_none));
    CHECK_ERR(r, Success);

    /* Delete: the file is gone and the wallet cannot be opened any more. */
    h = cmd_new();
    r = SUBMIT(h, indy_delete_wallet(h, config, creds, cb_none));
    CHECK_ERR(r, Success);
    CHECK(!path_exists(db));
    h = cmd_new();
    r = SUBMIT(h, indy_open_wallet(h, config, creds, cb_handle));
    CHECK_ERR(r, WalletNotFoundError);

    check_no_stray_callbacks();
    remove_tree(tmp);
    return test_exit_code();
}
