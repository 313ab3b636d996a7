/*
 * The caller's code may end the library's threads that call it: at interpreter exit Python
 * ends every foreign thread that calls into it with pthread_exit. That ends the thread and
 * nothing else: no abort ("FATAL: exception not rethrown"), and the other callback threads
 * keep answering.
 *   1. two callbacks end their threads with pthread_exit; 40 more commands still answer;
 *   2. the C logger ends its thread on its first record; commands still answer.
 */
#include "common.h"

static void cb_str_then_exit(indy_handle_t h, indy_error_t err, const char *const s) {
    cb_str(h, err, s);
    pthread_exit(NULL);
}

static atomic_int g_log_calls;

static void log_then_exit(const void *context, uint32_t level, const char *target, const char *message,
                          const char *module_path, const char *file, uint32_t line) {
    (void)context, (void)level, (void)target, (void)message, (void)module_path, (void)file, (void)line;
    atomic_fetch_add(&g_log_calls, 1);
    pthread_exit(NULL);
}

#define VERKEY "GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL"
#define DID "V4SGRU86Z58d6TV7PBUe6f"

static void abbreviate_many(int count, void (*cb)(indy_handle_t, indy_error_t, const char *const)) {
    int32_t handles[64];
    REQUIRE(count <= 64);
    for (int i = 0; i < count; i++) {
        handles[i] = cmd_new();
        SUBMIT_NOWAIT(handles[i], indy_abbreviate_verkey(handles[i], DID, VERKEY, cb));
    }
    for (int i = 0; i < count; i++) {
        cmd_result r = cmd_wait(handles[i]);
        CHECK_ERR(r, Success);
        CHECK(r.s1 && r.s1[0] == '~');
    }
}

int main(void) {
    /* 1. Two of the four callback threads end inside a callback. */
    abbreviate_many(1, cb_str_then_exit);
    abbreviate_many(1, cb_str_then_exit);
    abbreviate_many(40, cb_str);

    /* 2. The logger's thread ends on its first record; the library carries on. */
    REQUIRE((int)indy_set_logger(NULL, NULL, log_then_exit, NULL) == (int)Success);
    char *tmp = make_temp_dir("indy_c_thread_exit");
    test_wallet w = open_new_raw_wallet(tmp, "exit"); /* logs at info */
    for (int i = 0; i < 200 && atomic_load(&g_log_calls) == 0; i++) sleep_ms(10);
    CHECK(atomic_load(&g_log_calls) == 1);
    int32_t h = cmd_new();
    cmd_result r = SUBMIT(h, indy_create_and_store_my_did(h, w.handle, "{}", cb_str2));
    CHECK_ERR(r, Success);
    close_and_delete_wallet(&w);
    CHECK(atomic_load(&g_log_calls) == 1); /* its thread is gone: no more calls */
    abbreviate_many(10, cb_str);

    check_no_stray_callbacks();
    remove_tree(tmp);
    return test_exit_code();
}
