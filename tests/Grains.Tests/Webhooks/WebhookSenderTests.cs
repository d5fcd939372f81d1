using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Webhooks;
using SampleMind.Grains.Webhooks;

namespace SampleMind.Grains.Tests.Webhooks;

public sealed class WebhookSenderTests
{
    private static readonly WebhookEvent s_event = new("job-1.1", WebhookEventTypes.Completed, DateTimeOffset.UnixEpoch,
        new WebhookJobData("job-1", "t", "lib", JobState.Completed, 1, 1, 0, 0, 0, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));

    [Fact]
    public async Task An_error_answer_whose_body_stalls_is_logged_with_its_status_and_what_arrived()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var released = new CancellationTokenSource();
        var receiver = StallingReceiverAsync(listener, released.Token);
        using var sender = new WebhookSender(
            Options.Create(new WebhookOptions { Timeout = TimeSpan.FromSeconds(1), AllowPrivateNetworks = true }), TimeProvider.System,
            NullLogger<WebhookSender>.Instance);

        var result = await sender.SendAsync($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/hook", "whsec_test", s_event, "{}", 1,
            CancellationToken.None);
        await released.CancelAsync();
        await receiver;

        // Before: statusCode null, "No answer within 1 s.", though the status line had come.
        Assert.Equal(500, result.StatusCode);
        Assert.Equal("HTTP 500: 0123456789 (the rest of the body did not come within 1 s)", result.Error);
        Assert.False(result.Permanent);
    }

    [Fact]
    public void A_cause_whose_message_the_failure_already_quotes_is_not_repeated()
    {
        var failure = new HttpRequestException("Name or service not known (nonexistent-host.invalid:80)",
            new SocketException((int)SocketError.HostNotFound, "Name or service not known"));

        Assert.Equal("Name or service not known (nonexistent-host.invalid:80)", WebhookSender.Reason(failure));
    }

    /// <summary>Answers the first request with a 500 whose 100-byte body stops after 10 bytes, until released.</summary>
    private static async Task StallingReceiverAsync(TcpListener listener, CancellationToken released)
    {
        using var client = await listener.AcceptTcpClientAsync(released);
        var stream = client.GetStream();
        var request = new byte[4096];
        var text = "";
        while (!text.Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(request, released);
            if (n == 0)
            {
                return;
            }

            text += Encoding.ASCII.GetString(request, 0, n);
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 100\r\n\r\n0123456789"), released);
        await stream.FlushAsync(released);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, released);
        }
        catch (OperationCanceledException) when (released.IsCancellationRequested)
        {
            // The test has its answer.
        }
    }
}
