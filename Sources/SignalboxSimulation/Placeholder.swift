public enum PlaceholderSignalboxSimulation {}
