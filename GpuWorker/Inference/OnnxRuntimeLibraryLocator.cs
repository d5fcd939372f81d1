namespace SampleMind.GpuWorker.Inference;

/// <summary>
/// Finds libonnxruntime.so.1: the configured path wins, then <c>SAMPLEMIND_ONNXRUNTIME_PATH</c>,
/// then the cache <c>.tools/onnxruntime/libonnxruntime.so.1</c> in the application folder or the
/// nearest folder above it that has one (the repository root in a checkout).
/// </summary>
public static class OnnxRuntimeLibraryLocator
{
    /// <summary>The cache's path below a repository or application root.</summary>
    public static readonly string CacheRelativePath = Path.Combine(".tools", "onnxruntime", "libonnxruntime.so.1");

    /// <summary>Returns the library's path or throws a message saying how to provide it.</summary>
    /// <exception cref="OnnxRuntimeLibraryException">No library at any of the places looked at.</exception>
    public static string Resolve(string? configuredPath, string? startDirectory = null) =>
        Resolve(configuredPath, Environment.GetEnvironmentVariable(OnnxRuntimeOptions.LibraryPathVariable), startDirectory);

    internal static string Resolve(string? configuredPath, string? fromEnvironment, string? startDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            return File.Exists(configuredPath)
                ? Path.GetFullPath(configuredPath)
                : throw new OnnxRuntimeLibraryException(
                    $"ONNX Runtime library not found at OnnxRuntime:LibraryPath '{configuredPath}'. " +
                    "Set OnnxRuntime:LibraryPath to an existing libonnxruntime.so.1.");
        }

        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? Path.GetFullPath(fromEnvironment)
                : throw new OnnxRuntimeLibraryException(
                    $"ONNX Runtime library not found at {OnnxRuntimeOptions.LibraryPathVariable}='{fromEnvironment}'.");
        }

        var start = startDirectory ?? AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, CacheRelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new OnnxRuntimeLibraryException(
            $"ONNX Runtime library (libonnxruntime.so.1) not found: OnnxRuntime:LibraryPath is not set, " +
            $"{OnnxRuntimeOptions.LibraryPathVariable} is not set, and no {CacheRelativePath} exists in {start} or above. " +
            "Run scripts/fetch-onnxruntime.sh from the repository root to cache the CPU build, " +
            "or set OnnxRuntime:LibraryPath to the library (the GPU build on GPU nodes).");
    }
}
