using System.Runtime.InteropServices;
using SampleMind.GpuWorker.Inference;

namespace SampleMind.GpuWorker.Interop;

internal sealed unsafe partial class OnnxRuntime
{
    // OrtAllocatorType.OrtArenaAllocator, OrtMemType.OrtMemTypeDefault.
    private const int ArenaAllocator = 1;
    private const int MemTypeDefault = 0;

    public nuint GetInputCount(OrtSessionHandle session)
    {
        nuint count;
        Check(((delegate* unmanaged<nint, nuint*, nint>)_fn[OrtApiIndex.SessionGetInputCount])(session.DangerousGetHandle(), &count));
        return count;
    }

    public nuint GetOutputCount(OrtSessionHandle session)
    {
        nuint count;
        Check(((delegate* unmanaged<nint, nuint*, nint>)_fn[OrtApiIndex.SessionGetOutputCount])(session.DangerousGetHandle(), &count));
        return count;
    }

    /// <summary>An input's or output's name; the string ORT allocates is freed with its default allocator.</summary>
    public string GetName(OrtSessionHandle session, nuint index, bool input)
    {
        nint allocator;
        Check(((delegate* unmanaged<nint*, nint>)_fn[OrtApiIndex.GetAllocatorWithDefaultOptions])(&allocator));
        nint name;
        var getName = input ? OrtApiIndex.SessionGetInputName : OrtApiIndex.SessionGetOutputName;
        Check(((delegate* unmanaged<nint, nuint, nint, nint*, nint>)_fn[getName])(session.DangerousGetHandle(), index, allocator, &name));
        try
        {
            return Marshal.PtrToStringUTF8(name) ?? string.Empty;
        }
        finally
        {
            Check(((delegate* unmanaged<nint, nint, nint>)_fn[OrtApiIndex.AllocatorFree])(allocator, name));
        }
    }

    /// <summary>An input's or output's element type and shape (-1 for a symbolic dimension).</summary>
    public (TensorElementType Type, long[] Shape) GetTypeAndShape(OrtSessionHandle session, nuint index, bool input)
    {
        nint typeInfo;
        var getInfo = input ? OrtApiIndex.SessionGetInputTypeInfo : OrtApiIndex.SessionGetOutputTypeInfo;
        Check(((delegate* unmanaged<nint, nuint, nint*, nint>)_fn[getInfo])(session.DangerousGetHandle(), index, &typeInfo));
        using var owner = new OrtTypeInfoHandle(this, typeInfo);
        nint tensorInfo;
        Check(((delegate* unmanaged<nint, nint*, nint>)_fn[OrtApiIndex.CastTypeInfoToTensorInfo])(typeInfo, &tensorInfo));
        if (tensorInfo == 0)
        {
            return (TensorElementType.Undefined, []);
        }

        // The tensor info belongs to the type info: it is not released on its own.
        return (ElementType(tensorInfo), Dimensions(tensorInfo));
    }

    public OrtMemoryInfoHandle CreateCpuMemoryInfo()
    {
        nint info;
        Check(((delegate* unmanaged<int, int, nint*, nint>)_fn[OrtApiIndex.CreateCpuMemoryInfo])(ArenaAllocator, MemTypeDefault, &info));
        return new OrtMemoryInfoHandle(this, info);
    }

    /// <summary>
    /// Wraps caller-owned float memory as a tensor without copying; the memory must stay pinned
    /// until the value is released.
    /// </summary>
    public OrtValueHandle CreateTensor(OrtMemoryInfoHandle memoryInfo, float* data, long elementCount, ReadOnlySpan<long> shape)
    {
        fixed (long* dims = shape)
        {
            nint value;
            Check(((delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)_fn[OrtApiIndex.CreateTensorWithDataAsOrtValue])(
                memoryInfo.DangerousGetHandle(), data, (nuint)(elementCount * sizeof(float)), dims, (nuint)shape.Length,
                (int)TensorElementType.Float, &value));
            return new OrtValueHandle(this, value);
        }
    }

    /// <summary>Runs a session; null entries of <paramref name="outputs"/> are allocated by ORT.</summary>
    public void Run(OrtSessionHandle session, nint* inputNames, nint* inputs, int inputCount, nint* outputNames, int outputCount, nint* outputs) =>
        Check(((delegate* unmanaged<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)_fn[OrtApiIndex.Run])(
            session.DangerousGetHandle(), 0, inputNames, inputs, (nuint)inputCount, outputNames, (nuint)outputCount, outputs));

    /// <summary>A tensor value's element type, shape and data pointer (owned by the value).</summary>
    public (TensorElementType Type, long[] Shape, nint Data) GetTensor(OrtValueHandle value)
    {
        nint info;
        Check(((delegate* unmanaged<nint, nint*, nint>)_fn[OrtApiIndex.GetTensorTypeAndShape])(value.DangerousGetHandle(), &info));
        using var owner = new OrtTensorTypeAndShapeInfoHandle(this, info);
        nint data;
        Check(((delegate* unmanaged<nint, nint*, nint>)_fn[OrtApiIndex.GetTensorMutableData])(value.DangerousGetHandle(), &data));
        return (ElementType(info), Dimensions(info), data);
    }

    /// <summary>The number of elements a tensor value holds.</summary>
    public long GetElementCount(OrtValueHandle value)
    {
        nint info;
        Check(((delegate* unmanaged<nint, nint*, nint>)_fn[OrtApiIndex.GetTensorTypeAndShape])(value.DangerousGetHandle(), &info));
        using var owner = new OrtTensorTypeAndShapeInfoHandle(this, info);
        nuint count;
        Check(((delegate* unmanaged<nint, nuint*, nint>)_fn[OrtApiIndex.GetTensorShapeElementCount])(info, &count));
        return (long)count;
    }

    private TensorElementType ElementType(nint tensorInfo)
    {
        int type;
        Check(((delegate* unmanaged<nint, int*, nint>)_fn[OrtApiIndex.GetTensorElementType])(tensorInfo, &type));
        return (TensorElementType)type;
    }

    private long[] Dimensions(nint tensorInfo)
    {
        nuint rank;
        Check(((delegate* unmanaged<nint, nuint*, nint>)_fn[OrtApiIndex.GetDimensionsCount])(tensorInfo, &rank));
        var dims = new long[(int)rank];
        fixed (long* p = dims)
        {
            Check(((delegate* unmanaged<nint, long*, nuint, nint>)_fn[OrtApiIndex.GetDimensions])(tensorInfo, p, rank));
        }

        return dims;
    }
}
