/*
 * Pluggable wallet storage through the C API: the in-memory plugin of
 * plugin_inmem.h registered with indy_register_wallet_storage (looked up with
 * dlsym: no header declares it), then a wallet with "storage_type":"inmem":
 * create/open, DIDs, keys, sign/verify, non-secret records with tags and WQL
 * searches, close, reopen, wrong key, delete; registering a type twice (202).
 * Also checks that the plugin only ever holds encrypted data, and that every
 * record/metadata/search handle libindy took was given back.
 */
#include "common.h"

#include <dlfcn.h>

#include "plugin_inmem.h"

#define TRUSTEE1_SEED "000000000000000000000000Trustee1"
#define TRUSTEE1_DID "V4SGRU86Z58d6TV7PBUe6f"
#define TRUSTEE1_VERKEY "GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL"

#define WALLET_ID "w"
#define CONFIG "{\"id\":\"" WALLET_ID "\",\"storage_type\":\"inmem\"}"
#define REC_TYPE "PluggedTestRecord"
#define VALUE1 "plaintext-value-one"
#define VALUE1B "plaintext-value-one-updated"
#define VALUE2 "plaintext-value-two"
#define TAGS1 "{\"tagA_secret\":\"a1-secret-value\",\"~tagB_clear\":\"b1-clear-value\"}"
#define TAGS2 "{\"tagA_secret\":\"a2-secret-value\",\"~tagB_clear\":\"b1-clear-value\"}"
#define ALL_OPTIONS "{\"retrieveType\":true,\"retrieveValue\":true,\"retrieveTags\":true}"
#define SEARCH_OPTIONS \
    "{\"retrieveRecords\":true,\"retrieveTotalCount\":true,\"retrieveType\":true,\"retrieveValue\":true,\"retrieveTags\":true}"

static inmem_register_wallet_storage_t g_register;

static cmd_result register_type(const char *type_name) {
    int32_t h = cmd_new();
    return SUBMIT(h, inmem_plugin_register(g_register, h, type_name, cb_none));
}

static cmd_result open_wallet(const char *creds) {
    int32_t h = cmd_new();
    return SUBMIT(h, indy_open_wallet(h, CONFIG, creds, cb_handle));
}

static void close_wallet(indy_handle_t wh) {
    int32_t h = cmd_new();
    cmd_result r = SUBMIT(h, indy_close_wallet(h, wh, cb_none));
    CHECK_ERR(r, Success);
}

static cmd_result add_record(indy_handle_t wh, const char *id, const char *value, const char *tags) {
    int32_t h = cmd_new();
    return SUBMIT(h, indy_add_wallet_record(h, wh, REC_TYPE, id, value, tags, cb_none));
}

static cmd_result get_record(indy_handle_t wh, const char *id) {
    int32_t h = cmd_new();
    return SUBMIT(h, indy_get_wallet_record(h, wh, REC_TYPE, id, ALL_OPTIONS, cb_str));
}

/* The value and tag `tag` of record `id`; CHECKs it exists. */
static void check_record(indy_handle_t wh, const char *id, const char *value, const char *tag, const char *tag_value) {
    cmd_result r = get_record(wh, id);
    CHECK_ERR(r, Success);
    json_value *j = json_parse(r.s1);
    CHECK(j != NULL);
    CHECK_STREQ(json_get_str(j, "id"), id);
    CHECK_STREQ(json_get_str(j, "type"), REC_TYPE);
    CHECK_STREQ(json_get_str(j, "value"), value);
    if (tag) {
        json_value *tags = json_get(j, "tags");
        CHECK(tags && tags->type == JSON_OBJECT);
        if (tag_value) CHECK_STREQ(json_get_str(tags, tag), tag_value);
        else CHECK(json_get(tags, tag) == NULL);
    }
}

/* Runs a search of REC_TYPE with `query`, fetching `page` records at a time; returns how many came, CHECKs totalCount. */
static size_t search_count(indy_handle_t wh, const char *query, uint32_t page, const char *expect_id) {
    int32_t h = cmd_new();
    cmd_result r = SUBMIT(h, indy_open_wallet_search(h, wh, REC_TYPE, query, SEARCH_OPTIONS, cb_handle));
    CHECK_ERR(r, Success);
    if (r.err != (int)Success) return 0;
    indy_handle_t sh = r.out_handle;
    size_t seen = 0;
    long total = -1;
    for (int round = 0; round < 10; round++) {
        h = cmd_new();
        r = SUBMIT(h, indy_fetch_wallet_search_next_records(h, wh, sh, page, cb_str));
        CHECK_ERR(r, Success);
        json_value *j = json_parse(r.s1);
        CHECK(j != NULL);
        if (round == 0) {
            json_value *t = json_get(j, "totalCount");
            CHECK(t && t->type == JSON_NUMBER);
            if (t && t->type == JSON_NUMBER) total = atol(t->text);
        }
        json_value *records = json_get(j, "records");
        size_t n = (records && records->type == JSON_ARRAY) ? records->count : 0;
        CHECK(n <= page);
        for (size_t i = 0; i < n; i++) {
            json_value *rec = json_at(records, i);
            CHECK_STREQ(json_get_str(rec, "type"), REC_TYPE);
            CHECK(json_get_str(rec, "value") != NULL);
            CHECK(json_get(rec, "tags") && json_get(rec, "tags")->type == JSON_OBJECT);
            if (expect_id) CHECK_STREQ(json_get_str(rec, "id"), expect_id);
        }
        seen += n;
        if (n < page) break;
    }
    h = cmd_new();
    r = SUBMIT(h, indy_close_wallet_search(h, sh, cb_none));
    CHECK_ERR(r, Success);
    CHECK(total == (long)seen);
    return seen;
}

/* Waits until the plugin has no storage open (the storage may be dropped just after the close answers). */
static void check_plugin_handles_released(const char *when) {
    for (int i = 0; i < 100 && inmem_plugin_live(INMEM_STORAGE) != 0; i++) sleep_ms(20);
    size_t storages = inmem_plugin_live(INMEM_STORAGE), records = inmem_plugin_live(INMEM_RECORD),
           metadata = inmem_plugin_live(INMEM_METADATA), searches = inmem_plugin_live(INMEM_SEARCH);
    if (storages || records || metadata || searches) {
        fprintf(stderr, "%s: plugin handles not given back: %zu storage, %zu record, %zu metadata, %zu search\n", when,
                storages, records, metadata, searches);
        atomic_fetch_add(&g_failures, 1);
    }
}

int main(void) {
    int32_t h;
    cmd_result r;

    g_register = (inmem_register_wallet_storage_t)dlsym(RTLD_DEFAULT, "indy_register_wallet_storage");
    if (!g_register) {
        fprintf(stderr, "libindy does not export indy_register_wallet_storage\n");
        return 1;
    }

    /* Registration: once per name; `default` is SQLite's. */
    r = register_type("inmem");
    CHECK_ERR(r, Success);
    REQUIRE(r.err == (int)Success);
    r = register_type("inmem");
    CHECK_ERR(r, WalletTypeAlreadyRegisteredError);
    r = register_type("default");
    CHECK_ERR(r, WalletTypeAlreadyRegisteredError);

    char *key = generate_raw_key("{}");
    char *creds = wallet_creds_json(key, "RAW");
    char *wrong_creds = wallet_creds_json(generate_raw_key("{}"), "RAW");

    /* An unregistered type is refused. */
    h = cmd_new();
    r = SUBMIT(h, indy_create_wallet(h, "{\"id\":\"x\",\"storage_type\":\"no-such-type\"}", creds, cb_none));
    CHECK_ERR(r, WalletUnknownTypeError);

    /* Create: the plugin gets the wallet, with metadata; twice is WalletAlreadyExistsError. */
    h = cmd_new();
    r = SUBMIT(h, indy_create_wallet(h, CONFIG, creds, cb_none));
    CHECK_ERR(r, Success);
    REQUIRE(r.err == (int)Success);
    CHECK(inmem_plugin_record_count(WALLET_ID) == 0);
    h = cmd_new();
    r = SUBMIT(h, indy_create_wallet(h, CONFIG, creds, cb_none));
    CHECK_ERR(r, WalletAlreadyExistsError);

    r = open_wallet(creds);
    CHECK_ERR(r, Success);
    REQUIRE(r.err == (int)Success);
    indy_handle_t wh = r.out_handle;

    /* DIDs and keys live in the plugin. */
    h = cmd_new();
    r = SUBMIT(h, indy_create_and_store_my_did(h, wh, "{\"seed\":\"" TRUSTEE1_SEED "\"}", cb_str2));
    CHECK_ERR(r, Success);
    CHECK_STREQ(r.s1, TRUSTEE1_DID);
    CHECK_STREQ(r.s2, TRUSTEE1_VERKEY);
    CHECK(inmem_plugin_record_count(WALLET_ID) >= 2);

    h = cmd_new();
    r = SUBMIT(h, indy_key_for_local_did(h, wh, TRUSTEE1_DID, cb_str));
    CHECK_ERR(r, Success);
    CHECK_STREQ(r.s1, TRUSTEE1_VERKEY);

    const char *msg = "message to sign";
    h = cmd_new();
    r = SUBMIT(h, indy_crypto_sign(h, wh, TRUSTEE1_VERKEY, (const uint8_t *)msg, (uint32_t)strlen(msg), cb_bytes));
    CHECK_ERR(r, Success);
    CHECK(r.len == 64);
    uint8_t sig[64] = {0};
    if (r.bytes && r.len == 64) memcpy(sig, r.bytes, 64);
    h = cmd_new();
    r = SUBMIT(h, indy_crypto_verify(h, TRUSTEE1_VERKEY, (const uint8_t *)msg, (uint32_t)strlen(msg), sig, 64, cb_bool));
    CHECK_ERR(r, Success);
    CHECK(r.flag);

    /* Non-secret records with tags. */
    r = add_record(wh, "r1", VALUE1, TAGS1);
    CHECK_ERR(r, Success);
    r = add_record(wh, "r2", VALUE2, TAGS2);
    CHECK_ERR(r, Success);
    r = add_record(wh, "r1", VALUE2, "{}");
    CHECK_ERR(r, WalletItemAlreadyExists);
    check_record(wh, "r1", VALUE1, "tagA_secret", "a1-secret-value");
    check_record(wh, "r1", VALUE1, "~tagB_clear", "b1-clear-value");
    r = get_record(wh, "absent");
    CHECK_ERR(r, WalletItemNotFound);

    /* What the plugin holds is encrypted: no DID, type, id, value or encrypted tag in clear; plaintext tag values are. */
    CHECK(!inmem_plugin_contains(WALLET_ID, TRUSTEE1_DID, strlen(TRUSTEE1_DID)));
    CHECK(!inmem_plugin_contains(WALLET_ID, "Indy::", 6));
    CHECK(!inmem_plugin_contains(WALLET_ID, REC_TYPE, strlen(REC_TYPE)));
    CHECK(!inmem_plugin_contains(WALLET_ID, VALUE1, strlen(VALUE1)));
    CHECK(!inmem_plugin_contains(WALLET_ID, "tagA_secret", 11));
    CHECK(!inmem_plugin_contains(WALLET_ID, "a1-secret-value", 15));
    CHECK(!inmem_plugin_contains(WALLET_ID, "tagB_clear", 10));
    CHECK(inmem_plugin_count_tags(WALLET_ID, "~", "b1-clear-value") == 2);

    /* Update the value and the tags. */
    h = cmd_new();
    r = SUBMIT(h, indy_update_wallet_record_value(h, wh, REC_TYPE, "r1", VALUE1B, cb_none));
    CHECK_ERR(r, Success);
    check_record(wh, "r1", VALUE1B, "tagA_secret", "a1-secret-value");
    h = cmd_new();
    r = SUBMIT(h, indy_update_wallet_record_value(h, wh, REC_TYPE, "absent", VALUE1B, cb_none));
    CHECK_ERR(r, WalletItemNotFound);

    h = cmd_new();
    r = SUBMIT(h, indy_add_wallet_record_tags(h, wh, REC_TYPE, "r1", "{\"tagC\":\"c1\",\"~tagD\":\"d1\"}", cb_none));
    CHECK_ERR(r, Success);
    check_record(wh, "r1", VALUE1B, "tagC", "c1");
    check_record(wh, "r1", VALUE1B, "~tagD", "d1");
    h = cmd_new();
    r = SUBMIT(h, indy_delete_wallet_record_tags(h, wh, REC_TYPE, "r1", "[\"tagC\",\"~tagD\"]", cb_none));
    CHECK_ERR(r, Success);
    check_record(wh, "r1", VALUE1B, "tagC", NULL);
    check_record(wh, "r1", VALUE1B, "~tagD", NULL);
    check_record(wh, "r1", VALUE1B, "tagA_secret", "a1-secret-value");
    h = cmd_new();
    r = SUBMIT(h, indy_update_wallet_record_tags(h, wh, REC_TYPE, "r2", "{\"tagA_secret\":\"a2-secret-value\",\"~tagB_clear\":\"b1-clear-value\",\"~tagE\":\"e2\"}", cb_none));
    CHECK_ERR(r, Success);
    check_record(wh, "r2", VALUE2, "~tagE", "e2");

    /* Searches: everything, equality on an encrypted and a plaintext tag, combinations, paging. */
    CHECK(search_count(wh, "{}", 10, NULL) == 2);
    CHECK(search_count(wh, "{}", 1, NULL) == 2);
    CHECK(search_count(wh, "{\"tagA_secret\":\"a1-secret-value\"}", 10, "r1") == 1);
    CHECK(search_count(wh, "{\"tagA_secret\":\"a2-secret-value\"}", 10, "r2") == 1);
    CHECK(search_count(wh, "{\"~tagB_clear\":\"b1-clear-value\"}", 10, NULL) == 2);
    CHECK(search_count(wh, "{\"~tagE\":\"e2\"}", 10, "r2") == 1);
    CHECK(search_count(wh, "{\"tagA_secret\":\"a1-secret-value\",\"~tagB_clear\":\"b1-clear-value\"}", 10, "r1") == 1);
    CHECK(search_count(wh, "{\"$or\":[{\"tagA_secret\":\"a1-secret-value\"},{\"~tagE\":\"e2\"}]}", 10, NULL) == 2);
    CHECK(search_count(wh, "{\"$not\":{\"tagA_secret\":\"a1-secret-value\"}}", 10, "r2") == 1);
    CHECK(search_count(wh, "{\"tagA_secret\":{\"$in\":[\"a2-secret-value\",\"zz\"]}}", 10, "r2") == 1);
    CHECK(search_count(wh, "{\"tagA_secret\":\"no-such-value\"}", 10, NULL) == 0);

    /* Delete. */
    h = cmd_new();
    r = SUBMIT(h, indy_delete_wallet_record(h, wh, REC_TYPE, "r2", cb_none));
    CHECK_ERR(r, Success);
    r = get_record(wh, "r2");
    CHECK_ERR(r, WalletItemNotFound);
    h = cmd_new();
    r = SUBMIT(h, indy_delete_wallet_record(h, wh, REC_TYPE, "r2", cb_none));
    CHECK_ERR(r, WalletItemNotFound);
    CHECK(search_count(wh, "{}", 10, "r1") == 1);

    close_wallet(wh);
    check_plugin_handles_released("after close");

    /* Reopen: everything is still there; a wrong key is refused. */
    r = open_wallet(wrong_creds);
    CHECK_ERR(r, WalletAccessFailed);
    r = open_wallet(creds);
    CHECK_ERR(r, Success);
    REQUIRE(r.err == (int)Success);
    wh = r.out_handle;
    h = cmd_new();
    r = SUBMIT(h, indy_key_for_local_did(h, wh, TRUSTEE1_DID, cb_str));
    CHECK_ERR(r, Success);
    CHECK_STREQ(r.s1, TRUSTEE1_VERKEY);
    check_record(wh, "r1", VALUE1B, "~tagB_clear", "b1-clear-value");
    close_wallet(wh);
    check_plugin_handles_released("after reopen and close");

    /* Delete: the key is checked first; then the plugin's wallet is gone. */
    h = cmd_new();
    r = SUBMIT(h, indy_delete_wallet(h, CONFIG, wrong_creds, cb_none));
    CHECK_ERR(r, WalletAccessFailed);
    CHECK(inmem_plugin_record_count(WALLET_ID) > 0);
    h = cmd_new();
    r = SUBMIT(h, indy_delete_wallet(h, CONFIG, creds, cb_none));
    CHECK_ERR(r, Success);
    CHECK(inmem_plugin_record_count(WALLET_ID) == -1);
    r = open_wallet(creds);
    CHECK_ERR(r, WalletNotFoundError);
    h = cmd_new();
    r = SUBMIT(h, indy_delete_wallet(h, CONFIG, creds, cb_none));
    CHECK_ERR(r, WalletNotFoundError);
    check_plugin_handles_released("after delete");

    check_no_stray_callbacks();
    return test_exit_code();
}
