extern alias cli;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using cli::SampleMind.Cli;
using cli::SampleMind.Cli.Commands;
using SampleMind.Api.Tests.Hosting;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Cli;

/// <summary>
/// <c>samplemind ingest --upload</c> refused by a real Kestrel, with a body larger than the sockets' buffers: refused
/// before the body (a key without the scope) the CLI shows the server's answer, where it failed with "Error while copying
/// content to a stream"; refused part-way (over Ingest:MaxUploadBytes) it shows the 413, or says the upload broke off and
/// why it may have, and the server keeps nothing of it.
/// </summary>
public sealed class CliUploadRefusalTests(ApiFactory factory) : IClassFixture<ApiFactory>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("samplemind-cli-refused-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Refusals_before_and_during_the_body_are_reported_as_such()
    {
        // Two 60 s stereo files: 21 MB, far more than a socket takes before the server reads.
        for (var i = 0; i < 2; i++)
        {
            var frames = 60 * 44100;
            var samples = new float[frames * 2];
            for (var f = 0; f < frames; f++)
            {
                samples[2 * f] = samples[(2 * f) + 1] = (float)(0.3 * Math.Sin(2 * Math.PI * (200 + (100 * i)) * f / 44100));
            }

            WavWriter.Write(Path.Combine(_folder, $"long{i}.wav"), samples, 44100, 2);
        }

        // Kestrel on a port of its own only: the API's default address (127.0.0.1:5080) may be a server running beside the tests.
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("Ingest:MaxUploadBytes", "1000000").UseSetting("Urls", "http://127.0.0.1:0"));
        host.UseKestrel(0);
        host.StartServer();
        using var admin = host.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(factory.AdminKeyFile).Trim());
        var issued = await (await admin.PostAsJsonAsync("/v1/tenants/admin/keys", new { name = "reader", scopes = "read" })).Content.ReadFromJsonAsync<JsonObject>();
        var reader = host.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued!["token"]!.GetValue<string>());

        using (var api = new ApiClient(reader))
        {
            var refused = await Assert.ThrowsAsync<ApiException>(() => IngestCommand.UploadAsync(api, "refused", _folder, "fast", 5, [], null, CancellationToken.None));
            Assert.Equal(403, refused.Status);
            Assert.Contains("scope", refused.Message, StringComparison.Ordinal);
        }

        using (var api = new ApiClient(admin))
        {
            // The server answers 413 as soon as the body passes the limit; whether that answer reaches the client before the
            // connection closes depends on timing, so either is right, but not "cannot reach the API".
            var refused = await Assert.ThrowsAnyAsync<Exception>(() => IngestCommand.UploadAsync(api, "refused", _folder, "fast", 5, [], null, CancellationToken.None));
            Assert.True(
                refused is ApiException { Status: 413 } || (refused is UploadBrokeOffException && refused.Message.Contains("Ingest:MaxUploadBytes", StringComparison.Ordinal)),
                refused.ToString());
        }

        var uploads = Path.Combine(factory.Root, "data", "uploads", "admin");
        Assert.Empty(Directory.Exists(uploads) ? Directory.EnumerateFileSystemEntries(uploads) : []);
    }
}
