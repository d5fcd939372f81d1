using Microsoft.Extensions.Options;
using SampleMind.GpuWorker.Inference;

namespace SampleMind.GpuWorker.Hosting;

/// <summary>
/// What this process's GPU work handlers did lately, for the dashboard's GPU panel: requests and
/// outputs finished, outputs per second over the last request, the last batch size (stems or
/// variations per request), the last method and whether the work ran without CUDA.
/// </summary>
public sealed class GpuWorkerStats(IOptions<OnnxRuntimeOptions> runtime)
{
    private readonly Lock _gate = new();
    private long _requests;
    private long _items;
    private double _itemsPerSecond;
    private int _batchSize;
    private string? _method;

    /// <summary>Requests finished since start.</summary>
    public long Requests { get { lock (_gate) { return _requests; } } }

    /// <summary>Output files (stems, variations) made since start.</summary>
    public long Items { get { lock (_gate) { return _items; } } }

    /// <summary>Outputs per second of the last request.</summary>
    public double ItemsPerSecond { get { lock (_gate) { return _itemsPerSecond; } } }

    /// <summary>Outputs of the last request.</summary>
    public int BatchSize { get { lock (_gate) { return _batchSize; } } }

    /// <summary>The last method used ("dsp-hpss", "model:&lt;name&gt;"...), null before the first request.</summary>
    public string? Method { get { lock (_gate) { return _method; } } }

    /// <summary>True when the work runs on the CPU: a DSP method, or no CUDA execution provider configured.</summary>
    public bool CpuFallback
    {
        get
        {
            lock (_gate)
            {
                var model = _method is not null && _method.StartsWith("model:", StringComparison.Ordinal);
                return !model || runtime.Value.ExecutionProvider != ExecutionProvider.Cuda;
            }
        }
    }

    /// <summary>Records one finished request.</summary>
    public void Record(string method, int outputs, TimeSpan elapsed)
    {
        lock (_gate)
        {
            _requests++;
            _items += outputs;
            _batchSize = outputs;
            _method = method;
            _itemsPerSecond = elapsed > TimeSpan.Zero ? outputs / elapsed.TotalSeconds : 0;
        }
    }
}
