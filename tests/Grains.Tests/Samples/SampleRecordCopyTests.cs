using SampleMind.Audio;
using SampleMind.Grains.Abstractions.Samples;
using SampleMind.Runtime.Serialization;
using SampleMind.TestSupport;

namespace SampleMind.Grains.Tests.Samples;

public sealed class SampleRecordCopyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("samplemind-record-copy-").FullName;

    [Fact]
    public async Task A_sample_record_crosses_a_grain_call_without_a_copy()
    {
        var path = Path.Combine(_dir, "tone.wav");
        WavWriter.Sine(path, 440, seconds: 1);
        var analysis = await new AudioAnalyzer().AnalyzeFileAsync(path, AnalysisLevel.Fast, CancellationToken.None);
        var record = new SampleRecord("s1", "t1", "lib", "tone.wav", path, "sha", new FileInfo(path).Length, null, ["drums"],
            "ingest-1", DateTimeOffset.UnixEpoch, analysis);

        var passed = GrainCopier<SampleRecord>.Copy(record);

        Assert.Same(record, passed);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
