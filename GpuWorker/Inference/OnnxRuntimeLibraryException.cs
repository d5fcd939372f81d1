namespace SampleMind.GpuWorker.Inference;

/// <summary>
/// ONNX Runtime's C library could not be found, loaded or used (wrong file, too old). The message
/// says where it was looked for and how to provide it.
/// </summary>
public sealed class OnnxRuntimeLibraryException : Exception
{
    public OnnxRuntimeLibraryException()
    {
    }

    public OnnxRuntimeLibraryException(string message)
        : base(message)
    {
    }

    public OnnxRuntimeLibraryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
