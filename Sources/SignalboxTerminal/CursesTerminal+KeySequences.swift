import CNcursesw

extension CursesTerminal {
    /// Sequences that terminals send for keys whose terminfo entry may spell them differently. A terminal inside
    /// tmux or screen that says it is an xterm (`TERM=xterm-256color`, common over SSH) sends `ESC [1~` for Home and
    /// `ESC [4~` for End, where xterm's entry says `ESC O H` and `ESC O F`; curses, finding no match, would hand
    /// over a bare Escape (which leaves the screen) and three characters.
    private static var alternativeKeySequences: [(key: Int32, sequences: [String])] {
        [
            (sb_key_home(), ["\u{1B}[1~", "\u{1B}[7~", "\u{1B}[H", "\u{1B}OH"]),
            (sb_key_end(), ["\u{1B}[4~", "\u{1B}[8~", "\u{1B}[F", "\u{1B}OF"]),
            (sb_key_ppage(), ["\u{1B}[5~"]), (sb_key_npage(), ["\u{1B}[6~"]), (sb_key_dc(), ["\u{1B}[3~"]),
            (sb_key_btab(), ["\u{1B}[Z"]),
            (sb_key_up(), ["\u{1B}[A", "\u{1B}OA"]), (sb_key_down(), ["\u{1B}[B", "\u{1B}OB"]),
            (sb_key_right(), ["\u{1B}[C", "\u{1B}OC"]), (sb_key_left(), ["\u{1B}[D", "\u{1B}OD"]),
        ]
    }

    /// Binds each alternative sequence to its key, unless the terminal's entry already binds it (to any key) or it
    /// is the prefix of a binding (`key_defined` answers -1).
    static func defineAlternativeKeySequences() {
        for (key, sequences) in alternativeKeySequences {
            for sequence in sequences where key_defined(sequence) == 0 { _ = define_key(sequence, key) }
        }
    }
}
