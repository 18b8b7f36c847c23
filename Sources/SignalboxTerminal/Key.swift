/// A key press (or terminal event) read from the terminal.
public enum Key: Hashable, Sendable {
    /// A printable character (including space and non-ASCII text).
    case character(Character)
    /// Enter / Return.
    case enter
    /// Escape (a lone ESC, after curses' short escape delay).
    case escape
    /// Tab.
    case tab
    /// Shift-Tab.
    case backTab
    /// Arrow up.
    case up
    /// Arrow down.
    case down
    /// Arrow left.
    case left
    /// Arrow right.
    case right
    /// Page Up.
    case pageUp
    /// Page Down.
    case pageDown
    /// Home.
    case home
    /// End.
    case end
    /// Backspace (also Ctrl-H and DEL, which terminals send for it).
    case backspace
    /// Delete (forward delete).
    case delete
    /// Function key F1…F63.
    case function(Int)
    /// The terminal was resized; redraw at the new `CursesTerminal.size`.
    case resize
    /// Ctrl plus a key, as a lowercase letter (`"c"` for Ctrl-C) or one of `@ [ \ ] ^ _`.
    case control(Character)
    /// The process was asked to stop (SIGINT, SIGTERM, SIGHUP) or the terminal went away:
    /// leave the run loop and return so the terminal is restored.
    case terminate
}

/// The raw codes of the curses keys `Key.decode` understands (values of the `KEY_*` macros).
///
/// `CursesTerminal` passes the real curses values; tests can use the same values without a terminal.
public struct CursesKeyCodes: Sendable {
    /// `KEY_DOWN` etc.
    public var down, up, left, right, home, end, backspace, f0, delete, pageDown, pageUp, enter, backTab, resize: Int32

    /// The values from ncurses' `curses.h` (stable across ncurses 5 and 6).
    public static let ncurses = CursesKeyCodes(
        down: 0o402, up: 0o403, left: 0o404, right: 0o405, home: 0o406, end: 0o550, backspace: 0o407, f0: 0o410,
        delete: 0o512, pageDown: 0o522, pageUp: 0o523, enter: 0o527, backTab: 0o541, resize: 0o632
    )
}

/// What `get_wch` returned: a character, a curses key code, or nothing (timeout or error).
public enum WideCharacterInput: Hashable, Sendable {
    /// `get_wch` returned `OK` with this wide character.
    case character(UInt32)
    /// `get_wch` returned `KEY_CODE_YES` with this key code.
    case keyCode(Int32)
    /// `get_wch` returned `ERR`.
    case none
}

extension Key {
    /// Maps one `get_wch` result to a key; `nil` for nothing read and for keys Signalbox does not use.
    ///
    /// ```swift
    /// Key.decode(.character(3))                               // .control("c")
    /// Key.decode(.keyCode(CursesKeyCodes.ncurses.up))         // .up
    /// ```
    public static func decode(_ input: WideCharacterInput, codes: CursesKeyCodes = .ncurses) -> Key? {
        switch input {
        case .none: nil
        case .keyCode(let code): decode(keyCode: code, codes: codes)
        case .character(let value): decode(character: value)
        }
    }

    private static func decode(keyCode code: Int32, codes: CursesKeyCodes) -> Key? {
        switch code {
        case codes.up: .up
        case codes.down: .down
        case codes.left: .left
        case codes.right: .right
        case codes.home: .home
        case codes.end: .end
        case codes.backspace: .backspace
        case codes.delete: .delete
        case codes.pageUp: .pageUp
        case codes.pageDown: .pageDown
        case codes.enter: .enter
        case codes.backTab: .backTab
        case codes.resize: .resize
        case (codes.f0 + 1)...(codes.f0 + 63): .function(Int(code - codes.f0))
        default: nil
        }
    }

    private static func decode(character value: UInt32) -> Key? {
        switch value {
        case 0x0A, 0x0D: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x08, 0x7F: return .backspace
        case 0x00: return .control("@")
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(UInt8(0x60 + value))))
        case 0x1C...0x1F: return .control(Character(Unicode.Scalar(UInt8(0x40 + value))))
        case 0x80...0x9F: return nil
        default: return Unicode.Scalar(value).map { .character(Character($0)) }
        }
    }
}
