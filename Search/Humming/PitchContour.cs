namespace SampleMind.Search.Humming;

/// <summary>A fundamental-frequency track, as aubio's pitch detector gives it.</summary>
/// <param name="F0Hz">f0 per frame in Hz; 0, negative or NaN for unvoiced frames.</param>
/// <param name="FrameRate">Frames per second.</param>
public sealed record PitchContour(float[] F0Hz, double FrameRate);
