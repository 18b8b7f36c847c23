public enum PlaceholderSignalboxConsole {}
