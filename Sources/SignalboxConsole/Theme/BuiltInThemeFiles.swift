/// The four shipped theme files, compiled in so that a copied or installed binary has them without `Themes/`.
/// Copied from `Themes/*.yaml`, which stay the source; a test keeps them identical.
enum BuiltInThemeFiles {
    /// The YAML text of each shipped theme, by name.
    static let yaml: [String: String] = [
        "dark": #"""
        # Signalbox default theme: keeps the terminal's own background and text colour.
        # Saturated colours that keep their hue down to 8 colours; greys are avoided (dim, selection and bars use attributes) so it stays legible at 8 colours, and
        # solid blocks are drawn with reverse so breach and badges still stand out with no colour at all.
        # Format: see README.md in this directory.
        description: Dark terminals (default)
        roles:
          background: {fg: default, bg: default}
          text:       {fg: default, bg: default}
          dim:        {attributes: [dim]}
          accent:     {fg: "#5fd7ff"}
          ok:         {fg: "#5fd700"}
          warn:       {fg: "#ffd75f", attributes: [bold]}
          breach:     {fg: "#ff5f5f", attributes: [bold, reverse]}
          unknown:    {attributes: [dim]}
          selection:  {attributes: [reverse]}
          border:     {fg: "#5f87ff"}
          header:     {fg: "#5fd7ff", attributes: [bold]}
          statusBar:  {attributes: [reverse]}
          badge:      {fg: "#ffd75f", attributes: [bold, reverse]}
          stale:      {fg: "#ff875f", attributes: [underline]}

        """#,
        "high-contrast": #"""
        # High contrast: bright ANSI colours on black; breach as a solid block (reverse), warn underlined.
        # Uses only the 16 ANSI colours, so it looks the same on every colour terminal.
        # Format: see README.md in this directory.
        description: High contrast, bright ANSI colours on black
        roles:
          background: {fg: bright-white, bg: black}
          text:       {fg: bright-white, bg: black}
          dim:        {fg: white, bg: black}
          accent:     {fg: bright-cyan, bg: black, attributes: [bold]}
          ok:         {fg: bright-green, bg: black, attributes: [bold]}
          warn:       {fg: bright-yellow, bg: black, attributes: [bold, underline]}
          breach:     {fg: red, bg: bright-white, attributes: [bold, reverse]}
          unknown:    {fg: white, bg: black, attributes: [underline]}
          selection:  {fg: bright-white, bg: black, attributes: [bold, reverse]}
          border:     {fg: bright-white, bg: black}
          header:     {fg: bright-yellow, bg: black, attributes: [bold, underline]}
          statusBar:  {fg: bright-white, bg: black, attributes: [reverse]}
          badge:      {fg: bright-magenta, bg: black, attributes: [bold, reverse]}
          stale:      {fg: bright-magenta, bg: black, attributes: [bold]}

        """#,
        "light": #"""
        # Light theme: paints its own light background so it reads the same on any terminal.
        # Solid blocks (breach, status bar, badge) are written as reverse, so they survive a monochrome terminal.
        # Format: see README.md in this directory.
        description: Light background
        roles:
          background: {fg: "#24292f", bg: "#fafafa"}
          text:       {fg: "#24292f", bg: "#fafafa"}
          dim:        {fg: "#57606a", bg: "#fafafa"}
          accent:     {fg: "#0550ae", bg: "#fafafa"}
          ok:         {fg: "#116329", bg: "#fafafa"}
          warn:       {fg: "#7d4e00", bg: "#fafafa", attributes: [bold]}
          breach:     {fg: "#cf222e", bg: "#ffffff", attributes: [bold, reverse]}
          unknown:    {fg: "#57606a", bg: "#fafafa", attributes: [underline]}
          selection:  {fg: "#24292f", bg: "#fafafa", attributes: [reverse]}
          border:     {fg: "#57606a", bg: "#fafafa"}
          header:     {fg: "#0550ae", bg: "#fafafa", attributes: [bold]}
          statusBar:  {fg: "#24292f", bg: "#fafafa", attributes: [reverse]}
          badge:      {fg: "#8250df", bg: "#ffffff", attributes: [bold, reverse]}
          stale:      {fg: "#953800", bg: "#fafafa", attributes: [underline]}

        """#,
        "monochrome": #"""
        # Monochrome: attributes only, no colours. Works on a vt100 and with NO_COLOR.
        # Bold, underline and reverse are the attributes every terminal has; dim is used only where
        # losing it does no harm (the text of those roles says what they are).
        # Format: see README.md in this directory.
        description: No colours, attributes only (vt100)
        roles:
          background: {}
          text:       {}
          dim:        {attributes: [dim]}
          accent:     {attributes: [bold]}
          ok:         {}
          warn:       {attributes: [bold]}
          breach:     {attributes: [bold, reverse]}
          unknown:    {attributes: [dim]}
          selection:  {attributes: [reverse]}
          border:     {}
          header:     {attributes: [bold, underline]}
          statusBar:  {attributes: [reverse]}
          badge:      {attributes: [bold, reverse]}
          stale:      {attributes: [underline]}

        """#,
    ]
}
