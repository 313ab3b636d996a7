/*
 * (d) Callbacks may call back into the library and may block:
 *   1. the open_wallet callback submits create_and_store_my_did; the main thread waits for it;
 *   2. a callback submits a command and blocks until that command's callback came;
 *   3. while one callback sleeps (1 s, then until the others are done), 50 other
 *      commands complete -- asserted by counters, not by timing.
 */
#include "common.h"

#define TRUSTEE1_SEED "000000000000000000000000Trustee1"
#define TRUSTEE1_DID "V4SGRU86Z58d6TV7PBUe6f"
#define TRUSTEE1_VERKEY "GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL"

/* ---- 1. submit from inside a callback, wait elsewhere */

static int32_t g_nested_did_handle;
static atomic_int g_nested_submit_ret = -1;

static void cb_open_then_create_did(indy_handle_t h, indy_error_t err, indy_handle_t wh) {
    if ((int)err == (int)Success) {
        int32_t h2 = g_nested_did_handle;
        tl_submitting = h2;
        indy_error_t ret = indy_create_and_store_my_did(h2, wh, "{\"seed\":\"" TRUSTEE1_SEED "\"}", cb_str2);
        cmd_submitted(h2, ret);
        atomic_store(&g_nested_submit_ret, (int)ret);
    }
    cb_handle(h, err, wh); /* record the open last: the nested call was already submitted */
}

/* ---- 2. block inside a callback on another command */

static indy_handle_t g_wallet;
static cmd_result g_blocked_sign;     /* result of the sign the callback waited for */
static cmd_result g_blocked_verify;

static void cb_key_then_block(indy_handle_t h, indy_error_t err, const char *const vk) {
    if ((int)err == (int)Success && vk) {
        static const uint8_t msg[] = "signed from inside a callback";
        int32_t hs = cmd_new();
        g_blocked_sign = SUBMIT(hs, indy_crypto_sign(hs, g_wallet, vk, msg, sizeof msg, cb_bytes));
        if (g_blocked_sign.err == (int)Success && g_blocked_sign.len == 64) {
            int32_t hv = cmd_new();
            g_blocked_verify = SUBMIT(hv, indy_crypto_verify(hv, vk, msg, sizeof msg, g_blocked_sign.bytes, 64, cb_bool));
        }
    }
    cb_str(h, err, vk);
}

/* ---- 3. a sleeping callback does not hold up the others */

#define OTHERS 50
static atomic_int g_sleeper_started;
static atomic_int g_others_done;            /* incremented by the other commands' callbacks */
static atomic_int g_others_done_at_wake = -1;

static void cb_sleeper(indy_handle_t h, indy_error_t err, const char *const key) {
    atomic_store(&g_sleeper_started, 1);
    sleep_ms(1000);
    /* Keep sleeping until the others are done (bounded), so the assertion below is
       about whether they can complete at all while this callback is blocked. */
    for (int i = 0; i < 600 && atomic_load(&g_others_done) < OTHERS; i++) sleep_ms(50);
    atomic_store(&g_others_done_at_wake, atomic_load(&g_others_done));
    cb_str(h, err, key);
}

static void cb_other_str(indy_handle_t h, indy_error_t err, const char *const s) {
    cb_str(h, err, s);
    atomic_fetch_add(&g_others_done, 1);
}

static void cb_other_str2(indy_handle_t h, indy_error_t err, const char *const a, const char *const b) {
    cb_str2(h, err, a, b);
    atomic_fetch_add(&g_others_done, 1);
}

static void cb_other_bytes(indy_handle_t h, indy_error_t err, const uint8_t *p, uint32_t n) {
    cb_bytes(h, err, p, n);
    atomic_fetch_add(&g_others_done, 1);
}

int main(void) {
    char *tmp = make_temp_dir("indy_c_reentrant");
    int32_t h;
    cmd_result r;

    /* 1. */
    char *key = generate_raw_key("{}");
    char *config = wallet_config_json("reentrant", tmp);
    char *creds = wallet_creds_json(key, "RAW");
    h = cmd_new();
    r = SUBMIT(h, indy_create_wallet(h, config, creds, cb_none));
    CHECK_ERR(r, Success);

    g_nested_did_handle = cmd_new();
    h = cmd_new();
    r = SUBMIT(h, indy_open_wallet(h, config, creds, cb_open_then_create_did));
    CHECK_ERR(r, Success);
    REQUIRE(r.err == (int)Success);
    g_wallet = r.out_handle;
    CHECK(atomic_load(&g_nested_submit_ret) == (int)Success);
    r = cmd_wait(g_nested_did_handle);
    CHECK_ERR(r, Success);
    CHECK_STREQ(r.s1, TRUSTEE1_DID);
    CHECK_STREQ(r.s2, TRUSTEE1_VERKEY);

    /* 2. */
    h = cmd_new();
    r = SUBMIT(h, indy_create_key(h, g_wallet, "{}", cb_key_then_block));
    CHECK_ERR(r, Success);
    CHECK_ERR(g_blocked_sign, Success);
    CHECK(g_blocked_sign.len == 64);
    CHECK_ERR(g_blocked_verify, Success);
    CHECK(g_blocked_verify.flag);

    /* 3. */
    int32_t hsleep = cmd_new();
    SUBMIT_NOWAIT(hsleep, indy_generate_wallet_key(hsleep, "{}", cb_sleeper));
    double t0 = now_s();
    while (!atomic_load(&g_sleeper_started)) {
        REQUIRE(now_s() - t0 < 60);
        sleep_ms(5);
    }
    static const uint8_t msg[] = "while another callback sleeps";
    int32_t hs[OTHERS];
    for (int i = 0; i < OTHERS; i++) {
        hs[i] = cmd_new();
        switch (i % 5) {
        case 0: SUBMIT_NOWAIT(hs[i], indy_create_and_store_my_did(hs[i], g_wallet, "{}", cb_other_str2)); break;
        case 1: SUBMIT_NOWAIT(hs[i], indy_key_for_local_did(hs[i], g_wallet, TRUSTEE1_DID, cb_other_str)); break;
        case 2: SUBMIT_NOWAIT(hs[i], indy_generate_wallet_key(hs[i], "{}", cb_other_str)); break;
        case 3: SUBMIT_NOWAIT(hs[i], indy_crypto_sign(hs[i], g_wallet, TRUSTEE1_VERKEY, msg, sizeof msg, cb_other_bytes)); break;
        default: SUBMIT_NOWAIT(hs[i], indy_create_key(hs[i], g_wallet, "{}", cb_other_str)); break;
        }
    }
    for (int i = 0; i < OTHERS; i++) {
        r = cmd_wait(hs[i]);
        CHECK_ERR(r, Success);
    }
    r = cmd_wait(hsleep);
    CHECK_ERR(r, Success);
    int at_wake = atomic_load(&g_others_done_at_wake);
    if (at_wake != OTHERS)
        fprintf(stderr, "only %d of %d commands completed while one callback was blocked\n", at_wake, OTHERS);
    CHECK(at_wake == OTHERS);

    h = cmd_new();
    r = SUBMIT(h, indy_close_wallet(h, g_wallet, cb_none));
    CHECK_ERR(r, Success);
    h = cmd_new();
    r = SUBMIT(h, indy_delete_wallet(h, config, creds, cb_none));
    CHECK_ERR(r, Success);

    check_no_stray_callbacks();
    remove_tree(tmp);
    return test_exit_code();
}
