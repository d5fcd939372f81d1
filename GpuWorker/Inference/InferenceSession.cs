using System.Buffers;
using SampleMind.GpuWorker.Interop;

namespace SampleMind.GpuWorker.Inference;

/// <summary>
/// An ONNX Runtime session over one model. Run is safe to call from several threads
/// at once (ONNX Runtime's sessions are), so one session serves every concurrent work item.
/// </summary>
public sealed unsafe class InferenceSession : IDisposable
{
    private readonly OnnxRuntimeEnvironment _environment;
    private readonly OrtSessionHandle _handle;
    private readonly Utf8StringArray _inputNames;
    private readonly Utf8StringArray _outputNames;

    internal InferenceSession(OnnxRuntimeEnvironment environment, string name, OrtSessionHandle handle,
        ExecutionProvider executionProvider, string? fallbackReason)
    {
        _environment = environment;
        _handle = handle;
        Name = name;
        ExecutionProvider = executionProvider;
        FallbackReason = fallbackReason;
        var runtime = environment.Runtime;
        Inputs = Describe(runtime, handle, runtime.GetInputCount(handle), input: true);
        Outputs = Describe(runtime, handle, runtime.GetOutputCount(handle), input: false);
        _inputNames = new Utf8StringArray(Inputs.Select(i => i.Name).ToArray());
        _outputNames = new Utf8StringArray(Outputs.Select(o => o.Name).ToArray());
    }

    /// <summary>The model's name (its manifest name, or the file name).</summary>
    public string Name { get; }

    /// <summary>The provider the session actually runs on.</summary>
    public ExecutionProvider ExecutionProvider { get; }

    /// <summary>Why CUDA was not used although it was asked for; null otherwise.</summary>
    public string? FallbackReason { get; }

    /// <summary>The model's inputs, in the model's order.</summary>
    public IReadOnlyList<TensorInfo> Inputs { get; }

    /// <summary>The model's outputs, in the model's order.</summary>
    public IReadOnlyList<TensorInfo> Outputs { get; }

    /// <summary>Runs the model on float inputs (by name) and returns every output, copied out.</summary>
    /// <exception cref="ArgumentException">An input name the model does not have, or inputs missing.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime rejected the inputs (shape, type) or failed.</exception>
    public IReadOnlyDictionary<string, FloatTensor> Run(IReadOnlyDictionary<string, FloatTensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var runtime = _environment.Runtime;
        var count = inputs.Count;
        var pins = new MemoryHandle[count];
        var values = new OrtValueHandle?[count];
        var names = stackalloc nint[Math.Max(1, count)];
        var inputValues = stackalloc nint[Math.Max(1, count)];
        var outputCount = Outputs.Count;
        var outputValues = stackalloc nint[Math.Max(1, outputCount)];
        new Span<nint>(outputValues, Math.Max(1, outputCount)).Clear();
        var addedRef = false;
        try
        {
            _handle.DangerousAddRef(ref addedRef);
            var i = 0;
            foreach (var (name, tensor) in inputs)
            {
                names[i] = _inputNames.Pointer[InputIndex(name)];
                pins[i] = tensor.Data.Pin();
                values[i] = runtime.CreateTensor(_environment.CpuMemory, (float*)pins[i].Pointer, tensor.Data.Length, tensor.ShapeSpan);
                inputValues[i] = values[i]!.DangerousGetHandle();
                i++;
            }

            runtime.Run(_handle, names, inputValues, count, _outputNames.Pointer, outputCount, outputValues);
            return CopyOutputs(runtime, outputValues);
        }
        finally
        {
            for (var j = 0; j < outputCount; j++)
            {
                if (outputValues[j] != 0)
                {
                    runtime.Release(OrtApiIndex.ReleaseValue, outputValues[j]);
                }
            }

            for (var j = 0; j < count; j++)
            {
                values[j]?.Dispose();
                pins[j].Dispose();
            }

            if (addedRef)
            {
                _handle.DangerousRelease();
            }
        }
    }

    /// <summary>Runs a model with one input and returns the output named <paramref name="output"/>.</summary>
    public FloatTensor Run(string input, FloatTensor tensor, string output)
    {
        var outputs = Run(new Dictionary<string, FloatTensor>(StringComparer.Ordinal) { [input] = tensor });
        return outputs.TryGetValue(output, out var result)
            ? result
            : throw new ArgumentException($"Model {Name} has no output '{output}'; it has: {string.Join(", ", Outputs.Select(o => o.Name))}.", nameof(output));
    }

    private Dictionary<string, FloatTensor> CopyOutputs(OnnxRuntime runtime, nint* outputValues)
    {
        var result = new Dictionary<string, FloatTensor>(Outputs.Count, StringComparer.Ordinal);
        for (var j = 0; j < Outputs.Count; j++)
        {
            using var value = new OrtValueHandle(runtime, outputValues[j]);
            outputValues[j] = 0;
            var (type, shape, data) = runtime.GetTensor(value);
            if (type != TensorElementType.Float)
            {
                throw new NotSupportedException($"Model {Name} output '{Outputs[j].Name}' is {type}; only float outputs are supported.");
            }

            var copy = new float[runtime.GetElementCount(value)];
            new ReadOnlySpan<float>((void*)data, copy.Length).CopyTo(copy);
            result[Outputs[j].Name] = new FloatTensor(copy, shape);
        }

        return result;
    }

    private int InputIndex(string name)
    {
        for (var i = 0; i < Inputs.Count; i++)
        {
            if (string.Equals(Inputs[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"Model {Name} has no input '{name}'; it has: {string.Join(", ", Inputs.Select(x => x.Name))}.", nameof(name));
    }

    private static TensorInfo[] Describe(OnnxRuntime runtime, OrtSessionHandle handle, nuint count, bool input)
    {
        var result = new TensorInfo[(int)count];
        for (nuint i = 0; i < count; i++)
        {
            var (type, shape) = runtime.GetTypeAndShape(handle, i, input);
            result[i] = new TensorInfo(runtime.GetName(handle, i, input), type, shape);
        }

        return result;
    }

    /// <summary>Releases the native session.</summary>
    public void Dispose()
    {
        _handle.Dispose();
        _inputNames.Dispose();
        _outputNames.Dispose();
    }
}
