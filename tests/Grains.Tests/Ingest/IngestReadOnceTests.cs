using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using SampleMind.Audio;
using SampleMind.Grains.Abstractions.Ingest;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Ingest;
using SampleMind.Runtime;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Ingest;

/// <summary>
/// Files under <see cref="IngestOptions.ReadOnceMaxBytes"/> are read once, hashed and decoded from memory; the rest are
/// hashed as they stream and decoded from the file. An embedded silo ingests a real folder whose files lie on both sides
/// of the bound: every file's record holds the SHA-256 of its bytes and the analysis the file itself gives.
/// </summary>
public sealed class IngestReadOnceTests : IAsyncLifetime
{
    private const string Folder = "cr";
    private const int ReadOnceMaxBytes = 70_000;
    private IngestSilo? _silo;

    private IGrainFactory Grains => _silo!.Grains;

    public async Task InitializeAsync() => _silo = await IngestSilo.StartAsync(new Dictionary<string, string?>
    {
        ["Ingest:ReadOnceMaxBytes"] = ReadOnceMaxBytes.ToString(CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync() => await _silo!.DisposeAsync();

    [SharedDataFact]
    public async Task Files_read_once_and_files_streamed_record_their_own_hash_and_the_analysis_of_the_file()
    {
        var root = Path.Combine(RepoPaths.SamplesDev, Folder);
        var files = Directory.GetFiles(root, "*.wav").Order(StringComparer.Ordinal).ToArray();
        Assert.Contains(files, f => new FileInfo(f).Length < ReadOnceMaxBytes);
        Assert.Contains(files, f => new FileInfo(f).Length >= ReadOnceMaxBytes);
        await Grains.GetGrain<ITenantGrain>("t").Create("t", "pro");
        var spec = new IngestJobSpec("job-read-once", "t", "lib", IngestSourceKind.Directory, root, null, "standard", 5, null, [], DateTimeOffset.UtcNow);
        var status = await _silo!.RunJobAsync(spec, TimeSpan.FromSeconds(120));
        Assert.Equal(JobState.Completed, status.State);
        Assert.Equal(files.Length, status.Succeeded);

        var analyzer = new AudioAnalyzer();
        foreach (var file in files)
        {
            var record = await Grains.GetGrain<ISampleGrain>(IngestItemProcessor.SampleIdFor("t", "lib", Path.GetFileName(file))).Get();
            Assert.NotNull(record);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file))), record.ContentSha256);
            var own = record.DuplicateOf is null ? record.Analysis : (await Grains.GetGrain<ISampleGrain>(record.DuplicateOf).Get())!.Analysis;
            Assert.True(
                JsonSerializer.Serialize(analyzer.AnalyzeFile(file, AnalysisLevel.Standard)) == JsonSerializer.Serialize(own),
                $"{Path.GetFileName(file)} ({new FileInfo(file).Length} bytes): its recorded analysis differs from the file's");
        }
    }
}
