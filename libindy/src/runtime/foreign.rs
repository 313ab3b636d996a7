//! Threads that call into the caller's code, which may end them: at interpreter exit Python
//! ends every foreign thread that calls into it with `pthread_exit`, a forced unwind. A
//! `std::thread` catches every unwind at its root, and catching a forced unwind aborts the
//! process ("FATAL: exception not rethrown"). So these threads start with `pthread_create`
//! at a `"C-unwind"` root, and call the caller's code only from frames with nothing left to
//! drop ("plain old frames"), through `"C-unwind"` function pointers: the unwind then passes
//! through and ends just that thread, which is what the caller asked for.

use std::ffi::{c_void, CString};
use std::io;

/// Starts `body` on a detached thread of its own named `name`. `body` must keep to plain
/// frames around its calls into the caller's code.
pub fn spawn(name: &str, body: extern "C-unwind" fn()) -> io::Result<()> {
    extern "C-unwind" fn start(body: *mut c_void) -> *mut c_void {
        // SAFETY: `spawn` passes an `extern "C-unwind" fn()` as the argument.
        let body: extern "C-unwind" fn() = unsafe { std::mem::transmute(body) };
        body();
        std::ptr::null_mut()
    }
    // SAFETY: "C-unwind" and "C" differ only in whether unwinding may cross the boundary;
    // pthread_create takes the C signature, and glibc's thread start lets a forced unwind end
    // the thread.
    let start: extern "C" fn(*mut c_void) -> *mut c_void =
        unsafe { std::mem::transmute(start as extern "C-unwind" fn(*mut c_void) -> *mut c_void) };
    let mut thread: libc::pthread_t = 0;
    // SAFETY: a valid start routine and argument; the thread is detached at once.
    let created = unsafe { libc::pthread_create(&mut thread, std::ptr::null(), start, body as *mut c_void) };
    if created != 0 {
        return Err(io::Error::from_raw_os_error(created));
    }
    // Names are truncated to 15 bytes by the kernel.
    let short: String = name.chars().take(15).collect();
    if let Ok(name) = CString::new(short) {
        // SAFETY: a live thread and a NUL-terminated name.
        unsafe { libc::pthread_setname_np(thread, name.as_ptr()) };
    }
    // SAFETY: the thread was created above and is never joined.
    unsafe { libc::pthread_detach(thread) };
    Ok(())
}

/// `f` typed as the same function pointer with the `"C-unwind"` ABI, so that a forced unwind
/// from the caller's code may pass the call (through a `"C"` pointer it would abort).
///
/// # Safety
/// `F` and `G` must be the same function pointer type but for `"C"` → `"C-unwind"`: the two
/// differ only in whether an unwind may cross the call.
pub unsafe fn c_unwind<F: Copy, G: Copy>(f: F) -> G {
    assert_eq!(std::mem::size_of::<F>(), std::mem::size_of::<G>());
    unsafe { std::mem::transmute_copy(&f) }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};

    use super::*;

    static ENDED_BY_PTHREAD_EXIT: AtomicBool = AtomicBool::new(false);
    static AFTER_EXIT: AtomicBool = AtomicBool::new(false);

    /// What Python does to a foreign thread at exit.
    extern "C-unwind" fn exit_thread() {
        ENDED_BY_PTHREAD_EXIT.store(true, Ordering::SeqCst);
        unsafe { libc::pthread_exit(std::ptr::null_mut()) };
    }

    extern "C-unwind" fn body() {
        let call: extern "C-unwind" fn() = exit_thread;
        call();
        AFTER_EXIT.store(true, Ordering::SeqCst);
    }

    #[test]
    fn a_thread_ended_by_pthread_exit_ends_alone() {
        spawn("indy-test-exit", body).unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        while !ENDED_BY_PTHREAD_EXIT.load(Ordering::SeqCst) && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        // Still here: the process was not aborted, and the thread did not go on.
        assert!(ENDED_BY_PTHREAD_EXIT.load(Ordering::SeqCst));
        assert!(!AFTER_EXIT.load(Ordering::SeqCst));
    }
}
