using Microsoft.Extensions.Options;
using SampleMind.GpuWorker.Models;
using SampleMind.GpuWorker.Separation;

namespace SampleMind.GpuWorker.Tests.Support;

/// <summary>Builds separators over a model folder (or none) the way the DI registration does.</summary>
internal static class Separators
{
    public static (StemSeparator Separator, ModelRegistry Registry) Create(string? modelsDirectory, SeparationOptions? options = null)
    {
        var registry = new ModelRegistry(() => Runtime.Cpu,
            Options.Create(new ModelRegistryOptions { Directory = modelsDirectory }));
        return (new StemSeparator(registry, Options.Create(options ?? new SeparationOptions())), registry);
    }

    /// <summary>A folder holding only the named test models and their manifests.</summary>
    public static string FolderWith(params string[] models)
    {
        var folder = Directory.CreateTempSubdirectory("models-").FullName;
        foreach (var model in models)
        {
            File.Copy(TestModels.Shared.PathOf(model), Path.Combine(folder, model + ".onnx"));
            File.Copy(TestModels.Shared.ManifestOf(model), Path.Combine(folder, model + ".json"));
        }

        return folder;
    }
}
