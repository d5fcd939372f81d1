using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SampleMind.Api.Tests.Hosting;

namespace SampleMind.Api.Tests.Cli;

/// <summary>
/// <c>samplemind ingest --upload</c>, the built process, stopped part-way by its server: a refusal the server answers
/// while the body is still being sent (over <c>Ingest:MaxUploadBytes</c>) is shown as the server gave it, where the CLI
/// guessed at it with .NET's "Error while copying content to a stream."; a server that stops reading ends the upload once
/// nothing has moved for the timeout, where it hung for ever.
/// </summary>
public sealed class CliUploadStopTests(ApiFactory factory) : IClassFixture<ApiFactory>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("samplemind-cli-stop-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_refusal_answered_while_the_body_is_sent_is_shown_as_the_server_gave_it()
    {
        WriteSamples(count: 3, bytes: 8 << 20);

        // Kestrel on a port of its own only: the API's default address (127.0.0.1:5080) may be a server running beside the tests.
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Ingest:MaxUploadBytes", "1000000").UseSetting("Urls", "http://127.0.0.1:0"));
        host.UseKestrel(0);
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var admin = (await File.ReadAllTextAsync(factory.AdminKeyFile)).Trim();

        var run = await CliProcess.RunAsync("ingest", _folder, "--upload", "--json", "--no-wait", "--library", "refused", "--api", address, "--key", admin);

        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.StartsWith("HTTP 413: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("Ingest:MaxUploadBytes", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("copying content", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task An_upload_the_server_stops_reading_ends_after_the_timeout_without_progress()
    {
        // More than the sockets' buffers take on loopback; the listener takes connections into its backlog and reads nothing.
        WriteSamples(count: 4, bytes: 16 << 20);
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();

        var run = await CliProcess.RunAsync("ingest", _folder, "--upload", "--json", "--no-wait", "--timeout", "2", "--api", $"http://{silent.LocalEndpoint}", "--key", "smk_a_b");

        Assert.Equal((1, ""), (run.ExitCode, run.Out));
        Assert.Matches(@"^The upload made no progress for 2 s after \d+ of 67108864 file bytes: the server stopped reading it\. The server keeps nothing of a broken upload; send the folder again\.\n$", run.Error);
    }

    private void WriteSamples(int count, int bytes)
    {
        // The CLI sends any file with a sample extension; the server here never decodes one.
        var content = new byte[bytes];
        Random.Shared.NextBytes(content);
        for (var i = 0; i < count; i++)
        {
            File.WriteAllBytes(Path.Combine(_folder, $"take{i}.wav"), content);
        }
    }
}
