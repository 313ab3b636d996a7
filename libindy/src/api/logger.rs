//! `indy_logger.h`: the library logs through the `log` crate to a C logger the caller
//! sets (called from a logger thread of its own), or to a default logger writing to stderr.

use std::ffi::{c_void, CString};
use std::os::raw::c_char;
use std::sync::{OnceLock, RwLock};

use log::{LevelFilter, Log, Metadata, Record};

use super::{args, boundary};
use crate::errors::{ErrorCode, IndyError, IndyResult};

pub type EnabledCb = Option<extern "C" fn(context: *const c_void, level: u32, target: *const c_char) -> bool>;
pub type LogCb = Option<
    extern "C" fn(
        context: *const c_void,
        level: u32,
        target: *const c_char,
        message: *const c_char,
        module_path: *const c_char,
        file: *const c_char,
        line: u32,
    ),
>;
pub type FlushCb = Option<extern "C" fn(context: *const c_void)>;

#[derive(Clone, Copy)]
struct CLogger {
    context: usize, // the caller's opaque pointer, handed back verbatim
    enabled: EnabledCb,
    log: LogCb, // never None once set
    flush: FlushCb,
}

enum Target {
    None,
    C(CLogger),
    Default(env_logger::Logger),
}

static TARGET: RwLock<Target> = RwLock::new(Target::None);

struct Dispatch;

impl Dispatch {
    fn install() {
        static INSTALLED: OnceLock<()> = OnceLock::new();
        INSTALLED.get_or_init(|| {
            // Another logger may own `log` in a Rust host; then ours stays silent.
            let _ = log::set_boxed_logger(Box::new(Dispatch));
        });
    }
}

fn level_number(level: log::Level) -> u32 {
    level as u32 // Error = 1 … Trace = 5, as libindy
}

fn c_text(s: &str) -> CString {
    CString::new(s.replace('\0', "\\0")).unwrap_or_default()
}

/// A record on its way to the C logger.
enum Line {
    Record { level: u32, target: CString, message: CString, module_path: CString, file: CString, line: u32 },
    Flush,
}

type EnabledFn = extern "C-unwind" fn(*const c_void, u32, *const c_char) -> bool;
type LogFn = extern "C-unwind" fn(*const c_void, u32, *const c_char, *const c_char, *const c_char, *const c_char, u32);
type FlushFn = extern "C-unwind" fn(*const c_void);

/// One call to the C logger as plain values (raw pointers, no destructors), so the frame
/// making it may be ended by the caller's code (see `runtime::foreign`).
#[derive(Clone, Copy)]
enum LoggerCall {
    Record {
        context: *const c_void,
        enabled: Option<EnabledFn>,
        log: LogFn,
        level: u32,
        strings: [*mut c_char; 4], // target, message, module path, file
        line: u32,
    },
    Flush(*const c_void, FlushFn),
}

/// The caller's logger may end its thread (a forced unwind), so it is called as "C-unwind".
fn c_unwind<F: Copy, G: Copy>(f: F) -> G {
    // SAFETY: every use turns a logger callback type into its "C-unwind" twin above.
    unsafe { crate::runtime::foreign::c_unwind(f) }
}

impl LoggerCall {
    /// The next call to make; `None` when the library no longer has a C logger to call.
    fn next(lines: &crossbeam_channel::Receiver<Line>) -> Option<Option<LoggerCall>> {
        let line = lines.recv().ok()?;
        let Target::C(c) = *TARGET.read().unwrap_or_else(|e| e.into_inner()) else { return Some(None) };
        let context = c.context as *const c_void;
        Some(match line {
            Line::Record { level, target, message, module_path, file, line } => c.log.map(|log| LoggerCall::Record {
                context,
                enabled: c.enabled.map(c_unwind),
                log: c_unwind(log),
                level,
                strings: [target.into_raw(), message.into_raw(), module_path.into_raw(), file.into_raw()],
                line,
            }),
            Line::Flush => c.flush.map(|flush| LoggerCall::Flush(context, c_unwind(flush))),
        })
    }

    fn make(self) {
        match self {
            LoggerCall::Record {
                context,
                enabled,
                log,
                level,
                strings: [target, message, module_path, file],
                line,
            } => {
                if enabled.is_none_or(|enabled| enabled(context, level, target)) {
                    log(context, level, target, message, module_path, file, line);
                }
            }
            LoggerCall::Flush(context, flush) => flush(context),
        }
    }

    fn free(self) {
        if let LoggerCall::Record { strings, .. } = self {
            for s in strings {
                // SAFETY: made by `CString::into_raw` in `next`, freed once.
                drop(unsafe { CString::from_raw(s) });
            }
        }
    }
}

fn logger_lines() -> &'static (crossbeam_channel::Sender<Line>, crossbeam_channel::Receiver<Line>) {
    static LINES: OnceLock<(crossbeam_channel::Sender<Line>, crossbeam_channel::Receiver<Line>)> = OnceLock::new();
    LINES.get_or_init(crossbeam_channel::unbounded)
}

/// The caller's logger is called from one thread of its own, never from a thread that also
/// runs library work: a slow logger delays no command, and a logger that ends its thread
/// (Python at exit ends foreign threads with `pthread_exit`) ends only this one.
extern "C-unwind" fn run_logger() {
    let lines = &logger_lines().1;
    while let Some(call) = LoggerCall::next(lines) {
        // Only plain values are live across the call (see `runtime::foreign`).
        if let Some(call) = call {
            call.make();
            call.free();
        }
    }
}

fn logger_thread() -> &'static crossbeam_channel::Sender<Line> {
    static STARTED: OnceLock<()> = OnceLock::new();
    STARTED.get_or_init(|| {
        if let Err(e) = crate::runtime::foreign::spawn("indy-logger", run_logger) {
            eprintln!("libindy: cannot start the logger thread: {e}");
        }
    });
    &logger_lines().0
}

impl Log for Dispatch {
    fn enabled(&self, metadata: &Metadata) -> bool {
        match &*TARGET.read().unwrap_or_else(|e| e.into_inner()) {
            Target::None => false,
            Target::Default(logger) => logger.enabled(metadata),
            Target::C(_) => true, // the C logger's own `enabled` runs on the logger thread
        }
    }

    fn log(&self, record: &Record) {
        match &*TARGET.read().unwrap_or_else(|e| e.into_inner()) {
            Target::None => return,
            Target::Default(logger) => return logger.log(record),
            Target::C(_) => {}
        }
        let _ = logger_thread().send(Line::Record {
            level: level_number(record.level()),
            target: c_text(record.target()),
            message: c_text(&record.args().to_string()),
            module_path: c_text(record.module_path().unwrap_or("")),
            file: c_text(record.file().unwrap_or("")),
            line: record.line().unwrap_or(0),
        });
    }

    fn flush(&self) {
        match &*TARGET.read().unwrap_or_else(|e| e.into_inner()) {
            Target::Default(logger) => logger.flush(),
            Target::C(_) => {
                let _ = logger_thread().send(Line::Flush);
            }
            Target::None => {}
        }
    }
}

fn level_filter(max_lvl: u32, position: u32) -> IndyResult<LevelFilter> {
    Ok(match max_lvl {
        0 => LevelFilter::Off,
        1 => LevelFilter::Error,
        2 => LevelFilter::Warn,
        3 => LevelFilter::Info,
        4 => LevelFilter::Debug,
        5 => LevelFilter::Trace,
        _ => {
            return Err(IndyError::new(
                ErrorCode::invalid_param(position),
                format!("Log level {max_lvl} is not 0 (off) to 5 (trace)"),
            ))
        }
    })
}

fn set_c_logger(
    context: *const c_void,
    enabled: EnabledCb,
    log: LogCb,
    flush: FlushCb,
    max: LevelFilter,
) -> IndyResult<()> {
    args::callback(log, 3)?;
    Dispatch::install();
    *TARGET.write().unwrap_or_else(|e| e.into_inner()) =
        Target::C(CLogger { context: context as usize, enabled, log, flush });
    log::set_max_level(max);
    Ok(())
}

/// Sends the library's log to `logFn` (required); `enabledFn` and `flushFn` may be NULL.
/// Levels: 1 error, 2 warn, 3 info, 4 debug, 5 trace. Secrets are never logged.
#[no_mangle]
pub extern "C" fn indy_set_logger(context: *const c_void, enabled: EnabledCb, log: LogCb, flush: FlushCb) -> ErrorCode {
    boundary("indy_set_logger", || set_c_logger(context, enabled, log, flush, LevelFilter::Trace))
}

/// As `indy_set_logger`, with the most verbose level to pass (0 off … 5 trace).
#[no_mangle]
pub extern "C" fn indy_set_logger_with_max_lvl(
    context: *const c_void,
    enabled: EnabledCb,
    log: LogCb,
    flush: FlushCb,
    max_lvl: u32,
) -> ErrorCode {
    boundary("indy_set_logger_with_max_lvl", || {
        let max = level_filter(max_lvl, 5)?;
        set_c_logger(context, enabled, log, flush, max)
    })
}

/// Sets the most verbose level the library logs (0 off … 5 trace).
#[no_mangle]
pub extern "C" fn indy_set_log_max_lvl(max_lvl: u32) -> ErrorCode {
    boundary("indy_set_log_max_lvl", || {
        log::set_max_level(level_filter(max_lvl, 1)?);
        Ok(())
    })
}

/// Logs to stderr, filtered by `pattern` in `RUST_LOG` syntax (e.g. `"info"`,
/// `"indy=debug"`); NULL reads `RUST_LOG`.
#[no_mangle]
pub extern "C" fn indy_set_default_logger(pattern: *const c_char) -> ErrorCode {
    boundary("indy_set_default_logger", || {
        let pattern = args::opt_string(pattern, 1)?;
        let mut builder = match pattern {
            Some(pattern) => {
                let mut builder = env_logger::Builder::new();
                builder.parse_filters(&pattern);
                builder
            }
            None => env_logger::Builder::from_default_env(),
        };
        let logger = builder.build();
        let max = logger.filter();
        Dispatch::install();
        *TARGET.write().unwrap_or_else(|e| e.into_inner()) = Target::Default(logger);
        log::set_max_level(max);
        Ok(())
    })
}

/// Writes the C logger set by `indy_set_logger` (NULLs when none is set).
#[no_mangle]
pub extern "C" fn indy_get_logger(
    context_p: *mut *const c_void,
    enabled_cb_p: *mut EnabledCb,
    log_cb_p: *mut LogCb,
    flush_cb_p: *mut FlushCb,
) -> ErrorCode {
    boundary("indy_get_logger", || {
        let context_p = args::out_ptr(context_p, 1)?;
        let enabled_cb_p = args::out_ptr(enabled_cb_p, 2)?;
        let log_cb_p = args::out_ptr(log_cb_p, 3)?;
        let flush_cb_p = args::out_ptr(flush_cb_p, 4)?;
        let c = match &*TARGET.read().unwrap_or_else(|e| e.into_inner()) {
            Target::C(c) => Some(*c),
            _ => None,
        };
        args::write(context_p, c.map_or(std::ptr::null(), |c| c.context as *const c_void));
        args::write(enabled_cb_p, c.and_then(|c| c.enabled));
        args::write(log_cb_p, c.and_then(|c| c.log));
        args::write(flush_cb_p, c.and_then(|c| c.flush));
        Ok(())
    })
}
