namespace SampleMind.GpuWorker.Models;

/// <summary>Where model manifests live. Bound from the "Models" section.</summary>
public sealed class ModelRegistryOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Models";

    /// <summary>
    /// Folder of model manifests (*.json) and their .onnx files. Default: none, so no model is
    /// installed and the DSP methods serve.
    /// </summary>
    public string? Directory { get; set; }
}
