
namespace SampleMind.Audio.Eval;

/// <summary>One file's outcome.</summary>
internal sealed record EvalResult(string RelativePath, string Folder, SampleAnalysis? Analysis, string? Error);
