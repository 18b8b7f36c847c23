/// Where `signalbox serve` listens: `HOST:PORT`, with `[v6]:PORT` for an IPv6 literal.
public struct ListenAddress: Equatable, Sendable, CustomStringConvertible {
    public var host: String
    /// 0 asks the system for a free port (the one bound is reported once listening).
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `127.0.0.1:8470`, `[::1]:8470` or `localhost:8470`.
    public init(parsing text: String) throws(ServeConfigurationError) {
        let hostPart: Substring, portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw .invalidListen(text, "an IPv6 address is written [ADDRESS]:PORT")
            }
            hostPart = text[text.index(after: text.startIndex)..<close]
            portPart = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw .invalidListen(text, "expected HOST:PORT") }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        }
        guard !hostPart.isEmpty else { throw .invalidListen(text, "the host is empty") }
        guard let port = Int(portPart), (0...65_535).contains(port) else {
            throw .invalidListen(text, "the port must be a number from 0 to 65535")
        }
        self.init(host: String(hostPart), port: port)
    }

    /// Whether only this machine can connect: `localhost`, 127.0.0.0/8 or `::1`.
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
