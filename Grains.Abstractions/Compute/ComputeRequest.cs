namespace SampleMind.Grains.Abstractions.Compute;

/// <summary>
/// A compute request as accepted: <see cref="ComputeKinds.Separate"/> uses <paramref name="Stems"/>,
/// <paramref name="Target"/> ("hpss" or "vocals"), <paramref name="Quality"/> ("fast" or "high") and
/// <paramref name="Format"/> of the stem files ("wav" or "flac");
/// <see cref="ComputeKinds.Vary"/> uses <paramref name="Count"/>, <paramref name="Variance"/>,
/// <paramref name="PitchSemitones"/> and <paramref name="TimeRatio"/>.
/// </summary>
public sealed record ComputeRequest(
    string RequestId,
    string TenantId,
    string SampleId,
    string Kind,
    int Stems,
    string Target,
    string Quality,
    int Count,
    double Variance,
    double? PitchSemitones,
    double? TimeRatio,
    DateTimeOffset CreatedAt,
    string Format = "wav");
