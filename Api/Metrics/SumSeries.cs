namespace SampleMind.Api.Metrics;

/// <summary>A counter's running sum, or a gauge's last value.</summary>
public sealed class SumSeries
{
    private double _value;
    private readonly Lock _lock = new();

    public double Value
    {
        get
        {
            lock (_lock)
            {
                return _value;
            }
        }
    }

    internal void Add(double value)
    {
        lock (_lock)
        {
            _value += value;
        }
    }

    internal void Set(double value)
    {
        lock (_lock)
        {
            _value = value;
        }
    }
}
