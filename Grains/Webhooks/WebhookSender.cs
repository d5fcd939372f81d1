using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SampleMind.Grains.Abstractions.Webhooks;

namespace SampleMind.Grains.Webhooks;

/// <summary>
/// Makes one signed delivery attempt: POST the event's body with its signature headers, bounded by
/// <see cref="WebhookOptions.Timeout"/>, redirects not followed (a 3xx is a failure), and at most
/// <see cref="MaxExcerptBytes"/> of an error answer read (kept in the delivery log).
/// </summary>
public sealed class WebhookSender : IDisposable
{
    /// <summary>How much of a failed answer's body is read and kept.</summary>
    public const int MaxExcerptBytes = 512;

    private readonly HttpClient _http;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookSender> _logger;

    public WebhookSender(IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookSender> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = _options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = _options.AllowPrivateNetworks ? null : ConnectPublicAsync,
        })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("SampleMind-Webhooks", "1"));
    }

    /// <summary>Sends attempt <paramref name="attempt"/> of <paramref name="body"/> (the event's JSON) to <paramref name="url"/>.</summary>
    public async Task<WebhookSendResult> SendAsync(string url, string secret, WebhookEvent webhookEvent, string body, int attempt, CancellationToken cancellationToken)
    {
        if (WebhookUrlPolicy.Check(url, _options) is { } refused)
        {
            return new WebhookSendResult(null, refused, TimeSpan.Zero, Permanent: true);
        }

        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Header(secret, timestamp, body));
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.EventIdHeader, webhookEvent.Id);
        request.Headers.Add(WebhookSignature.EventTypeHeader, webhookEvent.Type);
        request.Headers.Add(WebhookSignature.AttemptHeader, attempt.ToString(CultureInfo.InvariantCulture));
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = _time.GetTimestamp();
        var result = await SendAsync(request, linked.Token, timeout, started);
        var host = request.RequestUri!.Host;
        if (result.Delivered)
        {
            WebhookLog.Delivered(_logger, webhookEvent.Id, host, attempt, result.StatusCode ?? 0);
        }
        else
        {
            WebhookLog.Failed(_logger, webhookEvent.Id, host, attempt, result.Error!);
        }

        return result;
    }

    public void Dispose() => _http.Dispose();

    private async Task<WebhookSendResult> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, CancellationTokenSource timeout, long started)
    {
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var elapsed = _time.GetElapsedTime(started);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return new WebhookSendResult(status, null, elapsed, Permanent: false);
            }

            var excerpt = await ReadExcerptAsync(response, cancellationToken);
            var what = status is >= 300 and < 400 ? $"HTTP {status} (redirects are not followed: point the webhook at the final URL)" : $"HTTP {status}";
            var error = excerpt.Length == 0 ? what : $"{what}: {excerpt}";
            return new WebhookSendResult(status, error, elapsed, Permanent: false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new WebhookSendResult(null, $"No answer within {_options.Timeout.TotalSeconds:0.###} s.", _time.GetElapsedTime(started), Permanent: false);
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookDestinationRefusedException refused)
        {
            return new WebhookSendResult(null, refused.Message, _time.GetElapsedTime(started), Permanent: true);
        }
        catch (HttpRequestException e)
        {
            return new WebhookSendResult(null, Reason(e), _time.GetElapsedTime(started), Permanent: false);
        }
    }

    /// <summary>
    /// The failure's message with its causes ("The SSL connection could not be established" alone does not say why), without
    /// the framework's "see inner exception" pointer, which a reader of the delivery log cannot follow.
    /// </summary>
    internal static string Reason(Exception e)
    {
        var parts = new List<string>();
        for (var cause = e; cause is not null && parts.Count < 4; cause = cause.InnerException)
        {
            var message = cause.Message.Replace(", see inner exception.", ".", StringComparison.Ordinal)
                .Replace(" See the inner exception for details.", "", StringComparison.Ordinal).Trim();
            // A socket error's text is often repeated by the HttpRequestException around it ("Name or service not known (host:80)").
            if (message.Length > 0 && !parts.Exists(p => p.Contains(message, StringComparison.Ordinal)))
            {
                parts.Add(message);
            }
        }

        return string.Join(" ", parts);
    }

    /// <summary>
    /// Connects only to public addresses: the host is resolved here and every private, loopback or
    /// link-local address is dropped before connecting, so DNS cannot steer a webhook inside.
    /// </summary>
    private static async ValueTask<Stream> ConnectPublicAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = Array.FindAll(addresses, a => !PrivateNetworks.IsRefused(a));
        if (allowed.Length == 0)
        {
            throw new WebhookDestinationRefusedException(host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The first <see cref="MaxExcerptBytes"/> of the answer as text (the rest is never read). A body that stops coming
    /// before the attempt's timeout gives what arrived and says the rest did not: the answer's status came, so the
    /// attempt is logged with it, not as "no answer".
    /// </summary>
    private async Task<string> ReadExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxExcerptBytes];
        var read = 0;
        var cutShort = "";
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), cancellationToken) is var n and > 0)
            {
                read += n;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cutShort = $"(the rest of the body did not come within {_options.Timeout.TotalSeconds:0.###} s)";
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // What arrived before the connection broke is kept.
        }

        var text = Encoding.UTF8.GetString(buffer, 0, read);
        var excerpt = new string([.. text.Where(c => !char.IsControl(c))]).Trim();
        return excerpt.Length == 0 ? cutShort : $"{excerpt} {cutShort}".TrimEnd();
    }
}
