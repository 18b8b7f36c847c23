import Foundation
import PostgresNIO

/// Turns a failed TLS connection into one sentence naming the cause and the connection parameter to set,
/// instead of the library's error (which carries BoringSSL codes and build paths).
enum TLSFailure {
    /// What went wrong with TLS in `error`, if it is a TLS failure; `certificateExpiry` is when the server's
    /// certificate expires, if known (see ``ServerCertificateProbe``), to tell an expired certificate from an
    /// unknown CA.
    static func describe(_ error: any Error, configuration: PostgresConfiguration,
                         certificateValidity: ClosedRange<Date>? = nil, now: Date = Date()) -> String? {
        let server = ServerAddress(host: configuration.host, port: configuration.port)
        if let psql = error as? PSQLError {
            if psql.code == .sslUnsupported {
                return "the server \(server) does not support TLS: set sslmode=prefer or sslmode=disable, "
                    + "or ask the DBAs to enable ssl on it"
            }
            if let message = psql.serverInfo?[.message], psql.serverInfo?[.sqlState] == "28000",
               message.localizedCaseInsensitiveContains("certificate") {
                return clientCertificateRefused(configuration, server: server, reason: message)
            }
            return psql.underlying.flatMap { describe($0, configuration: configuration,
                                                      certificateValidity: certificateValidity, now: now) }
        }
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return "the certificate of \(server) is not issued for the host name \(configuration.host.debugDescription): "
                + "connect with a name the certificate lists, or set sslmode=verify-ca to check only the CA"
        }
        let reasons: String
        if let ssl = error as? NIOSSLError, case .handshakeFailed(let boring) = ssl {
            reasons = "\(boring)"
        } else if let boring = error as? BoringSSLError {
            reasons = "\(boring)"
        } else {
            return nil
        }
        if reasons.contains("CERTIFICATE_VERIFY_FAILED") {
            if let validity = certificateValidity, now > validity.upperBound {
                return "the certificate of \(server) expired on \(dayFormat(validity.upperBound)): the DBAs must renew it "
                    + "(sslmode=require would connect without checking it)"
            }
            if let validity = certificateValidity, now < validity.lowerBound {
                return "the certificate of \(server) is not valid before \(dayFormat(validity.lowerBound)): "
                    + "check the clocks, or ask the DBAs"
            }
            let trusted = configuration.tlsFiles.rootCertificate.map {
                $0 == TLSFiles.systemTrustStore ? "the system's trusted roots" : $0.debugDescription
            } ?? "no root certificate"
            return "the certificate of \(server) is signed by a CA not in \(trusted): "
                + "set sslrootcert= to the file of the CA that signed it"
        }
        let refusals = ["ALERT_UNKNOWN_CA", "ALERT_BAD_CERTIFICATE", "ALERT_CERTIFICATE_UNKNOWN",
                        "ALERT_CERTIFICATE_REQUIRED", "CERTIFICATE_REQUIRED", "ALERT_CERTIFICATE_EXPIRED",
                        "ALERT_ACCESS_DENIED", "ALERT_DECRYPT_ERROR"]
        if refusals.contains(where: reasons.contains) {
            return clientCertificateRefused(configuration, server: server, reason: nil)
        }
        return "the TLS handshake with \(server) failed (\(reasonCode(reasons))): check sslmode and sslrootcert"
    }

    /// Whether `error` is the server's certificate failing verification (unknown CA, expired, not yet valid):
    /// then ``ServerCertificateProbe`` can tell which.
    static func isCertificateVerificationFailure(_ error: any Error) -> Bool {
        if let psql = error as? PSQLError { return psql.underlying.map(isCertificateVerificationFailure) ?? false }
        if let ssl = error as? NIOSSLError, case .handshakeFailed(let boring) = ssl {
            return "\(boring)".contains("CERTIFICATE_VERIFY_FAILED")
        }
        return (error as? BoringSSLError).map { "\($0)".contains("CERTIFICATE_VERIFY_FAILED") } ?? false
    }

    private static func clientCertificateRefused(_ configuration: PostgresConfiguration, server: ServerAddress,
                                                 reason: String?) -> String {
        let detail = reason.map { " (\(TerminalSafeMessage.clean($0)))" } ?? ""
        guard let certificate = configuration.tlsFiles.certificate else {
            return "the server \(server) requires a client certificate\(detail): set sslcert= and sslkey= to yours"
        }
        return "the server \(server) refused the client certificate \(certificate.debugDescription)\(detail): "
            + "set sslcert= and sslkey= to a certificate its CA signed for the user \(configuration.user.debugDescription)"
    }

    /// The last upper-case reason of a BoringSSL error list (`…:CERTIFICATE_VERIFY_FAILED at …` → that word),
    /// never the list itself with its build paths.
    static func reasonCode(_ reasons: String) -> String {
        let words = reasons.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") })
        return words.last(where: { $0.count > 3 && $0.allSatisfy { $0.isUppercase || $0.isNumber || $0 == "_" } })
            .map(String.init) ?? "unknown reason"
    }

    private static func dayFormat(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}

/// A server's message, cut to one line.
private enum TerminalSafeMessage {
    static func clean(_ text: String) -> String {
        String(text.prefix(200).map { $0.isNewline ? " " : $0 })
    }
}
