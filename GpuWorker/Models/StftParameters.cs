namespace SampleMind.GpuWorker.Models;

/// <summary>The spectrogram a spectrogram-domain model expects: FFT size and hop in samples, window name.</summary>
public sealed record StftParameters(int FftSize, int HopSize, string Window = "hann");
