/*
 * (f) A wallet written by the real libindy 1.16 opens here: copy
 * $INDY_FIXTURES/libindy-1.16/wallet1_raw/ to <tmp>/wallet1_raw/, open it with the
 * manifest's credentials, check every DID's verkey (mine and theirs), and that
 * signing "fixture message" with the manifest's key gives exactly its signature.
 */
#include "common.h"

static json_value *find_wallet(json_value *manifest, const char *id) {
    json_value *wallets = json_get(manifest, "wallets");
    for (size_t i = 0; wallets && i < wallets->count; i++) {
        json_value *w = json_at(wallets, i);
        if (json_get_str(json_get(w, "config"), "id") && strcmp(json_get_str(json_get(w, "config"), "id"), id) == 0)
            return w;
    }
    return NULL;
}

int main(void) {
    const char *wallet_id = "wallet1_raw";
    char *fixdir = NULL, *manifest_path = NULL, *src = NULL, *dst = NULL;
    REQUIRE(asprintf(&fixdir, "%s/libindy-1.16", fixtures_dir()) > 0);
    REQUIRE(asprintf(&manifest_path, "%s/manifest.json", fixdir) > 0);
    char *text = read_file(manifest_path);
    if (!text) fprintf(stderr, "cannot read %s (set INDY_FIXTURES to the fixtures folder)\n", manifest_path);
    REQUIRE(text != NULL);
    json_value *manifest = json_parse(text);
    REQUIRE(manifest != NULL);
    json_value *entry = find_wallet(manifest, wallet_id);
    REQUIRE(entry != NULL);
    json_value *cred = json_get(entry, "credentials");
    json_value *content = json_get(entry, "content");
    REQUIRE(json_get_str(cred, "key") && json_get_str(cred, "key_derivation_method") && content);

    char *tmp = make_temp_dir("indy_c_fixture");
    REQUIRE(asprintf(&src, "%s/%s", fixdir, wallet_id) > 0);
    REQUIRE(asprintf(&dst, "%s/%s", tmp, wallet_id) > 0);
    REQUIRE(copy_dir_files(src, dst));

    char *config = wallet_config_json(wallet_id, tmp);
    char *creds = wallet_creds_json(json_get_str(cred, "key"), json_get_str(cred, "key_derivation_method"));

    int32_t h = cmd_new();
    cmd_result r = SUBMIT(h, indy_open_wallet(h, config, creds, cb_handle));
    CHECK_ERR(r, Success);
    REQUIRE(r.err == (int)Success);
    indy_handle_t wh = r.out_handle;

    /* My DIDs and their DIDs. */
    const char *lists[] = { "dids", "their_dids" };
    int checked = 0;
    for (size_t l = 0; l < 2; l++) {
        json_value *dids = json_get(content, lists[l]);
        for (size_t i = 0; dids && i < dids->count; i++) {
            const char *did = json_get_str(json_at(dids, i), "did");
            const char *verkey = json_get_str(json_at(dids, i), "verkey");
            REQUIRE(did && verkey);
            h = cmd_new();
            r = SUBMIT(h, indy_key_for_local_did(h, wh, did, cb_str));
            CHECK_ERR(r, Success);
            CHECK_STREQ(r.s1, verkey);
            checked++;
        }
    }
    CHECK(checked == 4);

    /* The signature libindy 1.16 made with the wallet's key. */
    json_value *sig = json_get(content, "signature_hex");
    const char *vk = json_get_str(sig, "verkey");
    const char *message = json_get_str(sig, "message");
    const char *expected_hex = json_get_str(sig, "sig");
    REQUIRE(vk && message && expected_hex);
    CHECK_STREQ(message, "fixture message");
    h = cmd_new();
    r = SUBMIT(h, indy_crypto_sign(h, wh, vk, (const uint8_t *)message, (uint32_t)strlen(message), cb_bytes));
    CHECK_ERR(r, Success);
    CHECK(r.len == 64);
    if (r.bytes) {
        char *hex = to_hex(r.bytes, r.len);
        CHECK_STREQ(hex, expected_hex);
        h = cmd_new();
        cmd_result v = SUBMIT(h, indy_crypto_verify(h, vk, (const uint8_t *)message, (uint32_t)strlen(message),
                                                    r.bytes, r.len, cb_bool));
        CHECK_ERR(v, Success);
        CHECK(v.flag);
    }

    /* The manifest's other key is there too. */
    json_value *keys = json_get(content, "keys");
    for (size_t i = 0; keys && i < keys->count; i++) {
        const char *k = json_str(json_at(keys, i));
        h = cmd_new();
        r = SUBMIT(h, indy_crypto_sign(h, wh, k, (const uint8_t *)"x", 1, cb_bytes));
        CHECK_ERR(r, Success);
    }

    /* A wallet written by libindy accepts new writes. */
    h = cmd_new();
    r = SUBMIT(h, indy_create_and_store_my_did(h, wh, "{\"seed\":\"000000000000000000000000Trustee1\"}", cb_str2));
    CHECK_ERR(r, Success);
    CHECK_STREQ(r.s1, "V4SGRU86Z58d6TV7PBUe6f");
    h = cmd_new();
    r = SUBMIT(h, indy_create_and_store_my_did(h, wh, "{\"seed\":\"000000000000000000000RAWwallet10\"}", cb_str2));
    CHECK_ERR(r, DidAlreadyExistsError);

    h = cmd_new();
    r = SUBMIT(h, indy_close_wallet(h, wh, cb_none));
    CHECK_ERR(r, Success);

    /* Reopen after our writes: still readable. */
    h = cmd_new();
    r = SUBMIT(h, indy_open_wallet(h, config, creds, cb_handle));
    CHECK_ERR(r, Success);
    wh = r.out_handle;
    h = cmd_new();
    r = SUBMIT(h, indy_key_for_local_did(h, wh, "V4SGRU86Z58d6TV7PBUe6f", cb_str));
    CHECK_ERR(r, Success);
    CHECK_STREQ(r.s1, "GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL");
    h = cmd_new();
    r = SUBMIT(h, indy_close_wallet(h, wh, cb_none));
    CHECK_ERR(r, Success);

    check_no_stray_callbacks();
    remove_tree(tmp);
    return test_exit_code();
}
