namespace SampleMind.Api.Metrics;

/// <summary>Names of the runtime's instruments that the dashboard reads.</summary>
internal static class RuntimeInstruments
{
    public const string Calls = "samplemind.grain.calls";
    public const string CallDuration = "samplemind.grain.call.duration";
    public const string Failures = "samplemind.grain.failures";
    public const string Activations = "samplemind.grain.activations";
    public const string GrainTypeTag = "grain_type";
    public const string MethodTag = "method";
}
