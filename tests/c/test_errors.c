/*
 * (b) Error paths: NULL parameters (synchronous CommonInvalidParamN, no callback),
 * malformed JSON (113 with a message), invalid wallet handles (200 in the callback,
 * message readable there), wrong key (207), double open (206), and friends.
 */
#include "common.h"

static const uint8_t MSG[] = "message";
static uint8_t SIG[64];

/* A NULL pointer for parameter N must be refused synchronously with 100 + N - 1. */
#define CHECK_NULL_PARAM(h, call, expected)                                                          \
    do {                                                                                             \
        cmd_result r_ = SUBMIT((h), (call));                                                         \
        if (!r_.sync || r_.err != (int)(expected)) {                                                 \
            fprintf(stderr, "%s:%d: %s\n    expected %s (%d) returned synchronously, got %s (%d) %s\n", \
                    __FILE__, __LINE__, #call, err_name((int)(expected)), (int)(expected),            \
                    err_name(r_.err), r_.err, r_.sync ? "synchronously" : "in the callback");       \
            atomic_fetch_add(&g_failures, 1);                                                        \
        } else {                                                                                     \
            CHECK_MSG(r_);                                                                           \
        }                                                                                            \
    } while (0)

int main(void) {
    char *tmp = make_temp_dir("indy_c_errors");
    test_wallet w = open_new_raw_wallet(tmp, "errors");
    indy_handle_t wh = w.handle;
    int32_t h;
    cmd_result r;

    h = cmd_new();
    r = SUBMIT(h, indy_create_key(h, wh, "{}", cb_str));
    CHECK_ERR(r, Success);
    REQUIRE(r.s1);
    char *vk = strdup(r.s1);

    /* ---- NULL parameters (command_handle is parameter 1). */
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_create_wallet(h, NULL, w.creds, cb_none), CommonInvalidParam2);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_create_wallet(h, w.config, NULL, cb_none), CommonInvalidParam3);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_create_wallet(h, w.config, w.creds, NULL), CommonInvalidParam4);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_open_wallet(h, NULL, w.creds, cb_handle), CommonInvalidParam2);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_open_wallet(h, w.config, NULL, cb_handle), CommonInvalidParam3);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_open_wallet(h, w.config, w.creds, NULL), CommonInvalidParam4);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_close_wallet(h, wh, NULL), CommonInvalidParam3);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_delete_wallet(h, NULL, w.creds, cb_none), CommonInvalidParam2);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_delete_wallet(h, w.config, NULL, cb_none), CommonInvalidParam3);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_delete_wallet(h, w.config, w.creds, NULL), CommonInvalidParam4);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_generate_wallet_key(h, "{}", NULL), CommonInvalidParam3);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_create_and_store_my_did(h, wh, NULL, cb_str2), CommonInvalidParam3);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_create_and_store_my_did(h, wh, "{}", NULL), CommonInvalidParam4);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_key_for_local_did(h, wh, NULL, cb_str), CommonInvalidParam3);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_key_for_local_did(h, wh, "V4SGRU86Z58d6TV7PBUe6f", NULL), CommonInvalidParam4);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_store_their_did(h, wh, NULL, cb_none), CommonInvalidParam3);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_store_their_did(h, wh, "{\"did\":\"V4SGRU86Z58d6TV7PBUe6f\"}", NULL), CommonInvalidParam4);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_create_key(h, wh, NULL, cb_str), CommonInvalidParam3);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_create_key(h, wh, "{}", NULL), CommonInvalidParam4);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_crypto_sign(h, wh, NULL, MSG, sizeof MSG, cb_bytes), CommonInvalidParam3);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_crypto_sign(h, wh, vk, NULL, sizeof MSG, cb_bytes), CommonInvalidParam4);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_crypto_sign(h, wh, vk, MSG, sizeof MSG, NULL), CommonInvalidParam6);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_crypto_verify(h, NULL, MSG, sizeof MSG, SIG, 64, cb_bool), CommonInvalidParam2);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_crypto_verify(h, vk, NULL, sizeof MSG, SIG, 64, cb_bool), CommonInvalidParam3);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_crypto_verify(h, vk, MSG, sizeof MSG, NULL, 64, cb_bool), CommonInvalidParam5);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_crypto_verify(h, vk, MSG, sizeof MSG, SIG, 64, NULL), CommonInvalidParam7);
    h = cmd_new(); CHECK_NULL_PARAM(h, indy_collect_metrics(h, NULL), CommonInvalidParam2);

    /* Synchronous call: NULL config is parameter 1. */
    {
        indy_error_t e = indy_set_runtime_config(NULL);
        CHECK((int)e == (int)CommonInvalidParam1);
        e = indy_set_runtime_config("{not json");
        CHECK((int)e == (int)CommonInvalidStructure);
        const char *ej = NULL;
        indy_get_current_error(&ej);
        json_value *j = json_parse(ej);
        CHECK(json_get_str(j, "message") && json_get_str(j, "message")[0]);
    }

    /* ---- Malformed JSON: 113 (synchronously or in the callback) with a message. */
    h = cmd_new();
    r = SUBMIT(h, indy_create_wallet(h, "{not json", w.creds, cb_none));
    CHECK_ERR(r, CommonInvalidStructure);
    CHECK_MSG(r);
    h = cmd_new();
    r = SUBMIT(h, indy_create_wallet(h, "{\"id\": 5}", w.creds, cb_none)); /* valid JSON, wrong type */
    CHECK_ERR(r, CommonInvalidStructure);
    CHECK_MSG(r);
    h = cmd_new();
    r = SUBMIT(h, indy_open_wallet(h, w.config, "[\"key\"", cb_handle));
    CHECK_ERR(r, CommonInvalidStructure);
    CHECK_MSG(r);
    h = cmd_new();
    r = SUBMIT(h, indy_create_and_store_my_did(h, wh, "{\"seed\":", cb_str2));
    CHECK_ERR(r, CommonInvalidStructure);
    CHECK_MSG(r);
    h = cmd_new();
    r = SUBMIT(h, indy_create_key(h, wh, "not json at all", cb_str));
    CHECK_ERR(r, CommonInvalidStructure);
    CHECK_MSG(r);
    h = cmd_new();
    r = SUBMIT(h, indy_store_their_did(h, wh, "{\"did\":", cb_none));
    CHECK_ERR(r, CommonInvalidStructure);
    CHECK_MSG(r);
    h = cmd_new();
    r = SUBMIT(h, indy_generate_wallet_key(h, "{]", cb_str));
    CHECK_ERR(r, CommonInvalidStructure);
    CHECK_MSG(r);

    /* ---- Unknown wallet handle: 200 in the callback, message readable inside it. */
    indy_handle_t unknown = 987654;
    h = cmd_new();
    r = SUBMIT(h, indy_create_and_store_my_did(h, unknown, "{}", cb_str2));
    CHECK_ERR(r, WalletInvalidHandle);
    CHECK(!r.sync);
    CHECK_MSG(r);
    h = cmd_new();
    r = SUBMIT(h, indy_key_for_local_did(h, unknown, "V4SGRU86Z58d6TV7PBUe6f", cb_str));
    CHECK_ERR(r, WalletInvalidHandle);
    CHECK(!r.sync);
    CHECK_MSG(r);
    h = cmd_new();
    r = SUBMIT(h, indy_crypto_sign(h, unknown, vk, MSG, sizeof MSG, cb_bytes));
    CHECK_ERR(r, WalletInvalidHandle);
    CHECK(!r.sync);
    CHECK_MSG(r);
    h = cmd_new();
    r = SUBMIT(h, indy_close_wallet(h, unknown, cb_none));
    CHECK_ERR(r, WalletInvalidHandle);
    CHECK(!r.sync);
    CHECK_MSG(r);

    /* ---- Items that are not there: 212. Duplicate DID: 600. */
    h = cmd_new();
    r = SUBMIT(h, indy_key_for_local_did(h, wh, "V4SGRU86Z58d6TV7PBUe6f", cb_str));
    CHECK_ERR(r, WalletItemNotFound);
    CHECK_MSG(r);
    h = cmd_new();
    r = SUBMIT(h, indy_crypto_sign(h, wh, "GjZWsBLgZCR18aL468JAT7w9CZRiBnpxUPPgyQxh4voa", MSG, sizeof MSG, cb_bytes));
    CHECK_ERR(r, WalletItemNotFound);
    CHECK_MSG(r);
    h = cmd_new();
    r = SUBMIT(h, indy_create_and_store_my_did(h, wh, "{\"seed\":\"000000000000000000000000Trustee1\"}", cb_str2));
    CHECK_ERR(r, Success);
    h = cmd_new();
    r = SUBMIT(h, indy_create_and_store_my_did(h, wh, "{\"seed\":\"000000000000000000000000Trustee1\"}", cb_str2));
    CHECK_ERR(r, DidAlreadyExistsError);
    CHECK_MSG(r);

    /* ---- Wallet state errors. */
    h = cmd_new();
    r = SUBMIT(h, indy_create_wallet(h, w.config, w.creds, cb_none));
    CHECK_ERR(r, WalletAlreadyExistsError);
    CHECK_MSG(r);

    h = cmd_new();
    r = SUBMIT(h, indy_open_wallet(h, w.config, w.creds, cb_handle)); /* already open */
    CHECK_ERR(r, WalletAlreadyOpenedError);
    CHECK_MSG(r);

    char *missing = wallet_config_json("no_such_wallet", tmp);
    h = cmd_new();
    r = SUBMIT(h, indy_open_wallet(h, missing, w.creds, cb_handle));
    CHECK_ERR(r, WalletNotFoundError);
    CHECK_MSG(r);
    h = cmd_new();
    r = SUBMIT(h, indy_delete_wallet(h, missing, w.creds, cb_none));
    CHECK_ERR(r, WalletNotFoundError);

    /* Closed handle: 200 in the callback. */
    h = cmd_new();
    r = SUBMIT(h, indy_close_wallet(h, wh, cb_none));
    CHECK_ERR(r, Success);
    h = cmd_new();
    r = SUBMIT(h, indy_create_and_store_my_did(h, wh, "{}", cb_str2));
    CHECK_ERR(r, WalletInvalidHandle);
    CHECK(!r.sync);
    CHECK_MSG(r);
    h = cmd_new();
    r = SUBMIT(h, indy_close_wallet(h, wh, cb_none));
    CHECK_ERR(r, WalletInvalidHandle);
    CHECK_MSG(r);

    /* Wrong RAW key: 207. */
    char *other_key = generate_raw_key("{}");
    char *wrong = wallet_creds_json(other_key, "RAW");
    h = cmd_new();
    r = SUBMIT(h, indy_open_wallet(h, w.config, wrong, cb_handle));
    CHECK_ERR(r, WalletAccessFailed);
    CHECK_MSG(r);

    /* Wrong passphrase on an ARGON2I_INT wallet: 207; right one opens; double open 206. */
    char *aconfig = wallet_config_json("errors_argon", tmp);
    char *acreds = wallet_creds_json("right passphrase", "ARGON2I_INT");
    char *awrong = wallet_creds_json("wrong passphrase", "ARGON2I_INT");
    h = cmd_new();
    r = SUBMIT(h, indy_create_wallet(h, aconfig, acreds, cb_none));
    CHECK_ERR(r, Success);
    h = cmd_new();
    r = SUBMIT(h, indy_open_wallet(h, aconfig, awrong, cb_handle));
    CHECK_ERR(r, WalletAccessFailed);
    CHECK_MSG(r);
    h = cmd_new();
    r = SUBMIT(h, indy_open_wallet(h, aconfig, acreds, cb_handle));
    CHECK_ERR(r, Success);
    indy_handle_t awh = r.out_handle;
    h = cmd_new();
    r = SUBMIT(h, indy_open_wallet(h, aconfig, acreds, cb_handle));
    CHECK_ERR(r, WalletAlreadyOpenedError);
    CHECK_MSG(r);
    h = cmd_new();
    r = SUBMIT(h, indy_close_wallet(h, awh, cb_none));
    CHECK_ERR(r, Success);
    h = cmd_new();
    r = SUBMIT(h, indy_delete_wallet(h, aconfig, awrong, cb_none)); /* delete verifies the key */
    CHECK_ERR(r, WalletAccessFailed);
    h = cmd_new();
    r = SUBMIT(h, indy_delete_wallet(h, aconfig, acreds, cb_none));
    CHECK_ERR(r, Success);

    /* The RAW wallet still opens with its own key afterwards. */
    h = cmd_new();
    r = SUBMIT(h, indy_open_wallet(h, w.config, w.creds, cb_handle));
    CHECK_ERR(r, Success);
    w.handle = r.out_handle;
    close_and_delete_wallet(&w);

    check_no_stray_callbacks();
    remove_tree(tmp);
    return test_exit_code();
}
