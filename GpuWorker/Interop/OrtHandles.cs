using System.Runtime.InteropServices;

namespace SampleMind.GpuWorker.Interop;

/// <summary>
/// A native ONNX Runtime object released through its table's Release* function when disposed
/// or finalised. One sealed subclass per object kind, so handles cannot be mixed up.
/// </summary>
internal abstract class OrtHandle : SafeHandle
{
    private readonly OnnxRuntime _runtime;
    private readonly int _releaseIndex;

    protected OrtHandle(OnnxRuntime runtime, int releaseIndex, nint handle)
        : base(0, ownsHandle: true)
    {
        _runtime = runtime;
        _releaseIndex = releaseIndex;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        _runtime.Release(_releaseIndex, handle);
        return true;
    }
}

internal sealed class OrtStatusHandle(OnnxRuntime runtime, nint handle)
    : OrtHandle(runtime, OrtApiIndex.ReleaseStatus, handle);

internal sealed class OrtEnvHandle(OnnxRuntime runtime, nint handle)
    : OrtHandle(runtime, OrtApiIndex.ReleaseEnv, handle);

internal sealed class OrtSessionOptionsHandle(OnnxRuntime runtime, nint handle)
    : OrtHandle(runtime, OrtApiIndex.ReleaseSessionOptions, handle);

internal sealed class OrtSessionHandle(OnnxRuntime runtime, nint handle)
    : OrtHandle(runtime, OrtApiIndex.ReleaseSession, handle);

internal sealed class OrtMemoryInfoHandle(OnnxRuntime runtime, nint handle)
    : OrtHandle(runtime, OrtApiIndex.ReleaseMemoryInfo, handle);

internal sealed class OrtValueHandle(OnnxRuntime runtime, nint handle)
    : OrtHandle(runtime, OrtApiIndex.ReleaseValue, handle);

internal sealed class OrtTypeInfoHandle(OnnxRuntime runtime, nint handle)
    : OrtHandle(runtime, OrtApiIndex.ReleaseTypeInfo, handle);

internal sealed class OrtTensorTypeAndShapeInfoHandle(OnnxRuntime runtime, nint handle)
    : OrtHandle(runtime, OrtApiIndex.ReleaseTensorTypeAndShapeInfo, handle);
