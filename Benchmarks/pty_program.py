"""Starts a program in a pseudo-terminal, as a user's terminal would: the benchmarks that read what it draws."""
import fcntl, os, pty, struct, termios

# Bytes written less than this far apart are one frame: one screen update, as a user's terminal shows it.
FRAME_GAP = 0.015


def start(command, cols, rows):
    """Starts `command` (a list; the first item is looked up on PATH) in a new pty of cols x rows, with
    TERM=xterm-256color, LANG=C.UTF-8 and no NO_COLOR. The size is set in the child before it runs, so the program's
    first look at its terminal already sees it. Returns (pid, fd of the pty's master side)."""
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
        env.pop("NO_COLOR", None)
        os.execvpe(command[0], command, env)
    return pid, fd
