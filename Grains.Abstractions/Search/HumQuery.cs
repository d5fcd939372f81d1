using SampleMind.Audio;

namespace SampleMind.Grains.Abstractions.Search;

/// <summary>Query by humming: the pitch contour of a recorded hum, matched against a library's melodic samples.</summary>
/// <param name="Hum">The hum's per-frame pitch (AudioAnalyzer.TrackMelodyFile).</param>
/// <param name="K">How many hits.</param>
public sealed record HumQuery(MelodyContour Hum, int K);
