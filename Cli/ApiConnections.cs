using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace SampleMind.Cli;

/// <summary>
/// How the CLI connects to the API: each connection's stream is a <see cref="ConnectionStream"/> (an answer that comes
/// while a body is still sent is read), and a failed TLS handshake is said in a line with its reason (a certificate
/// this machine does not trust, one for another name, a port that does not speak TLS), where .NET says "The SSL
/// connection could not be established, see inner exception."
/// </summary>
internal sealed class ApiConnections
{
    /// <summary>Why the last certificate the API showed was refused; null when none was.</summary>
    private volatile string? _refused;

    /// <summary>A handler whose connections are made so, and (<paramref name="connections"/>) what explains their failures.</summary>
    public static SocketsHttpHandler CreateHandler(out ApiConnections connections)
    {
        var made = connections = new ApiConnections();
        return new SocketsHttpHandler
        {
            ConnectCallback = made.ConnectAsync,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = made.Check },
        };
    }

    /// <summary>
    /// <paramref name="e"/> again with a message that says why, when it is a failed TLS handshake with
    /// <paramref name="address"/>; else <paramref name="e"/> itself.
    /// </summary>
    public HttpRequestException Explain(HttpRequestException e, Uri address)
    {
        if (e.HttpRequestError != HttpRequestError.SecureConnectionError)
        {
            return e;
        }

        var innermost = e.InnerException ?? e;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        var why = _refused ?? innermost switch
        {
            AuthenticationException => "the server did not answer in TLS; is it a plain-HTTP port (http://)?",
            IOException => "the server closed the connection during the handshake; is it a plain-HTTP port (http://)?",
            _ => innermost.Message,
        };
        return new HttpRequestException(HttpRequestError.SecureConnectionError, $"the TLS handshake with {address.Authority} failed: {why}", e.InnerException);
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        _refused = null;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new ConnectionStream(new NetworkStream(socket, ownsSocket: true));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>.NET's own decision (no error, no trust), noting why a certificate is refused.</summary>
    private bool Check(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) || certificate is null)
        {
            _refused = "the server showed no certificate.";
            return false;
        }

        var reasons = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            var statuses = chain?.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.NoError).Distinct() ?? [];
            reasons.Add($"is not trusted by this machine ({string.Join(", ", statuses)})");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            reasons.Add($"is not for the name {(sender as SslStream)?.TargetHostName}");
        }

        _refused = $"its certificate ({certificate.Subject}) {string.Join(", and ", reasons)}.";
        return false;
    }
}
