namespace SampleMind.TestSupport;

/// <summary>Locates the repository root and the third-party data beside it (../shared/data).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The folder holding Cluster.sln.</summary>
    public static string Root => s_root.Value;

    /// <summary>../shared/data relative to the repository root (may not exist).</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    /// <summary>The 836 real samples in 93 class folders.</summary>
    public static string SamplesDev => Path.Combine(SharedData, "samples-dev");

    /// <summary>The real editing traces (josephg/editing-traces).</summary>
    public static string EditingTraces => Path.Combine(SharedData, "editing-traces");

    /// <summary>True when ../shared/data is present beside the clone.</summary>
    public static bool HasSharedData => Directory.Exists(SamplesDev);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cluster.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException(
            $"Cluster.sln not found above {AppContext.BaseDirectory}");
    }
}
