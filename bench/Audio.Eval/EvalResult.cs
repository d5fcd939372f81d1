
namespace SampleMind.Audio.Eval;

/// <summary>One file's outcome: its analysis, or the typed error that stopped it.</summary>
/// <param name="RelativePath">Path under the analysed folder.</param>
/// <param name="Folder">The class folder (the relative path's directory).</param>
/// <param name="Analysis">The analysis; null on error.</param>
/// <param name="Error">The error's type and message; null on success.</param>
public sealed record EvalResult(string RelativePath, string Folder, SampleAnalysis? Analysis, string? Error);
