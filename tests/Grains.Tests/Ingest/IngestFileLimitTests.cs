using System.Globalization;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Ingest;

/// <summary>
/// A file over <c>Ingest:MaxFileBytes</c> is a failed item whose reason names the setting, as the upload and manifest
/// limits' answers do; it said only "the limit is 100000", with no word of where an operator raises it.
/// </summary>
public sealed class IngestFileLimitTests : IAsyncLifetime
{
    private const int MaxFileBytes = 10_000;
    private IngestSilo? _silo;

    public async Task InitializeAsync() => _silo = await IngestSilo.StartAsync(new Dictionary<string, string?>
    {
        ["Ingest:MaxFileBytes"] = MaxFileBytes.ToString(CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync() => await _silo!.DisposeAsync();

    [Fact]
    public async Task A_file_over_the_limit_fails_with_a_reason_naming_its_size_the_limit_and_the_setting()
    {
        var folder = Path.Combine(_silo!.Directory, "large");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "long.wav");
        WavWriter.Sine(file, 440, 1.0);
        await _silo.Grains.GetGrain<ITenantGrain>("t").Create("t", "pro");
        var spec = new IngestJobSpec("job-file-limit", "t", "lib", IngestSourceKind.Directory, folder, null, "fast", 5, null, [], DateTimeOffset.UtcNow);

        var status = await _silo.RunJobAsync(spec, TimeSpan.FromSeconds(60));

        var failure = Assert.Single(status.RecentFailures);
        Assert.Equal($"The file is {new FileInfo(file).Length} bytes; the limit is {MaxFileBytes} (Ingest:MaxFileBytes).", failure.Reason);
    }
}
