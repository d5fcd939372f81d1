using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SampleMind.Api.Tests.Hosting;
using SampleMind.Grains.Abstractions.Tenants;

namespace SampleMind.Api.Tests.Cli;

/// <summary>
/// The CLI's POSTs that take no body (<c>keys rotate</c>, <c>jobs --pause|--resume|--cancel</c>) against the real API:
/// they went with <c>Content-Type: application/json</c> and the body <c>null</c>, which the API refuses there with a
/// 400 ("This endpoint takes no request body"), so every rotation failed.
/// </summary>
public sealed class CliBodilessPostTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Keys_rotate_and_jobs_pause_send_no_body()
    {
        // Kestrel on a port of its own only: the API's default address (127.0.0.1:5080) may be a server running beside the tests.
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Urls", "http://127.0.0.1:0"));
        host.UseKestrel(0);
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var admin = (await File.ReadAllTextAsync(factory.AdminKeyFile)).Trim();
        Assert.True(ApiKeyToken.TryParse(admin, out var old));

        var paused = await CliProcess.RunAsync("jobs", "job-none", "--pause", "--api", address, "--key", admin);
        var rotated = await CliProcess.RunAsync("keys", "rotate", old.KeyId, "--api", address, "--key", admin);

        Assert.Equal(1, paused.ExitCode);
        Assert.StartsWith("HTTP 404: ", paused.Error, StringComparison.Ordinal);
        Assert.Contains("There is no job 'job-none'.", paused.Error, StringComparison.Ordinal);
        Assert.Equal((0, ""), (rotated.ExitCode, rotated.Error));
        Assert.True(ApiKeyToken.TryParse(rotated.Out.Trim(), out var replacement));
        Assert.NotEqual(old.KeyId, replacement.KeyId);
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", admin);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/tenants/admin/keys")).StatusCode);
    }
}
