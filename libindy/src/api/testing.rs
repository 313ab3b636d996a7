//! A test hook that proves the panic boundaries: the C, Python and Node tests call it.

use super::{args, boundary, callbacks, CommandHandle};
use crate::commands::library::{LibraryCommand, PanicPlace};
use crate::commands::{submit, Command};
use crate::errors::ErrorCode;

/// Panics on purpose. `place`: 0 in this entry point (returns `CommonInvalidState`, no
/// callback), 1 in the command body, 2 in a cheap-tier job (the callback gets
/// `CommonInvalidState`). The library keeps working afterwards. Not part of libindy.
#[no_mangle]
pub extern "C" fn indyrs_test_panic(
    command_handle: CommandHandle,
    place: i32,
    cb: Option<extern "C" fn(command_handle_: CommandHandle, err: ErrorCode)>,
) -> ErrorCode {
    boundary("indyrs_test_panic", || {
        let place = match place {
            0 => panic!("test panic in an entry point"),
            1 => PanicPlace::CommandBody,
            2 => PanicPlace::CheapWorker,
            other => {
                return Err(crate::errors::IndyError::new(
                    ErrorCode::CommonInvalidParam2,
                    format!("Unknown panic place {other}"),
                ))
            }
        };
        let cb = callbacks::unit(command_handle, args::callback(cb, 3)?);
        submit(Command::Library(LibraryCommand::TestPanic { place, cb }))
    })
}
