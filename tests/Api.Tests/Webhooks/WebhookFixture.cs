using Microsoft.AspNetCore.Mvc.Testing;
using SampleMind.Api.Tests.Hosting;

namespace SampleMind.Api.Tests.Webhooks;

/// <summary>
/// An API host whose webhook retries wait 200 ms, then 400 ms, and a receiver on loopback. An attempt may take the
/// longest allowed (20 s), so a test can hold one open while it reads and steers the job.
/// </summary>
public sealed class WebhookFixture : IAsyncLifetime
{
    /// <summary>The first retry delay the host is configured with.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly ApiFactory _base = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    internal WebhookReceiver Receiver { get; private set; } = null!;

    public string IngestRoot => _base.IngestRoot;

    public HttpClient CreateAdminClient()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", File.ReadAllText(_base.AdminKeyFile).Trim());
        return client;
    }

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        Factory = _base.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Webhooks:FirstRetryDelay", FirstRetryDelay.ToString());
            builder.UseSetting("Webhooks:Timeout", "00:00:20");
            builder.UseSetting("Webhooks:AllowPrivateNetworks", "true");
        });
    }

    public async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await Factory.DisposeAsync();
        await _base.DisposeAsync();
    }
}
