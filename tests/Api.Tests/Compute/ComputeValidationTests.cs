using Microsoft.Extensions.Options;
using SampleMind.Api.Compute;
using SampleMind.GpuWorker.Models;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Compute;

/// <summary>The stem count a separation may ask for follows the model the worker will choose.</summary>
public sealed class ComputeValidationTests : IDisposable
{
    private readonly string _models = Directory.CreateTempSubdirectory("samplemind-models-").FullName;

    public ComputeValidationTests()
    {
        // The repository's 2-stem and 4-stem manifests; the registry checks that each model file exists
        // but opens no session until a separation runs, so empty files stand in for the models here.
        foreach (var manifest in new[] { "test-separator-2stem.json", "test-separator-4stem.json" })
        {
            File.Copy(Path.Combine(RepoPaths.Root, "models", manifest), Path.Combine(_models, manifest));
            File.WriteAllBytes(Path.Combine(_models, manifest.Replace(".json", ".onnx", StringComparison.Ordinal)), []);
        }
    }

    public void Dispose() => Directory.Delete(_models, recursive: true);

    [Fact]
    public void Four_stems_are_refused_when_the_first_model_the_worker_would_use_has_two()
    {
        var registry = Registry();

        Assert.Equal(2, registry.Find(ModelTask.Separate)!.Stems.Count);
        Assert.NotNull(ComputeValidation.Separation(new SeparateRequest(4, null, null), registry, modelName: null));
        Assert.Null(ComputeValidation.Separation(new SeparateRequest(2, null, null), registry, modelName: null));
    }

    [Fact]
    public void Four_stems_are_accepted_when_the_configured_model_has_four()
    {
        var registry = Registry();

        Assert.Null(ComputeValidation.Separation(new SeparateRequest(4, null, null), registry, "test-separator-4stem"));
        Assert.NotNull(ComputeValidation.Separation(new SeparateRequest(6, null, null), registry, "test-separator-4stem"));
    }

    private ModelRegistry Registry() => new(
        () => throw new InvalidOperationException("validation must not open a model session"),
        Options.Create(new ModelRegistryOptions { Directory = _models }));
}
