using Microsoft.Extensions.Configuration;
using SampleMind.Grains.Abstractions.Compute;

namespace SampleMind.GpuWorker.Hosting;

/// <summary>
/// Where compute files live: <c>Compute:BlobDirectory</c>, by default <c>&lt;Silo:SharedDirectory&gt;/blobs</c>
/// (the shared directory defaults to <c>Silo:DataDirectory</c>).
/// Silos that write files (gpu) and silos that serve them (api) must see the same directory: in a
/// cluster, a shared volume.
/// </summary>
public static class ComputeBlobs
{
    /// <summary>The configuration key of the blob directory.</summary>
    public const string DirectoryKey = "Compute:BlobDirectory";

    /// <summary>The blob directory this process uses.</summary>
    public static string Directory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[DirectoryKey];
        return string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(configuration["Silo:SharedDirectory"] is { Length: > 0 } shared ? shared : configuration["Silo:DataDirectory"] ?? "data", "blobs")
            : configured;
    }

    /// <summary>The folder holding <paramref name="request"/>'s files.</summary>
    public static string FolderFor(IConfiguration configuration, ComputeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ComputeKinds.FolderFor(Directory(configuration), request.Kind, request.SampleId, request.RequestId);
    }

    /// <summary>Deletes a request's folder and its files, if it is there.</summary>
    public static void DeleteFolder(string folder)
    {
        if (System.IO.Directory.Exists(folder))
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }
}
