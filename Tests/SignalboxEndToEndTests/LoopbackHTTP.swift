import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client over a plain loopback socket (one request per connection, `Connection: close`), so a
/// test can also stop half-way through a request body.
struct LoopbackHTTP {
    struct Response {
        var status: Int
        /// Header names lower-cased.
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        /// The body as a JSON object.
        func json() throws -> [String: Any] {
            try XCTUnwrapObject(JSONSerialization.jsonObject(with: body))
        }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    let port: Int

    /// One request, answered in full.
    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: Data = Data()) throws -> Response {
        let connection = try Connection(port: port)
        defer { connection.close() }
        try connection.send(Self.head(method, path, headers: headers, contentLength: body.count) + body)
        return try connection.readResponse()
    }

    static func head(_ method: String, _ path: String, headers: [String: String], contentLength: Int) -> Data {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: \(contentLength)\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        return Data((text + "\r\n").utf8)
    }

    /// An open connection, for requests sent in parts.
    final class Connection {
        private let descriptor: Int32

        init(port: Int) throws {
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard result == 0 else {
                let reason = String(cString: strerror(errno))
                Glibc.close(descriptor)
                throw Failure(description: "connect to 127.0.0.1:\(port): \(reason)")
            }
        }

        func send(_ data: Data) throws {
            var offset = 0
            while offset < data.count {
                let written = data.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress! + offset, data.count - offset, Int32(MSG_NOSIGNAL)) }
                guard written > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
                offset += written
            }
        }

        /// Reads to the end of the connection and parses the response.
        func readResponse() throws -> Response {
            var data = Data()
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = recv(descriptor, &chunk, chunk.count, 0)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                data.append(contentsOf: chunk[0..<count])
            }
            guard let split = data.range(of: Data("\r\n\r\n".utf8)) else {
                throw Failure(description: "no HTTP response (\(data.count) bytes)")
            }
            let lines = String(decoding: data[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
            let statusParts = lines[0].split(separator: " ")
            guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw Failure(description: "bad status line \(lines[0])") }
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            return Response(status: status, headers: headers, body: Data(data[split.upperBound...]))
        }

        func close() { Glibc.close(descriptor) }
    }
}

private func XCTUnwrapObject(_ value: Any) throws -> [String: Any] {
    guard let object = value as? [String: Any] else { throw LoopbackHTTP.Failure(description: "not a JSON object: \(value)") }
    return object
}
