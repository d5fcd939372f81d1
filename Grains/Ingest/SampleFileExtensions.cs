namespace SampleMind.Grains.Ingest;

/// <summary>
/// The file extensions an ingest lists as samples by default (IngestOptions.Extensions, Ingest:Extensions). Linked into the
/// CLI, which uploads the files of a folder with these extensions, so both keep one list.
/// </summary>
internal static class SampleFileExtensions
{
    public static readonly IReadOnlyList<string> Default =
        [".wav", ".wave", ".aif", ".aiff", ".aifc", ".flac", ".ogg", ".oga", ".mp3", ".m4a", ".aac", ".opus", ".caf", ".w64"];
}
