public enum PlaceholderSignalboxTerminal {}
