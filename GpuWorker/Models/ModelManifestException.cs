namespace SampleMind.GpuWorker.Models;

/// <summary>A model manifest that cannot be used, with the reason.</summary>
public sealed class ModelManifestException : Exception
{
    public ModelManifestException()
    {
    }

    public ModelManifestException(string message)
        : base(message)
    {
    }

    public ModelManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
