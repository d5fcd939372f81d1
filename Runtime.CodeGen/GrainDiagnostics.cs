using Microsoft.CodeAnalysis;

namespace SampleMind.Runtime.CodeGen;

/// <summary>The generator's diagnostics (all errors: the grain cannot be called correctly otherwise).</summary>
internal static class GrainDiagnostics
{
    public static readonly DiagnosticDescriptor UnsupportedReturnType = new(
        "SMRT001", "Unsupported grain method return type",
        "Grain method {0}.{1} returns {2}: grain methods must return Task, Task<T>, ValueTask or ValueTask<T>",
        "SampleMind.Runtime", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedMember = new(
        "SMRT002", "Unsupported grain interface member",
        "{0}.{1} cannot be called through a grain reference: {2}",
        "SampleMind.Runtime", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedGrainClass = new(
        "SMRT003", "Grain class cannot be activated",
        "Grain class {0} cannot be activated: {1}",
        "SampleMind.Runtime", DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static DiagnosticDescriptor Find(string id) => id switch
    {
        "SMRT001" => UnsupportedReturnType,
        "SMRT002" => UnsupportedMember,
        _ => UnsupportedGrainClass,
    };
}
