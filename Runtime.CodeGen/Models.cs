using Microsoft.CodeAnalysis;

namespace SampleMind.Runtime.CodeGen;

/// <summary>How a grain method returns.</summary>
internal enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

internal sealed record ParameterModel(string Name, string Type);

internal sealed record MethodModel(
    string Name,
    string DeclaringInterface,
    ReturnKind Kind,
    string ReturnType,
    string ResultType,
    EquatableArray<ParameterModel> Parameters,
    int MethodId,
    bool AlwaysInterleave);

internal sealed record InterfaceModel(
    string FullName,
    string SafeName,
    bool IsObserver,
    int InterfaceId,
    EquatableArray<MethodModel> Methods,
    EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A constructor argument: a service, or a persistent state (when <see cref="StateName"/> is set).</summary>
internal sealed record ConstructorArgument(
    string Type, string? StateType, string? StateName, string? StorageName, bool StateHasDefaultConstructor, bool ReadOnActivation = true);

internal sealed record GrainClassModel(
    string FullName,
    string GrainType,
    bool IsReentrant,
    string? PlacementRole,
    EquatableArray<string> Interfaces,
    EquatableArray<ConstructorArgument> Arguments,
    EquatableArray<DiagnosticInfo> Diagnostics,
    double? CollectionAgeSeconds = null);

/// <summary>A diagnostic kept by value (descriptor id, location, message arguments).</summary>
internal sealed record DiagnosticInfo(string Id, Location? Location, EquatableArray<string> Arguments);
