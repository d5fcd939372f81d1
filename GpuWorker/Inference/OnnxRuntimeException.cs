namespace SampleMind.GpuWorker.Inference;

/// <summary>An error status returned by ONNX Runtime, with its code and message.</summary>
public sealed class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException(OnnxRuntimeErrorCode errorCode, string message)
        : base($"ONNX Runtime error {errorCode}: {message}")
    {
        ErrorCode = errorCode;
        NativeMessage = message;
    }

    public OnnxRuntimeException()
        : this(OnnxRuntimeErrorCode.Fail, "unspecified")
    {
    }

    public OnnxRuntimeException(string message)
        : this(OnnxRuntimeErrorCode.Fail, message)
    {
    }

    public OnnxRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = OnnxRuntimeErrorCode.Fail;
        NativeMessage = message;
    }

    /// <summary>The <c>OrtErrorCode</c> of the failed call.</summary>
    public OnnxRuntimeErrorCode ErrorCode { get; }

    /// <summary>The message exactly as ONNX Runtime wrote it.</summary>
    public string NativeMessage { get; }
}
