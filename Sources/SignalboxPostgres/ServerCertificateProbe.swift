import Foundation
import PostgresNIO

/// Reads the validity period of a PostgreSQL server's certificate without trusting it: sends the protocol's
/// SSLRequest, takes the TLS handshake as far as the server's certificate, and hangs up. Used only after a
/// verification failure, to tell an expired certificate from one signed by an unknown CA.
enum ServerCertificateProbe {
    /// The leaf certificate's validity, or nil when the server cannot be reached, does not speak TLS, or does
    /// not answer within `timeout`.
    static func validity(host: String, port: Int, timeout: TimeAmount = .seconds(5)) async -> ClosedRange<Date>? {
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.next().makePromise(of: ClosedRange<Date>?.self)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(SSLRequestHandler(result: promise))
                }
            }
        do {
            let channel = try await bootstrap.connect(host: host, port: port).get()
            let timer = channel.eventLoop.scheduleTask(in: timeout) { promise.succeed(nil) }
            let validity = try await promise.futureResult.get()
            timer.cancel()
            try? await channel.close()
            return validity
        } catch {
            promise.succeed(nil)
            return nil
        }
    }
}

/// Asks for TLS and, on the server's `S`, starts a handshake whose verification only records the certificate.
private final class SSLRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    private let result: EventLoopPromise<ClosedRange<Date>?>

    init(result: EventLoopPromise<ClosedRange<Date>?>) { self.result = result }

    func channelActive(context: ChannelHandlerContext) {
        var request = context.channel.allocator.buffer(capacity: 8)
        request.writeInteger(Int32(8))
        request.writeInteger(Int32(80_877_103))
        context.writeAndFlush(NIOAny(request), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        guard buffer.readInteger(as: UInt8.self) == UInt8(ascii: "S") else {
            result.succeed(nil)
            context.close(promise: nil)
            return
        }
        let result = self.result
        do {
            var tls = TLSConfiguration.makeClientConfiguration()
            // Verification must be on for the callback to run; the callback replaces it and refuses every chain.
            tls.certificateVerification = .noHostnameVerification
            let handler = try NIOSSLClientHandler(context: NIOSSLContext(configuration: tls), serverHostname: nil) {
                certificates, verification in
                let validity = certificates.first.map { leaf in
                    let start = Date(timeIntervalSince1970: TimeInterval(leaf.notValidBefore))
                    let end = Date(timeIntervalSince1970: TimeInterval(leaf.notValidAfter))
                    return start...max(start, end)
                }
                result.succeed(validity)
                verification.succeed(NIOSSLVerificationResult.failed)
            }
            try context.pipeline.syncOperations.addHandler(handler, position: .first)
        } catch {
            result.succeed(nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        result.succeed(nil)
        context.close(promise: nil)
    }
}
