namespace SampleMind.Grains.Abstractions.Compute;

/// <summary>The work item kinds of compute requests and the blob folders their files go to.</summary>
public static class ComputeKinds
{
    /// <summary>Stem separation of a sample.</summary>
    public const string Separate = "stems.separate";

    /// <summary>Variations of a sample.</summary>
    public const string Vary = "samples.vary";

    /// <summary>The folder holding a request's files: <c>&lt;blobs&gt;/{stems|variations}/&lt;sample&gt;/&lt;request&gt;</c>.</summary>
    public static string FolderFor(string blobDirectory, string kind, string sampleId, string requestId) =>
        Path.Combine(Path.GetFullPath(blobDirectory), kind == Separate ? "stems" : "variations", sampleId, requestId);
}
